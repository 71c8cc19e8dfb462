#pragma once
// An X server for a test: the one at $DISPLAY when one answers there, else a private Xvfb that
// this object starts (with -displayfd, so no display number is guessed) and stops. While it
// lives, $DISPLAY names it.
#include <optional>
#include <string>

class TestXServer {
public:
    TestXServer();
    ~TestXServer();
    TestXServer(const TestXServer&) = delete;
    TestXServer& operator=(const TestXServer&) = delete;

    // Empty when there is an X server; else why there is none (for the skip message).
    const std::string& unavailable() const { return m_unavailable; }

private:
    bool start_xvfb();

    int m_xvfb_pid = -1;
    std::optional<std::string> m_previous_display;
    std::string m_unavailable;
};

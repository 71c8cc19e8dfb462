#include "support/x_server.hpp"

#include "support/dpms_observer.hpp"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

bool answers()
{
    return std::getenv("DISPLAY") && DpmsObserver().connected();
}

// The display number Xvfb writes to -displayfd once it accepts connections; -1 on failure or
// after 10 s.
int read_display_number(int fd)
{
    std::string digits;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, 200) <= 0)
            continue;
        char c = 0;
        const ssize_t n = ::read(fd, &c, 1);
        if (n <= 0)
            return -1;
        if (c == '\n')
            return digits.empty() ? -1 : std::stoi(digits);
        digits += c;
    }
    return -1;
}

}  // namespace

TestXServer::TestXServer()
{
    if (const char* display = std::getenv("DISPLAY"))
        m_previous_display = display;
    if (answers())
        return;
    if (!start_xvfb())
        m_unavailable = "no X server answers at $DISPLAY and Xvfb (Debian package xvfb) could not be started";
}

bool TestXServer::start_xvfb()
{
    if (::access("/usr/bin/Xvfb", X_OK) != 0)
        return false;
    int pipe_ends[2];
    if (::pipe(pipe_ends) != 0)
        return false;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(pipe_ends[0]);
        const std::string fd = std::to_string(pipe_ends[1]);
        // -noreset: by default the server resets when its last client leaves, and refuses
        // connections meanwhile (the check that it answers is such a client).
        ::execl("/usr/bin/Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-nolisten", "tcp", "-noreset", "-screen", "0", "640x480x24",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(pipe_ends[1]);
    const int display = pid > 0 ? read_display_number(pipe_ends[0]) : -1;
    ::close(pipe_ends[0]);
    if (pid > 0)
        m_xvfb_pid = pid;
    if (display < 0)
        return false;
    ::setenv("DISPLAY", (":" + std::to_string(display)).c_str(), 1);
    return answers();
}

TestXServer::~TestXServer()
{
    if (m_xvfb_pid > 0) {
        ::kill(m_xvfb_pid, SIGTERM);
        int status = 0;
        while (::waitpid(m_xvfb_pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    if (m_previous_display)
        ::setenv("DISPLAY", m_previous_display->c_str(), 1);
    else
        ::unsetenv("DISPLAY");
}

#pragma once
// What the fetcher's tests share: a stderr capture for what gets logged, sources for the test
// server, and SourceDriver, which polls one SourcePoller by hand on the test's own thread.
#include "feed/fetcher.hpp"
#include "feed/source_poller.hpp"
#include "feed/http_client.hpp"
#include "feed_fixtures.hpp"
#include "feed_server.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#define REQUIRE_SERVER(server) REQUIRE_MESSAGE((server).ok(), (server).error())

namespace signage::feed {

namespace feed_test {

// Sends this process's stderr to a file while it lives, for tests of what gets logged.
class StderrCapture {
public:
    explicit StderrCapture(std::filesystem::path path) : m_path(std::move(path))
    {
        std::fflush(stderr);
        m_saved = ::dup(STDERR_FILENO);
        const int file = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (file >= 0) {
            ::dup2(file, STDERR_FILENO);
            ::close(file);
        }
    }
    ~StderrCapture()
    {
        std::fflush(stderr);
        if (m_saved >= 0) {
            ::dup2(m_saved, STDERR_FILENO);
            ::close(m_saved);
        }
        std::filesystem::remove(m_path);
    }
    StderrCapture(const StderrCapture&) = delete;
    StderrCapture& operator=(const StderrCapture&) = delete;

    std::string text() const { return read_file(m_path); }

private:
    std::filesystem::path m_path;
    int m_saved = -1;
};

// Waits for something a worker thread does; the limit only keeps a broken test from hanging.
template <class Predicate>
bool eventually(Predicate predicate, std::chrono::seconds limit = std::chrono::seconds{20})
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    return true;
}

inline std::size_t line_count(const std::string& text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

inline std::size_t lines_about(const std::string& log, const std::string& source_name)
{
    std::size_t count = 0;
    std::size_t at = 0;
    const std::string marker = "<4>feed: \"" + source_name + "\": ";
    while ((at = log.find(marker, at)) != std::string::npos) {
        ++count;
        at += marker.size();
    }
    return count;
}

inline std::filesystem::path scratch_dir(const std::string& name)
{
    auto path = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    return path;
}

// For TEST_CASE_FIXTURE: curl set up, the test server started, and this process's stderr
// captured in a scratch folder that goes when the test does.
class ServerFixture {
protected:
    ServerFixture() : scratch(scratch_dir("signage-fetch-test")), log(scratch / "stderr.txt") {}
    ~ServerFixture() { std::filesystem::remove_all(scratch); }
    ServerFixture(const ServerFixture&) = delete;
    ServerFixture& operator=(const ServerFixture&) = delete;

    const CurlGlobal curl;
    const FeedServer server;
    const std::filesystem::path scratch;
    StderrCapture log;
};

inline config::FeedSource http_source(std::string name, std::string url)
{
    config::FeedSource source;
    source.name = std::move(name);
    source.location = std::move(url);
    source.language = "en";
    source.poll_interval = std::chrono::seconds{300};
    return source;
}

inline std::chrono::sys_seconds new_year_2024()
{
    return std::chrono::sys_days{std::chrono::year{2024} / 1 / 1};
}

inline std::size_t count_with_notices(const std::vector<SourceUpdate>& updates)
{
    return static_cast<std::size_t>(std::ranges::count_if(updates, [](const SourceUpdate& u) { return u.notices.has_value(); }));
}

// One source polled by hand, on the calling thread: each poll is a real, blocking fetch at a
// time the test injects, the moment the poller asked for, so weeks of schedule take as long
// as the server takes to answer. Jitter is fixed at the middle of its range.
class SourceDriver {
public:
    explicit SourceDriver(config::FeedSource source, const FeedCache* cache = nullptr) : m_poller(std::move(source), cache) {}

    // The cached notices, if any, as the fetcher's start would deliver them.
    void start_from_cache()
    {
        if (auto update = m_poller.start_from_cache())
            updates.push_back(std::move(*update));
    }
    // Moves the clock to the next poll and runs it; false when the source is not polled (gone).
    bool poll()
    {
        const auto due = m_poller.due();
        if (!due)
            return false;
        advance_to(*due);
        Result<FetchedBody> result = fetch(m_poller.start_fetch());
        std::optional<SourceUpdate> update = m_poller.on_response(result, {now, wall, 0.5});
        // An alerts index: its linked alerts, one after the other, as the fetcher would.
        for (AlertLinks::LinkFetch& link : m_poller.take_link_fetches()) {
            ++link_fetches;
            Result<FetchedBody> linked = fetch(link.request);
            if (auto done = m_poller.on_link_response(link.link, linked, {now, wall, 0.5}))
                update = std::move(done);
        }
        if (update)
            updates.push_back(std::move(*update));
        return true;
    }
    void poll(int times)
    {
        for (int i = 0; i < times; ++i)
            REQUIRE(poll());
    }
    // How long after the last poll the next one is due; negative when none is.
    std::chrono::milliseconds wait_before_next() const
    {
        const auto due = m_poller.due();
        return due ? std::chrono::duration_cast<std::chrono::milliseconds>(*due - now) : std::chrono::milliseconds{-1};
    }
    SourcePoller& poller() { return m_poller; }

    std::vector<SourceUpdate> updates;
    std::size_t link_fetches = 0;  // linked alerts fetched so far
    std::chrono::steady_clock::time_point now{};
    std::chrono::sys_seconds wall = std::chrono::sys_days{std::chrono::year{2025} / 3 / 1};

private:
    void advance_to(std::chrono::steady_clock::time_point due)
    {
        if (due <= now)
            return;
        wall += std::chrono::ceil<std::chrono::seconds>(due - now);
        now = due;
    }

    SourcePoller m_poller;
};

}  // namespace feed_test

}  // namespace signage::feed

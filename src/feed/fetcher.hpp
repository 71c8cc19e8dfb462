#pragma once
// Polls feed sources on a worker thread and hands finished updates to the main thread.
//
// All network and disk work happens on that thread: HTTP through FetchPool (every due source
// at once, so a slow server delays only its own feeds), the offline cache through FeedCache.
// The main thread only calls take_updates(), which never blocks on either.
#include "config/config.hpp"
#include "feed/http_client.hpp"
#include "model/notice.hpp"
#include "util/result.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

// What changed about one source. An update either carries the source's complete new set of
// notices, or (notices == nullopt) only a change of the status fields below, which never
// touches the notices on screen:
//   - at start, from the offline cache: notices, confirmed_at = when the cache was last confirmed;
//   - a 200 that parsed into at least one notice: notices, confirmed_at = now;
//   - a 304 Not Modified (or a 200 with the very same body): no notices, confirmed_at = now;
//   - the first failure after a success (or at start): no notices, failing = true;
//   - a 410 Gone: no notices, gone = true (failing too): the source is not polled again.
// A failure that lasts sends nothing more, so there is no update per retry. Updates not yet
// taken are merged per source, so take_updates() returns at most one per source.
// The screen can show "updated HH:MM" from confirmed_at when failing is true, or when
// confirmed_at is older than a few poll intervals.
struct SourceUpdate {
    std::string source_name;
    std::optional<std::vector<Notice>> notices;
    // When this source's notices were last known current (a 200 or a 304); epoch when never.
    std::chrono::sys_seconds confirmed_at{};
    bool failing = false;  // the latest attempt failed; the notices on screen are the last good ones
    bool gone = false;     // the server answered 410 Gone: polling stopped until restart
};

// Fetch and parse one source, blocking (the `render` command). No cache, no conditional GET;
// a feed without notices gives an empty list (only the fetcher refuses one, to keep the last
// good notices on screen). Errors read `feed "<name>": <url>: <reason>`.
Result<std::vector<Notice>> read_source(const FeedSource& source);
// The same, cancelled (an error) soon after `stop` is requested.
Result<std::vector<Notice>> read_source(const FeedSource& source, std::stop_token stop);

// The request FeedFetcher and read_source() send for a source: its URL, limits and headers.
FetchRequest request_for(const FeedSource& source);

struct FetcherOptions {
    // Where each source's last good body is kept (FeedCache); nullopt: no cache. Only http and
    // https sources use it: a file:// feed is already on this machine.
    std::optional<std::filesystem::path> cache_directory;
    // For tests only: poll intervals and retry delays (not timeouts) are multiplied by this,
    // so a test runs a schedule of minutes in milliseconds.
    double time_scale = 1.0;
};

class FeedFetcher {
public:
    // `wake` is called on the worker thread after an update is queued (push an SDL event, say).
    FeedFetcher(std::vector<FeedSource> sources, std::function<void()> wake, FetcherOptions options = {});
    ~FeedFetcher();  // stops and joins the worker, abandoning transfers in flight
    FeedFetcher(const FeedFetcher&) = delete;
    FeedFetcher& operator=(const FeedFetcher&) = delete;

    // Updates since the last call, oldest first, at most one per source. Never blocks on the
    // network or the disk.
    std::vector<SourceUpdate> take_updates();

private:
    void run();
    void deliver(SourceUpdate update);

    std::vector<FeedSource> m_sources;
    std::function<void()> m_wake;
    FetcherOptions m_options;
    std::mutex m_mutex;
    std::vector<SourceUpdate> m_pending;
    std::atomic<bool> m_stopping{false};
    FetchPool m_pool;      // used by the worker only, but woken from the destructor
    std::thread m_worker;  // last: starts after everything it uses exists
};

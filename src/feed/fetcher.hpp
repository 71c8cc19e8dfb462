#pragma once
// Polls feed sources on a worker thread and hands finished updates to the main thread.
//
// All network and disk work happens on that thread: HTTP through FetchPool (every due source
// at once, so a slow server delays only its own feeds), the offline cache through FeedCache.
// What each source does with a response is SourcePoller's; this file is only the thread that
// drives the pollers and the queue of updates. The main thread only calls take_updates(),
// which never blocks on either.
#include "config/feed_settings.hpp"
#include "feed/http_client.hpp"
#include "feed/source_poller.hpp"

#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <vector>

namespace signage::feed {

struct FetcherOptions {
    // Where each source's last good body is kept (FeedCache); nullopt: no cache. Only http and
    // https sources use it: a file:// feed is already on this machine.
    std::optional<std::filesystem::path> cache_directory;
};

// Updates not yet taken are merged per source, so take_updates() returns at most one per source.
class FeedFetcher {
public:
    // `wake` is called on the worker thread after an update is queued (push an SDL event, say).
    FeedFetcher(std::vector<config::FeedSource> sources, std::function<void()> wake, FetcherOptions options = {});
    // Stops and joins the worker, abandoning transfers in flight; waits at most for a cache
    // write in progress. Safe on any thread but the worker's own (that is, not from `wake`):
    // nothing of the fetcher belongs to the thread that created it.
    ~FeedFetcher();
    FeedFetcher(const FeedFetcher&) = delete;
    FeedFetcher& operator=(const FeedFetcher&) = delete;

    // Updates since the last call, oldest first, at most one per source. Never blocks on the
    // network or the disk.
    std::vector<SourceUpdate> take_updates();

private:
    void run();
    void deliver(SourceUpdate update);

    std::vector<config::FeedSource> m_sources;
    std::function<void()> m_wake;
    FetcherOptions m_options;
    std::mutex m_mutex;
    std::vector<SourceUpdate> m_pending;
    std::stop_source m_stop;  // also ends a parse in progress
    FetchPool m_pool;      // used by the worker only, but woken from the destructor
    std::thread m_worker;  // last: starts after everything it uses exists
};

}  // namespace signage::feed

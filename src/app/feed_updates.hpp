#pragma once
// The player's feed fetcher, and the ones it replaced: a replaced fetcher is stopped and
// destroyed on a thread of its own, so that the render thread never waits for a transfer to
// end or a cache file to reach the disk.
#include "config/config.hpp"
#include "feed/fetcher.hpp"

#include <atomic>
#include <functional>
#include <list>
#include <memory>
#include <thread>
#include <vector>

namespace signage::app {

// What the player needs of a fetcher; tests put in their own.
class FeedUpdates {
public:
    virtual ~FeedUpdates() = default;
    // Never blocks (FeedFetcher::take_updates).
    virtual std::vector<feed::SourceUpdate> take_updates() = 0;
};

// Makes the fetcher for a configuration; `wake` is called from any thread when updates wait.
using FetcherFactory = std::function<std::unique_ptr<FeedUpdates>(const config::Config& config, std::function<void()> wake)>;
// The real one: a FeedFetcher with the config's sources and offline cache.
std::unique_ptr<FeedUpdates> make_feed_fetcher(const config::Config& config, std::function<void()> wake);

class FetcherSlot {
public:
    explicit FetcherSlot(FetcherFactory factory) : m_factory(std::move(factory)) {}
    ~FetcherSlot();  // the fetcher, then every retired one, stopped and joined
    FetcherSlot(const FetcherSlot&) = delete;
    FetcherSlot& operator=(const FetcherSlot&) = delete;

    // A new fetcher for `config`; the one before it goes to a retiring thread.
    void start(const config::Config& config, std::function<void()> wake);
    std::vector<feed::SourceUpdate> take_updates();
    // Retiring threads still destroying their fetcher.
    std::size_t retiring() const;

private:
    struct Retiring {
        std::thread thread;
        std::atomic<bool> done = false;
    };
    void retire(std::unique_ptr<FeedUpdates> fetcher);
    void join_finished();

    FetcherFactory m_factory;
    std::unique_ptr<FeedUpdates> m_fetcher;
    std::list<Retiring> m_retiring;
};

}  // namespace signage::app

#include "app/feed_updates.hpp"

#include "feed/feed_cache.hpp"

#include <algorithm>

namespace signage::app {

namespace {

class RealFetcher final : public FeedUpdates {
public:
    RealFetcher(std::vector<config::FeedSource> sources, std::function<void()> wake, feed::FetcherOptions options)
        : m_fetcher(std::move(sources), std::move(wake), std::move(options))
    {
    }
    std::vector<feed::SourceUpdate> take_updates() override { return m_fetcher.take_updates(); }

private:
    feed::FeedFetcher m_fetcher;
};

}  // namespace

std::unique_ptr<FeedUpdates> make_feed_fetcher(const config::Config& config, std::function<void()> wake)
{
    feed::FetcherOptions options;
    if (config.offline_cache)
        options.cache_directory = config.cache_directory.value_or(feed::default_cache_directory());
    return std::make_unique<RealFetcher>(config.feeds, std::move(wake), std::move(options));
}

FetcherSlot::~FetcherSlot()
{
    m_fetcher.reset();
    for (auto& retiring : m_retiring)
        retiring.thread.join();
}

void FetcherSlot::start(const config::Config& config, std::function<void()> wake)
{
    join_finished();
    // The old fetcher may be mid-transfer or mid-fsync: it stops on its own thread. The new
    // one starts beside it: each cache write has a temporary file of its own and replaces the
    // entry whole by a rename, so the two never mix (feed/feed_cache.cpp).
    retire(std::move(m_fetcher));
    m_fetcher = m_factory(config, std::move(wake));
}

std::vector<feed::SourceUpdate> FetcherSlot::take_updates()
{
    return m_fetcher ? m_fetcher->take_updates() : std::vector<feed::SourceUpdate>{};
}

std::size_t FetcherSlot::retiring() const
{
    return static_cast<std::size_t>(std::count_if(m_retiring.begin(), m_retiring.end(),
                                                  [](const Retiring& retiring) { return !retiring.done; }));
}

void FetcherSlot::retire(std::unique_ptr<FeedUpdates> fetcher)
{
    if (!fetcher)
        return;
    Retiring& retiring = m_retiring.emplace_back();
    retiring.thread = std::thread([&retiring, old = std::move(fetcher)]() mutable {
        old.reset();
        retiring.done = true;
    });
}

void FetcherSlot::join_finished()
{
    for (auto it = m_retiring.begin(); it != m_retiring.end();) {
        if (it->done) {
            it->thread.join();
            it = m_retiring.erase(it);
        } else {
            ++it;
        }
    }
}

}  // namespace signage::app

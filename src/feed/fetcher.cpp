#include "feed/fetcher.hpp"

#include "feed/feed_cache.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <utility>

namespace signage::feed {

namespace {

using Clock = std::chrono::steady_clock;

// Starts the due sources' fetches; returns when the next of the others is due.
Clock::time_point start_due(std::vector<SourcePoller>& pollers, FetchPool& pool, Clock::time_point now)
{
    auto next_due = now + std::chrono::hours{1};
    for (std::size_t i = 0; i < pollers.size(); ++i) {
        const auto due = pollers[i].due();
        if (!due)
            continue;
        if (*due <= now)
            pool.start(i, pollers[i].start_fetch());
        else
            next_due = std::min(next_due, *due);
    }
    return next_due;
}

// The linked alerts' fetches in flight: transfer ids from the number of pollers up, each
// naming its poller and its link.
struct LinkTransfers {
    struct Link {
        std::size_t poller;
        std::size_t link;
    };
    std::map<FetchPool::TransferId, Link> in_flight;
    FetchPool::TransferId next_id = 0;

    void start(std::size_t poller_index, SourcePoller& poller, FetchPool& pool)
    {
        for (AlertLinks::LinkFetch& fetch : poller.take_link_fetches()) {
            const FetchPool::TransferId id = next_id++;
            in_flight.emplace(id, Link{poller_index, fetch.link});
            pool.start(id, fetch.request);
        }
    }
};

}  // namespace

FeedFetcher::FeedFetcher(std::vector<config::FeedSource> sources, std::function<void()> wake, FetcherOptions options)
    : m_sources(std::move(sources)), m_wake(std::move(wake)), m_options(std::move(options))
{
    m_worker = std::thread(&FeedFetcher::run, this);
}

FeedFetcher::~FeedFetcher()
{
    m_stop.request_stop();
    m_pool.wake();
    if (m_worker.joinable())
        m_worker.join();
}

std::vector<SourceUpdate> FeedFetcher::take_updates()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_pending, {});
}

void FeedFetcher::deliver(SourceUpdate update)
{
    {
        std::lock_guard lock(m_mutex);
        auto pending = std::ranges::find(m_pending, update.source_name, &SourceUpdate::source_name);
        if (pending == m_pending.end()) {
            m_pending.push_back(std::move(update));
        }
        else {
            // Not taken yet: the newest status wins, and notices (alerts) are replaced only by notices (alerts).
            if (update.notices)
                pending->notices = std::move(update.notices);
            if (update.alerts)
                pending->alerts = std::move(update.alerts);
            pending->confirmed_at = update.confirmed_at;
            pending->failing = update.failing;
            pending->gone = update.gone;
            pending->status = std::move(update.status);
        }
    }
    if (m_wake)
        m_wake();
}

void FeedFetcher::run()
{
    std::optional<FeedCache> cache;
    if (m_options.cache_directory)
        cache.emplace(*m_options.cache_directory);
    std::vector<SourcePoller> pollers;
    pollers.reserve(m_sources.size());
    for (const config::FeedSource& source : m_sources)
        pollers.emplace_back(source, cache ? &*cache : nullptr, m_stop.get_token());

    for (SourcePoller& poller : pollers) {
        if (m_stop.stop_requested())
            return;
        if (auto update = poller.start_from_cache())
            deliver(std::move(*update));
    }

    std::mt19937_64 random{std::random_device{}()};
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    LinkTransfers links{{}, pollers.size()};
    while (!m_stop.stop_requested()) {
        const auto next_due = start_due(pollers, m_pool, Clock::now());
        auto finished = m_pool.run_until(next_due);
        if (m_stop.stop_requested())
            return;
        for (auto& [id, result] : finished) {
            const PollMoment moment{Clock::now(), std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()),
                                    unit(random)};
            if (id >= pollers.size()) {  // a linked alert: the source's update waits for the last one
                const auto link = links.in_flight.extract(id);
                if (auto update = link ? pollers[link.mapped().poller].on_link_response(link.mapped().link, result, moment) : std::nullopt)
                    deliver(std::move(*update));
                continue;
            }
            // Every attempt reaches the status, also one that changes nothing on screen, except
            // an index whose linked alerts are still to come.
            SourcePoller& poller = pollers[static_cast<std::size_t>(id)];
            std::optional<SourceUpdate> update = poller.on_response(result, moment);
            links.start(static_cast<std::size_t>(id), poller, m_pool);
            if (update || !poller.fetching_links())
                deliver(update ? std::move(*update) : poller.status_update());
        }
    }
}

}  // namespace signage::feed

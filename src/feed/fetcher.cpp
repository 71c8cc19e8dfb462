#include "feed/fetcher.hpp"

#include "feed/feed_parser.hpp"
#include "feed/http_client.hpp"
#include "platform/log.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <utility>

namespace {

using Clock = std::chrono::steady_clock;

// A failing source is retried sooner than its poll interval, so a screen that booted before
// the network came up shows notices soon after it does.
constexpr std::chrono::seconds kFirstRetry{30};
constexpr std::chrono::seconds kShortestInterval{1};

std::string source_prefix(const FeedSource& source)
{
    return "feed \"" + source.name + "\": ";
}

std::chrono::seconds interval_of(const FeedSource& source)
{
    return std::max(source.poll_interval, kShortestInterval);
}

}  // namespace

Result<std::vector<Notice>> read_source(const FeedSource& source)
{
    return read_source(source, std::stop_token{});
}

Result<std::vector<Notice>> read_source(const FeedSource& source, std::stop_token stop)
{
    auto fetched = fetch_url(source.location, FetchLimits{}, std::move(stop));
    if (!fetched)
        return Error{source_prefix(source) + fetched.error().message};
    auto parsed = parse_feed(fetched->bytes, FeedContext{source.name, source.language});
    if (!parsed)
        return Error{source_prefix(source) + source.location + ": " + parsed.error().message};
    return std::move(parsed).value().notices;
}

FeedFetcher::FeedFetcher(std::vector<FeedSource> sources, std::function<void()> wake)
    : m_sources(std::move(sources)), m_wake(std::move(wake))
{
    m_worker = std::thread(&FeedFetcher::run, this);
}

FeedFetcher::~FeedFetcher()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cancel.request_stop();
    m_stop_signal.notify_all();
    if (m_worker.joinable())
        m_worker.join();
}

std::vector<SourceUpdate> FeedFetcher::take_updates()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_pending, {});
}

void FeedFetcher::run()
{
    struct SourceState {
        Clock::time_point due;
        Clock::duration retry_delay{};
        std::string logged_error;  // the last reason logged, so a lasting failure logs once
    };
    std::vector<SourceState> states(m_sources.size(), SourceState{Clock::now(), {}, {}});
    const std::stop_token stop = m_cancel.get_token();

    for (;;) {
        for (std::size_t i = 0; i < m_sources.size(); ++i) {
            SourceState& state = states[i];
            if (stop.stop_requested())
                return;
            if (Clock::now() < state.due)
                continue;
            const FeedSource& source = m_sources[i];
            const auto interval = interval_of(source);

            std::optional<std::vector<Notice>> notices;
            std::string error;
            try {
                auto result = read_source(source, stop);
                if (result)
                    notices = std::move(result).value();
                else
                    error = result.error().message;
            }
            catch (const std::exception& e) {
                // An exception leaving this thread would terminate the player.
                error = source_prefix(source) + e.what();
            }
            if (stop.stop_requested())
                return;

            if (notices) {
                state.logged_error.clear();
                state.retry_delay = {};
                state.due = Clock::now() + interval;
                {
                    std::lock_guard lock(m_mutex);
                    m_pending.push_back({source.name, std::move(*notices)});
                }
                if (m_wake)
                    m_wake();
            }
            else {
                if (error != state.logged_error) {
                    log_line(error);
                    state.logged_error = error;
                }
                state.retry_delay = state.retry_delay == Clock::duration{}
                                      ? Clock::duration{std::min(interval, kFirstRetry)}
                                      : std::min<Clock::duration>(state.retry_delay * 2, interval);
                state.due = Clock::now() + state.retry_delay;
            }
        }

        std::unique_lock lock(m_mutex);
        const auto stopping = [this] { return m_stopping; };
        if (states.empty()) {
            m_stop_signal.wait(lock, stopping);
            return;
        }
        const auto next_due = std::min_element(states.begin(), states.end(),
            [](const SourceState& a, const SourceState& b) { return a.due < b.due; })->due;
        if (m_stop_signal.wait_until(lock, next_due, stopping))
            return;
    }
}

#include "app/status_tracker.hpp"

#include <algorithm>
#include <numeric>

namespace signage::app {

namespace {

std::string result_name(feed::FetchOutcome outcome)
{
    switch (outcome) {
    case feed::FetchOutcome::none:
        break;
    case feed::FetchOutcome::cached:
        return "cached";
    case feed::FetchOutcome::ok:
        return "ok";
    case feed::FetchOutcome::not_modified:
        return "not modified";
    case feed::FetchOutcome::failed:
        return "failed";
    case feed::FetchOutcome::gone:
        return "gone";
    }
    return "waiting";
}

// Unix seconds; nullopt for the epoch, which the feed side uses for "none".
std::optional<std::int64_t> unix_seconds(std::chrono::sys_seconds time)
{
    const std::int64_t seconds = time.time_since_epoch().count();
    return seconds != 0 ? std::optional(seconds) : std::nullopt;
}

// A time on the fetcher's monotonic clock as a wall time, for display: a poll already due
// starts now.
std::int64_t wall_time_of(StatusTracker::Monotonic when, StatusTracker::Monotonic now, std::chrono::sys_seconds wall)
{
    const auto ahead = std::chrono::ceil<std::chrono::seconds>(std::max(when - now, StatusTracker::Monotonic::duration::zero()));
    return (wall + ahead).time_since_epoch().count();
}

}  // namespace

ScreenHealth screen_health(const BoardState& board, std::size_t alerts_on_screen, const render::Playback& playback,
                           const platform::Display& display, bool screen_built, bool schedule_on)
{
    ScreenHealth screen{board.notices().size(), board.urgent_shown(), alerts_on_screen, playback.crawl_travelled(),
                        display.renderer() != nullptr && screen_built, display.renderer_name(), 0, 0, schedule_on};
    display.output_size(screen.width, screen.height);
    return screen;
}

void StatusTracker::use_sources(const std::vector<config::FeedSource>& sources)
{
    m_order.clear();
    std::map<std::string, Tracked> kept;
    for (const config::FeedSource& source : sources) {
        m_order.push_back(source.name);
        auto found = m_sources.find(source.name);
        Tracked tracked = found != m_sources.end() ? std::move(found->second) : Tracked{};
        tracked.health.name = source.name;
        // A new fetcher counts its failures from zero.
        tracked.failures_before = tracked.health.failures;
        kept[source.name] = std::move(tracked);
    }
    m_sources = std::move(kept);
}

void StatusTracker::saw(const std::vector<feed::SourceUpdate>& updates, std::chrono::sys_seconds now)
{
    for (const feed::SourceUpdate& update : updates) {
        auto found = m_sources.find(update.source_name);
        if (found == m_sources.end())
            continue;  // a source a reload removed, answering late
        Tracked& tracked = found->second;
        SourceHealth& health = tracked.health;
        const feed::SourceStatus& status = update.status;
        health.last_update = now.time_since_epoch().count();
        if (update.confirmed_at.time_since_epoch().count() != 0)
            health.last_success = update.confirmed_at.time_since_epoch().count();
        if (update.notices)
            health.items = static_cast<std::int64_t>(update.notices->size());
        if (status.outcome == feed::FetchOutcome::none)
            continue;  // nothing tried yet
        health.result = result_name(status.outcome);
        health.message = status.error;
        health.http_status = status.http_status != 0 ? std::optional<int>(static_cast<int>(status.http_status)) : std::nullopt;
        health.last_attempt = unix_seconds(status.attempted_at);
        health.failing_since = unix_seconds(status.failing_since);
        health.items = static_cast<std::int64_t>(status.items);
        health.consecutive_failures = status.consecutive_failures;
        health.failures = tracked.failures_before + status.total_failures;
        tracked.next_poll = status.next_poll;
    }
}

void StatusTracker::advance_to(Monotonic now)
{
    const std::int64_t second = std::chrono::duration_cast<std::chrono::seconds>(now - m_start).count();
    if (second - m_second >= static_cast<std::int64_t>(m_frames.size())) {
        m_frames.fill(0);
        m_late.fill(0);
        m_second = second;
    }
    while (m_second < second) {
        ++m_second;
        const std::size_t slot = static_cast<std::size_t>(m_second) % m_frames.size();
        m_frames[slot] = 0;
        m_late[slot] = 0;
    }
}

void StatusTracker::frame_drawn(Monotonic now, bool late)
{
    advance_to(now);
    const std::size_t slot = static_cast<std::size_t>(m_second) % m_frames.size();
    ++m_frames[slot];
    ++m_frames_total;
    m_late[slot] += late;
    m_late_total += late;
}

HealthSnapshot StatusTracker::snapshot(Monotonic now, std::chrono::sys_seconds wall, std::chrono::seconds stale_after,
                                       const ScreenHealth& screen)
{
    advance_to(now);
    HealthSnapshot snapshot;
    snapshot.version = SIGNAGE_VERSION;
    snapshot.written_at = wall.time_since_epoch().count();
    snapshot.uptime_seconds = std::chrono::duration<double>(now - m_start).count();
    snapshot.stale_after_seconds = stale_after.count();
    for (const std::string& name : m_order) {
        const Tracked& tracked = m_sources[name];
        SourceHealth source = tracked.health;
        source.next_poll = tracked.next_poll ? std::optional(wall_time_of(*tracked.next_poll, now, wall)) : std::nullopt;
        source.stale = !source.last_success || snapshot.written_at - *source.last_success > snapshot.stale_after_seconds;
        snapshot.sources.push_back(std::move(source));
    }
    snapshot.notices_shown = static_cast<std::int64_t>(screen.notices_shown);
    snapshot.urgent_on_screen = static_cast<std::int64_t>(screen.urgent_on_screen);
    snapshot.alerts_on_screen = static_cast<std::int64_t>(screen.alerts_on_screen);
    snapshot.frames_last_minute = std::accumulate(m_frames.begin(), m_frames.end(), std::int64_t{0});
    snapshot.late_frames_last_minute = std::accumulate(m_late.begin(), m_late.end(), std::int64_t{0});
    snapshot.frames_total = m_frames_total;
    snapshot.late_frames_total = m_late_total;
    snapshot.crawl_pixels_total = screen.crawl_pixels;
    snapshot.display_on = screen.display_on;
    snapshot.renderer = screen.renderer;
    snapshot.width = screen.width;
    snapshot.height = screen.height;
    snapshot.schedule_on = screen.schedule_on;
    return snapshot;
}

}  // namespace signage::app

// What the render thread keeps for the health snapshot: frames per second over a sliding
// minute, and each source's latest word, with times passed in.
#include "app/status_tracker.hpp"

#include <doctest/doctest.h>

namespace signage::app {

namespace {

using namespace std::chrono_literals;

const StatusTracker::Monotonic kStart{std::chrono::hours(100)};
const std::chrono::sys_seconds kNoon{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours(12)};

config::FeedSource source_named(const std::string& name)
{
    config::FeedSource source;
    source.name = name;
    return source;
}

// An update as the fetcher sends it: the screen's part, and the attempt's status.
feed::SourceUpdate update_of(const std::string& name, std::optional<std::size_t> notices, std::chrono::sys_seconds confirmed,
                             feed::SourceStatus status)
{
    feed::SourceUpdate update;
    update.source_name = name;
    if (notices)
        update.notices = std::vector<model::Notice>(*notices);
    update.confirmed_at = confirmed;
    update.failing = status.outcome == feed::FetchOutcome::failed || status.outcome == feed::FetchOutcome::gone;
    update.gone = status.outcome == feed::FetchOutcome::gone;
    update.status = std::move(status);
    return update;
}

feed::SourceStatus status_of(feed::FetchOutcome outcome, long http_status, std::chrono::sys_seconds attempted, std::size_t items,
                             int consecutive = 0, std::int64_t total = 0)
{
    feed::SourceStatus status;
    status.outcome = outcome;
    status.http_status = http_status;
    status.attempted_at = attempted;
    status.items = items;
    status.consecutive_failures = consecutive;
    status.total_failures = total;
    if (consecutive > 0) {
        status.error = "http://127.0.0.1/feed: HTTP 503 Service Unavailable";
        status.failing_since = attempted;
    }
    return status;
}

}  // namespace

TEST_CASE("frames and late frames count over the last minute only, and in total since start")
{
    StatusTracker tracker(kStart);
    for (int frame = 0; frame < 120; ++frame)  // two seconds at 60 Hz, every tenth late
        tracker.frame_drawn(kStart + frame * 16667us, frame % 10 == 0);
    auto snapshot = tracker.snapshot(kStart + 2s, kNoon, 30min, {});
    CHECK(snapshot.frames_last_minute == 120);
    CHECK(snapshot.late_frames_last_minute == 12);
    CHECK(snapshot.uptime_seconds == doctest::Approx(2.0));
    // Half a minute on, still within the minute; a minute after the last frame, none.
    CHECK(tracker.snapshot(kStart + 31s, kNoon, 30min, {}).frames_last_minute == 120);
    snapshot = tracker.snapshot(kStart + 62s, kNoon, 30min, {});
    CHECK(snapshot.frames_last_minute == 0);
    CHECK(snapshot.late_frames_last_minute == 0);
    CHECK(snapshot.frames_total == 120);
    CHECK(snapshot.late_frames_total == 12);
    // After hours without a frame (the off hours), the next frame counts alone.
    tracker.frame_drawn(kStart + 5h, false);
    CHECK(tracker.snapshot(kStart + 5h, kNoon, 30min, {}).frames_last_minute == 1);
}

TEST_CASE("each configured source shows its latest attempt: result, HTTP status, items, failures, next poll, staleness")
{
    using feed::FetchOutcome;
    StatusTracker tracker(kStart);
    tracker.use_sources({source_named("news"), source_named("alerts")});
    auto snapshot = tracker.snapshot(kStart, kNoon, 30min, {});
    REQUIRE(snapshot.sources.size() == 2);
    CHECK(snapshot.sources[0].name == "news");
    CHECK(snapshot.sources[0].result == "waiting");
    CHECK_FALSE(snapshot.sources[0].next_poll);
    CHECK(snapshot.sources[0].stale);

    auto news_ok = status_of(FetchOutcome::ok, 200, kNoon - 10s, 12);
    news_ok.next_poll = kStart + 290s;  // the fetcher's monotonic clock
    auto alerts_failed = status_of(FetchOutcome::failed, 0, kNoon, 0, 1, 1);
    alerts_failed.next_poll = kStart - 5s;  // already due
    tracker.saw({update_of("news", 12, kNoon - 10s, news_ok), update_of("alerts", std::nullopt, {}, alerts_failed)}, kNoon);
    tracker.saw({update_of("removed", 3, kNoon, news_ok)}, kNoon);  // a source no longer configured
    snapshot = tracker.snapshot(kStart + 10s, kNoon + 10s, 30min, {});
    REQUIRE(snapshot.sources.size() == 2);
    const SourceHealth& news = snapshot.sources[0];
    CHECK(news.result == "ok");
    CHECK(news.items == 12);
    CHECK(news.http_status == 200);
    CHECK(news.last_attempt == (kNoon - 10s).time_since_epoch().count());
    CHECK(news.last_success == (kNoon - 10s).time_since_epoch().count());
    CHECK(news.last_update == kNoon.time_since_epoch().count());
    // 280 s ahead on the monotonic clock: 280 s after the snapshot's wall time.
    CHECK(news.next_poll == (kNoon + 290s).time_since_epoch().count());
    CHECK_FALSE(news.stale);
    const SourceHealth& alerts = snapshot.sources[1];
    CHECK(alerts.result == "failed");
    CHECK_FALSE(alerts.http_status);  // no response at all
    CHECK(alerts.message == "http://127.0.0.1/feed: HTTP 503 Service Unavailable");
    CHECK(alerts.failures == 1);
    CHECK(alerts.consecutive_failures == 1);
    CHECK(alerts.failing_since == kNoon.time_since_epoch().count());
    CHECK(alerts.next_poll == (kNoon + 10s).time_since_epoch().count());  // due: now
    CHECK(alerts.stale);

    // A 304 keeps the items; failures go on counting; then 410, polled no more.
    tracker.saw({update_of("news", std::nullopt, kNoon + 60s, status_of(FetchOutcome::not_modified, 304, kNoon + 60s, 12)),
                 update_of("alerts", std::nullopt, {}, status_of(FetchOutcome::failed, 503, kNoon + 60s, 0, 2, 2))},
                kNoon + 60s);
    tracker.saw({update_of("news", std::nullopt, kNoon + 60s, status_of(FetchOutcome::gone, 410, kNoon + 120s, 12, 1, 1))}, kNoon + 120s);
    snapshot = tracker.snapshot(kStart + 3h, kNoon + 3h, 30min, {});
    CHECK(snapshot.sources[0].result == "gone");
    CHECK(snapshot.sources[0].http_status == 410);
    CHECK(snapshot.sources[0].items == 12);
    CHECK_FALSE(snapshot.sources[0].next_poll);
    CHECK(snapshot.sources[0].stale);  // three hours without a success
    CHECK(snapshot.sources[1].result == "failed");
    CHECK(snapshot.sources[1].http_status == 503);
    CHECK(snapshot.sources[1].failures == 2);
    CHECK(snapshot.sources[1].consecutive_failures == 2);

    // A reload that drops a source forgets it; one kept keeps its history, and the new
    // fetcher's failures add to it.
    tracker.use_sources({source_named("alerts")});
    snapshot = tracker.snapshot(kStart + 3h, kNoon + 3h, 30min, {});
    REQUIRE(snapshot.sources.size() == 1);
    CHECK(snapshot.sources[0].failures == 2);
    tracker.saw({update_of("alerts", std::nullopt, {}, status_of(FetchOutcome::failed, 503, kNoon + 3h, 0, 1, 1))}, kNoon + 3h);
    CHECK(tracker.snapshot(kStart + 3h, kNoon + 3h, 30min, {}).sources[0].failures == 3);
}

TEST_CASE("the screen's side of a snapshot is copied as given")
{
    StatusTracker tracker(kStart);
    const auto snapshot = tracker.snapshot(kStart, kNoon, 45min, {7, 2, 3, 1234, true, "opengl", 1920, 1080, false});
    CHECK(snapshot.notices_shown == 7);
    CHECK(snapshot.urgent_on_screen == 2);
    CHECK(snapshot.alerts_on_screen == 3);
    CHECK(snapshot.crawl_pixels_total == 1234);
    CHECK(snapshot.display_on);
    CHECK(snapshot.renderer == "opengl");
    CHECK(snapshot.width == 1920);
    CHECK_FALSE(snapshot.schedule_on);
    CHECK(snapshot.stale_after_seconds == 2700);
    CHECK(snapshot.written_at == kNoon.time_since_epoch().count());
    CHECK(snapshot.version == SIGNAGE_VERSION);
}

}  // namespace signage::app

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

feed::SourceUpdate update_of(const std::string& name, std::optional<std::size_t> notices, std::chrono::sys_seconds confirmed,
                             bool failing = false, bool gone = false)
{
    feed::SourceUpdate update;
    update.source_name = name;
    if (notices)
        update.notices = std::vector<model::Notice>(*notices);
    update.confirmed_at = confirmed;
    update.failing = failing;
    update.gone = gone;
    return update;
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

TEST_CASE("each configured source shows its latest result, items, last success, failure episodes and staleness")
{
    StatusTracker tracker(kStart);
    tracker.use_sources({source_named("news"), source_named("alerts")});
    auto snapshot = tracker.snapshot(kStart, kNoon, 30min, {});
    REQUIRE(snapshot.sources.size() == 2);
    CHECK(snapshot.sources[0].name == "news");
    CHECK(snapshot.sources[0].result == "waiting");
    CHECK(snapshot.sources[0].stale);

    tracker.saw({update_of("news", 12, kNoon - 10s), update_of("alerts", std::nullopt, {}, true)}, kNoon);
    tracker.saw({update_of("alerts", std::nullopt, {}, true)}, kNoon + 5s);  // the same failure, again
    tracker.saw({update_of("removed", 3, kNoon)}, kNoon);                    // a source no longer configured
    snapshot = tracker.snapshot(kStart + 10s, kNoon + 10s, 30min, {});
    REQUIRE(snapshot.sources.size() == 2);
    CHECK(snapshot.sources[0].result == "ok");
    CHECK(snapshot.sources[0].items == 12);
    CHECK(snapshot.sources[0].last_success == (kNoon - 10s).time_since_epoch().count());
    CHECK(snapshot.sources[0].last_update == kNoon.time_since_epoch().count());
    CHECK_FALSE(snapshot.sources[0].stale);
    CHECK(snapshot.sources[1].result == "failing");
    CHECK(snapshot.sources[1].failures == 1);
    CHECK(snapshot.sources[1].stale);

    // A 304 keeps the items; a new failure after it is a second episode; then 410.
    tracker.saw({update_of("news", std::nullopt, kNoon + 60s), update_of("alerts", 2, kNoon + 60s)}, kNoon + 60s);
    tracker.saw({update_of("alerts", std::nullopt, kNoon + 60s, true)}, kNoon + 120s);
    tracker.saw({update_of("news", std::nullopt, kNoon + 60s, true, true)}, kNoon + 120s);
    snapshot = tracker.snapshot(kStart + 3h, kNoon + 3h, 30min, {});
    CHECK(snapshot.sources[0].result == "gone");
    CHECK(snapshot.sources[0].items == 12);
    CHECK(snapshot.sources[0].failures == 1);
    CHECK(snapshot.sources[0].stale);  // three hours without a success
    CHECK(snapshot.sources[1].result == "failing");
    CHECK(snapshot.sources[1].failures == 2);
    CHECK(snapshot.sources[1].items == 2);

    // A reload that drops a source forgets it; one kept keeps its history.
    tracker.use_sources({source_named("alerts")});
    snapshot = tracker.snapshot(kStart + 3h, kNoon + 3h, 30min, {});
    REQUIRE(snapshot.sources.size() == 1);
    CHECK(snapshot.sources[0].failures == 2);
}

TEST_CASE("the screen's side of a snapshot is copied as given")
{
    StatusTracker tracker(kStart);
    const auto snapshot = tracker.snapshot(kStart, kNoon, 45min, {7, 2, 1234, true, "opengl", 1920, 1080, false});
    CHECK(snapshot.notices_shown == 7);
    CHECK(snapshot.urgent_on_screen == 2);
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

#include "render/frame_clock.hpp"
#include "render/playback.hpp"
#include "render/scroller.hpp"

#include <doctest/doctest.h>

namespace signage::render {

TEST_CASE("the crawl wraps seamlessly: one cycle later it stands exactly where it was")
{
    const CrawlScroller scroller({400, 300, 500});
    REQUIRE(scroller.cycle_width() == 1200);
    for (std::int64_t travelled : {0, 1, 299, 700, 1199}) {
        CAPTURE(travelled);
        CHECK(scroller.offset_at(travelled) == travelled);
        CHECK(scroller.offset_at(travelled + 1200) == travelled);
        CHECK(scroller.offset_at(travelled + 7 * 1200) == travelled);
    }
    CHECK(scroller.offset_at(1200) == 0);
    // Weeks of uptime at 4K speeds stay exact in 64 bits.
    CHECK(scroller.offset_at(std::int64_t{60} * 60 * 24 * 90 * 60 * 8 + 5) == (std::int64_t{60} * 60 * 24 * 90 * 60 * 8 + 5) % 1200);
}

TEST_CASE("the crawl moves a whole number of pixels per refresh, the one nearest the set speed")
{
    CHECK(pixels_per_refresh(120.0, 60.0) == 2);
    CHECK(pixels_per_refresh(100.0, 60.0) == 2);  // 1.67 would alternate 1 and 2 px: judder
    CHECK(pixels_per_refresh(80.0, 60.0) == 1);
    CHECK(pixels_per_refresh(10.0, 60.0) == 1);  // never standing still
    CHECK(pixels_per_refresh(300.0, 50.0) == 6);
    CHECK(pixels_per_refresh(120.0, 144.0) == 1);
}

TEST_CASE("each frame is one refresh on, a late frame counts the refreshes it missed")
{
    RefreshCounter counter(60.0);
    const double period = 1.0 / 60.0;
    CHECK(counter.advance(10.0) == 0);  // the first frame, whenever it comes
    // Frames a little early or late around each vblank still count one refresh each.
    const double jitter[] = {0.0, 0.3, -0.3, 0.45, -0.2};
    double t = 10.0;
    for (int i = 1; i <= 5; ++i) {
        t += period;
        CHECK(counter.advance(t + jitter[i - 1] * period) == i);
    }
    // A frame that missed one refresh: two steps, so the crawl does not fall behind.
    t += 2 * period;
    CHECK(counter.advance(t) == 7);
    t += period;
    CHECK(counter.advance(t) == 8);
}

TEST_CASE("a display that runs at 59.94 Hz while it says 60 still gets exactly one step a frame")
{
    RefreshCounter counter(60.0);
    const double period = 1.0 / 59.94;
    for (int frame = 0; frame <= 60 * 60; ++frame)
        REQUIRE(counter.advance(frame * period) == frame);
}

TEST_CASE("frame statistics give the mean, the 99th percentile and the late frames")
{
    FrameStats stats(60.0, 1000);
    for (int i = 0; i < 99; ++i)
        stats.record(1.0 / 60.0);
    stats.record(3.0 / 60.0);  // one frame that missed two refreshes
    const FrameSummary summary = stats.summary();
    CHECK(summary.frames == 100);
    CHECK(summary.mean_ms == doctest::Approx((99 + 3) * 1000.0 / 60.0 / 100));
    CHECK(summary.p99_ms == doctest::Approx(1000.0 / 60.0));
    CHECK(summary.worst_ms == doctest::Approx(50.0));
    CHECK(summary.late == 1);
    stats.reset();
    CHECK(stats.summary().frames == 0);
}

TEST_CASE("placements fill the band and repeat the loop when it is shorter than the band")
{
    const CrawlScroller scroller({300, 200});
    std::vector<CrawlPlacement> placements;
    scroller.place(100, 1000, placements);
    // Items laid end to end from -100: 0@-100, 1@200, 0@400, 1@700, 0@900.
    REQUIRE(placements.size() == 5);
    const int expected_x[] = {-100, 200, 400, 700, 900};
    const std::size_t expected_item[] = {0, 1, 0, 1, 0};
    for (std::size_t i = 0; i < placements.size(); ++i) {
        CAPTURE(i);
        CHECK(placements[i].x == expected_x[i]);
        CHECK(placements[i].item == expected_item[i]);
    }
    // Consecutive items touch: no gap and no overlap anywhere in the band.
    for (std::size_t i = 1; i < placements.size(); ++i)
        CHECK(placements[i].x == placements[i - 1].x + (placements[i - 1].item == 0 ? 300 : 200));
}

TEST_CASE("an empty crawl places nothing and stands still")
{
    const CrawlScroller scroller;
    std::vector<CrawlPlacement> placements{{0, 5}};
    CHECK(scroller.offset_at(1234) == 0);
    scroller.place(0, 1920, placements);
    CHECK(placements.empty());
}

TEST_CASE("frame statistics read as one log line")
{
    FrameStats stats(60.0, 10);
    stats.record(0.016);
    stats.record(0.018);
    CHECK(describe(stats.summary()) == "frames: 2, mean 17.0 ms, p99 18.0 ms, worst 18.0 ms, 0 late");
}

TEST_CASE("the preview's pause and speed keys move the crawl on from where it stands")
{
    Playback playback(60.0, 2);
    const double period = 1.0 / 60.0;
    for (int frame = 0; frame <= 60; ++frame)
        playback.frame(frame * period);
    CHECK(playback.crawl_travelled() == 120);
    CHECK(playback.scene_seconds() == doctest::Approx(1.0));
    playback.toggle_pause();
    for (int frame = 61; frame <= 120; ++frame)
        playback.frame(frame * period);
    CHECK(playback.crawl_travelled() == 120);  // paused: nothing moves, the rotation waits too
    CHECK(playback.scene_seconds() == doctest::Approx(1.0));
    playback.toggle_pause();
    playback.faster();
    playback.frame(121 * period);
    CHECK(playback.crawl_travelled() == 123);  // on from 120, at 3 px a refresh
    playback.set_crawl_px_per_refresh(1);
    playback.frame(122 * period);
    CHECK(playback.crawl_travelled() == 124);
    CHECK(playback.crawl_px_per_s() == doctest::Approx(60.0));
}

}  // namespace signage::render

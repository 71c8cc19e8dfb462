#include "render/scroller.hpp"

#include <doctest/doctest.h>

TEST_CASE("the crawl offset grows with time at the set speed, in whole pixels")
{
    const CrawlScroller scroller({400, 300, 500});
    REQUIRE(scroller.cycle_width() == 1200);
    CHECK(scroller.offset_at(0.0, 120.0) == 0);
    CHECK(scroller.offset_at(1.0, 120.0) == 120);
    CHECK(scroller.offset_at(2.5, 120.0) == 300);
    CHECK(scroller.offset_at(1.0 / 60.0, 120.0) == 2);
}

TEST_CASE("the crawl wraps seamlessly: one cycle later it stands exactly where it was")
{
    const CrawlScroller scroller({400, 300, 500});
    const double speed = 120.0;
    const double cycle_seconds = 1200 / speed;
    for (double t : {0.0, 0.5, 3.25, 7.9, 9.99}) {
        CAPTURE(t);
        CHECK(scroller.offset_at(t + cycle_seconds, speed) == scroller.offset_at(t, speed));
        CHECK(scroller.offset_at(t + 7 * cycle_seconds, speed) == scroller.offset_at(t, speed));
    }
    // Just before the wrap the loop is at its end; just after, at its start.
    CHECK(scroller.offset_at(cycle_seconds - 1.0 / speed, speed) == 1199);
    CHECK(scroller.offset_at(cycle_seconds, speed) == 0);
}

TEST_CASE("the crawl position depends on time only, not on how many frames were drawn")
{
    const CrawlScroller scroller({800, 900});
    const double speed = 90.0;
    const double end = 12.0;
    // 60 Hz, 50 Hz and a stuttering frame rate all arrive at the same place at the same time.
    int at_60 = 0, at_50 = 0, stuttering = 0;
    for (int frame = 0; frame <= 720; ++frame)
        at_60 = scroller.offset_at(frame / 60.0, speed);
    for (int frame = 0; frame <= 600; ++frame)
        at_50 = scroller.offset_at(frame / 50.0, speed);
    for (double t = 0; t < end; t += 0.137)
        stuttering = scroller.offset_at(t, speed);
    stuttering = scroller.offset_at(end, speed);
    CHECK(at_60 == scroller.offset_at(end, speed));
    CHECK(at_50 == at_60);
    CHECK(stuttering == at_60);
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
    CHECK(scroller.offset_at(10.0, 120.0) == 0);
    scroller.place(0, 1920, placements);
    CHECK(placements.empty());
}

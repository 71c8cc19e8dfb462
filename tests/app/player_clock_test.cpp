// The wall clock is not to be trusted on a lobby screen: a Raspberry Pi has no battery clock and
// boots with the time it last saved until NTP answers, and NTP may set it back or forth. Motion
// runs on the monotonic clock; the clock face, the schedule and the notices' ages follow the wall
// clock as it is now, after any jump.
#include "player_harness.hpp"

#include <doctest/doctest.h>

namespace signage::app {

namespace {

using namespace std::chrono_literals;

const std::string featured = config_text("featured+ticker", "UTC");

}  // namespace

TEST_CASE("a wall clock that jumps back to a night long ago and then forward to now: the screen follows it, the crawl never stops")
{
    PlayerHarness harness(featured, 5);
    REQUIRE(harness.step_until([&] { return harness.log.has("<6>feed: \"test\": 5 notices"); }));
    REQUIRE(harness.settle());
    CHECK(differing_pixels(harness.frame().get(), harness.still(featured).get(), kAboveCrawl) == 0);

    // Booted with a stale time: 04:00 on a day months ago, in the off hours (06:00-22:00 on).
    harness.wall = std::chrono::sys_days{std::chrono::year{2025} / 11 / 1} + 4h;
    harness.next_second();
    REQUIRE(harness.step_until([&] { return harness.log.has("schedule: off"); }));
    CHECK(all_black(harness.frame().get()));

    // NTP answers: an hour after the morning the test started in. On again, the clock face at
    // the new time.
    harness.wall = kMorning + 1h;
    harness.next_second();
    REQUIRE(harness.step_until([&] { return harness.log.has("schedule: on"); }));
    REQUIRE(harness.settle());
    CHECK(differing_pixels(harness.frame().get(), harness.still(featured).get(), kAboveCrawl) == 0);

    // Set back by a few minutes while on: nothing stops, the clock face goes back too.
    harness.wall -= 7min;
    harness.next_second();
    REQUIRE(harness.settle());
    CHECK(harness.crawl_moves());
    CHECK(differing_pixels(harness.frame().get(), harness.still(featured).get(), kAboveCrawl) == 0);
}

}  // namespace signage::app

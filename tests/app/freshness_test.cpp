#include "app/freshness.hpp"

#include <doctest/doctest.h>

namespace signage::app {

using namespace std::chrono;

TEST_CASE("the freshness note stays hidden while the feeds are fresh or were never fetched")
{
    const model::TimePoint now{sys_days{2018y / June / 4} + hours(6)};
    CHECK(freshness_note(std::nullopt, now, minutes(30)).empty());
    CHECK(freshness_note(now - minutes(29), now, minutes(30)).empty());
}

TEST_CASE("the freshness note gives the last update in Korean time once the feeds are stale")
{
    const model::TimePoint now{sys_days{2018y / June / 4} + hours(6)};  // 15:00 KST
    // 05:05 UTC is 14:05 KST.
    CHECK(freshness_note(now - minutes(55), now, minutes(30)) == "업데이트 14:05 · Updated 14:05");
    CHECK(freshness_note(now - hours(30), now, minutes(30)) == "업데이트 2018.06.03 09:00 · Updated 2018.06.03 09:00");
}

}  // namespace signage::app

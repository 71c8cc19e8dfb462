#include "model/schedule.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <optional>

namespace signage::model {

namespace {

using namespace std::chrono;

constexpr std::size_t kMonday = 0, kFriday = 4, kSaturday = 5, kSunday = 6;

platform::LocalTime at(year_month_day date, int hour, int minute, int second = 0)
{
    return platform::LocalTime{date, weekday{sys_days{date}}, hours{hour} + minutes{minute}, second, 540};
}

config::DayHours hours_of(int on_hour, int off_hour)
{
    return config::DayHours{hours{on_hour}, hours{off_hour}};
}

// 08:00-18:00 on weekdays, 09:00-13:00 on Saturdays, closed on Sundays and on Memorial Day
// (Wednesday 6 June 2018).
config::ScheduleSettings office()
{
    config::ScheduleSettings schedule;
    for (std::size_t day = kMonday; day <= kFriday; ++day)
        schedule.week[day] = hours_of(8, 18);
    schedule.week[kSaturday] = hours_of(9, 13);
    schedule.week[kSunday] = std::nullopt;
    schedule.dates_off = {2018y / June / 6};
    return schedule;
}

config::ScheduleSettings weekdays_only()
{
    config::ScheduleSettings schedule = office();
    schedule.week[kSaturday] = std::nullopt;
    schedule.dates_off.clear();
    return schedule;
}

ScheduleChange change(seconds wait, year_month_day date, int hour, int minute, bool turns_on)
{
    return ScheduleChange{wait, date, hours{hour} + minutes{minute}, turns_on};
}

}  // namespace

TEST_CASE("is_on follows the hours of each weekday, on included and off not")
{
    const config::ScheduleSettings schedule = office();
    // Monday 4 June 2018.
    CHECK_FALSE(is_on(schedule, at(2018y / June / 4, 0, 0)));
    CHECK_FALSE(is_on(schedule, at(2018y / June / 4, 7, 59, 59)));
    CHECK(is_on(schedule, at(2018y / June / 4, 8, 0)));
    CHECK(is_on(schedule, at(2018y / June / 4, 12, 0)));
    CHECK(is_on(schedule, at(2018y / June / 4, 17, 59, 59)));
    CHECK_FALSE(is_on(schedule, at(2018y / June / 4, 18, 0)));
    CHECK_FALSE(is_on(schedule, at(2018y / June / 4, 23, 59)));
    // Saturday has hours of its own, Sunday none.
    CHECK_FALSE(is_on(schedule, at(2018y / June / 9, 8, 59)));
    CHECK(is_on(schedule, at(2018y / June / 9, 9, 0)));
    CHECK(is_on(schedule, at(2018y / June / 9, 12, 59)));
    CHECK_FALSE(is_on(schedule, at(2018y / June / 9, 13, 0)));
    CHECK_FALSE(is_on(schedule, at(2018y / June / 10, 12, 0)));
}

TEST_CASE("is_on: a date off wins over the hours of its weekday")
{
    const config::ScheduleSettings schedule = office();
    CHECK(is_on(schedule, at(2018y / June / 5, 12, 0)));
    CHECK_FALSE(is_on(schedule, at(2018y / June / 6, 12, 0)));
    CHECK(is_on(schedule, at(2018y / June / 7, 12, 0)));
    // The same date another year is a working day.
    CHECK(is_on(schedule, at(2019y / June / 6, 12, 0)));
}

TEST_CASE("is_on: off at 24:00 lasts to the end of the day")
{
    config::ScheduleSettings schedule;
    schedule.week.fill(hours_of(6, 24));
    CHECK(is_on(schedule, at(2018y / June / 4, 23, 59, 59)));
    CHECK_FALSE(is_on(schedule, at(2018y / June / 5, 0, 0)));
    CHECK_FALSE(is_on(schedule, at(2018y / June / 5, 5, 59)));
    CHECK(is_on(schedule, at(2018y / June / 5, 6, 0)));
}

TEST_CASE("is_on: a day whose off is not after its on is off all day")
{
    config::ScheduleSettings schedule;
    schedule.week.fill(hours_of(9, 9));
    schedule.week[kMonday] = hours_of(20, 8);
    CHECK_FALSE(is_on(schedule, at(2018y / June / 4, 7, 0)));
    CHECK_FALSE(is_on(schedule, at(2018y / June / 4, 21, 0)));
    CHECK_FALSE(is_on(schedule, at(2018y / June / 5, 9, 0)));
    CHECK_FALSE(next_change(schedule, at(2018y / June / 4, 12, 0)));
}

TEST_CASE("next_change: the next boundary of the day, to the second")
{
    const config::ScheduleSettings schedule = office();
    CHECK(next_change(schedule, at(2018y / June / 4, 7, 0)) == change(hours{1}, 2018y / June / 4, 8, 0, true));
    CHECK(next_change(schedule, at(2018y / June / 4, 7, 59, 1)) == change(seconds{59}, 2018y / June / 4, 8, 0, true));
    // At the boundary itself the change has happened: the next one is the evening's.
    CHECK(next_change(schedule, at(2018y / June / 4, 8, 0)) == change(hours{10}, 2018y / June / 4, 18, 0, false));
    CHECK(next_change(schedule, at(2018y / June / 4, 17, 59, 45)) == change(seconds{15}, 2018y / June / 4, 18, 0, false));
}

TEST_CASE("next_change goes over the weekend and over a date off")
{
    SUBCASE("from Friday evening to Monday morning")
    {
        const config::ScheduleSettings schedule = weekdays_only();
        CHECK(next_change(schedule, at(2018y / June / 8, 18, 0))
              == change(days{2} + hours{14}, 2018y / June / 11, 8, 0, true));
        CHECK(next_change(schedule, at(2018y / June / 9, 23, 30))
              == change(hours{8} + minutes{30} + hours{24}, 2018y / June / 11, 8, 0, true));
    }
    SUBCASE("Saturday's short hours, then Monday")
    {
        const config::ScheduleSettings schedule = office();
        CHECK(next_change(schedule, at(2018y / June / 8, 18, 0)) == change(hours{15}, 2018y / June / 9, 9, 0, true));
        CHECK(next_change(schedule, at(2018y / June / 9, 13, 0))
              == change(hours{11} + hours{24} + hours{8}, 2018y / June / 11, 8, 0, true));
    }
    SUBCASE("from Tuesday evening past the Wednesday holiday")
    {
        const config::ScheduleSettings schedule = office();
        CHECK(next_change(schedule, at(2018y / June / 5, 18, 0))
              == change(hours{6} + hours{24} + hours{8}, 2018y / June / 7, 8, 0, true));
    }
}

TEST_CASE("next_change: days that run into one another at midnight change nothing there")
{
    config::ScheduleSettings schedule = weekdays_only();
    schedule.week[kFriday] = hours_of(8, 24);
    schedule.week[kSaturday] = hours_of(0, 2);
    CHECK(is_on(schedule, at(2018y / June / 9, 0, 0)));
    CHECK(next_change(schedule, at(2018y / June / 8, 20, 0)) == change(hours{6}, 2018y / June / 9, 2, 0, false));

    // Off at 24:00 and not on at the next midnight: the change is at midnight.
    schedule.week[kSaturday] = std::nullopt;
    CHECK(next_change(schedule, at(2018y / June / 8, 23, 59, 30)) == change(seconds{30}, 2018y / June / 9, 0, 0, false));
}

TEST_CASE("next_change is nullopt when the screen never changes")
{
    SUBCASE("always on (the default)")
    {
        const config::ScheduleSettings schedule;
        CHECK(is_on(schedule, at(2018y / June / 4, 3, 0)));
        CHECK_FALSE(next_change(schedule, at(2018y / June / 4, 3, 0)));
    }
    SUBCASE("always off")
    {
        config::ScheduleSettings schedule;
        schedule.week.fill(std::nullopt);
        CHECK_FALSE(is_on(schedule, at(2018y / June / 4, 3, 0)));
        CHECK_FALSE(next_change(schedule, at(2018y / June / 4, 3, 0)));
    }
    SUBCASE("always on but for dates off long past")
    {
        config::ScheduleSettings schedule;
        schedule.dates_off = {2017y / December / 25};
        CHECK_FALSE(next_change(schedule, at(2018y / June / 4, 3, 0)));
    }
}

TEST_CASE("next_change finds a date off beyond the next week, and the end of it")
{
    config::ScheduleSettings schedule;
    schedule.dates_off = {2018y / August / 15};
    CHECK(next_change(schedule, at(2018y / June / 4, 0, 0))
          == change(sys_days{2018y / August / 15} - sys_days{2018y / June / 4}, 2018y / August / 15, 0, 0, false));
    CHECK(next_change(schedule, at(2018y / August / 15, 12, 0)) == change(hours{12}, 2018y / August / 16, 0, 0, true));
}

}  // namespace signage::model

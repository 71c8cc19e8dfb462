#include "model/schedule.hpp"

#include <algorithm>
#include <array>

namespace signage::model {

namespace {

using namespace std::chrono;

constexpr minutes kDay{1440};
// After the last date off the week repeats, so a week and a day more without a change mean
// none is coming (the extra day checks the wrap from Sunday into Monday).
constexpr days kWeekAndADay{8};
constexpr days kMaxSearch{3 * 366};

bool is_date_off(const config::ScheduleSettings& schedule, sys_days date)
{
    return std::any_of(schedule.dates_off.begin(), schedule.dates_off.end(),
        [&](const year_month_day& off) { return off.ok() && sys_days{off} == date; });
}

// The state through the minute that starts `time_of_day` after the midnight of `date`.
bool is_on_at(const config::ScheduleSettings& schedule, sys_days date, minutes time_of_day)
{
    if (is_date_off(schedule, date))
        return false;
    const auto& hours = schedule.week[weekday{date}.iso_encoding() - 1];
    return hours && hours->on < hours->off && hours->on <= time_of_day && time_of_day < hours->off;
}

// The minutes of a day where the state can differ from the minute before.
std::array<minutes, 3> boundaries(const config::ScheduleSettings& schedule, sys_days date)
{
    const auto& hours = schedule.week[weekday{date}.iso_encoding() - 1];
    std::array<minutes, 3> found{minutes{0}, minutes{0}, minutes{0}};
    if (hours) {
        found[1] = std::clamp(hours->on, minutes{0}, kDay);
        found[2] = std::clamp(hours->off, minutes{0}, kDay);
    }
    std::sort(found.begin(), found.end());
    return found;
}

}  // namespace

bool is_on(const config::ScheduleSettings& schedule, const platform::LocalTime& now)
{
    return is_on_at(schedule, sys_days{now.date}, now.time_of_day);
}

std::optional<ScheduleChange> next_change(const config::ScheduleSettings& schedule, const platform::LocalTime& now)
{
    const sys_days today{now.date};
    const bool on_now = is_on(schedule, now);

    sys_days last_off = today;
    for (const auto& off : schedule.dates_off) {
        if (off.ok())
            last_off = std::max(last_off, sys_days{off});
    }
    const sys_days last_day = std::min(last_off + kWeekAndADay, today + kMaxSearch);

    for (sys_days date = today; date <= last_day; date += days{1}) {
        for (const minutes boundary : boundaries(schedule, date)) {
            // 24:00 is the next day's midnight, looked at with that day.
            if (boundary >= kDay || (date == today && boundary <= now.time_of_day))
                continue;
            if (is_on_at(schedule, date, boundary) == on_now)
                continue;
            const seconds wait = (date - today) + boundary - now.time_of_day - seconds{now.second};
            return ScheduleChange{wait, year_month_day{date}, boundary, !on_now};
        }
    }
    return std::nullopt;
}

}  // namespace signage::model

#pragma once
// When the screen is on, by the [schedule] of the config. Pure: the time is given, never read,
// so the rules can be tested at any instant and the player decides when to ask.
#include "config/schedule_settings.hpp"
#include "platform/local_time.hpp"

#include <chrono>
#include <optional>

namespace signage::model {

// Whether the screen is on at `now`: inside the day's hours, `on` included and `off` not
// (on 09:00, off 18:00: on at 09:00, off at 18:00), and not on a date off, which wins over
// the hours. A day whose `off` is not after its `on` is off all day. The weekday is taken from
// now.date.
bool is_on(const config::ScheduleSettings& schedule, const platform::LocalTime& now);

// The next time the screen turns on or off.
struct ScheduleChange {
    // From `now` to the change, on the wall clock. Across a change of the clocks (summer time)
    // the real wait differs by the shift: to_sys(date, time_of_day) is the exact instant.
    std::chrono::seconds wait{0};
    std::chrono::year_month_day date{};   // local
    std::chrono::minutes time_of_day{0};  // local, since midnight
    bool turns_on = false;

    bool operator==(const ScheduleChange&) const = default;
};

// nullopt when the screen never changes again (on all week, off all week): the player can
// sleep until the change instead of asking every second. Days run on into one another, so
// off at 24:00 followed by on at 00:00 is no change. The search reaches 8 days past the last
// date off to come, and gives up 3 years ahead (a date off further away is not looked for).
std::optional<ScheduleChange> next_change(const config::ScheduleSettings& schedule, const platform::LocalTime& now);

}  // namespace signage::model

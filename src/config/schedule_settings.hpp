#pragma once
// [schedule]: when the screen is on. Outside the on hours it is black and the display may sleep.
#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace signage::config {

struct DayHours {
    std::chrono::minutes on{0};   // since midnight, local time
    std::chrono::minutes off{0};  // after `on`; may be 24:00 (1440)

    bool operator==(const DayHours&) const = default;
};

// A day the screen is on from midnight to midnight: every day's default, and "on" in a config.
constexpr DayHours all_day_hours{std::chrono::minutes{0}, std::chrono::minutes{24 * 60}};

struct ScheduleSettings {
    // Index 0 = Monday ... 6 = Sunday. nullopt: off all day. Default: on all day, every day.
    std::array<std::optional<DayHours>, 7> week{all_day_hours, all_day_hours, all_day_hours, all_day_hours,
                                                all_day_hours, all_day_hours, all_day_hours};
    std::vector<std::chrono::year_month_day> dates_off;  // public holidays: off all day
    // A program and its arguments, run without a shell when the off hours begin and end to put
    // the display to sleep and wake it (HDMI-CEC, wlr-randr). Both set, or both empty: then the
    // player tries X11 DPMS.
    std::vector<std::string> display_off_command;
    std::vector<std::string> display_on_command;

    bool operator==(const ScheduleSettings&) const = default;
};

}  // namespace signage::config

#pragma once
// The wall clock in the screen's time zone. libstdc++ 12 has no time zone database
// (std::chrono::locate_zone), so the zone is the process's TZ and the C library reads the
// system's /usr/share/zoneinfo, which Debian keeps up to date with its tzdata package.
#include "config/screen_settings.hpp"
#include "util/result.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace signage::platform {

// A moment as a clock on the wall in the configured zone shows it.
struct LocalTime {
    std::chrono::year_month_day date{};
    std::chrono::weekday weekday{};
    std::chrono::minutes time_of_day{0};  // since local midnight, 0..1439
    int second = 0;                       // 0..60: a zone with leap seconds ("right/UTC") may say 60
    int utc_offset_minutes = 0;           // +540 in Korea

    bool operator==(const LocalTime&) const = default;
};

// Whether `iana_name` ("Asia/Seoul") is a zone of the system's database, without changing
// anything: for the config loader. The error is one line that names it.
Status check_time_zone(std::string_view iana_name);

// Makes `iana_name` the zone of the whole process (TZ, then tzset). The first call (or
// use_system_time_zone) must come at start-up, before other threads run: adding a variable to
// the environment may move it under another thread's getenv. Once TZ exists, glibc's setenv only
// swaps its pointer and tzset changes the zone under the lock localtime_r takes, so a reload may
// call it again.
Status use_time_zone(std::string_view iana_name);
// TZ set to the system's own zone (":/etc/localtime", what glibc reads when TZ is unset), so that
// TZ exists for a later use_time_zone.
void use_system_time_zone();

// In the zone set by use_time_zone (else the system's). Thread-safe.
LocalTime to_local(std::chrono::sys_seconds instant);

// The instant a wall clock in that zone shows `date` at `time_of_day`: what a wait measured
// on the wall clock (model/schedule) means in real time when the clocks change in between. A
// time the clocks skip (02:30 when they jump from 02:00 to 03:00) is the instant they jump,
// when a wall clock passes it; a time they show twice is the first of the two.
std::chrono::sys_seconds to_sys(std::chrono::year_month_day date, std::chrono::minutes time_of_day);

// "2018년 6월 4일 (월) 14:05"
std::string format_korean_clock(const LocalTime& time);
// "Mon 4 Jun 2018 14:05"
std::string format_english_clock(const LocalTime& time);
// The clock as one line: korean or english as above, both joined by "  ·  ", off empty.
// A screen that sets the two languages on lines of their own calls the two above instead.
std::string format_clock(const LocalTime& time, config::ClockStyle style);

}  // namespace signage::platform

#include "platform/local_time.hpp"

#include "util/ascii.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace signage::platform {

namespace {

using namespace std::chrono;

constexpr std::string_view kZoneDir = "/usr/share/zoneinfo";

// Letters, digits and the punctuation of IANA names ("Etc/GMT+9", "America/Port-au-Prince"):
// without '.', the name cannot climb out of the zone folder, and nothing else may reach TZ,
// where a ':' or ',' would change how the C library reads it.
bool is_zone_name(std::string_view name)
{
    const auto allowed = [](char c) {
        return is_ascii_alnum(c) || c == '/' || c == '_' || c == '-' || c == '+';
    };
    return !name.empty() && name.front() != '/' && name.back() != '/' && name.find("//") == std::string_view::npos
        && std::all_of(name.begin(), name.end(), allowed);
}

// The name as an error line can show it, whatever bytes it holds.
std::string printable(std::string_view name)
{
    std::string shown;
    for (const char c : name)
        shown += (c >= 0x20 && c < 0x7f && c != '"') ? c : '?';
    return shown;
}

// The folder also holds files that are not zones (zone.tab, tzdata.zi, leapseconds): a zone
// file starts with the TZif magic.
bool is_zone_file(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    std::array<char, 4> magic{};
    return file.read(magic.data(), magic.size()) && std::string_view(magic.data(), magic.size()) == "TZif";
}

std::tm broken_down(sys_seconds instant, bool& ok)
{
    const std::time_t time = static_cast<std::time_t>(instant.time_since_epoch().count());
    std::tm tm{};
    ok = localtime_r(&time, &tm) != nullptr;
    return tm;
}

// Seconds east of UTC at `instant`.
seconds utc_offset(sys_seconds instant)
{
    bool ok = false;
    const std::tm tm = broken_down(instant, ok);
    return ok ? seconds{tm.tm_gmtoff} : seconds{0};
}

std::string two_digits(long value)
{
    std::array<char, 24> text{};
    std::snprintf(text.data(), text.size(), "%02ld", value);
    return text.data();
}

std::string clock_hhmm(minutes time_of_day)
{
    return two_digits(time_of_day.count() / 60) + ":" + two_digits(time_of_day.count() % 60);
}

}  // namespace

Status check_time_zone(std::string_view iana_name)
{
    const std::string quoted = "time zone \"" + printable(iana_name) + "\": ";
    if (!is_zone_name(iana_name))
        return Error{quoted + "not an IANA zone name such as Asia/Seoul"};
    std::string path(kZoneDir);
    path += '/';
    path += iana_name;
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error) || !is_zone_file(path))
        return Error{quoted + "not in " + std::string(kZoneDir)};
    return Done{};
}

Status use_time_zone(std::string_view iana_name)
{
    if (auto checked = check_time_zone(iana_name); !checked)
        return checked;
    const std::string name(iana_name);
    if (setenv("TZ", name.c_str(), 1) != 0)
        return Error{"time zone \"" + name + "\": cannot set TZ"};
    // glibc's localtime_r reads TZ once and then only on tzset.
    tzset();
    return Done{};
}

void use_system_time_zone()
{
    setenv("TZ", ":/etc/localtime", 1);
    tzset();
}

LocalTime to_local(sys_seconds instant)
{
    bool ok = false;
    const std::tm tm = broken_down(instant, ok);
    LocalTime local;
    if (!ok) {
        // Only a year past what int holds fails; UTC is as good a guess as any there.
        const sys_days midnight = floor<days>(instant);
        const auto since_midnight = instant - midnight;
        local.date = year_month_day{midnight};
        local.weekday = weekday{midnight};
        local.time_of_day = floor<minutes>(since_midnight);
        local.second = static_cast<int>((since_midnight - local.time_of_day).count());
        return local;
    }
    local.date = year{tm.tm_year + 1900} / month{static_cast<unsigned>(tm.tm_mon + 1)} / day{static_cast<unsigned>(tm.tm_mday)};
    local.weekday = weekday{static_cast<unsigned>(tm.tm_wday)};
    local.time_of_day = hours{tm.tm_hour} + minutes{tm.tm_min};
    local.second = tm.tm_sec;
    local.utc_offset_minutes = static_cast<int>(tm.tm_gmtoff / 60);
    return local;
}

sys_seconds to_sys(year_month_day date, minutes time_of_day)
{
    // The wall time read as if it were UTC, less the zone's offset. The offset is the one of
    // the day before or the day after: zones change their clocks at most once in two days.
    const sys_seconds as_utc = sys_days{date} + time_of_day;
    const seconds before = utc_offset(as_utc - days{1});
    const seconds after = utc_offset(as_utc + days{1});
    const auto shows = [&](sys_seconds instant) { return instant + utc_offset(instant) == as_utc; };

    const sys_seconds with_before = as_utc - before;
    const sys_seconds with_after = as_utc - after;
    const bool before_fits = shows(with_before);
    const bool after_fits = shows(with_after);
    if (before_fits && after_fits)
        return std::min(with_before, with_after);
    if (before_fits)
        return with_before;
    if (after_fits)
        return with_after;

    // Skipped: the first instant on the new offset lies between the two readings.
    sys_seconds low = std::min(with_before, with_after);
    sys_seconds high = std::max(with_before, with_after);
    while (high - low > seconds{1}) {
        const sys_seconds middle = low + (high - low) / 2;
        if (utc_offset(middle) == after)
            high = middle;
        else
            low = middle;
    }
    return high;
}

std::string format_korean_clock(const LocalTime& time)
{
    static constexpr std::array<std::string_view, 7> kDays{"일", "월", "화", "수", "목", "금", "토"};
    std::string text = std::to_string(static_cast<int>(time.date.year())) + "년 "
                     + std::to_string(static_cast<unsigned>(time.date.month())) + "월 "
                     + std::to_string(static_cast<unsigned>(time.date.day())) + "일 (";
    text += kDays[time.weekday.c_encoding() % 7];
    text += ") " + clock_hhmm(time.time_of_day);
    return text;
}

std::string format_english_clock(const LocalTime& time)
{
    static constexpr std::array<std::string_view, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<std::string_view, 12> kMonths{
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::string text(kDays[time.weekday.c_encoding() % 7]);
    text += " " + std::to_string(static_cast<unsigned>(time.date.day())) + " ";
    text += kMonths[(static_cast<unsigned>(time.date.month()) + 11) % 12];
    text += " " + std::to_string(static_cast<int>(time.date.year())) + " " + clock_hhmm(time.time_of_day);
    return text;
}

std::string format_clock(const LocalTime& time, config::ClockStyle style)
{
    switch (style) {
    case config::ClockStyle::korean:
        return format_korean_clock(time);
    case config::ClockStyle::english:
        return format_english_clock(time);
    case config::ClockStyle::both:
        return format_korean_clock(time) + "  ·  " + format_english_clock(time);
    case config::ClockStyle::off:
        break;
    }
    return {};
}

}  // namespace signage::platform

#include "feed/feed_time.hpp"

#include <array>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string_view>

namespace signage::feed {

namespace {

using namespace std::chrono;

// A cursor over the text. Every reader leaves the position untouched when it fails, so the
// callers can try alternatives without backing up by hand.
class Scanner {
public:
    explicit Scanner(std::string_view text) : m_text(text) {}

    bool at_end() const { return m_pos == m_text.size(); }
    char peek() const { return at_end() ? '\0' : m_text[m_pos]; }

    bool skip_spaces()
    {
        const std::size_t start = m_pos;
        while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n'))
            ++m_pos;
        return m_pos != start;
    }

    bool accept(char c)
    {
        if (at_end() || peek() != c)
            return false;
        ++m_pos;
        return true;
    }

    bool accept_either(char a, char b) { return accept(a) || accept(b); }

    bool accept(std::string_view literal)
    {
        if (!m_text.substr(m_pos).starts_with(literal))
            return false;
        m_pos += literal.size();
        return true;
    }

    // Everything up to and including `close`, if it comes within `max_bytes`.
    bool skip_past(char close, std::size_t max_bytes)
    {
        const auto end = m_text.find(close, m_pos);
        if (end == std::string_view::npos || end - m_pos > max_bytes)
            return false;
        m_pos = end + 1;
        return true;
    }

    // Exactly `min_digits`..`max_digits` decimal digits.
    bool number(int min_digits, int max_digits, int& value, int* digit_count = nullptr)
    {
        int digits = 0;
        int result = 0;
        while (digits < max_digits && !at_end() && std::isdigit(static_cast<unsigned char>(peek()))) {
            result = result * 10 + (peek() - '0');
            ++m_pos;
            ++digits;
        }
        if (digits < min_digits) {
            m_pos -= static_cast<std::size_t>(digits);
            return false;
        }
        value = result;
        if (digit_count)
            *digit_count = digits;
        return true;
    }

    // A run of ASCII letters.
    std::string_view word()
    {
        const std::size_t start = m_pos;
        while (!at_end() && std::isalpha(static_cast<unsigned char>(peek())))
            ++m_pos;
        return m_text.substr(start, m_pos - start);
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

std::string_view trim(std::string_view text)
{
    constexpr std::string_view spaces = " \t\r\n";
    const auto first = text.find_first_not_of(spaces);
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(spaces);
    return text.substr(first, last - first + 1);
}

struct WallClock {
    year_month_day date;
    int hour = 0;
    int minute = 0;
    int second = 0;
    minutes offset{0};  // local time minus UTC
};

std::optional<model::TimePoint> to_utc(const WallClock& clock)
{
    // A leap second (60) is allowed and lands on the next minute: sys_seconds cannot hold it.
    if (!clock.date.ok() || clock.hour > 23 || clock.minute > 59 || clock.second > 60)
        return std::nullopt;
    return model::TimePoint{sys_days{clock.date}} + hours{clock.hour} + minutes{clock.minute}
         + seconds{clock.second} - clock.offset;
}

// "+0900", "-05:00", "+09": hours up to 23, minutes up to 59.
bool numeric_offset(Scanner& scan, bool colon_allowed, minutes& offset)
{
    int sign = 0;
    if (scan.accept('+'))
        sign = 1;
    else if (scan.accept('-'))
        sign = -1;
    else
        return false;
    int hh = 0;
    int mm = 0;
    if (!scan.number(2, 2, hh))
        return false;
    if (colon_allowed && scan.accept(':')) {
        if (!scan.number(2, 2, mm))
            return false;
    }
    else {
        scan.number(2, 2, mm);  // optional: "+09" is ISO 8601 too
    }
    if (hh > 23 || mm > 59)
        return false;
    offset = minutes{sign * (hh * 60 + mm)};
    return true;
}

// Zones by name as RFC 822 spells them, the ones Korean and Japanese feeds write, and the
// unambiguous abbreviations other servers print. Ambiguous ones (IST: India, Israel or
// Ireland?) are left out on purpose: they count as no zone.
bool named_zone(std::string_view name, minutes& offset)
{
    struct Zone {
        std::string_view name;
        int minutes;
    };
    static constexpr Zone zones[] = {
        {"GMT", 0}, {"UT", 0}, {"UTC", 0}, {"Z", 0},
        {"KST", 9 * 60}, {"JST", 9 * 60},
        {"EST", -5 * 60}, {"EDT", -4 * 60}, {"CST", -6 * 60}, {"CDT", -5 * 60},
        {"MST", -7 * 60}, {"MDT", -6 * 60}, {"PST", -8 * 60}, {"PDT", -7 * 60},
        {"AKST", -9 * 60}, {"AKDT", -8 * 60}, {"HST", -10 * 60},
        {"WET", 0}, {"WEST", 60}, {"BST", 60}, {"CET", 60}, {"CEST", 2 * 60}, {"MET", 60}, {"MEST", 2 * 60},
        {"EET", 2 * 60}, {"EEST", 3 * 60}, {"MSK", 3 * 60},
        {"HKT", 8 * 60}, {"SGT", 8 * 60}, {"AWST", 8 * 60}, {"ACST", 9 * 60 + 30}, {"AEST", 10 * 60},
        {"AEDT", 11 * 60}, {"NZST", 12 * 60}, {"NZDT", 13 * 60},
    };
    for (const auto& zone : zones) {
        if (iequals(zone.name, name)) {
            offset = minutes{zone.minutes};
            return true;
        }
    }
    return false;
}

// A zone after the time: a number, a name, a name with a number ("GMT+0900", as JavaScript
// writes it), each optionally followed by a comment naming it again ("+0900 (KST)"). An
// unknown name of up to 5 letters counts as no zone (RFC 2822 section 4.3); `offset` is left
// alone then, and also when there is no zone at all.
bool zone_suffix(Scanner& scan, bool unknown_names_allowed, minutes& offset)
{
    scan.skip_spaces();
    if (scan.at_end())
        return true;
    if (scan.peek() == '+' || scan.peek() == '-') {
        if (!numeric_offset(scan, true, offset))
            return false;
    }
    else {
        const auto name = scan.word();
        if (name.empty())
            return false;
        minutes named{0};
        if (named_zone(name, named)) {
            offset = named;
            if (scan.peek() == '+' || scan.peek() == '-') {
                minutes extra{0};
                if (!numeric_offset(scan, true, extra))
                    return false;
                offset += extra;
            }
        }
        else if (!unknown_names_allowed || name.size() > 5) {
            return false;
        }
    }
    scan.skip_spaces();
    if (scan.accept('(')) {
        scan.word();
        if (!scan.accept(')'))
            return false;
        scan.skip_spaces();
    }
    return scan.at_end();
}

// "Jun" as RFC 822 writes it, or "June" as some feeds do.
bool names(std::string_view name, std::string_view full_name)
{
    return iequals(name, full_name.substr(0, 3)) || iequals(name, full_name);
}

std::optional<month> month_named(std::string_view name)
{
    static constexpr std::array<std::string_view, 12> months{"January", "February", "March", "April", "May",
        "June", "July", "August", "September", "October", "November", "December"};
    for (std::size_t i = 0; i < months.size(); ++i) {
        if (names(name, months[i]))
            return month{static_cast<unsigned>(i + 1)};
    }
    if (iequals(name, "Sept"))
        return September;
    return std::nullopt;
}

bool is_weekday(std::string_view name)
{
    static constexpr std::array<std::string_view, 7> days{
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    for (auto day : days) {
        if (names(name, day))
            return true;
    }
    return false;
}

// [Mon, ]04 Jun [20]18 09:00[:00] [zone]
std::optional<model::TimePoint> parse_rfc822(std::string_view text, minutes zoneless_offset)
{
    Scanner scan(text);
    WallClock clock;
    clock.offset = zoneless_offset;

    if (std::isalpha(static_cast<unsigned char>(scan.peek()))) {
        // The weekday is redundant and often wrong in real feeds; it is checked for being a
        // day name, not against the date.
        if (!is_weekday(scan.word()))
            return std::nullopt;
        scan.skip_spaces();
        if (!scan.accept(','))
            return std::nullopt;
        scan.skip_spaces();
    }

    int day_number = 0;
    if (!scan.number(1, 2, day_number) || !scan.skip_spaces())
        return std::nullopt;
    const auto month_value = month_named(scan.word());
    if (!month_value || !scan.skip_spaces())
        return std::nullopt;
    int year_number = 0;
    int year_digits = 0;
    if (!scan.number(2, 4, year_number, &year_digits) || year_digits == 3 || !scan.skip_spaces())
        return std::nullopt;
    if (year_digits == 2)  // RFC 2822 section 4.3
        year_number += year_number < 50 ? 2000 : 1900;
    clock.date = year{year_number} / *month_value / day{static_cast<unsigned>(day_number)};

    if (!scan.number(1, 2, clock.hour) || !scan.accept(':') || !scan.number(2, 2, clock.minute))
        return std::nullopt;
    if (scan.accept(':') && !scan.number(2, 2, clock.second))
        return std::nullopt;

    // No zone at all is out of spec, yet common: rather than lose the date, it is read at the
    // caller's zoneless offset.
    if (!zone_suffix(scan, true, clock.offset))
        return std::nullopt;
    return to_utc(clock);
}

// The hour on a 12-hour clock: "오전"/"AM" before noon, "오후"/"PM" after. An hour past 12 is
// taken as written: "오후 14:05" is 14:05.
int twelve_hour(int hour, bool afternoon)
{
    if (hour > 12)
        return hour;
    if (hour == 12)
        return afternoon ? 12 : 0;
    return afternoon ? hour + 12 : hour;
}

constexpr std::string_view kYearMark = "년";
constexpr std::string_view kMonthMark = "월";
constexpr std::string_view kDayMark = "일";
constexpr std::string_view kMorning = "오전";
constexpr std::string_view kAfternoon = "오후";

// "년 06월 04일 [(월)]" after the year of a Korean date.
bool korean_month_day(Scanner& scan, int& month_number, int& day_number)
{
    scan.skip_spaces();
    if (!scan.accept(kYearMark))
        return false;
    scan.skip_spaces();
    if (!scan.number(1, 2, month_number) || (scan.skip_spaces(), !scan.accept(kMonthMark)))
        return false;
    scan.skip_spaces();
    if (!scan.number(1, 2, day_number) || (scan.skip_spaces(), !scan.accept(kDayMark)))
        return false;
    scan.skip_spaces();
    return scan.peek() != '(' || scan.skip_past(')', 12);  // the weekday: "(월)"
}

// The date of parse_numeric_date; `separator` is '\0' for the Korean form.
std::optional<year_month_day> numeric_day(Scanner& scan, char& separator)
{
    int year_number = 0;
    int month_number = 0;
    int day_number = 0;
    if (!scan.number(4, 4, year_number))
        return std::nullopt;
    separator = '\0';
    for (const char candidate : {'-', '.', '/'}) {
        if (scan.accept(candidate)) {
            separator = candidate;
            break;
        }
    }
    if (separator != '\0') {
        // ISO 8601 wants two digits; Korean sites also write "2018-6-4".
        if (!scan.number(1, 2, month_number) || !scan.accept(separator) || !scan.number(1, 2, day_number))
            return std::nullopt;
        if (separator == '.')
            scan.accept('.');  // "2018.06.04." ends with a period in Korean usage
    }
    else if (!korean_month_day(scan, month_number, day_number)) {
        return std::nullopt;
    }
    return year{year_number} / month{static_cast<unsigned>(month_number)} / day{static_cast<unsigned>(day_number)};
}

// ":00[.123]" after the minutes; the screen shows minutes, so fractions only have to be well-formed.
bool seconds_part(Scanner& scan, int& second)
{
    if (!scan.accept(':'))
        return true;
    if (!scan.number(2, 2, second))
        return false;
    if (scan.accept_either('.', ',')) {
        int ignored = 0;
        if (!scan.number(1, 1, ignored))
            return false;
        while (scan.number(1, 1, ignored)) {
        }
    }
    return true;
}

// The time after the date: "09:00[:00[.123]]" after a 'T', else "[오후 ]2:05[:00][ PM]".
bool time_of_day(Scanner& scan, bool iso_time, WallClock& clock)
{
    std::optional<bool> afternoon;
    if (!iso_time) {
        if (scan.accept(kMorning))
            afternoon = false;
        else if (scan.accept(kAfternoon))
            afternoon = true;
        if (afternoon) {
            clock.offset = kKoreaOffset;
            scan.skip_spaces();
        }
    }
    if (!scan.number(iso_time ? 2 : 1, 2, clock.hour) || !scan.accept(':') || !scan.number(2, 2, clock.minute))
        return false;
    if (!seconds_part(scan, clock.second))
        return false;
    if (!iso_time && !afternoon) {
        scan.skip_spaces();
        if (scan.accept("AM") || scan.accept("am"))
            afternoon = false;
        else if (scan.accept("PM") || scan.accept("pm"))
            afternoon = true;
    }
    if (afternoon)
        clock.hour = twelve_hour(clock.hour, *afternoon);
    return true;
}

// 2018-06-04[(T| )09:00[:00[.123]][ zone]], the same with '.' or '/' between the parts
// ("2018.06.04.", "2018/06/04 14:05"), and "2018년 06월 04일 [(월)] [오후 ]2:05[:00]".
std::optional<model::TimePoint> parse_numeric_date(std::string_view text, minutes zoneless_offset)
{
    Scanner scan(text);
    WallClock clock;
    char separator = '\0';
    const auto date = numeric_day(scan, separator);
    if (!date)
        return std::nullopt;
    const bool korean = separator == '\0';
    clock.date = *date;
    clock.offset = korean ? kKoreaOffset : zoneless_offset;
    const bool spaced = scan.skip_spaces() || korean;
    if (scan.at_end())
        return to_utc(clock);

    const bool iso_time = !spaced && separator == '-' && scan.accept_either('T', 't');
    if (!iso_time && !spaced)
        return std::nullopt;
    if (!time_of_day(scan, iso_time, clock))
        return std::nullopt;
    if (!zone_suffix(scan, false, clock.offset))
        return std::nullopt;
    return to_utc(clock);
}

}  // namespace

std::optional<model::TimePoint> parse_feed_time(std::string_view text, std::chrono::minutes zoneless_offset)
{
    text = trim(text);
    if (text.empty())
        return std::nullopt;
    // The grammars start differently: the numeric dates with a 4-digit year, RFC 822 with a
    // weekday or a 1-2 digit day.
    const bool four_digits = text.size() >= 5 && std::isdigit(static_cast<unsigned char>(text[0]))
                          && std::isdigit(static_cast<unsigned char>(text[1])) && std::isdigit(static_cast<unsigned char>(text[2]))
                          && std::isdigit(static_cast<unsigned char>(text[3]));
    const auto time = four_digits && !std::isdigit(static_cast<unsigned char>(text[4])) ? parse_numeric_date(text, zoneless_offset)
                                                                                        : parse_rfc822(text, zoneless_offset);
    // No notice is older than Unix time: "0000-00-00" and "1900-01-01" are a CMS's "no date".
    // Past the year 9999 a date could not be written back with four digits.
    using namespace std::chrono;
    if (time && (*time < sys_days{year{1970} / January / 1} || *time >= sys_days{year{9999} / December / 31}))
        return std::nullopt;
    return time;
}

std::string format_iso8601_utc(model::TimePoint time)
{
    using namespace std::chrono;
    const auto day_start = floor<days>(time);
    const year_month_day date{day_start};
    const hh_mm_ss clock{time - day_start};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
        static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
        static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
    return text;
}

}  // namespace signage::feed

#include "feed/feed_time.hpp"

#include <array>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <string_view>

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

std::optional<TimePoint> to_utc(const WallClock& clock)
{
    // A leap second (60) is allowed and lands on the next minute: sys_seconds cannot hold it.
    if (!clock.date.ok() || clock.hour > 23 || clock.minute > 59 || clock.second > 60)
        return std::nullopt;
    return TimePoint{sys_days{clock.date}} + hours{clock.hour} + minutes{clock.minute}
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

// Zones by name as RFC 822 spells them, plus the ones Korean and Japanese feeds write.
bool named_zone(std::string_view name, minutes& offset)
{
    struct Zone {
        std::string_view name;
        int hours;
    };
    static constexpr std::array<Zone, 14> zones{{
        {"GMT", 0}, {"UT", 0}, {"UTC", 0}, {"Z", 0},
        {"KST", 9}, {"JST", 9},
        {"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
        {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7},
    }};
    for (const auto& zone : zones) {
        if (iequals(zone.name, name)) {
            offset = hours{zone.hours};
            return true;
        }
    }
    return false;
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
std::optional<TimePoint> parse_rfc822(std::string_view text)
{
    Scanner scan(text);
    WallClock clock;

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

    scan.skip_spaces();
    if (!scan.at_end()) {
        if (scan.peek() == '+' || scan.peek() == '-') {
            if (!numeric_offset(scan, true, clock.offset))
                return std::nullopt;
        }
        else if (!named_zone(scan.word(), clock.offset)) {
            return std::nullopt;
        }
        scan.skip_spaces();
        // A comment naming the zone again: "+0900 (KST)".
        if (scan.accept('(')) {
            scan.word();
            if (!scan.accept(')'))
                return std::nullopt;
            scan.skip_spaces();
        }
    }
    // No zone at all is out of spec, yet common; read as UTC rather than lose the date.
    if (!scan.at_end())
        return std::nullopt;
    return to_utc(clock);
}

// 2018-06-04[(T| )09:00[:00[.123]][Z|+09:00]]
std::optional<TimePoint> parse_iso8601(std::string_view text)
{
    Scanner scan(text);
    WallClock clock;
    int year_number = 0;
    int month_number = 0;
    int day_number = 0;
    if (!scan.number(4, 4, year_number) || !scan.accept('-') || !scan.number(2, 2, month_number)
        || !scan.accept('-') || !scan.number(2, 2, day_number))
        return std::nullopt;
    clock.date = year{year_number} / month{static_cast<unsigned>(month_number)}
               / day{static_cast<unsigned>(day_number)};
    if (scan.at_end())
        return to_utc(clock);

    if (!scan.accept_either('T', 't') && !scan.accept(' '))
        return std::nullopt;
    if (!scan.number(2, 2, clock.hour) || !scan.accept(':') || !scan.number(2, 2, clock.minute))
        return std::nullopt;
    if (scan.accept(':')) {
        if (!scan.number(2, 2, clock.second))
            return std::nullopt;
        // The screen shows minutes; fractions only have to be well-formed.
        if (scan.accept_either('.', ',')) {
            int ignored = 0;
            if (!scan.number(1, 1, ignored))
                return std::nullopt;
            while (scan.number(1, 1, ignored)) {
            }
        }
    }
    scan.skip_spaces();
    if (scan.accept_either('Z', 'z')) {
        // UTC
    }
    else if (scan.peek() == '+' || scan.peek() == '-') {
        if (!numeric_offset(scan, true, clock.offset))
            return std::nullopt;
    }
    else if (!scan.at_end()) {
        const auto name = scan.word();
        if (name.empty() || !named_zone(name, clock.offset))
            return std::nullopt;
    }
    // No zone: a local time of unknown place, read as UTC like the RFC 822 case.
    if (!scan.at_end())
        return std::nullopt;
    return to_utc(clock);
}

}  // namespace

std::optional<TimePoint> parse_feed_time(std::string_view text)
{
    text = trim(text);
    if (text.empty())
        return std::nullopt;
    // Both grammars start differently: ISO 8601 with a 4-digit year and '-', RFC 822 with a
    // weekday or a 1-2 digit day.
    if (text.size() >= 5 && text[4] == '-')
        return parse_iso8601(text);
    return parse_rfc822(text);
}

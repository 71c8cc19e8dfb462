#include "config/value_parsers.hpp"

#include "util/ascii.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <system_error>
#include <utility>

namespace signage::config {

namespace {

// A subtag in the case BCP 47 writes it: the region upper case, the script capitalised, the
// rest lower case; after a singleton (extensions, private use) everything stays lower case.
void append_subtag(std::string& tag, std::string_view subtag, bool first, bool after_singleton)
{
    const bool all_letters = std::ranges::all_of(subtag, is_ascii_letter);
    const bool cased = !first && !after_singleton && all_letters;
    for (std::size_t i = 0; i < subtag.size(); ++i) {
        const bool upper = cased && (subtag.size() == 2 || (subtag.size() == 4 && i == 0));
        tag += upper ? ascii_upper(subtag[i]) : ascii_lower(subtag[i]);
    }
}

bool is_subtag(std::string_view subtag, bool first)
{
    if (first)
        return subtag.size() >= 2 && subtag.size() <= 3 && std::ranges::all_of(subtag, is_ascii_letter);
    return !subtag.empty() && subtag.size() <= 8 && std::ranges::all_of(subtag, is_ascii_alnum);
}

// Exactly two digits: a time of day is written "08:00", as on a timetable.
std::optional<int> two_digits(std::string_view text)
{
    if (text.size() != 2 || !is_ascii_digit(text[0]) || !is_ascii_digit(text[1]))
        return std::nullopt;
    return (text[0] - '0') * 10 + (text[1] - '0');
}

bool is_scheme(std::string_view scheme)
{
    return !scheme.empty() && is_ascii_letter(scheme.front())
        && std::ranges::all_of(scheme, [](char c) { return is_ascii_alnum(c) || c == '+' || c == '-' || c == '.'; });
}

}  // namespace

std::string in_quotes(std::string_view text)
{
    // Escaped as a TOML basic string: a key or value may hold a line break or a quote, and an
    // error must stay one line of the log that reads back as what was written.
    std::string quoted = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"': quoted += "\\\""; break;
        case '\\': quoted += "\\\\"; break;
        case '\n': quoted += "\\n"; break;
        case '\r': quoted += "\\r"; break;
        case '\t': quoted += "\\t"; break;
        default:
            if (byte < 0x20 || byte == 0x7f) {
                char escape[8];
                std::snprintf(escape, sizeof escape, "\\u%04X", byte);
                quoted += escape;
            } else {
                quoted += c;
            }
        }
    }
    return quoted + "\"";
}

std::optional<std::string> canonical_language_tag(std::string_view tag)
{
    std::string result;
    bool first = true;
    bool after_singleton = false;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = tag.find('-', start);
        const std::string_view subtag = tag.substr(start, end == std::string_view::npos ? end : end - start);
        if (!is_subtag(subtag, first))
            return std::nullopt;
        if (!first)
            result += '-';
        append_subtag(result, subtag, first, after_singleton);
        if (!first && subtag.size() == 1)
            after_singleton = true;
        if (end == std::string_view::npos)
            return result;
        first = false;
        start = end + 1;
    }
}

Result<std::string> feed_url(std::string_view url)
{
    const std::size_t colon = url.find(':');
    const std::string_view scheme = url.substr(0, colon == std::string_view::npos ? 0 : colon);
    // A single letter before ':' is more likely a Windows drive than a scheme.
    if (!is_scheme(scheme) || scheme.size() == 1)
        return Error{in_quotes(url) + " is not a URL; to read a file, use path = " + in_quotes(url)};
    const std::string lower_scheme = ascii_lower(scheme);
    if (lower_scheme != "http" && lower_scheme != "https" && lower_scheme != "file")
        return Error{"unsupported scheme " + in_quotes(scheme) + "; use http, https or file"};
    const std::string_view rest = url.substr(colon + 1);
    if (!rest.starts_with("//") || rest.size() == 2)
        return Error{in_quotes(url) + " is incomplete; expected " + lower_scheme + "://..."};
    if (has_space_or_control(url))
        return Error{in_quotes(url) + " contains a space or control character; percent-encode it (%20 for a space)"};
    return lower_scheme + ":" + std::string(rest);
}

bool is_header_token(std::string_view name)
{
    return !name.empty() && std::ranges::all_of(name, [](char c) {
        return is_ascii_alnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    });
}

bool has_space_or_control(std::string_view text)
{
    return std::ranges::any_of(text, [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte <= 0x20 || byte == 0x7F;
    });
}

bool has_line_break_or_control(std::string_view text)
{
    return std::ranges::any_of(text, [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return (byte < 0x20 && byte != '\t') || byte == 0x7F;
    });
}

std::optional<RgbaColor> parse_hex_color(std::string_view text)
{
    if ((text.size() != 7 && text.size() != 9) || text[0] != '#')
        return std::nullopt;
    std::uint8_t channels[4] = {0, 0, 0, 255};
    for (std::size_t i = 0; i * 2 + 1 < text.size(); ++i) {
        const char* first = text.data() + 1 + i * 2;
        const auto [end, error] = std::from_chars(first, first + 2, channels[i], 16);
        if (error != std::errc{} || end != first + 2)
            return std::nullopt;
    }
    return RgbaColor{channels[0], channels[1], channels[2], channels[3]};
}

std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text)
{
    if (text.size() != 5 || text[2] != ':')
        return std::nullopt;
    const std::optional<int> hours = two_digits(text.substr(0, 2));
    const std::optional<int> minutes = two_digits(text.substr(3, 2));
    if (!hours || !minutes || *minutes > 59 || *hours > 24 || (*hours == 24 && *minutes != 0))
        return std::nullopt;
    return std::chrono::minutes{*hours * 60 + *minutes};
}

std::optional<std::optional<DayHours>> parse_day_hours(std::string_view text)
{
    if (text == "off")
        return std::optional<DayHours>{};
    if (text == "on")
        return std::optional<DayHours>{all_day_hours};
    const std::size_t dash = text.find('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    const auto on = parse_time_of_day(text.substr(0, dash));
    const auto off = parse_time_of_day(text.substr(dash + 1));
    // A range through midnight would belong to two days; the next day's own range says that.
    if (!on || !off || *on >= *off)
        return std::nullopt;
    return std::optional<DayHours>{DayHours{*on, *off}};
}

std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int parts[3] = {};
    const std::pair<std::size_t, std::size_t> spans[3] = {{0, 4}, {5, 2}, {8, 2}};
    for (std::size_t i = 0; i < 3; ++i) {
        const char* first = text.data() + spans[i].first;
        const char* last = first + spans[i].second;
        if (!std::all_of(first, last, is_ascii_digit))
            return std::nullopt;
        std::from_chars(first, last, parts[i]);
    }
    const std::chrono::year_month_day date{std::chrono::year{parts[0]}, std::chrono::month{static_cast<unsigned>(parts[1])},
                                           std::chrono::day{static_cast<unsigned>(parts[2])}};
    return date.ok() ? std::optional(date) : std::nullopt;
}

std::filesystem::path config_relative_path(std::string_view written, const std::filesystem::path& base_dir)
{
    std::filesystem::path path{std::string(written)};
    if (path.is_relative()) {
        std::error_code error;
        std::filesystem::path joined = base_dir / path;
        std::filesystem::path absolute = std::filesystem::absolute(joined, error);
        // Without a working directory (deleted under us) the joined path is the best there is.
        path = (error ? joined : absolute).lexically_normal();
    }
    return path;
}

std::string percent_encode_path(std::string_view path)
{
    static constexpr char hex_digits[] = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(path.size());
    for (char c : path) {
        if (is_ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            encoded += c;
        } else {
            auto byte = static_cast<unsigned char>(c);
            encoded += '%';
            encoded += hex_digits[byte >> 4];
            encoded += hex_digits[byte & 0x0F];
        }
    }
    return encoded;
}

}  // namespace signage::config

#include "feed/json_repair.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace signage::feed {

namespace {

// The code unit of a "\uXXXX" escape starting at `at` (the backslash), if there is one.
std::optional<unsigned> unicode_escape_at(std::string_view json, std::size_t at)
{
    if (at + 6 > json.size() || json[at] != '\\' || json[at + 1] != 'u')
        return std::nullopt;
    const char* digits = json.data() + at + 2;
    unsigned value = 0;
    const auto [end, error] = std::from_chars(digits, digits + 4, value, 16);
    if (error != std::errc{} || end != digits + 4)
        return std::nullopt;
    return value;
}

bool is_high_surrogate(unsigned unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool is_low_surrogate(unsigned unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

// From the opening quote at `at`: copies the string to `out`, lone surrogates replaced; returns
// the index just after it.
std::size_t copy_string(std::string_view json, std::size_t at, RepairedJson& out)
{
    out.text += json[at];
    std::size_t i = at + 1;
    while (i < json.size()) {
        const char c = json[i];
        if (c == '"') {
            out.text += c;
            return i + 1;
        }
        if (c != '\\' || i + 1 >= json.size()) {
            out.text += c;
            ++i;
            continue;
        }
        const auto unit = unicode_escape_at(json, i);
        if (!unit) {  // \" \\ \n ...: two characters as they are
            out.text.append(json.substr(i, 2));
            i += 2;
            continue;
        }
        const auto next = is_high_surrogate(*unit) ? unicode_escape_at(json, i + 6) : std::nullopt;
        if (next && is_low_surrogate(*next)) {
            out.text.append(json.substr(i, 12));
            i += 12;
        } else if (is_high_surrogate(*unit) || is_low_surrogate(*unit)) {
            out.text += "\\ufffd";
            ++out.lone_surrogates;
            i += 6;
        } else {
            out.text.append(json.substr(i, 6));
            i += 6;
        }
    }
    return i;
}

bool is_number_char(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

}  // namespace

RepairedJson repair_json(std::string_view json)
{
    RepairedJson out;
    out.text.reserve(json.size());
    std::size_t i = 0;
    while (i < json.size()) {
        const char c = json[i];
        if (c == '"') {
            i = copy_string(json, i, out);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t end = i;
            while (end < json.size() && is_number_char(json[end]))
                ++end;
            const std::string number(json.substr(i, end - i));
            if (std::isinf(std::strtod(number.c_str(), nullptr))) {
                out.text += "null";
                ++out.numbers_too_large;
            } else {
                out.text += number;
            }
            i = end;
        } else {
            out.text += c;
            ++i;
        }
    }
    return out;
}

}  // namespace signage::feed

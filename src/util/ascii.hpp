#pragma once
// ASCII-only case folding, for protocol tokens, language tags, encoding labels and font names:
// never locale-dependent, never touching UTF-8 bytes.
#include <algorithm>
#include <string>
#include <string_view>

namespace signage {

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_alnum(char c) { return is_ascii_letter(c) || is_ascii_digit(c); }

inline std::string ascii_lower(std::string_view text)
{
    std::string lowered(text);
    for (char& c : lowered)
        c = ascii_lower(c);
    return lowered;
}

inline bool ascii_iequals(std::string_view a, std::string_view b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

// `text` without ASCII white space at either end.
constexpr std::string_view ascii_trim(std::string_view text)
{
    constexpr std::string_view space = " \t\r\n\f\v";
    const auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

inline bool ascii_istarts_with(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && ascii_iequals(text.substr(0, prefix.size()), prefix);
}

}  // namespace signage

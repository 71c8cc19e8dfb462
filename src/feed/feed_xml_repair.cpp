#include "feed/feed_xml_repair.hpp"

#include "util/ascii.hpp"

#include <libxml/HTMLparser.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace signage::feed {

namespace {

// Entity names longer than this are no HTML entity; the bound keeps the lookups cheap.
constexpr std::size_t kMaxEntityName = 32;
// More digits than this name no character (U+10FFFF is 1114111) and would only overflow.
constexpr std::size_t kMaxReferenceDigits = 10;

// The value of an ASCII digit in base 10 or 16; -1 for anything else.
int digit_value(char c, bool hex)
{
    if (is_ascii_digit(c))
        return c - '0';
    const char lower = ascii_lower(c);
    return hex && lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
}

bool is_name_start(char ch)
{
    const auto c = static_cast<unsigned char>(ch);
    return is_ascii_letter(ch) || c == '_' || c == ':' || c >= 0x80;
}

bool is_name_char(char ch)
{
    return is_name_start(ch) || is_ascii_digit(ch) || ch == '-' || ch == '.';
}

bool is_xml_char(std::uint32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
}

void append_reference(std::string& out, std::uint32_t code_point)
{
    out += "&#";
    out += std::to_string(code_point);
    out += ';';
}

std::uint32_t predefined_entity(std::string_view name)
{
    if (name == "amp")
        return '&';
    if (name == "lt")
        return '<';
    if (name == "gt")
        return '>';
    if (name == "quot")
        return '"';
    if (name == "apos")
        return '\'';
    return 0;
}

// Rewrites the reference (or bare ampersand) at `i`, which holds '&'; returns the index after
// what it consumed.
std::size_t repair_reference(std::string_view text, std::size_t i, std::string& out)
{
    if (i + 1 < text.size() && text[i + 1] == '#') {
        const auto reference = numeric_reference_at(text, i, kMaxReferenceDigits);
        if (!reference) {
            out += "&amp;";
            return i + 1;
        }
        if (reference->value <= 0x10FFFF && is_xml_char(static_cast<std::uint32_t>(reference->value)))
            out.append(text.substr(i, reference->end - i));
        return reference->end;
    }

    std::size_t k = i + 1;
    if (k >= text.size() || !is_name_start(text[k])) {
        out += "&amp;";
        return i + 1;
    }
    while (k < text.size() && is_name_char(text[k]))
        ++k;
    if (k >= text.size() || text[k] != ';') {
        out += "&amp;";
        return i + 1;
    }
    const std::string_view name = text.substr(i + 1, k - i - 1);
    if (const std::uint32_t predefined = predefined_entity(name)) {
        append_reference(out, predefined);
    }
    else if (name.size() <= kMaxEntityName) {
        const std::string owned(name);
        if (const htmlEntityDesc* entity = htmlEntityLookup(reinterpret_cast<const xmlChar*>(owned.c_str())))
            append_reference(out, entity->value);
        else
            out.append(text.substr(i, k + 1 - i));
    }
    else {
        out.append(text.substr(i, k + 1 - i));
    }
    return k + 1;
}

// Copies the construct at `i` that runs from `open` to `close` unchanged (to the end of the
// text if it is never closed); returns the index after it.
std::size_t copy_through(std::string_view text, std::size_t i, std::string_view open, std::string_view close,
    std::string& out)
{
    const auto end = text.find(close, i + open.size());
    const std::size_t stop = end == std::string_view::npos ? text.size() : end + close.size();
    out.append(text.substr(i, stop - i));
    return stop;
}

}  // namespace

std::string repair_xml_text(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 64);
    std::size_t i = 0;
    while (i < text.size()) {
        // Plain runs go across in one piece.
        std::size_t run = i;
        while (run < text.size()) {
            const auto c = static_cast<unsigned char>(text[run]);
            if (c == '<' || c == '&' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xEF)
                break;
            ++run;
        }
        out.append(text.substr(i, run - i));
        i = run;
        if (i >= text.size())
            break;

        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '&') {
            i = repair_reference(text, i, out);
        }
        else if (c == '<') {
            const std::string_view rest = text.substr(i);
            if (rest.starts_with("<![CDATA["))
                i = copy_through(text, i, "<![CDATA[", "]]>", out);
            else if (rest.starts_with("<!--"))
                i = copy_through(text, i, "<!--", "-->", out);
            else if (rest.starts_with("<?"))
                i = copy_through(text, i, "<?", "?>", out);
            else {
                const bool markup = rest.size() > 1 && (is_name_start(rest[1]) || rest[1] == '/' || rest[1] == '!');
                out += markup ? "<" : "&lt;";
                ++i;
            }
        }
        else if (c == 0xEF) {
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
            const std::string_view rest = text.substr(i);
            if (rest.starts_with("\xEF\xBF\xBE") || rest.starts_with("\xEF\xBF\xBF"))
                i += 3;
            else {
                out += static_cast<char>(c);
                ++i;
            }
        }
        else {
            ++i;  // a control character XML does not allow
        }
    }
    return out;
}

std::optional<NumericReference> numeric_reference_at(std::string_view text, std::size_t at, std::size_t max_digits)
{
    std::size_t k = at + 1;
    if (k >= text.size() || text[k] != '#')
        return std::nullopt;
    ++k;
    const bool hex = k < text.size() && (text[k] == 'x' || text[k] == 'X');
    if (hex)
        ++k;
    const std::size_t digits = k;
    std::uint64_t value = 0;
    for (int digit = 0; k < text.size() && k - digits < max_digits && (digit = digit_value(text[k], hex)) >= 0; ++k)
        value = value * (hex ? 16 : 10) + static_cast<std::uint64_t>(digit);
    if (k == digits || k >= text.size() || text[k] != ';')
        return std::nullopt;
    return NumericReference{value, k + 1};
}

}  // namespace signage::feed

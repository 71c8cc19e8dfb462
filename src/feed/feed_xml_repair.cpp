#include "feed/feed_xml_repair.hpp"

#include "util/ascii.hpp"

#include <libxml/HTMLparser.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

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

// What the pass mended that a feed author should hear about (the rest is everyday sloppiness).
struct Mends {
    std::unordered_set<std::string_view> declared_entities;  // names the document's DTD declares
    std::size_t upper_case_x = 0;
    std::size_t unknown_entities = 0;
    std::size_t ill_formed_comments = 0;
};

// The names of the general entities the document declares ("<!ENTITY name ..."): references
// to them are libxml2's to handle (it does not expand them).
std::unordered_set<std::string_view> declared_entities(std::string_view text)
{
    std::unordered_set<std::string_view> names;
    for (std::size_t at = text.find("<!ENTITY"); at != std::string_view::npos; at = text.find("<!ENTITY", at + 1)) {
        std::size_t k = at + 8;
        while (k < text.size() && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r' || text[k] == '\n'))
            ++k;
        const std::size_t start = k;
        while (k < text.size() && k - start <= kMaxEntityName && is_name_char(text[k]))
            ++k;
        if (k > start)
            names.insert(text.substr(start, k - start));
    }
    return names;
}

// A named reference that is neither XML's nor HTML's nor declared: kept as its text, as
// browsers show "&foo;", rather than dropped by libxml2.
void repair_named_reference(std::string_view reference, std::string_view name, std::string& out, Mends& mends)
{
    if (const std::uint32_t predefined = predefined_entity(name)) {
        append_reference(out, predefined);
        return;
    }
    if (name.size() <= kMaxEntityName) {
        const std::string owned(name);
        if (const htmlEntityDesc* entity = htmlEntityLookup(reinterpret_cast<const xmlChar*>(owned.c_str()))) {
            append_reference(out, entity->value);
            return;
        }
    }
    if (mends.declared_entities.contains(name)) {
        out.append(reference);
        return;
    }
    out += "&amp;";
    out.append(reference.substr(1));
    ++mends.unknown_entities;
}

// Rewrites the reference (or bare ampersand) at `i`, which holds '&'; returns the index after
// what it consumed.
std::size_t repair_reference(std::string_view text, std::size_t i, std::string& out, Mends& mends)
{
    if (i + 1 < text.size() && text[i + 1] == '#') {
        const auto reference = numeric_reference_at(text, i, kMaxReferenceDigits);
        if (!reference) {
            out += "&amp;";
            return i + 1;
        }
        if (reference->value <= 0x10FFFF && is_xml_char(static_cast<std::uint32_t>(reference->value))) {
            // XML allows only a lower-case x; HTML, and so feed authors, write "&#X41;" too.
            const bool upper_x = text[i + 2] == 'X';
            mends.upper_case_x += upper_x ? 1 : 0;
            out += upper_x ? "&#x" : "";
            out.append(text.substr(upper_x ? i + 3 : i, reference->end - (upper_x ? i + 3 : i)));
        }
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
    repair_named_reference(text.substr(i, k + 1 - i), text.substr(i + 1, k - i - 1), out, mends);
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

// The comment at `i` ("<!--"): copied if XML allows it; left out if it is one only HTML allows
// ("<!-->", "<!--->", "--" inside, "--!>" at the end), which libxml2 would read on past,
// eating the text after it. Returns the index after it.
std::size_t repair_comment(std::string_view text, std::size_t i, std::string& out, Mends& mends)
{
    const std::size_t end = comment_end(text, i);
    if (end == std::string_view::npos)
        return copy_through(text, i, "<!--", "-->", out);
    const std::string_view comment = text.substr(i, end - i);
    const bool well_formed = comment.size() >= 7 && comment.ends_with("-->")
                          && comment.substr(4, comment.size() - 7).find("--") == std::string_view::npos
                          && !comment.substr(4, comment.size() - 7).ends_with("-");
    if (well_formed)
        out.append(comment);
    else
        ++mends.ill_formed_comments;
    return end;
}

void report(const Mends& mends, std::vector<std::string>& mended)
{
    if (mends.upper_case_x > 0)
        mended.push_back(std::to_string(mends.upper_case_x) + " character reference(s) with an upper-case X (&#X41;) read as the character");
    if (mends.unknown_entities > 0)
        mended.push_back(std::to_string(mends.unknown_entities) + " reference(s) to an entity no one defines (&foo;) kept as their text");
    if (mends.ill_formed_comments > 0)
        mended.push_back(std::to_string(mends.ill_formed_comments) + " comment(s) XML does not allow (<!--->, \"--\" inside) left out");
}

}  // namespace

std::size_t comment_end(std::string_view text, std::size_t at)
{
    const std::string_view rest = text.substr(at + 4);
    if (rest.starts_with(">"))
        return at + 5;
    if (rest.starts_with("->"))
        return at + 6;
    // One pass to the first "-->" or "--!>": a text of many comments costs no more than its length.
    for (std::size_t dashes = text.find("--", at + 4); dashes != std::string_view::npos; dashes = text.find("--", dashes + 1)) {
        const std::string_view after = text.substr(dashes + 2);
        if (after.starts_with(">"))
            return dashes + 3;
        if (after.starts_with("!>"))
            return dashes + 4;
    }
    return std::string_view::npos;
}

std::string without_comments(std::string_view html)
{
    std::string out;
    std::size_t i = 0;
    for (std::size_t at = html.find("<!--"); at != std::string_view::npos; at = html.find("<!--", i)) {
        out.append(html.substr(i, at - i));
        i = comment_end(html, at);
        if (i == std::string_view::npos)
            return out;
    }
    out.append(html.substr(i));
    return out;
}

std::string repair_xml_text(std::string_view text, std::vector<std::string>& mended)
{
    Mends mends;
    mends.declared_entities = declared_entities(text);
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
            i = repair_reference(text, i, out, mends);
        }
        else if (c == '<') {
            const std::string_view rest = text.substr(i);
            if (rest.starts_with("<![CDATA["))
                i = copy_through(text, i, "<![CDATA[", "]]>", out);
            else if (rest.starts_with("<!--"))
                i = repair_comment(text, i, out, mends);
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
    report(mends, mended);
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

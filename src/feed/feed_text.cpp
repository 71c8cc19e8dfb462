#include "feed/feed_text.hpp"

#include "feed/feed_parser.hpp"
#include "feed/feed_xml_repair.hpp"
#include "feed/markup_bounds.hpp"
#include "feed/text_encoding.hpp"
#include "platform/c_deleter.hpp"
#include "util/ascii.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace signage::feed {

namespace {

using XmlDocPtr = std::unique_ptr<xmlDoc, platform::CDeleter<xmlFreeDoc>>;

// NONET: an <img src> or a DOCTYPE must never make the parser reach out. IGNORE_ENC: the
// fragment is UTF-8 already, whatever a <meta charset> inside it claims.
constexpr int kHtmlOptions = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                           | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD;

// Markup nested deeper than this is not text anyone wants on a screen, and the bound keeps the
// walk's stack small whatever the document looks like.
constexpr int kMaxMarkupDepth = 32;

// A numeric reference with more digits than this does not make text look like HTML.
constexpr std::size_t kMaxReferenceDigits = 8;

// HTML input read for a piece of text, per byte of text wanted: markup-heavy descriptions
// (tables, inline styles) run to many bytes of tags per byte of text.
constexpr std::size_t kHtmlBytesPerTextByte = 16;

std::string_view view(const xmlChar* text)
{
    return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view{};
}

// Elements that end a line when a browser shows them: their text must not run into the next.
bool breaks_line(std::string_view name)
{
    static constexpr std::string_view names[] = {"address", "article", "aside", "blockquote", "br", "caption",
        "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"};
    return std::any_of(std::begin(names), std::end(names), [&](std::string_view n) { return ascii_iequals(n, name); });
}

bool is_invisible(std::string_view name)
{
    return ascii_iequals(name, "script") || ascii_iequals(name, "style") || ascii_iequals(name, "head");
}

// Elements whose tags, seen in text meant to be plain, show it is HTML.
bool is_html_element(std::string_view name)
{
    static constexpr std::string_view names[] = {"a", "abbr", "b", "big", "blockquote", "body", "br", "center",
        "cite", "code", "dd", "del", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "html", "i", "iframe", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "script", "small",
        "span", "strike", "strong", "style", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "tt", "u",
        "ul", "wbr"};
    return std::any_of(std::begin(names), std::end(names), [&](std::string_view n) { return ascii_iequals(n, name); });
}

// "<b>", "</b>", "<br/>", "<a href" or "<!--" at `i` (which holds '<').
bool html_tag_at(std::string_view text, std::size_t i)
{
    std::size_t k = i + 1;
    if (text.substr(k).starts_with("!--"))
        return true;
    if (k < text.size() && text[k] == '/')
        ++k;
    const std::size_t name_start = k;
    while (k < text.size() && (is_ascii_letter(text[k]) || is_ascii_digit(text[k])))
        ++k;
    if (k == name_start || k >= text.size())
        return false;
    const char after = text[k];
    const bool name_ends = after == '>' || after == '/' || after == ' ' || after == '\t' || after == '\n' || after == '\r';
    return name_ends && is_html_element(text.substr(name_start, k - name_start));
}

// "&quot;", "&#8217;" or "&#x2019;" at `i` (which holds '&').
bool character_reference_at(std::string_view text, std::size_t i)
{
    if (i + 1 < text.size() && text[i + 1] == '#')
        return numeric_reference_at(text, i, kMaxReferenceDigits).has_value();
    std::size_t k = i + 1;
    const std::size_t name_start = k;
    while (k < text.size() && k - name_start < 32 && is_ascii_alnum(text[k]))
        ++k;
    if (k == name_start || k >= text.size() || text[k] != ';')
        return false;
    const std::string name(text.substr(name_start, k - name_start));
    return name == "apos" || htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str())) != nullptr;
}

void append_markup_text(const xmlNode* first, std::string& out, std::size_t max_bytes, int depth)
{
    for (const xmlNode* node = first; node && out.size() < max_bytes; node = node->next) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            out += utf8_prefix(view(node->content), max_bytes - out.size());
        }
        else if (node->type == XML_ELEMENT_NODE && depth < kMaxMarkupDepth) {
            const std::string_view name = view(node->name);
            if (is_invisible(name))
                continue;
            const bool block = breaks_line(name);
            if (block)
                out += ' ';
            append_markup_text(node->children, out, max_bytes, depth + 1);
            if (block)
                out += ' ';
        }
    }
}

// Length of the UTF-8 sequence at `i` if it is a character the screen should show as a space
// (Unicode White_Space beyond ASCII, but for the no-break spaces: they are kept, one for one, as
// a browser keeps "&nbsp;", and line breaking never breaks at them), or a negative length if it should vanish (C1 controls,
// the byte order mark, U+FFFE/U+FFFF, and the bidi embeddings, overrides and isolates
// U+202A-202E and U+2066-2069: from a feed they could make a headline read as something else,
// e.g. an override turning "...cdm.exe" around; a single line of untrusted text is shown in
// its own natural direction, as browsers show a URL); 0 for anything else.
int special_character(std::string_view s, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned b0 = byte(0);
    const unsigned b1 = byte(1);
    const unsigned b2 = byte(2);
    if (b0 == 0xC2) {
        if (b1 == 0x85)  // NEL; a no-break space (C2 A0) stays itself
            return 2;
        if (b1 >= 0x80 && b1 <= 0x9F)
            return -2;
    }
    if (b0 == 0xE1 && b1 == 0x9A && b2 == 0x80)  // ogham space mark
        return 3;
    // En quad to hair space, line and paragraph separators; not the figure space (E2 80 87) or
    // the narrow no-break space (E2 80 AF), which stay themselves.
    if (b0 == 0xE2 && b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8A && b2 != 0x87) || b2 == 0xA8 || b2 == 0xA9))
        return 3;
    if (b0 == 0xE2 && ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)))
        return -3;
    if (b0 == 0xE2 && b1 == 0x81 && b2 == 0x9F)  // medium mathematical space
        return 3;
    if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80)  // ideographic space, common in Korean text
        return 3;
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF)
        return -3;
    if (b0 == 0xEF && b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF))
        return -3;
    return 0;
}

}  // namespace

std::string clean_text(std::string_view raw, std::size_t max_bytes)
{
    std::string out;
    out.reserve(std::min(raw.size(), max_bytes + 4));
    bool pending_space = false;
    // A little past the limit, so the cut below lands on a character boundary.
    for (std::size_t i = 0; i < raw.size() && out.size() <= max_bytes;) {
        const auto c = static_cast<unsigned char>(raw[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            pending_space = true;
            ++i;
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            const int special = special_character(raw, i);
            if (special > 0) {
                pending_space = true;
                i += static_cast<std::size_t>(special);
                continue;
            }
            if (special < 0) {
                i += static_cast<std::size_t>(-special);
                continue;
            }
        }
        if (pending_space && !out.empty())
            out += ' ';
        pending_space = false;
        out += static_cast<char>(c);
        ++i;
    }
    if (out.size() > max_bytes) {
        out.resize(utf8_prefix(out, max_bytes).size());
        while (!out.empty() && out.back() == ' ')
            out.pop_back();
    }
    return out;
}

bool looks_like_html(std::string_view text)
{
    for (std::size_t i = text.find_first_of("<&"); i != std::string_view::npos; i = text.find_first_of("<&", i + 1)) {
        if (text[i] == '<' ? html_tag_at(text, i) : character_reference_at(text, i))
            return true;
    }
    return false;
}

void ensure_libxml_ready()
{
    static std::once_flag ready;
    std::call_once(ready, [] { xmlInitParser(); });
}

std::string html_to_text(std::string_view html, std::size_t max_text_bytes)
{
    const std::size_t max_input = std::min<std::size_t>(max_text_bytes * kHtmlBytesPerTextByte, INT_MAX);
    const std::string markup = without_comments(utf8_prefix(html, max_input));
    // A description whose tags would cost the HTML parser minutes is left out; the title stays.
    if (markup.empty() || !html_markup_within_bounds(markup))
        return {};
    ensure_libxml_ready();
    const XmlDocPtr doc{htmlReadMemory(markup.data(), static_cast<int>(markup.size()), nullptr, "UTF-8", kHtmlOptions)};
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root)
        return {};
    std::string text;
    append_markup_text(root, text, max_text_bytes * 2);
    return text;
}

void append_markup_text(const xmlNode* first, std::string& out, std::size_t max_bytes)
{
    append_markup_text(first, out, max_bytes, 0);
}

std::string language_tag(std::string_view raw)
{
    std::string tag = clean_text(raw, kMaxLanguageBytes);
    for (char& c : tag) {
        c = ascii_lower(c);
        if (c == '_')  // "ko_KR", as locale names are written
            c = '-';
    }
    return tag;
}

bool is_korean(std::string_view language_tag)
{
    return language_tag == "ko" || language_tag.starts_with("ko-");
}

std::string fnv1a_hex(std::string_view data)
{
    std::uint64_t hash = 0xcbf29ce484222325u;
    for (char c : data) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3u;
    }
    std::string hex(16, '0');
    for (int i = 15; i >= 0; --i) {
        hex[static_cast<std::size_t>(i)] = "0123456789abcdef"[hash & 0xF];
        hash >>= 4;
    }
    return "fnv1a:" + hex;
}

}  // namespace signage::feed

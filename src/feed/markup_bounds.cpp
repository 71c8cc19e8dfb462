#include "feed/markup_bounds.hpp"

#include "util/ascii.hpp"

#include <string>
#include <vector>

namespace signage::feed {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// Just past the first `end` at or after `from`; the text's end when there is none.
std::size_t after(std::string_view text, std::size_t from, std::string_view end)
{
    const std::size_t found = text.find(end, from);
    return found == npos ? text.size() : found + end.size();
}

// From a quote at `at`, just past its closing quote (or the text's end).
std::size_t after_quoted(std::string_view text, std::size_t at)
{
    return after(text, at + 1, text.substr(at, 1));
}

// One declaration of the internal subset, from its "<!" at `at`: where it ends, with the
// attribute defaults it declares added to `defaults`.
Result<std::size_t> scan_declaration(std::string_view xml, std::size_t at, std::size_t& defaults)
{
    const std::string_view rest = xml.substr(at);
    if (rest.starts_with("<!--"))
        return after(xml, at + 4, "-->");
    if (rest.starts_with("<!ENTITY") && xml.substr(at + 8).find_first_not_of(" \t\r\n") != npos &&
        xml[xml.find_first_not_of(" \t\r\n", at + 8)] == '%')
        return Error{"refused: its internal DTD subset declares parameter entities, which no feed needs"};
    const bool attribute_list = rest.starts_with("<!ATTLIST");
    for (std::size_t i = at + 2; i < xml.size(); ++i) {
        const char c = xml[i];
        if (c == '>')
            return i + 1;
        if (c == '"' || c == '\'') {
            defaults += attribute_list ? 1 : 0;  // each default value is the one quoted literal of its attribute
            i = after_quoted(xml, i) - 1;
        }
    }
    return xml.size();
}

// From "<!DOCTYPE" at `at`, just past the declaration, checking its internal subset.
Result<std::size_t> scan_doctype(std::string_view xml, std::size_t at)
{
    std::size_t defaults = 0;
    std::size_t i = at + 9;
    while (i < xml.size() && xml[i] != '[' && xml[i] != '>')
        i = (xml[i] == '"' || xml[i] == '\'') ? after_quoted(xml, i) : i + 1;
    if (i >= xml.size() || xml[i] == '>')
        return i + 1;
    for (++i; i < xml.size() && xml[i] != ']';) {
        if (xml.substr(i, 2) == "<!") {
            auto end = scan_declaration(xml, i, defaults);
            if (!end)
                return end.error();
            i = end.value();
        }
        else if (xml.substr(i, 2) == "<?") {
            i = after(xml, i + 2, "?>");
        }
        else {
            ++i;
        }
    }
    if (defaults > kMaxAttributeDefaults)
        return Error{"refused: its internal DTD subset declares " + std::to_string(defaults) + " attribute defaults (at most " +
                     std::to_string(kMaxAttributeDefaults) + "; a feed needs none)"};
    return after(xml, i, ">");
}

struct StartTag {
    std::size_t end = 0;         // just past the tag (or where a broken one stops)
    std::size_t attributes = 0;  // each has one "="
    std::size_t namespaces = 0;  // of them, the xmlns and xmlns:prefix declarations
    bool empty = false;          // "<x/>": it opens no scope
};

bool is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// From a start tag's "<" at `at`.
StartTag scan_start_tag(std::string_view xml, std::size_t at)
{
    StartTag tag;
    std::size_t name_start = at + 1;  // of the word being read: the tag's name, then each attribute's
    for (std::size_t i = at + 1; i < xml.size(); ++i) {
        const char c = xml[i];
        if (c == '>' || c == '<') {  // "<": a broken tag, which the parser ends there too
            tag.end = i;
            tag.empty = c == '>' && xml[i - 1] == '/';
            return tag;
        }
        if (c == '"' || c == '\'') {
            i = after_quoted(xml, i) - 1;
            name_start = i + 1;
        }
        else if (c == '=') {
            ++tag.attributes;
            tag.namespaces += xml.substr(name_start, 5) == "xmlns" ? 1 : 0;
        }
        else if (is_xml_space(c)) {
            name_start = i + 1;
        }
    }
    tag.end = xml.size();
    return tag;
}

std::string too_many_attributes(std::size_t count)
{
    return "refused: an element with " + std::to_string(count) + " attributes (at most " +
           std::to_string(kMaxAttributesPerElement) + "; a feed needs a handful)";
}

}  // namespace

Status check_xml_markup(std::string_view xml)
{
    // Declarations of each open element, as far as the tags say: the parser looks a prefix up
    // among all of them, so they are bounded together.
    std::vector<std::size_t> scopes;
    std::size_t in_scope = 0;
    for (std::size_t i = xml.find('<'); i != npos; i = xml.find('<', i)) {
        const std::string_view rest = xml.substr(i);
        if (rest.starts_with("<!--")) {
            i = after(xml, i + 4, "-->");
        }
        else if (rest.starts_with("<![CDATA[")) {
            i = after(xml, i + 9, "]]>");
        }
        else if (rest.starts_with("<?")) {
            i = after(xml, i + 2, "?>");
        }
        else if (rest.starts_with("<!DOCTYPE")) {
            auto end = scan_doctype(xml, i);
            if (!end)
                return end.error();
            i = end.value();
        }
        else if (rest.starts_with("</")) {
            if (!scopes.empty()) {
                in_scope -= scopes.back();
                scopes.pop_back();
            }
            i += 2;
        }
        else if (rest.starts_with("<!")) {
            i += 2;
        }
        else {
            const StartTag tag = scan_start_tag(xml, i);
            if (tag.attributes > kMaxAttributesPerElement)
                return Error{too_many_attributes(tag.attributes)};
            in_scope += tag.namespaces;
            if (in_scope > kMaxNamespacesInScope)
                return Error{"refused: " + std::to_string(in_scope) + " namespace declarations in scope at once (at most " +
                             std::to_string(kMaxNamespacesInScope) + "; a feed needs a few dozen)"};
            if (tag.empty)
                in_scope -= tag.namespaces;
            else
                scopes.push_back(tag.namespaces);
            i = tag.end;
        }
    }
    return Done{};
}

bool html_markup_within_bounds(std::string_view html)
{
    for (std::size_t i = html.find('<'); i != npos; i = html.find('<', i + 1)) {
        if (i + 1 >= html.size() || !is_ascii_letter(html[i + 1]))
            continue;
        std::size_t words = 0;  // the tag's name, then one per attribute at least
        bool in_word = false;
        for (++i; i < html.size() && html[i] != '>' && html[i] != '<'; ++i) {
            const char c = html[i];
            if (c == '"' || c == '\'') {
                i = after_quoted(html, i) - 1;
                in_word = true;
                continue;
            }
            const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
            words += !space && !in_word;
            in_word = !space;
        }
        if (words > kMaxAttributesPerElement + 1)
            return false;
        if (i >= html.size())
            break;
        --i;  // the loop's "+ 1" lands on this tag's ">" or the next "<"
    }
    return true;
}

}  // namespace signage::feed

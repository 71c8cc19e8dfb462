#include "feed/feed_parser.hpp"

#include "feed/feed_time.hpp"
#include "platform/c_deleter.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using XmlDocPtr = std::unique_ptr<xmlDoc, CDeleter<xmlFreeDoc>>;

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::array<std::string_view, 2> kRss1Namespaces{
    "http://purl.org/rss/1.0/",
    "http://my.netscape.com/rdf/simple/0.9/",  // RSS 0.90: the same shape
};
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view kExtensionNs = "urn:signage-player:feed:1";
constexpr std::string_view kNoNamespace{};

// Markup nested deeper than this inside a title is not text anyone wants on a screen, and
// the bound keeps the walk's stack small whatever the document looks like.
constexpr int kMaxTextDepth = 16;

// The parse options are the security boundary: NOENT/DTDLOAD would expand entities and fetch
// external DTDs, HUGE would lift libxml2's limits on entity amplification and node sizes.
constexpr int kXmlOptions = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
constexpr int kHtmlOptions = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;

std::string_view view(const xmlChar* text)
{
    return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view{};
}

std::string_view namespace_of(const xmlNode* node)
{
    return node->ns ? view(node->ns->href) : kNoNamespace;
}

bool is_element(const xmlNode* node, std::string_view ns, std::string_view name)
{
    return node->type == XML_ELEMENT_NODE && view(node->name) == name && namespace_of(node) == ns;
}

const xmlNode* first_child(const xmlNode* parent, std::string_view ns, std::string_view name)
{
    for (const xmlNode* child = parent->children; child; child = child->next) {
        if (is_element(child, ns, name))
            return child;
    }
    return nullptr;
}

template <class Fn>
void for_each_child(const xmlNode* parent, std::string_view ns, std::string_view name, Fn&& fn)
{
    for (const xmlNode* child = parent->children; child; child = child->next) {
        if (is_element(child, ns, name))
            fn(child);
    }
}

// Text and CDATA below `first`, in document order. Entity references are left out on purpose:
// following them is how an entity bomb would get expanded after the parser declined to.
void append_text(const xmlNode* first, std::string& out, int depth = 0)
{
    for (const xmlNode* node = first; node; node = node->next) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
            out += view(node->content);
        else if (node->type == XML_ELEMENT_NODE && depth < kMaxTextDepth)
            append_text(node->children, out, depth + 1);
    }
}

std::string raw_text(const xmlNode* element)
{
    std::string text;
    if (element)
        append_text(element->children, text);
    return text;
}

// Walks the attribute list itself: xmlHasNsProp would also report DTD default values.
const xmlAttr* find_attribute(const xmlNode* node, std::string_view ns, std::string_view name)
{
    for (const xmlAttr* attr = node->properties; attr; attr = attr->next) {
        const std::string_view attr_ns = attr->ns ? view(attr->ns->href) : kNoNamespace;
        if (view(attr->name) == name && attr_ns == ns)
            return attr;
    }
    return nullptr;
}

std::optional<std::string> attribute(const xmlNode* node, std::string_view ns, std::string_view name)
{
    const xmlAttr* attr = find_attribute(node, ns, name);
    if (!attr)
        return std::nullopt;
    std::string text;
    append_text(attr->children, text);
    return text;
}

// Length of the UTF-8 sequence at `i` if it is a character the screen should show as a space
// (Unicode White_Space beyond ASCII), or a negative length if it should vanish (C1 controls,
// the byte order mark); 0 for anything else.
int special_character(std::string_view s, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned b0 = byte(0);
    const unsigned b1 = byte(1);
    const unsigned b2 = byte(2);
    if (b0 == 0xC2) {
        if (b1 == 0x85 || b1 == 0xA0)  // NEL, no-break space
            return 2;
        if (b1 >= 0x80 && b1 <= 0x9F)
            return -2;
    }
    if (b0 == 0xE1 && b1 == 0x9A && b2 == 0x80)  // ogham space mark
        return 3;
    if (b0 == 0xE2 && b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF))
        return 3;
    if (b0 == 0xE2 && b1 == 0x81 && b2 == 0x9F)  // medium mathematical space
        return 3;
    if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80)  // ideographic space, common in Korean text
        return 3;
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF)
        return -3;
    return 0;
}

// One line of plain text for the screen: runs of white space become one space, controls go.
std::string clean_text(std::string_view raw)
{
    std::string out;
    out.reserve(raw.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < raw.size();) {
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
    return out;
}

std::string html_to_text(std::string_view html)
{
    if (html.empty() || html.size() > static_cast<std::size_t>(INT_MAX))
        return {};
    const XmlDocPtr doc{htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", kHtmlOptions)};
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root)
        return {};
    std::string text;
    append_text(root, text);
    return text;
}

// A title element's text. Atom titles (and sp:title) may say type="html": the markup is
// escaped inside, so it is text to this parser and needs a second, HTML parse.
std::string title_text(const xmlNode* element)
{
    std::string text = raw_text(element);
    if (attribute(element, kNoNamespace, "type") == "html")
        text = html_to_text(text);
    return clean_text(text);
}

std::string language_tag(std::string_view raw)
{
    std::string tag = clean_text(raw);
    for (char& c : tag) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        else if (c == '_')  // "ko_KR", as locale names are written
            c = '-';
    }
    return tag;
}

// xml:lang on `node` or its ancestors, up to and including `last` (nullptr: the whole way).
std::string xml_lang(const xmlNode* node, const xmlNode* last = nullptr)
{
    for (; node && node->type == XML_ELEMENT_NODE; node = node->parent) {
        // xml:lang="" says "unknown" and ends the walk; the caller's fallbacks apply then.
        if (auto lang = attribute(node, kXmlNs, "lang"))
            return language_tag(*lang);
        if (node == last)
            break;
    }
    return {};
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

// What every format yields per item, before it becomes a Notice.
struct ItemParts {
    const xmlNode* item = nullptr;
    const xmlNode* title = nullptr;
    std::string id;
    std::string link;
    std::string date;
    std::vector<std::string> categories;
};

// `lang_above_item` is what the feed says about its language above the item level.
std::optional<Notice> make_notice(ItemParts parts, const std::string& lang_above_item, const FeedContext& context)
{
    Notice notice;
    notice.source_name = context.source_name;

    const std::string title = parts.title ? title_text(parts.title) : std::string{};
    if (!title.empty()) {
        std::string lang = xml_lang(parts.title, parts.item);
        if (lang.empty())
            lang = lang_above_item;
        if (lang.empty())
            lang = language_tag(context.default_language);
        notice.titles.push_back({std::move(lang), title});
    }
    for_each_child(parts.item, kExtensionNs, "title", [&](const xmlNode* translation) {
        // A translation in no stated language cannot be picked by language: leave it out.
        std::string lang = language_tag(attribute(translation, kXmlNs, "lang").value_or(""));
        std::string text = title_text(translation);
        if (!lang.empty() && !text.empty())
            notice.titles.push_back({std::move(lang), std::move(text)});
    });
    if (notice.titles.empty())
        return std::nullopt;

    notice.link = clean_text(parts.link);
    const std::string date = clean_text(parts.date);
    notice.published = parse_feed_time(date);
    for (const auto& category : parts.categories) {
        std::string text = clean_text(category);
        if (!text.empty())
            notice.categories.push_back(std::move(text));
    }

    notice.id = clean_text(parts.id);
    if (notice.id.empty())
        notice.id = notice.link;
    if (notice.id.empty())
        notice.id = fnv1a_hex(notice.titles.front().text + '\n' + date);
    return notice;
}

std::string first_text(const xmlNode* parent, std::string_view ns, std::string_view name)
{
    return raw_text(first_child(parent, ns, name));
}

void read_rss_items(const xmlNode* item_parent, const xmlNode* channel, std::string_view ns,
    const FeedContext& context, ParsedFeed& feed)
{
    // Precedence: xml:lang in the item, the channel's <language>, xml:lang above the item.
    std::string channel_lang;
    if (channel) {
        channel_lang = language_tag(first_text(channel, ns, "language"));
        if (channel_lang.empty())
            channel_lang = language_tag(first_text(channel, kDcNs, "language"));
    }

    for_each_child(item_parent, ns, "item", [&](const xmlNode* item) {
        ItemParts parts;
        parts.item = item;
        parts.title = first_child(item, ns, "title");
        parts.id = first_text(item, ns, "guid");
        if (parts.id.empty())  // RSS 1.0 names each item by its rdf:about URI
            parts.id = attribute(item, kRdfNs, "about").value_or("");
        parts.link = first_text(item, ns, "link");
        parts.date = first_text(item, ns, "pubDate");
        if (parts.date.empty())
            parts.date = first_text(item, kDcNs, "date");
        for_each_child(item, ns, "category", [&](const xmlNode* category) { parts.categories.push_back(raw_text(category)); });

        std::string lang_above = channel_lang.empty() ? xml_lang(item->parent) : channel_lang;
        if (auto notice = make_notice(std::move(parts), lang_above, context))
            feed.notices.push_back(std::move(*notice));
    });
}

Result<ParsedFeed> read_rss2(const xmlNode* root, const FeedContext& context)
{
    const xmlNode* channel = first_child(root, kNoNamespace, "channel");
    if (!channel)
        return Error{"not a feed: <rss> without <channel>"};
    ParsedFeed feed;
    feed.title = clean_text(first_text(channel, kNoNamespace, "title"));
    read_rss_items(channel, channel, kNoNamespace, context, feed);
    return feed;
}

// RSS 1.0 keeps its items beside the channel, not in it.
Result<ParsedFeed> read_rss1(const xmlNode* root, const FeedContext& context)
{
    for (auto ns : kRss1Namespaces) {
        const xmlNode* channel = first_child(root, ns, "channel");
        if (!channel && !first_child(root, ns, "item"))
            continue;
        ParsedFeed feed;
        if (channel)
            feed.title = clean_text(first_text(channel, ns, "title"));
        read_rss_items(root, channel, ns, context, feed);
        return feed;
    }
    return Error{"not a feed: <rdf:RDF> without rss channel or items"};
}

std::string atom_link(const xmlNode* entry)
{
    std::string found;
    for_each_child(entry, kAtomNs, "link", [&](const xmlNode* link) {
        const auto rel = attribute(link, kNoNamespace, "rel");
        if (found.empty() && (!rel || *rel == "alternate"))
            found = attribute(link, kNoNamespace, "href").value_or("");
    });
    return found;
}

Result<ParsedFeed> read_atom(const xmlNode* root, const FeedContext& context)
{
    ParsedFeed feed;
    if (const xmlNode* title = first_child(root, kAtomNs, "title"))
        feed.title = title_text(title);

    for_each_child(root, kAtomNs, "entry", [&](const xmlNode* entry) {
        ItemParts parts;
        parts.item = entry;
        parts.title = first_child(entry, kAtomNs, "title");
        parts.id = first_text(entry, kAtomNs, "id");
        parts.link = atom_link(entry);
        parts.date = first_text(entry, kAtomNs, "published");
        if (clean_text(parts.date).empty())
            parts.date = first_text(entry, kAtomNs, "updated");
        for_each_child(entry, kAtomNs, "category", [&](const xmlNode* category) {
            parts.categories.push_back(attribute(category, kNoNamespace, "term").value_or(""));
        });
        // In Atom the language is only ever xml:lang, inherited from the feed element down.
        if (auto notice = make_notice(std::move(parts), xml_lang(entry->parent), context))
            feed.notices.push_back(std::move(*notice));
    });
    return feed;
}

// libxml2's last message, as one lower-case line without a trailing period.
std::string xml_error_reason()
{
    const xmlError* error = xmlGetLastError();
    std::string message = error && error->message ? error->message : "unreadable document";
    while (!message.empty() && (message.back() == '\n' || message.back() == '.' || message.back() == ' '))
        message.pop_back();
    for (char& c : message) {
        if (c == '\n')
            c = ' ';
    }
    if (!message.empty() && message.front() >= 'A' && message.front() <= 'Z')
        message.front() = static_cast<char>(message.front() - 'A' + 'a');
    return message;
}

bool is_blank(std::string_view body)
{
    return body.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

Result<ParsedFeed> parse_feed(std::string_view body, const FeedContext& context)
{
    if (is_blank(body))
        return Error{"empty body"};
    if (body.size() > static_cast<std::size_t>(INT_MAX))
        return Error{"body too large for the xml parser"};

    // libxml2 wants one initialisation before threads share it; the fetcher parses off the
    // main thread.
    static std::once_flag libxml_ready;
    std::call_once(libxml_ready, [] { xmlInitParser(); });

    // The last error is per thread in libxml2, so this does not race with other parsers.
    xmlResetLastError();
    const XmlDocPtr doc{xmlReadMemory(body.data(), static_cast<int>(body.size()), nullptr, nullptr, kXmlOptions)};
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root)
        return Error{"not xml: " + xml_error_reason()};

    const std::string_view name = view(root->name);
    const std::string_view ns = namespace_of(root);
    if (name == "rss" && ns.empty())
        return read_rss2(root, context);
    if (name == "RDF" && ns == kRdfNs)
        return read_rss1(root, context);
    if (name == "feed" && ns == kAtomNs)
        return read_atom(root, context);
    if (name == "feed")
        return Error{"not a feed: root element <feed> is not atom 1.0"};
    return Error{"not a feed: root element <" + std::string(name) + ">"};
}

#include "feed/feed_parser.hpp"

#include "feed/feed_notice.hpp"
#include "feed/feed_text.hpp"
#include "feed/feed_xml_repair.hpp"
#include "feed/json_feed.hpp"
#include "feed/text_encoding.hpp"
#include "model/urgency.hpp"
#include "platform/c_deleter.hpp"
#include "util/ascii.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using XmlDocPtr = std::unique_ptr<xmlDoc, CDeleter<xmlFreeDoc>>;

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kAtom03Ns = "http://purl.org/atom/ns#";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kRss10Ns = "http://purl.org/rss/1.0/";
constexpr std::string_view kRss090Ns = "http://my.netscape.com/rdf/simple/0.9/";  // RSS 0.90: the same shape
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kDcTermsNs = "http://purl.org/dc/terms/";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view kExtensionNs = "urn:signage-player:feed:1";
constexpr std::string_view kNoNamespace{};

// The parse options are the security boundary: NOENT/DTDLOAD would expand entities and fetch
// external DTDs, HUGE would lift libxml2's limits on entity amplification and node sizes.
// IGNORE_ENC: the body reaches libxml2 already converted to UTF-8, whatever it declares.
constexpr int kXmlOptions =
    XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC;

// Markup read from a field that may be HTML, per byte of text wanted (see html_to_text).
constexpr std::size_t kMarkupBytesPerTextByte = 16;

// Attribute values the parser reads are names, URLs and ids: this is plenty for each.
constexpr std::size_t kMaxAttributeBytes = 2 * kMaxLinkBytes;

// The first characters of a body that an error quotes when it is neither XML nor JSON.
constexpr std::size_t kQuotedPrefixBytes = 24;

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

// for_each_child for the items of a feed, up to kMaxItems of them.
template <class Fn>
void for_each_item(const xmlNode* parent, std::string_view ns, std::string_view name, Fn&& fn)
{
    std::size_t count = 0;
    for (const xmlNode* child = parent->children; child && count < kMaxItems; child = child->next) {
        if (is_element(child, ns, name)) {
            ++count;
            fn(child);
        }
    }
}

// The text of an element meant to hold plain text (an id, a date, a URL): at most `max_bytes`.
std::string raw_text(const xmlNode* element, std::size_t max_bytes)
{
    std::string text;
    if (element)
        append_markup_text(element->children, text, max_bytes);
    return text;
}

std::string first_text(const xmlNode* parent, std::string_view ns, std::string_view name, std::size_t max_bytes)
{
    return raw_text(first_child(parent, ns, name), max_bytes);
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
    append_markup_text(attr->children, text, kMaxAttributeBytes);
    return text;
}

// RSS text (titles, descriptions) is plain by the letter of the spec, but real feeds put
// escaped HTML in it ("&lt;b&gt;공지&lt;/b&gt;", "&amp;quot;"): when it looks like HTML, it
// is read as HTML.
std::string rss_text(const xmlNode* element, std::size_t max_bytes)
{
    std::string text = raw_text(element, max_bytes * kMarkupBytesPerTextByte);
    if (looks_like_html(text))
        return html_to_text(text, max_bytes);
    return text;
}

// An Atom 1.0 text construct (title, summary, content): type="text", "html" or "xhtml"; a
// MIME type for content. Binary and out-of-line content (src=) has no text for the screen.
std::string atom_text(const xmlNode* element, std::size_t max_bytes)
{
    if (!element)
        return {};
    const std::string type = ascii_lower(attribute(element, kNoNamespace, "type").value_or("text"));
    if (type == "html" || type == "text/html")
        return html_to_text(raw_text(element, max_bytes * kMarkupBytesPerTextByte), max_bytes);
    if (type == "xhtml" || type == "text" || type.starts_with("text/") || type.ends_with("+xml") || type.ends_with("/xml"))
        return raw_text(element, max_bytes * kMarkupBytesPerTextByte);
    return {};
}

// An Atom 0.3 content construct: mode="xml" (the default: inline markup), "escaped" (markup
// as text, of the MIME type in type=) or "base64".
std::string atom03_text(const xmlNode* element, std::size_t max_bytes)
{
    if (!element)
        return {};
    const std::string mode = ascii_lower(attribute(element, kNoNamespace, "mode").value_or("xml"));
    const std::string type = ascii_lower(attribute(element, kNoNamespace, "type").value_or("text/plain"));
    if (mode == "escaped" && type != "text/plain")
        return html_to_text(raw_text(element, max_bytes * kMarkupBytesPerTextByte), max_bytes);
    if (mode == "escaped" || mode == "xml")
        return raw_text(element, max_bytes * kMarkupBytesPerTextByte);
    return {};
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

// The language of an item's title: xml:lang on the title or the item, else what the feed
// says above the item, else the source's configured language.
std::string item_language(const xmlNode* title, const xmlNode* item, const std::string& lang_above_item,
    const FeedContext& context)
{
    std::string lang = xml_lang(title ? title : item, item);
    if (lang.empty())
        lang = lang_above_item;
    if (lang.empty())
        lang = language_tag(context.default_language);
    return lang;
}

void read_translations(const xmlNode* item, NoticeDraft& draft)
{
    // The explicit id that pairs this item with its translation in another feed.
    draft.pair_id = first_text(item, kExtensionNs, "pair", kMaxIdBytes * 2);
    for_each_child(item, kExtensionNs, "title", [&](const xmlNode* translation) {
        // Twice the limit: some may turn out empty or repeated.
        if (draft.translations.size() < 2 * kMaxTitles)
            draft.translations.push_back(
            {attribute(translation, kXmlNs, "lang").value_or(""), atom_text(translation, kMaxTitleBytes)});
    });
}

// <sp:urgent/> says it by being there; a text may still say no ("false", "0").
bool read_urgent_flag(const xmlNode* item)
{
    const xmlNode* flag = first_child(item, kExtensionNs, "urgent");
    if (!flag)
        return false;
    const std::string text = clean_text(raw_text(flag, 64), 64);
    return text.empty() || is_urgent_flag_text(text);
}

// Dublin Core subjects: how RSS 1.0 and Atom 0.3 feeds give categories.
void read_subjects(const xmlNode* item, NoticeDraft& draft)
{
    for_each_child(item, kDcNs, "subject", [&](const xmlNode* subject) {
        if (draft.categories.size() < kMaxCategories)
            draft.categories.push_back(raw_text(subject, kMaxCategoryBytes * 4));
    });
}

void read_rss_items(const xmlNode* item_parent, const xmlNode* channel, std::string_view ns,
    const FeedContext& context, ParsedFeed& feed)
{
    // Precedence: xml:lang in the item, the channel's <language>, xml:lang above the item.
    std::string channel_lang;
    if (channel) {
        channel_lang = language_tag(first_text(channel, ns, "language", kMaxLanguageBytes));
        if (channel_lang.empty())
            channel_lang = language_tag(first_text(channel, kDcNs, "language", kMaxLanguageBytes));
    }

    for_each_item(item_parent, ns, "item", [&](const xmlNode* item) {
        NoticeDraft draft;
        const xmlNode* title = first_child(item, ns, "title");
        draft.title = rss_text(title, kMaxTitleBytes);
        const std::string lang_above = channel_lang.empty() ? xml_lang(item->parent) : channel_lang;
        draft.lang = item_language(title, item, lang_above, context);
        read_translations(item, draft);

        const xmlNode* guid = first_child(item, ns, "guid");
        draft.id = raw_text(guid, kMaxIdBytes * 2);
        if (draft.id.empty())  // RSS 1.0 names each item by its rdf:about URI
            draft.id = attribute(item, kRdfNs, "about").value_or("");
        draft.link = first_text(item, ns, "link", kMaxLinkBytes * 2);
        // A guid is a permalink unless it says otherwise; feeds without <link> rely on that.
        if (clean_text(draft.link, kMaxLinkBytes).empty() && guid
            && attribute(guid, kNoNamespace, "isPermaLink").value_or("true") == "true") {
            const std::string permalink = clean_text(draft.id, kMaxLinkBytes);
            if (permalink.starts_with("http://") || permalink.starts_with("https://"))
                draft.link = permalink;
        }

        draft.published = first_text(item, ns, "pubDate", kMaxDateBytes);
        if (clean_text(draft.published, kMaxDateBytes).empty())
            draft.published = first_text(item, kDcNs, "date", kMaxDateBytes);
        for (const auto& [updated_ns, updated_name] : {std::pair{kDcTermsNs, "modified"}, std::pair{kDcNs, "modified"},
                 std::pair{kAtomNs, "updated"}}) {
            if (clean_text(draft.updated, kMaxDateBytes).empty())
                draft.updated = first_text(item, updated_ns, updated_name, kMaxDateBytes);
        }

        // WordPress escapes its category names and then wraps them in CDATA as well.
        for_each_child(item, ns, "category", [&](const xmlNode* category) {
            if (draft.categories.size() < kMaxCategories)
                draft.categories.push_back(rss_text(category, kMaxCategoryBytes));
        });
        read_subjects(item, draft);

        draft.summary = rss_text(first_child(item, ns, "description"), kMaxSummaryBytes);
        if (clean_text(draft.summary, kMaxSummaryBytes).empty()) {
            const std::string encoded = raw_text(first_child(item, kContentNs, "encoded"),
                kMaxSummaryBytes * kMarkupBytesPerTextByte);
            draft.summary = html_to_text(encoded, kMaxSummaryBytes);
        }

        if (auto notice = finish_notice(std::move(draft), context)) {
            notice->urgent_flag = read_urgent_flag(item);
            feed.notices.push_back(std::move(*notice));
        }
    });
}

Result<ParsedFeed> read_rss(const xmlNode* root, const FeedContext& context)
{
    const xmlNode* channel = first_child(root, kNoNamespace, "channel");
    if (!channel)
        return Error{"not a feed: <rss> without <channel>"};
    ParsedFeed feed;
    const std::string version = clean_text(attribute(root, kNoNamespace, "version").value_or(""), 16);
    feed.format = version.empty() ? "rss" : "rss " + version;
    feed.title = feed_title(rss_text(first_child(channel, kNoNamespace, "title"), kMaxTitleBytes));
    read_rss_items(channel, channel, kNoNamespace, context, feed);
    return feed;
}

// RSS 1.0 keeps its items beside the channel, not in it.
Result<ParsedFeed> read_rdf(const xmlNode* root, const FeedContext& context)
{
    for (const auto& [ns, format] : {std::pair{kRss10Ns, "rss 1.0"}, std::pair{kRss090Ns, "rss 0.90"}}) {
        const xmlNode* channel = first_child(root, ns, "channel");
        if (!channel && !first_child(root, ns, "item"))
            continue;
        ParsedFeed feed;
        feed.format = format;
        if (channel)
            feed.title = feed_title(rss_text(first_child(channel, ns, "title"), kMaxTitleBytes));
        read_rss_items(root, channel, ns, context, feed);
        return feed;
    }
    return Error{"not a feed: <rdf:RDF> without rss channel or items"};
}

std::string atom_link(const xmlNode* entry, std::string_view ns)
{
    std::string found;
    for_each_child(entry, ns, "link", [&](const xmlNode* link) {
        const auto rel = attribute(link, kNoNamespace, "rel");
        if (found.empty() && (!rel || *rel == "alternate"))
            found = attribute(link, kNoNamespace, "href").value_or("");
    });
    return found;
}

// Atom 1.0 and its predecessor 0.3 share their shape; 0.3 names its dates differently and
// says how its text is encoded with mode= instead of type=.
Result<ParsedFeed> read_atom(const xmlNode* root, bool atom03, const FeedContext& context)
{
    const std::string_view ns = atom03 ? kAtom03Ns : kAtomNs;
    const auto text_of = [atom03](const xmlNode* element, std::size_t max_bytes) {
        return atom03 ? atom03_text(element, max_bytes) : atom_text(element, max_bytes);
    };
    ParsedFeed feed;
    feed.format = atom03 ? "atom 0.3" : "atom 1.0";
    feed.title = feed_title(text_of(first_child(root, ns, "title"), kMaxTitleBytes));

    for_each_item(root, ns, "entry", [&](const xmlNode* entry) {
        NoticeDraft draft;
        const xmlNode* title = first_child(entry, ns, "title");
        draft.title = text_of(title, kMaxTitleBytes);
        // In Atom the language is only ever xml:lang, inherited from the feed element down.
        draft.lang = item_language(title, entry, xml_lang(entry->parent), context);
        read_translations(entry, draft);
        draft.id = first_text(entry, ns, "id", kMaxIdBytes * 2);
        draft.link = atom_link(entry, ns);
        if (atom03) {
            draft.published = first_text(entry, ns, "issued", kMaxDateBytes);
            if (clean_text(draft.published, kMaxDateBytes).empty())
                draft.published = first_text(entry, ns, "created", kMaxDateBytes);
            draft.updated = first_text(entry, ns, "modified", kMaxDateBytes);
        }
        else {
            draft.published = first_text(entry, ns, "published", kMaxDateBytes);
            draft.updated = first_text(entry, ns, "updated", kMaxDateBytes);
        }
        for_each_child(entry, ns, "category", [&](const xmlNode* category) {
            if (draft.categories.size() < kMaxCategories)
                draft.categories.push_back(attribute(category, kNoNamespace, "term").value_or(""));
        });
        read_subjects(entry, draft);
        draft.summary = text_of(first_child(entry, ns, "summary"), kMaxSummaryBytes);
        if (clean_text(draft.summary, kMaxSummaryBytes).empty())
            draft.summary = text_of(first_child(entry, ns, "content"), kMaxSummaryBytes);

        if (auto notice = finish_notice(std::move(draft), context)) {
            notice->urgent_flag = read_urgent_flag(entry);
            feed.notices.push_back(std::move(*notice));
        }
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
    return repair_utf8(message);
}

Result<ParsedFeed> parse_xml(const std::string& utf8, const FeedContext& context)
{
    const std::string repaired = repair_xml_text(utf8);
    if (repaired.size() > static_cast<std::size_t>(INT_MAX))
        return Error{"body too large for the xml parser"};

    ensure_libxml_ready();

    // The last error is per thread in libxml2, so this does not race with other parsers.
    xmlResetLastError();
    const XmlDocPtr doc{xmlReadMemory(repaired.data(), static_cast<int>(repaired.size()), nullptr, "UTF-8", kXmlOptions)};
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root)
        return Error{"not xml: " + xml_error_reason()};

    const std::string_view name = view(root->name);
    const std::string_view ns = namespace_of(root);
    if (name == "rss" && ns.empty())
        return read_rss(root, context);
    if (name == "RDF" && ns == kRdfNs)
        return read_rdf(root, context);
    if (name == "feed" && (ns == kAtomNs || ns == kAtom03Ns))
        return read_atom(root, ns == kAtom03Ns, context);
    if (name == "feed")
        return Error{"not a feed: root element <feed> is neither atom 1.0 nor atom 0.3"};
    return Error{"not a feed: root element <" + std::string(name) + ">"};
}

// ---- Deciding the encoding ----------------------------------------------------------------

// Code unit `index` of `bytes` in `layout`, or nullopt past the end.
std::optional<std::uint32_t> code_unit(std::string_view bytes, ByteLayout layout, std::size_t index)
{
    const std::size_t size = code_unit_size(layout);
    const std::size_t at = index * size;
    if (at + size > bytes.size())
        return std::nullopt;
    const auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + k])); };
    switch (layout) {
    case ByteLayout::ascii_compatible:
        return byte(0);
    case ByteLayout::utf16le:
        return byte(0) | byte(1) << 8;
    case ByteLayout::utf16be:
        return byte(0) << 8 | byte(1);
    case ByteLayout::utf32le:
        return byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
    case ByteLayout::utf32be:
        return byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
    }
    return std::nullopt;
}

bool is_space(std::uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The first character that is not white space: '<' for XML, '{' for JSON. Reading it needs
// only the layout, not the encoding, as both are ASCII.
std::optional<std::uint32_t> first_significant(std::string_view bytes, ByteLayout layout)
{
    for (std::size_t i = 0;; ++i) {
        const auto unit = code_unit(bytes, layout, i);
        if (!unit || !is_space(*unit))
            return unit;
    }
}

// The encoding="..." of an XML declaration, read in the layout the bytes have (so it works
// for UTF-16 without a byte order mark too); empty when there is none.
std::string declared_encoding(std::string_view bytes, ByteLayout layout)
{
    constexpr std::size_t kMaxDeclaration = 256;
    std::string declaration;
    for (std::size_t i = 0; i < kMaxDeclaration; ++i) {
        const auto unit = code_unit(bytes, layout, i);
        if (!unit || *unit == 0 || *unit >= 0x80)
            break;
        declaration += static_cast<char>(*unit);
        if (declaration.ends_with("?>"))
            break;
    }
    if (!declaration.starts_with("<?xml"))
        return {};
    auto at = declaration.find("encoding");
    if (at == std::string::npos)
        return {};
    at = declaration.find_first_not_of(" \t\r\n", at + 8);
    if (at == std::string::npos || declaration[at] != '=')
        return {};
    at = declaration.find_first_not_of(" \t\r\n", at + 1);
    if (at == std::string::npos || (declaration[at] != '"' && declaration[at] != '\''))
        return {};
    const auto end = declaration.find(declaration[at], at + 1);
    if (end == std::string::npos)
        return {};
    return declaration.substr(at + 1, end - at - 1);
}

// `encoding` if the bytes can be in it, with a byte order left open ("UTF-16") settled by the
// layout; empty if the layout rules it out (a one-byte encoding for bytes laid out as UTF-16).
std::string fitting(const std::string& encoding, ByteLayout layout)
{
    if (encoding.empty())
        return {};
    if (encoding == kUtf16AnyOrder) {
        if (layout == ByteLayout::utf16le)
            return std::string(kUtf16Le);
        return layout == ByteLayout::utf16be ? std::string(kUtf16Be) : std::string{};
    }
    if (encoding == kUtf32AnyOrder) {
        if (layout == ByteLayout::utf32le)
            return std::string(kUtf32Le);
        return layout == ByteLayout::utf32be ? std::string(kUtf32Be) : std::string{};
    }
    return layout_of(encoding) == layout ? encoding : std::string{};
}

std::string layout_default(ByteLayout layout)
{
    switch (layout) {
    case ByteLayout::utf16le:
        return std::string(kUtf16Le);
    case ByteLayout::utf16be:
        return std::string(kUtf16Be);
    case ByteLayout::utf32le:
        return std::string(kUtf32Le);
    case ByteLayout::utf32be:
        return std::string(kUtf32Be);
    case ByteLayout::ascii_compatible:
        break;
    }
    return std::string(kUtf8);
}

// The HTTP charset first, then the XML declaration, then UTF-8 (a byte order mark was looked
// at before, and beats both). The header is not trusted where the bytes prove it wrong: valid
// UTF-8 with non-ASCII characters in a body the server calls something else, whose declaration
// says UTF-8 or nothing, is UTF-8 (a server-wide default charset on an UTF-8 feed); bytes that
// are not UTF-8 in a body the server calls UTF-8 follow the declaration (a Korean feed in CP949
// served as UTF-8).
Result<std::string> choose_xml_encoding(std::string_view bytes, ByteLayout layout, std::string_view http_charset)
{
    const std::string declared = declared_encoding(bytes, layout);
    const std::string from_declaration = declared.empty() ? std::string{} : encoding_for_label(declared);
    const std::string declaration = fitting(from_declaration, layout);
    const std::string http = fitting(encoding_for_label(http_charset), layout);

    if (!http.empty()) {
        const bool ascii_layout = layout == ByteLayout::ascii_compatible;
        if (ascii_layout && http != kUtf8 && (declared.empty() || declaration == kUtf8) && has_non_ascii(bytes)
            && is_valid_utf8(bytes))
            return std::string(kUtf8);
        if (ascii_layout && http == kUtf8 && !declaration.empty() && declaration != kUtf8 && !is_valid_utf8(bytes))
            return declaration;
        return http;
    }
    if (!declared.empty() && from_declaration.empty())
        return Error{"unsupported encoding " + clean_text(declared, 40)};
    // A declaration the bytes contradict ("UTF-16" in a one-byte document) loses to the bytes.
    return declaration.empty() ? layout_default(layout) : declaration;
}

// The first characters of a body, quoted safely in an error line.
std::string quoted_prefix(std::string_view bytes, ByteLayout layout)
{
    const Result<std::string> decoded = to_utf8(bytes.substr(0, kQuotedPrefixBytes * code_unit_size(layout)), layout_default(layout));
    std::string text = decoded ? decoded.value() : std::string{};
    text = clean_text(text, kQuotedPrefixBytes);
    for (char& c : text) {
        if (c == '"')
            c = '\'';
    }
    return "\"" + text + "\"";
}

}  // namespace

Result<ParsedFeed> parse_feed(std::string_view body, const FeedContext& context)
{
    if (body.size() > kMaxFeedBodyBytes)
        return Error{"body larger than " + std::to_string(kMaxFeedBodyBytes) + " bytes"};

    const auto bom = byte_order_mark(body);
    const std::string_view bytes = bom ? body.substr(bom->length) : body;
    const ByteLayout layout = bom ? layout_of(bom->encoding) : byte_layout(bytes);
    const auto first = first_significant(bytes, layout);
    if (!first)
        return Error{"empty body"};

    std::string encoding;
    bool json = false;
    if (*first == '{') {
        // JSON is UTF-8 (RFC 8259), whatever the server says; UTF-16/32 show by their layout.
        json = true;
        encoding = bom ? std::string(bom->encoding) : layout_default(layout);
    }
    else if (*first == '<') {
        if (bom) {
            encoding = bom->encoding;
        }
        else {
            auto chosen = choose_xml_encoding(bytes, layout, context.http_charset);
            if (!chosen)
                return Error{"not xml: " + chosen.error().message};
            encoding = std::move(chosen.value());
        }
    }
    else {
        return Error{"not a feed: neither xml nor json, starts with " + quoted_prefix(bytes, layout)};
    }

    auto decoded = to_utf8(bytes, encoding);
    if (!decoded)
        return Error{(json ? "not json: " : "not xml: ") + decoded.error().message};
    auto parsed = json ? parse_json_feed(decoded.value(), context) : parse_xml(decoded.value(), context);
    if (parsed)
        parsed->encoding = encoding;
    return parsed;
}

std::string charset_from_content_type(std::string_view content_type)
{
    // type/subtype *( ";" name "=" ( token / quoted-string ) ), RFC 9110 section 8.3.
    std::size_t at = content_type.find(';');
    while (at != std::string_view::npos && at < content_type.size()) {
        ++at;
        while (at < content_type.size() && (content_type[at] == ' ' || content_type[at] == '\t'))
            ++at;
        const auto equals = content_type.find_first_of("=;", at);
        if (equals == std::string_view::npos)
            return {};
        if (content_type[equals] == ';') {
            at = equals;
            continue;
        }
        std::string name(content_type.substr(at, equals - at));
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
            name.pop_back();
        name = ascii_lower(std::move(name));

        std::size_t value_at = equals + 1;
        while (value_at < content_type.size() && (content_type[value_at] == ' ' || content_type[value_at] == '\t'))
            ++value_at;
        std::string value;
        std::size_t next = value_at;
        if (value_at < content_type.size() && content_type[value_at] == '"') {
            for (next = value_at + 1; next < content_type.size() && content_type[next] != '"'; ++next) {
                if (content_type[next] == '\\' && next + 1 < content_type.size())
                    ++next;
                value += content_type[next];
            }
            next = content_type.find(';', next);
        }
        else {
            next = content_type.find(';', value_at);
            value = std::string(content_type.substr(value_at, next == std::string_view::npos ? std::string_view::npos : next - value_at));
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
                value.pop_back();
        }
        if (name == "charset")
            return ascii_lower(std::move(value));
        at = next;
    }
    return {};
}

#include "feed/feed_parser.hpp"

#include "feed/body_encoding.hpp"
#include "feed/feed_notice.hpp"
#include "feed/feed_text.hpp"
#include "feed/feed_xml_repair.hpp"
#include "feed/json_feed.hpp"
#include "feed/markup_bounds.hpp"
#include "feed/text_encoding.hpp"
#include "model/urgency.hpp"
#include "platform/c_deleter.hpp"
#include "util/ascii.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace signage::feed {

namespace {

using XmlDocPtr = std::unique_ptr<xmlDoc, platform::CDeleter<xmlFreeDoc>>;

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
    return text.empty() || model::is_urgent_flag_text(text);
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
    if (!message.empty())
        message.front() = ascii_lower(message.front());
    return repair_utf8(message);
}

// The parser pulls the document through read_chunk, which checks the budget each time: a
// document that takes too long stops at its next read, even inside one huge tag.
struct BudgetedInput {
    std::string_view rest;
    const ParseBudget* budget;
    bool cancelled = false;
    bool too_slow = false;
};

int read_chunk(void* context, char* buffer, int length)
{
    auto& input = *static_cast<BudgetedInput*>(context);
    input.cancelled = input.budget->stop.stop_requested();
    input.too_slow = std::chrono::steady_clock::now() >= input.budget->deadline;
    if (input.cancelled || input.too_slow)
        return -1;
    const std::size_t count = std::min(input.rest.size(), static_cast<std::size_t>(std::max(length, 0)));
    std::copy_n(input.rest.data(), count, buffer);
    input.rest.remove_prefix(count);
    return static_cast<int>(count);
}

Result<XmlDocPtr> read_xml_document(std::string_view utf8, const ParseBudget& budget)
{
    ensure_libxml_ready();
    // The last error is per thread in libxml2, so this does not race with other parsers.
    xmlResetLastError();
    BudgetedInput input{utf8, &budget};
    XmlDocPtr doc{xmlReadIO(read_chunk, nullptr, &input, nullptr, "UTF-8", kXmlOptions)};
    if (input.cancelled)
        return Error{"cancelled: the player is stopping"};
    if (input.too_slow)
        return Error{"refused: parsing it took longer than " + std::to_string(kParseTimeLimit.count()) +
                     " s, far longer than any feed; is the document broken?"};
    return doc;
}

Result<ParsedFeed> parse_xml(const std::string& utf8, const FeedContext& context, std::vector<std::string>& mended)
{
    const std::string repaired = repair_xml_text(utf8, mended);
    if (repaired.size() > static_cast<std::size_t>(INT_MAX))
        return Error{"body too large for the xml parser"};

    if (auto bounded = check_xml_markup(repaired); !bounded)
        return bounded.error();

    auto doc = read_xml_document(repaired, context.budget);
    if (!doc)
        return doc.error();
    const xmlNode* root = doc.value() ? xmlDocGetRootElement(doc.value().get()) : nullptr;
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

}  // namespace

Result<ParsedFeed> parse_feed(std::string_view body, const FeedContext& context)
{
    if (body.size() > kMaxFeedBodyBytes)
        return Error{"body larger than " + std::to_string(kMaxFeedBodyBytes) + " bytes"};
    auto decoded = body_to_utf8(body, context.content_type, !context.local_file, context.default_language);
    if (!decoded)
        return decoded.error();
    const bool json = decoded->syntax == BodySyntax::json;
    std::vector<std::string> mended;
    if (!decoded->note.empty())
        mended.push_back(std::move(decoded->note));
    auto parsed = json ? parse_json_feed(decoded->text, context) : parse_xml(decoded->text, context, mended);
    if (parsed) {
        parsed->encoding = std::move(decoded->encoding);
        parsed->mended.insert(parsed->mended.begin(), mended.begin(), mended.end());
    }
    return parsed;
}

}  // namespace signage::feed

#include "feed/xml_reading.hpp"

#include "feed/feed_text.hpp"
#include "feed/text_encoding.hpp"
#include "model/urgency.hpp"
#include "util/ascii.hpp"
#include "util/base64.hpp"

#include <string>
#include <string_view>

namespace signage::feed {

namespace {

// Attribute values the parser reads are names, URLs and ids: this is plenty for each.
constexpr std::size_t kMaxAttributeBytes = 2 * kMaxLinkBytes;

constexpr std::string_view kMediaNs = "http://search.yahoo.com/mrss/";
// Feeds write this one in odd case too ("http://www.itunes.com/DTDs/Podcast-1.0.dtd"), and its
// element names ("itunes:Title"): both are matched in any case.
constexpr std::string_view kItunesNs = "http://www.itunes.com/dtds/podcast-1.0.dtd";

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

const xmlNode* first_itunes_child(const xmlNode* parent, std::string_view name)
{
    for (const xmlNode* child = parent->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && ascii_iequals(view(child->name), name) && ascii_iequals(namespace_of(child), kItunesNs))
            return child;
    }
    return nullptr;
}

// An Atom 1.0 text construct (title, summary, content): type="text", "html" or "xhtml"; a
// MIME type for content. Binary and out-of-line content (src=) has no text for the screen.
std::string atom10_text(const xmlNode* element, std::size_t max_bytes)
{
    const std::string type = ascii_lower(attribute(element, kNoNamespace, "type").value_or("text"));
    if (type == "html" || type == "text/html")
        return html_to_text(raw_text(element, max_bytes * kMarkupBytesPerTextByte), max_bytes);
    if (type == "xhtml" || type == "text" || type.starts_with("text/") || type.ends_with("+xml") || type.ends_with("/xml"))
        return raw_text(element, max_bytes * kMarkupBytesPerTextByte);
    return {};
}

// An Atom 0.3 content construct: mode="xml" (the default: inline markup), "escaped" (markup
// as text, of the MIME type in type=) or "base64" (the bytes of a text of that type, read as
// UTF-8; other types have no text for the screen).
std::string atom03_text(const xmlNode* element, std::size_t max_bytes)
{
    const std::string mode = ascii_lower(attribute(element, kNoNamespace, "mode").value_or("xml"));
    const std::string type = ascii_lower(attribute(element, kNoNamespace, "type").value_or("text/plain"));
    const bool html = type != "text/plain";
    std::string text;
    if (mode == "base64") {
        if (!type.starts_with("text/") && !type.ends_with("xml"))
            return {};
        text = repair_utf8(decode_base64(raw_text(element, max_bytes * kMarkupBytesPerTextByte * 4 / 3)).value_or(""));
    }
    else if (mode == "escaped" || mode == "xml") {
        text = raw_text(element, max_bytes * kMarkupBytesPerTextByte);
        if (mode == "xml")
            return text;
    }
    return html ? html_to_text(text, max_bytes) : text;
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

bool is_blank(const std::string& text, std::size_t max_bytes)
{
    return clean_text(text, max_bytes).empty();
}

}  // namespace

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

std::optional<std::string> attribute(const xmlNode* node, std::string_view ns, std::string_view name)
{
    const xmlAttr* attr = find_attribute(node, ns, name);
    if (!attr)
        return std::nullopt;
    std::string text;
    append_markup_text(attr->children, text, kMaxAttributeBytes);
    return text;
}

// Real feeds put escaped HTML in RSS text ("&lt;b&gt;공지&lt;/b&gt;", "&amp;quot;").
std::string rss_text(const xmlNode* element, std::size_t max_bytes)
{
    std::string text = raw_text(element, max_bytes * kMarkupBytesPerTextByte);
    if (looks_like_html(text))
        return html_to_text(text, max_bytes);
    return text;
}

std::string atom_text(const xmlNode* element, std::size_t max_bytes)
{
    if (!element)
        return {};
    if (find_attribute(element, kNoNamespace, "mode") || namespace_of(element) == kAtom03Ns)
        return atom03_text(element, max_bytes);
    return atom10_text(element, max_bytes);
}

std::string xml_lang(const xmlNode* node, const xmlNode* last)
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

void read_extensions(const xmlNode* item, NoticeDraft& draft)
{
    read_translations(item, draft);
    draft.urgent = read_urgent_flag(item);
    // Dublin Core subjects: how RSS 1.0 and Atom 0.3 feeds give categories.
    for_each_child(item, kDcNs, "subject", [&](const xmlNode* subject) {
        if (draft.categories.size() < kMaxCategories)
            draft.categories.push_back(raw_text(subject, kMaxCategoryBytes * 4));
    });
    if (is_blank(draft.title, kMaxTitleBytes))
        draft.title = borrowed_title(item);
    read_borrowed_dates(item, draft);
    read_borrowed_summary(item, draft);
}

std::string borrowed_title(const xmlNode* item)
{
    const xmlNode* media_group = first_child(item, kMediaNs, "group");
    const xmlNode* candidates[] = {first_child(item, kDcNs, "title"), first_child(item, kDcTermsNs, "title"),
        first_child(item, kMediaNs, "title"), media_group ? first_child(media_group, kMediaNs, "title") : nullptr,
        first_itunes_child(item, "title")};
    for (const xmlNode* candidate : candidates) {
        std::string title = rss_text(candidate, kMaxTitleBytes);
        if (!is_blank(title, kMaxTitleBytes))
            return title;
    }
    return {};
}

void read_borrowed_dates(const xmlNode* item, NoticeDraft& draft)
{
    for (const auto& [ns, name] : {std::pair{kDcNs, "date"}, std::pair{kDcTermsNs, "issued"}, std::pair{kDcTermsNs, "created"},
             std::pair{kDcTermsNs, "date"}}) {
        if (is_blank(draft.published, kMaxDateBytes))
            draft.published = first_text(item, ns, name, kMaxDateBytes);
    }
    for (const auto& [ns, name] : {std::pair{kDcTermsNs, "modified"}, std::pair{kDcNs, "modified"}, std::pair{kAtomNs, "updated"}}) {
        if (is_blank(draft.updated, kMaxDateBytes))
            draft.updated = first_text(item, ns, name, kMaxDateBytes);
    }
}

void read_borrowed_summary(const xmlNode* item, NoticeDraft& draft)
{
    if (!is_blank(draft.summary, kMaxSummaryBytes))
        return;
    const std::pair<const xmlNode*, std::string_view> candidates[] = {
        {first_itunes_child(item, "summary"), "itunes:summary"}, {first_itunes_child(item, "subtitle"), "itunes:subtitle"},
        {first_child(item, kMediaNs, "description"), "media:description"}, {first_child(item, kDcNs, "description"), "dc:description"}};
    for (const auto& [element, name] : candidates) {
        std::string text = rss_text(element, kMaxSummaryBytes);
        if (!is_blank(text, kMaxSummaryBytes)) {
            draft.summary = std::move(text);
            draft.summary_from = name;
            return;
        }
    }
}

}  // namespace signage::feed

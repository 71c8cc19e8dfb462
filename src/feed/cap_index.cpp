#include "feed/cap_index.hpp"

#include "feed/cap_reader.hpp"
#include "feed/feed_notice.hpp"
#include "feed/feed_text.hpp"
#include "feed/feed_time.hpp"
#include "feed/xml_feeds.hpp"
#include "feed/xml_reading.hpp"
#include "util/ascii.hpp"

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace signage::feed {

namespace {

// Where a feed keeps its entries: Atom's <entry>s in the feed, RSS's <item>s in the channel
// (RSS 1.0: beside it).
struct IndexShape {
    const xmlNode* item_parent = nullptr;
    std::string_view ns;
    std::string_view item_name;
    bool atom = false;
};

// What an index entry says besides CAP, whatever its format.
struct EntryFields {
    std::string id;
    std::string title;
    std::string summary;
    std::string link;      // the entry's own link, as written
    std::string cap_link;  // a link typed application/cap+xml, as written
    std::string author;
    std::string published;  // as written
    std::string updated;    // as written
    std::string language;
};

std::optional<IndexShape> shape_of(const xmlNode* root)
{
    const std::string_view name = view(root->name);
    const std::string_view ns = namespace_of(root);
    if (name == "feed" && is_atom_namespace(ns))
        return IndexShape{root, ns, "entry", true};
    if (name == "rss") {
        const xmlNode* channel = first_child(root, ns, "channel");
        return channel ? std::optional{IndexShape{channel, ns, "item", false}} : std::nullopt;
    }
    if (name == "RDF" && ns == kRdfNs)
        return IndexShape{root, kRss10Ns, "item", false};
    return std::nullopt;
}

bool declares_cap(const xmlNode* root)
{
    for (const xmlNs* declared = root->nsDef; declared; declared = declared->next) {
        if (is_cap_namespace(view(declared->href)))
            return true;
    }
    return false;
}

bool is_cap_type(std::optional<std::string> type)
{
    if (!type)
        return false;
    const std::string lower = ascii_lower(clean_text(*type, 100));
    return std::string_view(lower).substr(0, lower.find(';')) == kCapMediaType;
}

// The CAP namespace of the first CAP field an entry carries inline; empty if none.
std::string_view inline_cap_ns(const xmlNode* entry)
{
    for (const xmlNode* child = entry->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && is_cap_namespace(namespace_of(child)))
            return namespace_of(child);
    }
    return {};
}

std::string line(std::string_view raw, std::size_t max_bytes)
{
    return clean_text(raw, max_bytes);
}

std::string atom_author(const xmlNode* parent, std::string_view ns)
{
    const xmlNode* author = first_child(parent, ns, "author");
    return author ? line(first_text(author, ns, "name", kMaxTitleBytes * 2), kMaxTitleBytes) : std::string{};
}

void read_atom_links(const xmlNode* entry, std::string_view ns, EntryFields& fields)
{
    for_each_child(entry, ns, "link", [&](const xmlNode* link) {
        const std::string href = attribute(link, kNoNamespace, "href").value_or("");
        const auto rel = attribute(link, kNoNamespace, "rel");
        if (fields.cap_link.empty() && is_cap_type(attribute(link, kNoNamespace, "type")))
            fields.cap_link = href;
        else if (fields.link.empty() && (!rel || line(*rel, 64) == "alternate"))
            fields.link = href;
    });
}

EntryFields atom_entry(const xmlNode* entry, std::string_view ns)
{
    EntryFields fields;
    fields.id = first_text(entry, ns, "id", kMaxIdBytes * 2);
    fields.title = atom_text(first_child(entry, ns, "title"), kMaxTitleBytes);
    fields.summary = atom_text(first_child(entry, ns, "summary"), kMaxAlertTextBytes);
    if (line(fields.summary, kMaxAlertTextBytes).empty())
        fields.summary = atom_text(first_child(entry, ns, "content"), kMaxAlertTextBytes);
    read_atom_links(entry, ns, fields);
    fields.author = atom_author(entry, ns);
    fields.published = first_text(entry, ns, "published", kMaxDateBytes);
    fields.updated = first_text(entry, ns, "updated", kMaxDateBytes);
    fields.language = xml_lang(entry);
    return fields;
}

EntryFields rss_item(const xmlNode* item, std::string_view ns)
{
    EntryFields fields;
    fields.id = first_text(item, ns, "guid", kMaxIdBytes * 2);
    if (line(fields.id, kMaxIdBytes).empty())
        fields.id = attribute(item, kRdfNs, "about").value_or("");
    fields.title = rss_text(first_child(item, ns, "title"), kMaxTitleBytes);
    fields.summary = rss_text(first_child(item, ns, "description"), kMaxAlertTextBytes);
    fields.link = first_text(item, ns, "link", kMaxLinkBytes * 2);
    for_each_child(item, ns, "enclosure", [&](const xmlNode* enclosure) {
        if (fields.cap_link.empty() && is_cap_type(attribute(enclosure, kNoNamespace, "type")))
            fields.cap_link = attribute(enclosure, kNoNamespace, "url").value_or("");
    });
    const xmlNode* link = first_child(item, ns, "link");
    if (fields.cap_link.empty() && link && is_cap_type(attribute(link, kNoNamespace, "type")))
        fields.cap_link = fields.link;
    fields.author = line(first_text(item, ns, "author", kMaxTitleBytes * 2), kMaxTitleBytes);
    if (fields.author.empty())
        fields.author = line(first_text(item, kDcNs, "creator", kMaxTitleBytes * 2), kMaxTitleBytes);
    fields.published = first_text(item, ns, "pubDate", kMaxDateBytes);
    if (line(fields.published, kMaxDateBytes).empty())
        fields.published = first_text(item, kDcNs, "date", kMaxDateBytes);
    fields.language = xml_lang(item);
    return fields;
}

EntryFields entry_fields(const xmlNode* entry, const IndexShape& shape)
{
    return shape.atom ? atom_entry(entry, shape.ns) : rss_item(entry, shape.ns);
}

// Whether an entry has a link typed application/cap+xml (RSS: an enclosure or a link).
bool links_cap(const xmlNode* entry, const IndexShape& shape)
{
    for (const xmlNode* child = entry->children; child; child = child->next) {
        const bool link = is_element(child, shape.ns, "link") || (!shape.atom && is_element(child, shape.ns, "enclosure"));
        if (link && is_cap_type(attribute(child, kNoNamespace, "type")))
            return true;
    }
    return false;
}

bool is_index(const xmlNode* root, const IndexShape& shape)
{
    if (declares_cap(root))
        return true;
    bool found = false;
    for_each_item(shape.item_parent, shape.ns, shape.item_name, [&](const xmlNode* entry) {
        found = found || !inline_cap_ns(entry).empty() || links_cap(entry, shape);
    });
    return found;
}

// xmlFree is a variable (a pointer libxml2 lets a program replace), not a function.
struct XmlFreeString {
    void operator()(xmlChar* text) const { xmlFree(text); }
};
using XmlString = std::unique_ptr<xmlChar, XmlFreeString>;

// An absolute URL for a link as written: http(s), or file when the index is a file itself
// (a feed from the network must not point the player at its own disk). Empty when none.
std::string resolve_link(std::string_view written, const FeedContext& context)
{
    std::string href = line(written, kMaxLinkBytes);
    for (std::size_t space = href.find(' '); space != std::string::npos; space = href.find(' ', space))
        href.replace(space, 1, "%20");
    if (href.empty())
        return {};
    std::string url = href;
    if (!context.base_url.empty()) {
        const XmlString built{xmlBuildURI(reinterpret_cast<const xmlChar*>(href.c_str()),
                                          reinterpret_cast<const xmlChar*>(context.base_url.c_str()))};
        url = built ? std::string(view(built.get())) : std::string{};
    }
    const bool http = ascii_istarts_with(url, "http://") || ascii_istarts_with(url, "https://");
    const bool file = ascii_istarts_with(url, "file:") && context.local_file;
    if ((!http && !file) || url.size() > kMaxLinkBytes)
        return {};
    return url;
}

model::Alert inline_alert(const xmlNode* entry, std::string_view cap_ns, const EntryFields& fields,
    const std::string& feed_author, const FeedContext& context)
{
    model::Alert alert;
    alert.source_name = context.source_name;
    alert.identifier = line(fields.id, kMaxIdBytes);
    alert.sender = !fields.author.empty() ? fields.author : !feed_author.empty() ? feed_author : context.source_name;
    alert.sent = parse_feed_time(line(fields.published, kMaxDateBytes));
    if (!alert.sent)
        alert.sent = parse_feed_time(line(fields.updated, kMaxDateBytes));
    read_alert_fields(entry, cap_ns, alert);

    model::AlertInfo info;
    info.language = fields.language;
    info.headline = line(fields.title, kMaxTitleBytes);
    info.description = clean_paragraphs(fields.summary, kMaxAlertTextBytes);
    info.web = web_link(fields.link);
    read_info_fields(entry, cap_ns, info);
    model::AlertArea loose = read_area(entry, cap_ns);
    if (info.areas.size() < kMaxAlertAreas && (!loose.description.empty() || !loose.geocodes.empty()))
        info.areas.push_back(std::move(loose));
    alert.infos.push_back(std::move(info));
    return alert;
}

void add_link(ParsedFeed& feed, std::string url, const EntryFields& fields)
{
    const bool known = std::any_of(feed.alert_links.begin(), feed.alert_links.end(),
                                   [&](const AlertLink& link) { return link.url == url; });
    if (known || feed.alert_links.size() >= kMaxAlerts)
        return;
    std::string updated = line(fields.updated, kMaxDateBytes);
    if (updated.empty())
        updated = line(fields.published, kMaxDateBytes);
    feed.alert_links.push_back({std::move(url), std::move(updated)});
}

void read_entry(const xmlNode* entry, const IndexShape& shape, bool cap_root, const std::string& feed_author,
    const FeedContext& context, ParsedFeed& feed)
{
    const EntryFields fields = entry_fields(entry, shape);
    const std::string_view cap_ns = inline_cap_ns(entry);
    std::string written = fields.cap_link;
    if (written.empty() && cap_ns.empty() && cap_root)
        written = fields.link;
    if (std::string url = resolve_link(written, context); !url.empty())
        return add_link(feed, std::move(url), fields);
    if (cap_ns.empty() || feed.alerts.size() >= kMaxAlerts)
        return;
    model::Alert alert = inline_alert(entry, cap_ns, fields, feed_author, context);
    if (!alert.identifier.empty())
        feed.alerts.push_back(std::move(alert));
}

}  // namespace

bool read_alerts_index(const xmlNode* root, const FeedContext& context, ParsedFeed& feed)
{
    const std::optional<IndexShape> shape = shape_of(root);
    if (!shape || !is_index(root, *shape))
        return false;
    feed.alerts_document = true;
    feed.notices.clear();
    feed.items.clear();
    const bool cap_root = declares_cap(root);
    const std::string feed_author = shape->atom ? atom_author(root, shape->ns) : std::string{};
    for_each_item(shape->item_parent, shape->ns, shape->item_name, [&](const xmlNode* entry) {
        read_entry(entry, *shape, cap_root, feed_author, context, feed);
    });
    return true;
}

}  // namespace signage::feed

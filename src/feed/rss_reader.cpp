#include "feed/feed_notice.hpp"
#include "feed/feed_text.hpp"
#include "feed/xml_feeds.hpp"
#include "feed/xml_reading.hpp"
#include "util/ascii.hpp"

#include <string>
#include <string_view>
#include <utility>

namespace signage::feed {

namespace {

// The link and id rules of <guid>: its text is the id; isPermaLink absent or "true" makes it
// the link too when the item has no <link> (and it is an http(s) URL); "false": only an id.
// RSS 1.0 names each item by its rdf:about URI instead.
void read_id_and_link(const xmlNode* item, std::string_view ns, NoticeDraft& draft)
{
    const xmlNode* guid = first_child(item, ns, "guid");
    draft.id = raw_text(guid, kMaxIdBytes * 2);
    if (clean_text(draft.id, kMaxIdBytes).empty())
        draft.id = attribute(item, kRdfNs, "about").value_or("");
    draft.link = first_text(item, ns, "link", kMaxLinkBytes * 2);
    if (!clean_text(draft.link, kMaxLinkBytes).empty() || !guid)
        return;
    const std::string permalink_flag = ascii_lower(clean_text(attribute(guid, kNoNamespace, "isPermaLink").value_or("true"), 16));
    const std::string permalink = clean_text(raw_text(guid, kMaxIdBytes * 2), kMaxLinkBytes);
    if (permalink_flag == "true" && (ascii_istarts_with(permalink, "http://") || ascii_istarts_with(permalink, "https://")))
        draft.link = permalink;
}

NoticeDraft read_rss_item(const xmlNode* item, std::string_view ns, const std::string& lang_above, const FeedContext& context)
{
    NoticeDraft draft;
    const xmlNode* title = first_child(item, ns, "title");
    draft.title = rss_text(title, kMaxTitleBytes);
    draft.lang = item_language(title, item, lang_above, context);
    read_id_and_link(item, ns, draft);
    draft.published = first_text(item, ns, "pubDate", kMaxDateBytes);

    // WordPress escapes its category names and then wraps them in CDATA as well.
    for_each_child(item, ns, "category", [&](const xmlNode* category) {
        if (draft.categories.size() < kMaxCategories)
            draft.categories.push_back(rss_text(category, kMaxCategoryBytes));
    });
    draft.summary = rss_text(first_child(item, ns, "description"), kMaxSummaryBytes);
    draft.summary_from = "description";
    if (clean_text(draft.summary, kMaxSummaryBytes).empty()) {
        const std::string encoded = raw_text(first_child(item, kContentNs, "encoded"), kMaxSummaryBytes * kMarkupBytesPerTextByte);
        draft.summary = html_to_text(encoded, kMaxSummaryBytes);
        draft.summary_from = "content:encoded";
    }
    read_extensions(item, draft);
    return draft;
}

void read_rss_items(const xmlNode* item_parent, const xmlNode* channel, std::string_view ns, const FeedContext& context,
    ParsedFeed& feed)
{
    // Precedence: xml:lang in the item, the channel's <language>, xml:lang above the item.
    std::string channel_lang;
    if (channel) {
        channel_lang = language_tag(first_text(channel, ns, "language", kMaxLanguageBytes));
        if (channel_lang.empty())
            channel_lang = language_tag(first_text(channel, kDcNs, "language", kMaxLanguageBytes));
    }
    for_each_item(item_parent, ns, "item", [&](const xmlNode* item) {
        const std::string lang_above = channel_lang.empty() ? xml_lang(item->parent) : channel_lang;
        add_item(feed, read_rss_item(item, ns, lang_above, context), context);
    });
}

std::string channel_title(const xmlNode* channel, std::string_view ns)
{
    std::string title = feed_title(rss_text(first_child(channel, ns, "title"), kMaxTitleBytes));
    return title.empty() ? feed_title(borrowed_title(channel)) : title;
}

bool has_element_child(const xmlNode* node)
{
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE)
            return true;
    }
    return false;
}

}  // namespace

Result<ParsedFeed> read_rss(const xmlNode* root, const FeedContext& context)
{
    const std::string_view ns = namespace_of(root);
    const xmlNode* channel = first_child(root, ns, "channel");
    if (!channel && has_element_child(root))
        return Error{"not a feed: <rss> without <channel>"};
    ParsedFeed feed;
    const std::string version = clean_text(attribute(root, kNoNamespace, "version").value_or(""), 16);
    feed.format = version.empty() ? "rss" : "rss " + version;
    if (channel) {
        feed.title = channel_title(channel, ns);
        read_rss_items(channel, channel, ns, context, feed);
    }
    return feed;
}

Result<ParsedFeed> read_rdf(const xmlNode* root, const FeedContext& context)
{
    for (const auto& [ns, format] : {std::pair{kRss10Ns, "rss 1.0"}, std::pair{kRss090Ns, "rss 0.90"}}) {
        const xmlNode* channel = first_child(root, ns, "channel");
        if (!channel && !first_child(root, ns, "item"))
            continue;
        ParsedFeed feed;
        feed.format = format;
        if (channel)
            feed.title = channel_title(channel, ns);
        read_rss_items(root, channel, ns, context, feed);
        return feed;
    }
    return Error{"not a feed: <rdf:RDF> without rss channel or items"};
}

}  // namespace signage::feed

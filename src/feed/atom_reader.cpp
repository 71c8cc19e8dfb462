#include "feed/feed_notice.hpp"
#include "feed/feed_text.hpp"
#include "feed/xml_feeds.hpp"
#include "feed/xml_reading.hpp"

#include <string>
#include <string_view>

namespace signage::feed {

namespace {

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

// The first of the elements named that has text, as written.
std::string first_date(const xmlNode* entry, std::string_view ns, std::initializer_list<std::string_view> names)
{
    for (const std::string_view name : names) {
        std::string date = first_text(entry, ns, name, kMaxDateBytes);
        if (!clean_text(date, kMaxDateBytes).empty())
            return date;
    }
    return {};
}

// Atom 1.0, its drafts and 0.3 share their shape; 0.3 (and early drafts) name their dates
// issued/created/modified and say how their text is encoded with mode= instead of type=:
// every version's names are read, the 1.0 ones first.
NoticeDraft read_entry(const xmlNode* entry, std::string_view ns, const FeedContext& context)
{
    NoticeDraft draft;
    const xmlNode* title = first_child(entry, ns, "title");
    draft.title = atom_text(title, kMaxTitleBytes);
    // In Atom the language is only ever xml:lang, inherited from the feed element down.
    draft.lang = item_language(title, entry, xml_lang(entry->parent), context);
    draft.id = first_text(entry, ns, "id", kMaxIdBytes * 2);
    draft.link = atom_link(entry, ns);
    draft.published = first_date(entry, ns, {"published", "issued", "created"});
    draft.updated = first_date(entry, ns, {"updated", "modified"});
    for_each_child(entry, ns, "category", [&](const xmlNode* category) {
        if (draft.categories.size() < kMaxCategories)
            draft.categories.push_back(attribute(category, kNoNamespace, "term").value_or(""));
    });
    draft.text_fields = "summary or content";
    draft.summary = atom_text(first_child(entry, ns, "summary"), kMaxSummaryBytes);
    draft.summary_from = "summary";
    if (clean_text(draft.summary, kMaxSummaryBytes).empty()) {
        draft.summary = atom_text(first_child(entry, ns, "content"), kMaxSummaryBytes);
        draft.summary_from = "content";
    }
    read_extensions(entry, draft);
    return draft;
}

}  // namespace

bool is_atom_namespace(std::string_view ns)
{
    return ns == kAtomNs || ns == kAtom03Ns || ns.starts_with(kAtomDraftNsPrefix);
}

Result<ParsedFeed> read_atom(const xmlNode* root, const FeedContext& context)
{
    const std::string_view ns = namespace_of(root);
    ParsedFeed feed;
    if (ns == kAtomNs)
        feed.format = "atom 1.0";
    else if (ns == kAtom03Ns)
        feed.format = "atom 0.3";
    else
        feed.format = "atom draft-" + clean_text(ns.substr(kAtomDraftNsPrefix.size()), 16);
    feed.title = feed_title(atom_text(first_child(root, ns, "title"), kMaxTitleBytes));
    if (feed.title.empty())
        feed.title = feed_title(borrowed_title(root));
    for_each_item(root, ns, "entry", [&](const xmlNode* entry) { add_item(feed, read_entry(entry, ns, context), context); });
    return feed;
}

}  // namespace signage::feed

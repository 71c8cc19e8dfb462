#pragma once
// What every feed format yields per item -> a Notice: the rules that do not depend on the
// format (cleaning, field limits, the id fallback, dates) in one place.
#include "feed/feed_parser.hpp"
#include "model/notice.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signage::feed {

// A date as written is a few dozen bytes; more is not a date.
inline constexpr std::size_t kMaxDateBytes = 100;

struct NoticeDraft {
    std::string title;           // the item's own title, markup already removed
    std::string lang;            // the language of the item and its title, fallbacks applied
    std::vector<model::LocalizedTitle> translations;  // sp:title / _signage_player titles, in order
    std::string id;
    std::string link;
    std::string published;  // as written
    std::string updated;    // as written
    std::vector<std::string> categories;
    std::string summary;  // markup already removed
    std::string_view summary_from;  // the field the summary came from: "description", "content"...
    // The fields a summary may come from, for the reason an item is not shown.
    std::string_view text_fields = "description";
    std::string pair_id;  // sp:pair / _signage_player.pair, as written
    bool urgent = false;  // sp:urgent / _signage_player.urgent
};

// Adds the item to feed.items, and its notice to feed.notices unless it has nothing to show.
// An item without a title in any language is headed by headline_from_text of its summary.
// Dates without a zone are read as Korean time when the item is in Korean, else as UTC
// (docs/feeds.md); a notice with only an updated date is published then too.
void add_item(ParsedFeed& feed, NoticeDraft draft, const FeedContext& context);

// The feed's own title as a screen shows it.
std::string feed_title(const std::string& raw);

}  // namespace signage::feed

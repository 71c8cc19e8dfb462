#pragma once
// What every feed format yields per item -> a Notice: the rules that do not depend on the
// format (cleaning, field limits, the id fallback, dates) in one place.
#include "feed/feed_parser.hpp"
#include "model/notice.hpp"

#include <cstddef>
#include <optional>
#include <string>
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
    std::string pair_id;  // sp:pair / _signage_player.pair, as written
};

// nullopt for an item with no title in any language. Dates without a zone are read as Korean
// time when the item is in Korean, else as UTC (docs/feeds.md); a notice with only an updated
// date is published then too.
std::optional<model::Notice> finish_notice(NoticeDraft draft, const FeedContext& context);

// The feed's own title as a screen shows it.
std::string feed_title(const std::string& raw);

}  // namespace signage::feed

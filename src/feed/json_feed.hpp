#pragma once
// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) -> notices, through nlohmann-json.
#include "feed/feed_parser.hpp"
#include "util/result.hpp"

#include <string_view>

namespace signage::feed {

// `utf8` is the whole body, already decoded to valid UTF-8 and without a byte order mark.
// Only the members the player uses are kept while parsing, so a huge or deeply nested member
// costs no memory; a body cut short still yields the items before the cut.
Result<ParsedFeed> parse_json_feed(std::string_view utf8, const FeedContext& context);

}  // namespace signage::feed

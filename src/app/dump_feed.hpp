#pragma once
// signage-player dump-feed: one feed, read and parsed as the player reads it, printed as JSON,
// so whoever configures a screen can see what it will make of a feed before it goes up.
#include "feed/feed_parser.hpp"

#include <string>

namespace signage::app {

// The JSON dump-feed prints (two-space indent, UTF-8 as is, ending in a newline):
// {"title", "format", "encoding", "items": [{"id", "title", "link", "published", "updated",
// "lang", "categories", "titles": [{"lang", "text"}], "summary"}]}. Times are ISO 8601 UTC
// ("2018-06-04T05:05:00Z"); absent times, links, languages and summaries are null.
std::string feed_to_json(const feed::ParsedFeed& feed);

// Reads `location` (a URL, or a path relative to the current directory) and prints its JSON on
// stdout. Returns the exit status: 0 when a feed was read (even an ill-formed one, recovered),
// 1 with one line on stderr when nothing could be read. `language` is the language of titles
// the feed does not label; empty: unknown.
int run_dump_feed(const std::string& location, const std::string& language);

}  // namespace signage::app

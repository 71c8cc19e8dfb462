#pragma once
// Feed bytes -> notices. Pure: no I/O, no global state.
#include "model/notice.hpp"
#include "util/result.hpp"

#include <string>
#include <string_view>
#include <vector>

struct ParsedFeed {
    std::string title;
    std::vector<Notice> notices;  // in document order
};

struct FeedContext {
    std::string source_name;       // copied into each Notice and named in errors
    std::string default_language;  // for titles whose feed and item do not say
};

// RSS 2.0 and Atom 1.0 (UTF-8 or with a declared encoding), with the bilingual title
// extension described in docs/feeds.md. An error names what is wrong, one line.
Result<ParsedFeed> parse_feed(std::string_view body, const FeedContext& context);

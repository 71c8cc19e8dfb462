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
    std::string http_charset = {};  // the charset parameter of the HTTP Content-Type; empty if none
};

// RSS 2.0 and Atom 1.0 (UTF-8 or with a declared encoding), with the bilingual title
// extension described in docs/feeds.md; RSS 1.0 (RDF) too. An error names what is wrong, one
// line. A document cut short still yields the items before the cut; items without any title
// are left out, so a feed can parse to no notices at all.
Result<ParsedFeed> parse_feed(std::string_view body, const FeedContext& context);

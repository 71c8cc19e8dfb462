#pragma once
// Feed bytes -> notices. Pure: no I/O, no global state.
#include "model/alert.hpp"
#include "model/notice.hpp"
#include "util/result.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace signage::feed {

// One item of a feed as the parser read it, shown or not: what dump-feed lists.
struct ReadItem {
    bool shown = false;      // if so, it made the next notice of ParsedFeed::notices
    std::string title_from;  // a shown item whose headline was made from its text: the field ("description")
    std::string why;         // an item not shown: why ("no title and no description")
    std::string id;          // the notice id, or as written for an item not shown
    std::string link;
    std::optional<model::TimePoint> published;
    std::optional<model::TimePoint> updated;
};

// A CAP alert an index entry links to (<link type="application/cap+xml">, or the entry's link
// when the index is an alerts index): the player fetches it as it fetches feeds.
struct AlertLink {
    std::string url;      // absolute, http(s) or file
    std::string updated;  // the entry's updated/published date as written: when it changes, the alert is fetched again

    bool operator==(const AlertLink&) const = default;
};

struct ParsedFeed {
    std::string title;
    std::vector<model::Notice> notices;  // in document order
    // Every item read (up to kMaxItems), in document order. None: an empty feed, which is not
    // the same as a feed of items none of which can be shown.
    std::vector<ReadItem> items;
    std::string format;           // "rss 2.0", "rss 0.91", "rss 1.0", "atom 1.0", "atom 0.3", "json feed 1.1"
    std::string encoding;         // what the bytes were decoded from: "UTF-8", "CP949", "windows-1252"...
    // What was wrong in the body and mended so that the rest could be read, one line each (for
    // the log): "2 lone surrogate escapes shown as U+FFFD".
    std::vector<std::string> mended;
    // What the parser stopped at or skipped in an ill-formed document (recovered from); empty
    // for a well-formed one. A document without items is an empty feed only when well-formed.
    std::string ill_formed;
    // An alerts document: a CAP <alert> (1.1 or 1.2, any prefix), or an Atom/RSS index of alerts
    // (its root declares a CAP namespace, or an entry links or carries a CAP alert). Its alerts
    // are `alerts` (the document's own, and those an index carries inline) and those behind
    // `alert_links`. A CAP document has no notices of its own.
    bool alerts_document = false;
    std::vector<model::Alert> alerts;  // in document order
    std::vector<AlertLink> alert_links;
};

// How long parsing one document may take, and a request to give up: a document no bound of
// markup_bounds.hpp catches still cannot hold the fetcher (and every other feed) for longer, and
// a player asked to stop does not wait for a parse. Checked each time the parser reads on.
struct ParseBudget {
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    std::stop_token stop{};
};

// Far above what a real feed takes: a 5 MB feed parses in 0.2 s on a PC, about 2 s on a Pi.
inline constexpr std::chrono::seconds kParseTimeLimit{10};

// The headline length when the config says none, in characters as a reader counts them
// (grapheme clusters); the default of [[feed]] headline_chars.
inline constexpr std::size_t kDefaultHeadlineChars = 120;

struct FeedContext {
    std::string source_name{};       // copied into each Notice and named in errors
    std::string default_language{};  // for titles whose feed and item do not say
    std::string content_type{};      // the HTTP Content-Type, whose charset may say the encoding; empty if none
    // A file on this machine (a file:// feed): a config can point anywhere, so an error names
    // the file but never quotes its bytes, which would put them in the journal.
    bool local_file = false;
    ParseBudget budget{};  // none: parse to the end
    // An item without a title is shown with a headline of at most this many characters made
    // from its description, summary or content ([[feed]] headline_chars).
    std::size_t headline_chars = kDefaultHeadlineChars;
    // [[feed]] kind = "cap": the document must be an alerts document (else an error naming it).
    bool expect_alerts = false;
    // The URL the document came from, for relative links of an alerts index; empty: none.
    std::string base_url{};
};

// What one feed may make the player hold. A field over its limit is cut at a UTF-8 character
// boundary (a link over its limit is dropped instead: half a URL leads somewhere else; an id
// over its limit keeps a hash of the whole, so two long ids stay two notices).
inline constexpr std::size_t kMaxFeedBodyBytes = 8u * 1024u * 1024u;  // the fetcher's limit too
// Items after this many are not read: no screen shows so many, and 8 MiB of tiny items would
// otherwise cost memory out of all proportion.
inline constexpr std::size_t kMaxItems = 10000;
inline constexpr std::size_t kMaxTitleBytes = 2000;
inline constexpr std::size_t kMaxTitles = 20;  // per notice: its own and its translations
inline constexpr std::size_t kMaxSummaryBytes = 4000;
inline constexpr std::size_t kMaxCategories = 20;
inline constexpr std::size_t kMaxCategoryBytes = 100;
inline constexpr std::size_t kMaxIdBytes = 2000;
inline constexpr std::size_t kMaxLinkBytes = 2000;
inline constexpr std::size_t kMaxLanguageBytes = 64;

// RSS 0.9x, 2.0 and 1.0 (RDF), Atom 0.3 and 1.0, JSON Feed 1.0 and 1.1, told apart by their
// content, in any encoding docs/feeds.md lists, with the bilingual title extension. An error
// names what is wrong, one line. A document cut short still yields the items before the cut;
// an item without a title is shown with a headline made from its text, one with neither is
// left out (and listed in ParsedFeed::items), so a feed can parse to no notices at all.
// A CAP document (1.1 or 1.2, prefixed or not) or an alerts index is read into alerts (see
// ParsedFeed::alerts_document). DTDs and external entities are never loaded nor expanded.
Result<ParsedFeed> parse_feed(std::string_view body, const FeedContext& context);

// At most this many alerts per document, and linked alerts per index: a real index lists tens.
inline constexpr std::size_t kMaxAlerts = 500;
inline constexpr std::size_t kMaxAlertInfos = 20;  // per alert, one per language
inline constexpr std::size_t kMaxAlertAreas = 50;  // per info
inline constexpr std::size_t kMaxAlertTextBytes = 4000;  // description, instruction

}  // namespace signage::feed

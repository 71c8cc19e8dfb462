#pragma once
// [[feed]]: where a feed comes from and how it is fetched.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace signage::config {

// An extra HTTP request header, as configured: a valid token name, a value without line breaks.
struct HeaderField {
    std::string name;
    std::string value;

    bool operator==(const HeaderField&) const = default;
};

// What a feed's documents are.
enum class FeedKind {
    automatic,  // "auto": told by the content (a CAP alert or index of alerts is an alerts source)
    alerts,     // "cap": CAP alerts, or an index of them; anything else is an error
};

struct FeedSource {
    std::string name;      // shown in log lines: feed "ministry-en": ...
    std::string location;  // a URL: file://, http:// or https://
    std::string language;  // "ko", "en": the language of titles that do not say
    std::chrono::seconds poll_interval{300};
    // HTTP(S) only. Defaults here are the documented config defaults.
    std::vector<HeaderField> headers{};  // sent to the feed's own server only
    std::string ca_file{};               // an absolute path; empty: the system's CAs
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds total_timeout{30'000};
    std::size_t max_body_bytes = 8u * 1024u * 1024u;
    bool urgent = false;  // an alerts source: every notice of this feed is urgent
    // The longest headline made from the text of an item without a title, in characters.
    std::size_t headline_chars = 120;
    FeedKind kind = FeedKind::automatic;  // [[feed]] kind
};

}  // namespace signage::config

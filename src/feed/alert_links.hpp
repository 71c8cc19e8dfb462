#pragma once
// The CAP alerts an alerts index links to, for one source: which are held, which are due to be
// fetched, their last good copies (bodies, validators, parsed alerts) and how those copies are
// kept in the offline cache. No threads and no clocks: SourcePoller passes the time in.
//
// A link is fetched when the index first lists it, when its entry's `updated` changes (then
// conditionally, on the validators of its last good copy), and after a failure when its backoff
// has passed; a link held whose entry did not change is not fetched again. A link the index no
// longer lists is dropped with its copy.
#include "config/feed_settings.hpp"
#include "feed/feed_cache.hpp"
#include "feed/feed_parser.hpp"
#include "feed/http_client.hpp"
#include "model/alert.hpp"
#include "util/result.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace signage::feed {

// The parse context of a source's documents: its name, language, limits and kind; `base_url`
// is where the document came from (after redirects), for the relative links of an index.
FeedContext feed_context_for(const config::FeedSource& source, std::string_view content_type, std::string base_url,
                             std::stop_token stop);

// The alerts of one linked document, or why it cannot be used: it did not parse, or it is not
// one CAP alert (a notice feed, an index: links are followed one level only).
Result<std::vector<model::Alert>> parse_linked_alert(const config::FeedSource& source, std::string_view body,
                                                     std::string_view content_type, std::string url, std::stop_token stop);

// Links an index may make the player follow: http(s) ones, and file:// ones only for a source
// that is itself a file (a server's index must not make the player read its own disk).
bool may_follow(const config::FeedSource& source, std::string_view url);

class AlertLinks {
public:
    struct LinkFetch {
        std::size_t link;  // for on_response()
        FetchRequest request;
    };

    AlertLinks(const config::FeedSource& source, std::stop_token stop);

    // The links the index lists now (at most kMaxAlerts are kept): copies of links still listed
    // stay, the others go. A listed link whose `updated` changed becomes due.
    void set_links(const std::vector<AlertLink>& links);
    // The fetches due at `now`; each link is then in flight until on_response().
    std::vector<LinkFetch> start_fetches(std::chrono::steady_clock::time_point now);
    bool in_flight() const { return m_in_flight > 0; }
    // What came back for a link. A failure keeps its last good copy, is logged once per failure
    // run and retried with backoff at a later poll of the index.
    void on_response(std::size_t link, Result<FetchedBody>& result, std::chrono::steady_clock::time_point now,
                     std::chrono::sys_seconds wall, double random_unit);

    // The alerts of every held link with a good copy, in the index's order.
    std::vector<model::Alert> alerts() const;
    // Whether copies or validators changed since the last call to cache_entry().
    bool changed() const { return m_changed; }

    // Every held copy as one cache entry (bodies and validators), and back: restore() keeps only
    // the copies of `links` (the cached index's), whose entry is unchanged.
    CachedFeed cache_entry(std::chrono::sys_seconds now);
    void restore(const CachedFeed& entry, const std::vector<AlertLink>& links);

private:
    struct Held {
        AlertLink link;
        std::optional<CachedFeed> last_good{};
        std::vector<model::Alert> alerts{};  // parsed from last_good
        bool due = true;
        bool in_flight = false;
        int failures = 0;
        std::chrono::steady_clock::time_point retry_at{};
        std::string logged_error{};
    };

    void on_failure(Held& held, const std::string& reason, std::chrono::seconds retry_after,
                    std::chrono::steady_clock::time_point now, double random_unit);
    void on_body(Held& held, FetchedBody& body, std::chrono::sys_seconds wall, std::chrono::steady_clock::time_point now,
                 double random_unit);
    void log_once(Held& held, const std::string& message);

    config::FeedSource m_source;
    std::stop_token m_stop;
    std::vector<Held> m_held;
    std::size_t m_in_flight = 0;
    bool m_changed = false;
    bool m_logged_limit = false;
};

}  // namespace signage::feed

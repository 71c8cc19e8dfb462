#pragma once
// One feed source as the fetcher polls it: what it knows between polls, and what it does on a
// response, on a failure and on start from the offline cache. No threads and no clocks: the
// caller passes the time in with every call, so a test drives weeks of polling in a loop.
#include "config/feed_settings.hpp"
#include "feed/alert_links.hpp"
#include "feed/feed_cache.hpp"
#include "feed/http_client.hpp"
#include "model/alert.hpp"
#include "model/notice.hpp"
#include "util/result.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

namespace signage::feed {

// How a source's latest attempt went, for the player's status and metrics (never for the
// screen). Every update carries the source's status as it was when the update was made.
enum class FetchOutcome {
    none,          // no attempt yet and no cached copy
    cached,        // the offline cache's notices at start; no fetch yet
    ok,            // a 200 (or a file) that parsed into notices
    not_modified,  // a 304, or a 200 with the very same body
    failed,        // no response, an error status, or a body that did not parse
    gone,          // a 410: polled no more until restart
};

struct SourceStatus {
    FetchOutcome outcome = FetchOutcome::none;
    std::string error;     // one line, when failed or gone: what went wrong, with the URL
    long http_status = 0;  // of the latest response; 0 when there was none (DNS, timeout, file://)
    std::chrono::sys_seconds attempted_at{};   // wall clock of the latest attempt; epoch: none yet
    std::chrono::sys_seconds failing_since{};  // wall clock of this failure run's first attempt; epoch: not failing
    std::size_t items = 0;                     // notices in the last good answer
    int consecutive_failures = 0;
    std::int64_t total_failures = 0;  // failed attempts since this poller started
    // When the poller tries again, on the monotonic clock it polls by (steady_clock): turn it into
    // a wall time only to show it. nullopt after a 410.
    std::optional<std::chrono::steady_clock::time_point> next_poll;
};

// What changed about one source. An update either carries the source's complete new set of
// notices, or (notices == nullopt) only a change of the status fields below, which never
// touches the notices on screen:
//   - at start, from the offline cache: notices, confirmed_at = when the cache was last confirmed;
//   - a 200 that parsed into at least one notice: notices, confirmed_at = now;
//   - a 200 with a well-formed feed without items: no notices (the screen keeps its own),
//     confirmed_at unchanged, not failing;
//   - a 304 Not Modified (or a 200 with the very same body): no notices, confirmed_at = now;
//   - the first failure after a success (or at start): no notices, failing = true;
//   - a 410 Gone: no notices, gone = true (failing too): the source is not polled again.
// A failure that lasts changes nothing more on screen: on_response() returns nothing for it,
// and the fetcher sends status_update() instead, so the status sees every attempt.
// The screen can show "updated HH:MM" from confirmed_at when failing is true, or when
// confirmed_at is older than a few poll intervals.
struct SourceUpdate {
    std::string source_name;
    std::optional<std::vector<model::Notice>> notices;
    // When this source's notices were last known current (a 200 or a 304); epoch when never.
    std::chrono::sys_seconds confirmed_at{};
    bool failing = false;  // the latest attempt failed; the notices on screen are the last good ones
    bool gone = false;     // the server answered 410 Gone: polling stopped until restart
    SourceStatus status;   // the attempt behind this update (status only: not for the screen)
    // For an alerts source (a CAP document or index, feed/feed_parser.hpp): its complete set of
    // alerts now, linked ones included, whenever it changed. An alerts index that lists nothing
    // is an empty set: every alert of the source has ended. nullopt: no change.
    std::optional<std::vector<model::Alert>> alerts{};
};

// Fetch and parse one source, blocking (the `render` command). No cache, no conditional GET;
// a feed without notices gives an empty list (only the fetcher refuses one, to keep the last
// good notices on screen). Errors read `feed "<name>": <url>: <reason>`.
Result<std::vector<model::Notice>> read_source(const config::FeedSource& source);
// The same, cancelled (an error) soon after `stop` is requested.
Result<std::vector<model::Notice>> read_source(const config::FeedSource& source, std::stop_token stop);

// A source read once, blocking, with the alerts of an alerts source: its own and those its
// linked documents hold (fetched too, file:// ones relative to a file index). A linked alert
// that cannot be read is logged and left out; only the source itself failing is an error.
struct SourceRead {
    std::vector<model::Notice> notices;
    bool alerts_document = false;  // a CAP alert or an index of alerts
    std::vector<model::Alert> alerts;
};
Result<SourceRead> read_source_all(const config::FeedSource& source, std::stop_token stop = {});

// The request FeedFetcher and read_source() send for a source: its URL, limits and headers.
FetchRequest request_for(const config::FeedSource& source);

// What a fetch result means for a source, from the result and the last good body alone.
enum class ResponseAction {
    gone,          // 410 Gone: the feed was removed; poll it no more
    not_modified,  // 304 on the validators of the last good body: the notices are current
    same_body,     // a 200 with the very body (and type) of the last good one: as good as a 304
    new_body,      // a 200 (or a file) with another body: parse it, show it if it has notices
    failed,        // no response, or an HTTP status that is not a success: retry with backoff
};
ResponseAction decide_response(const Result<FetchedBody>& result, const std::optional<CachedFeed>& last_good);

// The time of one step, passed in by whoever drives the poller.
struct PollMoment {
    std::chrono::steady_clock::time_point now;  // for the schedule
    std::chrono::sys_seconds wall{};            // stamped on confirmations and cache entries
    double random_unit = 0.5;                   // jitter of the next delay, in [0, 1)
};

class SourcePoller {
public:
    // `cache` (may be null: no offline cache) must outlive the poller; file:// sources never
    // use it, their feed is already on this machine. A parse in progress gives up soon after
    // `stop` is requested (and after kParseTimeLimit in any case).
    SourcePoller(config::FeedSource source, const FeedCache* cache, std::stop_token stop = {});

    // The cached notices go on screen before any fetch, so a screen that reboots without
    // network shows what it showed before; their validators make the first poll conditional.
    std::optional<SourceUpdate> start_from_cache();

    // When the next poll is due; nullopt while a fetch is in flight or after a 410.
    std::optional<std::chrono::steady_clock::time_point> due() const;
    // The request for the next poll (conditional when there is a last good body); the poller
    // then waits for on_response().
    FetchRequest start_fetch();
    // What the finished fetch changes for the screen, if anything, with status(). Never throws.
    std::optional<SourceUpdate> on_response(Result<FetchedBody>& result, const PollMoment& moment);
    // An alerts index: the linked alerts to fetch now, after on_response() (the fetcher starts
    // them at once). While any is in flight, due() is nullopt, and the source's update waits
    // for the last of them: on_link_response() returns it, so the screen never sees half an index.
    std::vector<AlertLinks::LinkFetch> take_link_fetches() { return std::exchange(m_link_fetches, {}); }
    bool fetching_links() const { return m_links.in_flight() || !m_link_fetches.empty(); }
    std::optional<SourceUpdate> on_link_response(std::size_t link, Result<FetchedBody>& result, const PollMoment& moment);
    // How the latest attempt went.
    const SourceStatus& status() const { return m_status; }
    // An update with status() alone, for an attempt that changed nothing on screen.
    SourceUpdate status_update() const;

    const config::FeedSource& source() const { return m_source; }
    const std::string& poll_url() const { return m_poll_url; }

private:
    std::optional<SourceUpdate> handle(Result<FetchedBody>& result, const PollMoment& moment);
    std::optional<SourceUpdate> on_not_modified(const FetchedBody& body, const PollMoment& moment);
    std::optional<SourceUpdate> on_same_body(FetchedBody& body, const PollMoment& moment);
    std::optional<SourceUpdate> on_new_body(FetchedBody& body, const std::string& where, const PollMoment& moment);
    std::optional<SourceUpdate> on_empty_feed(const FetchedBody& body, const std::string& where, const PollMoment& moment);
    std::optional<SourceUpdate> on_failure(const std::string& reason, std::chrono::seconds retry_after,
                                           const PollMoment& moment);
    std::optional<SourceUpdate> on_gone(const std::string& where, long status, const PollMoment& moment);
    void on_success(const FetchedBody& body, const PollMoment& moment, FetchOutcome outcome);
    void count_failure(const std::string& reason, FetchOutcome outcome, const PollMoment& moment);
    std::optional<SourceUpdate> on_alerts_body(CachedFeed good, std::vector<model::Notice> notices,
                                               std::vector<model::Alert> alerts, const std::vector<AlertLink>& links,
                                               const FetchedBody& body, const PollMoment& moment);
    std::optional<SourceUpdate> hold_for_links(SourceUpdate update, const PollMoment& moment);
    SourceUpdate with_alerts(SourceUpdate update, std::chrono::sys_seconds wall);
    void restore_links(const std::vector<AlertLink>& links);
    SourceUpdate confirmation() const;
    void store_in_cache();
    void store_entry(const std::string& key, const CachedFeed& entry);
    bool uses_cache() const { return m_cache != nullptr; }

    config::FeedSource m_source;
    const FeedCache* m_cache;
    std::stop_token m_stop;
    std::chrono::steady_clock::time_point m_due{};
    bool m_in_flight = false;
    bool m_gone = false;
    int m_failures = 0;      // in a row, for the backoff
    std::string m_poll_url;  // the configured location, or where a permanent redirect moved it
    // The last good response: its body (to spot an unchanged one without parsing), its
    // validators (for the next conditional GET) and the URL they belong to. Also the cache entry.
    std::optional<CachedFeed> m_last_good;
    std::chrono::sys_seconds m_confirmed_at{};
    bool m_failing = false;
    std::string m_logged_error;        // the last reason logged, so a lasting failure logs once
    std::chrono::steady_clock::time_point m_logged_at{};
    std::string m_logged_cache_error;  // the same for the cache
    bool m_logged_empty = false;       // "the feed is empty" was logged, and no feed with items came since
    std::chrono::sys_seconds m_cache_written_at{};
    SourceStatus m_status;
    // An alerts source: the alerts its document carries itself, its linked ones, the fetches
    // of those due now, the update waiting for them, and the set the screen was last sent.
    bool m_alerts_source = false;
    std::vector<model::Alert> m_own_alerts;
    AlertLinks m_links;
    std::vector<AlertLinks::LinkFetch> m_link_fetches;
    std::optional<SourceUpdate> m_held_update;
    std::optional<std::vector<model::Alert>> m_sent_alerts;
};

}  // namespace signage::feed

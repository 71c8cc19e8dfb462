#include "feed/source_poller.hpp"

#include "feed/feed_parser.hpp"
#include "feed/poll_schedule.hpp"
#include "platform/log.hpp"

#include <algorithm>
#include <exception>
#include <iterator>
#include <string_view>
#include <utility>

namespace signage::feed {

namespace {

constexpr std::chrono::seconds kShortestInterval{1};

// A 304 only moves the confirmation time. Writing that to the cache on every poll would be an
// fsync per source every few minutes, for weeks, on an SD card; once an hour keeps the
// "updated HH:MM" after a reboot close enough.
constexpr std::chrono::hours kConfirmationWriteInterval{1};

// Within one failure, how often a changed reason may be logged again.
constexpr std::chrono::hours kFailureRelogInterval{24};

// After the log's "feed: " module, and in read_source's errors, which are logged under it too.
std::string source_prefix(const config::FeedSource& source)
{
    return "\"" + source.name + "\": ";
}

std::chrono::milliseconds interval_of(const config::FeedSource& source)
{
    return std::max<std::chrono::milliseconds>(source.poll_interval, kShortestInterval);
}

bool is_file_url(std::string_view url)
{
    return url.starts_with("file://");
}

Result<ParsedFeed> parse_notices(const config::FeedSource& source, std::string_view body, std::string_view content_type,
                                 std::string base_url, std::stop_token stop)
{
    Result<ParsedFeed> parsed = parse_feed(body, feed_context_for(source, content_type, std::move(base_url), std::move(stop)));
    if (!parsed.ok())
        return parsed.error();
    for (const std::string& mended : parsed.value().mended)
        platform::log({platform::LogLevel::warning, "feed", source_prefix(source) + "mended in the feed: " + mended});
    return parsed;
}

// What a parsed body means for the screen: notices to show, an empty feed, or alerts.
struct ScreenContent {
    std::vector<model::Notice> notices{};
    bool empty_feed = false;  // well-formed, without a single item: nothing replaces what is on screen
    bool alerts_document = false;  // then `alerts` and `alert_links` are its alerts, and an empty index ends them all
    std::vector<model::Alert> alerts{};
    std::vector<AlertLink> alert_links{};
};

// An alerts document replaces the source's alerts, even with none (every alert has ended),
// unless it is ill-formed and yields nothing: a half-written file ends no alert.
Result<ScreenContent> alerts_for_screen(const config::FeedSource& source, ParsedFeed& feed)
{
    if (!feed.ill_formed.empty() && feed.alerts.empty() && feed.alert_links.empty())
        return Error{"no alerts in the alerts document, which is ill-formed: " + feed.ill_formed};
    for (model::Alert& alert : feed.alerts)
        alert.source_name = source.name;
    return ScreenContent{std::move(feed.notices), false, true, std::move(feed.alerts), std::move(feed.alert_links)};
}

// What may replace a source's notices on screen. A feed whose items cannot be shown (none has a
// title or a text) is refused like a broken one: far more often a publishing mistake or a
// half-written file than an agency withdrawing every notice at once, and refusing it keeps the
// last good notices on screen. A feed without any item keeps them too, but is no failure: a
// well-formed empty feed is what a publisher with nothing to say sends.
Result<ScreenContent> parse_for_screen(const config::FeedSource& source, const CachedFeed& body, std::stop_token stop)
{
    Result<ParsedFeed> parsed = parse_notices(source, body.body, body.content_type, body.url, std::move(stop));
    if (!parsed.ok())
        return parsed.error();
    ParsedFeed& feed = parsed.value();
    if (feed.alerts_document)
        return alerts_for_screen(source, feed);
    if (source.kind == config::FeedKind::alerts)
        return Error{"kind = \"cap\", but this is a " + feed.format + " feed, not a CAP alert nor an index of alerts; point the feed at CAP or set kind = \"auto\""};
    if (feed.items.empty() && !feed.ill_formed.empty())
        return Error{"no items in the feed, which is ill-formed: " + feed.ill_formed};
    if (feed.items.empty())
        return ScreenContent{{}, true};
    if (feed.notices.empty())
        return Error{"no notices in the feed: none of its " + std::to_string(feed.items.size()) + " item(s) can be shown (" +
                     feed.items.front().why + ")"};
    return ScreenContent{std::move(feed.notices)};
}

// A response that will replace the last good one: its body moves out of `body`.
CachedFeed good_body(FetchedBody& body, std::chrono::sys_seconds now)
{
    return {std::move(body.bytes), body.content_type, body.etag, body.last_modified, body.effective_url, now};
}

// The status shows an error on one line.
std::string one_line(std::string text)
{
    std::ranges::replace(text, '\n', ' ');
    std::ranges::replace(text, '\r', ' ');
    return text;
}

bool is_success(long status)
{
    return status == 0 || (status >= 200 && status < 300);
}

}  // namespace

FetchRequest request_for(const config::FeedSource& source)
{
    FetchRequest request;
    request.url = source.location;
    request.limits.connect_timeout = source.connect_timeout;
    request.limits.total_timeout = source.total_timeout;
    request.limits.max_body_bytes = source.max_body_bytes;
    request.headers = source.headers;
    request.header_origin_url = source.location;
    request.ca_file = source.ca_file;
    return request;
}

ResponseAction decide_response(const Result<FetchedBody>& result, const std::optional<CachedFeed>& last_good)
{
    if (!result.ok())
        return ResponseAction::failed;
    const FetchedBody& body = result.value();
    if (body.status == 410)
        return ResponseAction::gone;
    if (body.status == 304 && last_good)
        return ResponseAction::not_modified;
    if (!is_success(body.status))
        return ResponseAction::failed;
    if (last_good && last_good->body == body.bytes && last_good->content_type == body.content_type)
        return ResponseAction::same_body;
    return ResponseAction::new_body;
}

SourcePoller::SourcePoller(config::FeedSource source, const FeedCache* cache, std::stop_token stop)
    : m_source(std::move(source)), m_cache(is_file_url(m_source.location) ? nullptr : cache), m_stop(std::move(stop)),
      m_poll_url(m_source.location), m_links(m_source, m_stop)
{
}

std::optional<SourceUpdate> SourcePoller::start_from_cache()
{
    if (!uses_cache())
        return std::nullopt;
    try {
        Result<std::optional<CachedFeed>> read = m_cache->read(m_source.name);
        if (!read) {
            platform::log({platform::LogLevel::warning, "feed", source_prefix(m_source) + read.error().message});
            return std::nullopt;
        }
        std::optional<CachedFeed> entry = std::move(read.value());
        if (!entry)
            return std::nullopt;
        Result<ScreenContent> content = parse_for_screen(m_source, *entry, m_stop);
        if (!content.ok()) {
            platform::log({platform::LogLevel::warning, "feed", source_prefix(m_source) + "cached copy ignored: " + content.error().message});
            return std::nullopt;
        }
        if (content.value().empty_feed)  // never stored so; an old cache may hold one
            return std::nullopt;
        m_confirmed_at = entry->fetched_at;
        m_cache_written_at = entry->fetched_at;
        m_last_good = std::move(entry);
        m_status.outcome = FetchOutcome::cached;
        m_status.items = content.value().notices.size();
        m_status.next_poll = m_due;
        SourceUpdate update{m_source.name, std::move(content.value().notices), m_confirmed_at, false, false, m_status};
        if (!content.value().alerts_document)
            return update;
        // The linked alerts' last good copies go out with the index, before any fetch.
        m_alerts_source = true;
        m_own_alerts = std::move(content.value().alerts);
        restore_links(content.value().alert_links);
        return with_alerts(std::move(update), m_confirmed_at);
    }
    catch (const std::exception& e) {
        platform::log({platform::LogLevel::warning, "feed", source_prefix(m_source) + "cached copy ignored: " + e.what()});
    }
    return std::nullopt;
}

std::optional<std::chrono::steady_clock::time_point> SourcePoller::due() const
{
    if (m_in_flight || m_gone || fetching_links())
        return std::nullopt;
    return m_due;
}

FetchRequest SourcePoller::start_fetch()
{
    FetchRequest request = request_for(m_source);
    request.url = m_poll_url;
    if (m_last_good) {
        request.etag = m_last_good->etag;
        request.last_modified = m_last_good->last_modified;
        request.validators_url = m_last_good->url;
    }
    m_in_flight = true;
    return request;
}

std::optional<SourceUpdate> SourcePoller::on_response(Result<FetchedBody>& result, const PollMoment& moment)
{
    m_in_flight = false;
    m_status.attempted_at = moment.wall;
    m_status.http_status = result.ok() ? result.value().status : 0;
    std::optional<SourceUpdate> update;
    try {
        update = handle(result, moment);
    }
    catch (const std::exception& e) {
        // An exception leaving the fetcher's thread would terminate the player.
        update = on_failure(e.what(), std::chrono::seconds{0}, moment);
    }
    if (update && m_alerts_source && !update->failing)
        update = hold_for_links(std::move(*update), moment);
    m_status.next_poll = due();
    if (update)
        update->status = m_status;
    return update;
}

std::optional<SourceUpdate> SourcePoller::handle(Result<FetchedBody>& result, const PollMoment& moment)
{
    const ResponseAction action = decide_response(result, m_last_good);
    if (!result.ok())
        return on_failure(result.error().message, std::chrono::seconds{0}, moment);
    FetchedBody& body = result.value();
    std::string where = m_poll_url;
    if (body.effective_url != m_poll_url)
        where += " (redirected to " + body.effective_url + ")";
    switch (action) {
    case ResponseAction::gone:
        return on_gone(where, body.status, moment);
    case ResponseAction::not_modified:
        return on_not_modified(body, moment);
    case ResponseAction::failed:
        return on_failure(where + ": " + describe_status(body.status), body.retry_after, moment);
    case ResponseAction::same_body:
        return on_same_body(body, moment);
    case ResponseAction::new_body:
        break;
    }
    return on_new_body(body, where, moment);
}

std::optional<SourceUpdate> SourcePoller::on_gone(const std::string& where, long status, const PollMoment& moment)
{
    count_failure(where + ": " + describe_status(status), FetchOutcome::gone, moment);
    platform::log({platform::LogLevel::warning, "feed",
                   source_prefix(m_source) + where + ": " + describe_status(status) + ": the server says the feed was removed; no longer polled until restart"});
    m_gone = true;
    m_failing = true;
    return SourceUpdate{m_source.name, std::nullopt, m_confirmed_at, true, true, m_status};
}

std::optional<SourceUpdate> SourcePoller::on_not_modified(const FetchedBody& body, const PollMoment& moment)
{
    // Nothing to parse and nothing new to show; only the confirmation moves.
    const bool validators_changed = (!body.etag.empty() && body.etag != m_last_good->etag)
                                    || (!body.last_modified.empty() && body.last_modified != m_last_good->last_modified);
    if (!body.etag.empty())
        m_last_good->etag = body.etag;
    if (!body.last_modified.empty())
        m_last_good->last_modified = body.last_modified;
    m_last_good->fetched_at = moment.wall;
    on_success(body, moment, FetchOutcome::not_modified);
    if (validators_changed || moment.wall - m_cache_written_at >= kConfirmationWriteInterval)
        store_in_cache();
    return confirmation();
}

std::optional<SourceUpdate> SourcePoller::on_same_body(FetchedBody& body, const PollMoment& moment)
{
    // A server without validators sent the same feed again: as good as a 304.
    m_last_good = good_body(body, moment.wall);
    on_success(body, moment, FetchOutcome::not_modified);
    store_in_cache();
    return confirmation();
}

std::optional<SourceUpdate> SourcePoller::on_new_body(FetchedBody& body, const std::string& where, const PollMoment& moment)
{
    CachedFeed good = good_body(body, moment.wall);
    Result<ScreenContent> content = parse_for_screen(m_source, good, m_stop);
    if (!content.ok())
        return on_failure(where + ": " + content.error().message, std::chrono::seconds{0}, moment);
    ScreenContent& read = content.value();
    if (read.alerts_document)
        return on_alerts_body(std::move(good), std::move(read.notices), std::move(read.alerts), read.alert_links, body, moment);
    if (read.empty_feed)
        return on_empty_feed(body, where, moment);
    m_logged_empty = false;
    m_last_good = std::move(good);
    m_status.items = read.notices.size();
    on_success(body, moment, FetchOutcome::ok);
    store_in_cache();
    SourceUpdate update{m_source.name, std::move(read.notices), m_confirmed_at, false, false, m_status};
    if (m_alerts_source) {  // no longer an alerts source: its alerts end
        m_alerts_source = false;
        m_own_alerts.clear();
        m_links.set_links({});
        update = with_alerts(std::move(update), moment.wall);
    }
    return update;
}

std::optional<SourceUpdate> SourcePoller::on_empty_feed(const FetchedBody& body, const std::string& where, const PollMoment& moment)
{
    // Not the last good body: the cache keeps the notices on screen for a restart, and the
    // next conditional GET asks about them. Nor a confirmation of them: the freshness note may
    // say how old they are.
    if (!m_logged_empty)
        platform::log({platform::LogLevel::notice, "feed", source_prefix(m_source) + where + ": the feed is empty (no items); the notices on screen stay"});
    m_logged_empty = true;
    const std::chrono::sys_seconds confirmed = m_confirmed_at;
    on_success(body, moment, FetchOutcome::ok);
    m_confirmed_at = confirmed;
    return confirmation();
}

void SourcePoller::on_success(const FetchedBody& body, const PollMoment& moment, FetchOutcome outcome)
{
    if (m_failing)
        platform::log({platform::LogLevel::notice, "feed", source_prefix(m_source) + "read again after " + std::to_string(m_failures) + " failed attempt(s)"});
    m_status.outcome = outcome;
    m_status.error.clear();
    m_status.consecutive_failures = 0;
    m_status.failing_since = {};
    m_failures = 0;
    m_failing = false;
    m_logged_error.clear();
    m_confirmed_at = moment.wall;
    m_due = moment.now + next_poll_delay(interval_of(m_source), moment.random_unit);
    if (!body.permanent_url.empty() && body.permanent_url != m_poll_url) {
        platform::log({platform::LogLevel::warning, "feed",
                       source_prefix(m_source) + m_poll_url + " moved permanently to " + body.permanent_url + "; polling the new address until restart (update the config)"});
        m_poll_url = body.permanent_url;
    }
}

std::optional<SourceUpdate> SourcePoller::on_failure(const std::string& reason, std::chrono::seconds retry_after,
                                                     const PollMoment& moment)
{
    // A failure that lasts is logged once, however its reason changes (a server sending other
    // garbage each time would otherwise write a line per attempt); a new reason a day later
    // is logged again, so the journal of a long outage says what the failure has become.
    const std::string message = source_prefix(m_source) + reason;
    const bool first = m_logged_error.empty();
    if (first || (message != m_logged_error && moment.now - m_logged_at >= kFailureRelogInterval)) {
        platform::log({platform::LogLevel::warning, "feed", first ? message : message + " (still failing)"});
        m_logged_error = message;
        m_logged_at = moment.now;
    }
    count_failure(reason, FetchOutcome::failed, moment);
    m_due = moment.now + next_retry_delay(m_failures, interval_of(m_source), moment.random_unit, retry_after);
    if (m_failing)
        return std::nullopt;
    m_failing = true;
    return SourceUpdate{m_source.name, std::nullopt, m_confirmed_at, true, false, m_status};
}

void SourcePoller::count_failure(const std::string& reason, FetchOutcome outcome, const PollMoment& moment)
{
    ++m_failures;
    if (m_failures == 1)
        m_status.failing_since = moment.wall;
    m_status.outcome = outcome;
    m_status.error = one_line(reason);
    m_status.consecutive_failures = m_failures;
    ++m_status.total_failures;
}

SourceUpdate SourcePoller::confirmation() const
{
    return {m_source.name, std::nullopt, m_confirmed_at, false, false, m_status};
}

void SourcePoller::store_in_cache()
{
    if (!uses_cache() || !m_last_good)
        return;
    m_cache_written_at = m_last_good->fetched_at;
    store_entry(m_source.name, *m_last_good);
}

void SourcePoller::store_entry(const std::string& key, const CachedFeed& entry)
{
    std::string error;
    try {
        const Status stored = m_cache->store(key, entry);
        if (!stored.ok())
            error = stored.error().message;
    }
    catch (const std::exception& e) {
        error = e.what();
    }
    if (!error.empty() && error != m_logged_cache_error)
        platform::log({platform::LogLevel::warning, "feed", source_prefix(m_source) + error});  // FeedCache's errors start "cache <path>: "
    m_logged_cache_error = error;
}

}  // namespace signage::feed

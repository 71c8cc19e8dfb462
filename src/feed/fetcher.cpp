#include "feed/fetcher.hpp"

#include "feed/feed_cache.hpp"
#include "feed/feed_parser.hpp"
#include "feed/poll_schedule.hpp"
#include "platform/log.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <random>
#include <string>
#include <string_view>
#include <utility>

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::seconds kShortestInterval{1};

std::string source_prefix(const FeedSource& source)
{
    return "feed \"" + source.name + "\": ";
}

std::chrono::milliseconds interval_of(const FeedSource& source)
{
    return std::max<std::chrono::milliseconds>(source.poll_interval, kShortestInterval);
}

bool is_file_url(std::string_view url)
{
    return url.starts_with("file://");
}

Result<std::vector<Notice>> parse_notices(const FeedSource& source, std::string_view body, std::string_view content_type)
{
    const FeedContext context{source.name, source.language, charset_from_content_type(content_type)};
    Result<ParsedFeed> parsed = parse_feed(body, context);
    if (!parsed.ok())
        return parsed.error();
    return std::move(parsed.value().notices);
}

// What may replace a source's notices on screen. A feed that parses into no notices is refused
// like a broken one: far more often a publishing mistake or a half-written file than an agency
// withdrawing every notice at once, and refusing it keeps the last good notices on screen.
Result<std::vector<Notice>> parse_for_screen(const FeedSource& source, std::string_view body, std::string_view content_type)
{
    Result<std::vector<Notice>> notices = parse_notices(source, body, content_type);
    if (notices.ok() && notices.value().empty())
        return Error{"no notices in the feed (no item has a title)"};
    return notices;
}

}  // namespace

FetchRequest request_for(const FeedSource& source)
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

Result<std::vector<Notice>> read_source(const FeedSource& source)
{
    return read_source(source, std::stop_token{});
}

Result<std::vector<Notice>> read_source(const FeedSource& source, std::stop_token stop)
{
    Result<FetchedBody> fetched = fetch(request_for(source), std::move(stop));
    if (!fetched.ok())
        return Error{source_prefix(source) + fetched.error().message};
    const FetchedBody& body = fetched.value();
    if (body.status >= 300)
        return Error{source_prefix(source) + source.location + ": " + describe_status(body.status)};
    Result<std::vector<Notice>> notices = parse_notices(source, body.bytes, body.content_type);
    if (!notices.ok())
        return Error{source_prefix(source) + source.location + ": " + notices.error().message};
    return notices;
}

FeedFetcher::FeedFetcher(std::vector<FeedSource> sources, std::function<void()> wake, FetcherOptions options)
    : m_sources(std::move(sources)), m_wake(std::move(wake)), m_options(std::move(options))
{
    m_worker = std::thread(&FeedFetcher::run, this);
}

FeedFetcher::~FeedFetcher()
{
    m_stopping = true;
    m_pool.wake();
    if (m_worker.joinable())
        m_worker.join();
}

std::vector<SourceUpdate> FeedFetcher::take_updates()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_pending, {});
}

void FeedFetcher::deliver(SourceUpdate update)
{
    {
        std::lock_guard lock(m_mutex);
        auto pending = std::ranges::find(m_pending, update.source_name, &SourceUpdate::source_name);
        if (pending == m_pending.end()) {
            m_pending.push_back(std::move(update));
        }
        else {
            // Not taken yet: the newest status wins, and notices are replaced only by notices.
            if (update.notices)
                pending->notices = std::move(update.notices);
            pending->confirmed_at = update.confirmed_at;
            pending->failing = update.failing;
            pending->gone = update.gone;
        }
    }
    if (m_wake)
        m_wake();
}

namespace {

// What the worker knows about one source between polls.
struct SourceState {
    Clock::time_point due;
    bool in_flight = false;
    bool gone = false;
    int failures = 0;      // in a row, for the backoff
    std::string poll_url;  // the configured location, or where a permanent redirect moved it
    // The last good response: its body (to spot an unchanged one without parsing), its
    // validators (for the next conditional GET) and the URL they belong to. Also the cache entry.
    std::optional<CachedFeed> last_good;
    std::chrono::sys_seconds confirmed_at{};
    bool failing = false;
    std::string logged_error;        // the last reason logged, so a lasting failure logs once
    std::string logged_cache_error;  // the same for the cache
    std::chrono::sys_seconds cache_written_at{};
};

// A 304 only moves the confirmation time. Writing that to the cache on every poll would be an
// fsync per source every few minutes, for weeks, on an SD card; once an hour keeps the
// "updated HH:MM" after a reboot close enough.
constexpr std::chrono::hours kConfirmationWriteInterval{1};

std::chrono::sys_seconds wall_clock_now()
{
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace

void FeedFetcher::run()
{
    std::mt19937_64 random{std::random_device{}()};
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto scaled = [this](std::chrono::milliseconds delay) {
        return std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double, std::milli>(static_cast<double>(delay.count()) * m_options.time_scale));
    };

    std::optional<FeedCache> cache;
    if (m_options.cache_directory)
        cache.emplace(*m_options.cache_directory);
    const auto uses_cache = [&](const FeedSource& source) { return cache && !is_file_url(source.location); };

    std::vector<SourceState> states(m_sources.size());
    for (std::size_t i = 0; i < m_sources.size(); ++i)
        states[i].poll_url = m_sources[i].location;

    const auto store_in_cache = [&](std::size_t i) {
        SourceState& state = states[i];
        const FeedSource& source = m_sources[i];
        if (!uses_cache(source) || !state.last_good)
            return;
        state.cache_written_at = state.last_good->fetched_at;
        std::string error;
        try {
            const Status stored = cache->store(source.name, *state.last_good);
            if (!stored.ok())
                error = stored.error().message;
        }
        catch (const std::exception& e) {
            error = e.what();
        }
        if (!error.empty() && error != state.logged_cache_error)
            log_line(source_prefix(source) + error);  // FeedCache's errors start "cache <path>: "
        state.logged_cache_error = error;
    };

    // The cached notices go on screen before any network fetch, so a screen that reboots
    // without network shows what it showed before; their validators make the first poll a
    // conditional GET.
    for (std::size_t i = 0; i < m_sources.size() && cache; ++i) {
        if (m_stopping)
            return;
        const FeedSource& source = m_sources[i];
        if (!uses_cache(source))
            continue;
        try {
            std::optional<CachedFeed> entry = cache->load(source.name);
            if (!entry)
                continue;
            Result<std::vector<Notice>> notices = parse_for_screen(source, entry->body, entry->content_type);
            if (!notices.ok()) {
                log_line(source_prefix(source) + "cached copy ignored: " + notices.error().message);
                continue;
            }
            states[i].confirmed_at = entry->fetched_at;
            states[i].cache_written_at = entry->fetched_at;
            states[i].last_good = std::move(entry);
            deliver({source.name, std::move(notices.value()), states[i].confirmed_at, false, false});
        }
        catch (const std::exception& e) {
            log_line(source_prefix(source) + "cached copy ignored: " + e.what());
        }
    }

    const auto succeeded = [&](std::size_t i, const FetchedBody& body, std::chrono::sys_seconds now) {
        SourceState& state = states[i];
        const FeedSource& source = m_sources[i];
        state.failures = 0;
        state.failing = false;
        state.logged_error.clear();
        state.confirmed_at = now;
        state.due = Clock::now() + scaled(next_poll_delay(interval_of(source), unit(random)));
        if (!body.permanent_url.empty() && body.permanent_url != state.poll_url) {
            log_line(source_prefix(source) + state.poll_url + " moved permanently to " + body.permanent_url
                     + "; polling the new address until restart (update the config)");
            state.poll_url = body.permanent_url;
        }
    };

    const auto failed = [&](std::size_t i, const std::string& reason, std::chrono::seconds retry_after) {
        SourceState& state = states[i];
        const FeedSource& source = m_sources[i];
        const std::string message = source_prefix(source) + reason;
        if (message != state.logged_error) {
            log_line(message);
            state.logged_error = message;
        }
        ++state.failures;
        state.due = Clock::now() + scaled(next_retry_delay(state.failures, interval_of(source), unit(random), retry_after));
        if (!state.failing) {
            state.failing = true;
            deliver({source.name, std::nullopt, state.confirmed_at, true, false});
        }
    };

    const auto handle = [&](std::size_t i, Result<FetchedBody>& result) {
        SourceState& state = states[i];
        const FeedSource& source = m_sources[i];
        if (!result.ok())
            return failed(i, result.error().message, std::chrono::seconds{0});

        FetchedBody& body = result.value();
        const auto now = wall_clock_now();
        std::string where = state.poll_url;
        if (body.effective_url != state.poll_url)
            where += " (redirected to " + body.effective_url + ")";

        if (body.status == 410) {
            log_line(source_prefix(source) + where + ": " + describe_status(body.status)
                     + ": the server says the feed was removed; no longer polled until restart");
            state.gone = true;
            state.failing = true;
            deliver({source.name, std::nullopt, state.confirmed_at, true, true});
            return;
        }
        if (body.status == 304 && state.last_good) {
            // Nothing to parse and nothing new to show; only the confirmation moves.
            const bool validators_changed = (!body.etag.empty() && body.etag != state.last_good->etag) ||
                                            (!body.last_modified.empty() && body.last_modified != state.last_good->last_modified);
            if (!body.etag.empty())
                state.last_good->etag = body.etag;
            if (!body.last_modified.empty())
                state.last_good->last_modified = body.last_modified;
            state.last_good->fetched_at = now;
            succeeded(i, body, now);
            if (validators_changed || now - state.cache_written_at >= kConfirmationWriteInterval)
                store_in_cache(i);
            deliver({source.name, std::nullopt, now, false, false});
            return;
        }
        if (body.status != 0 && (body.status < 200 || body.status >= 300))
            return failed(i, where + ": " + describe_status(body.status), body.retry_after);

        CachedFeed good{std::move(body.bytes), body.content_type, body.etag, body.last_modified, body.effective_url, now};
        if (state.last_good && state.last_good->body == good.body && state.last_good->content_type == good.content_type) {
            // A server without validators sent the same feed again: as good as a 304.
            state.last_good = std::move(good);
            succeeded(i, body, now);
            store_in_cache(i);
            deliver({source.name, std::nullopt, now, false, false});
            return;
        }
        Result<std::vector<Notice>> notices = parse_for_screen(source, good.body, good.content_type);
        if (!notices.ok())
            return failed(i, where + ": " + notices.error().message, std::chrono::seconds{0});
        state.last_good = std::move(good);
        succeeded(i, body, now);
        store_in_cache(i);
        deliver({source.name, std::move(notices.value()), now, false, false});
    };

    for (;;) {
        if (m_stopping)
            return;
        const auto now = Clock::now();
        auto next_due = now + std::chrono::hours{1};
        for (std::size_t i = 0; i < m_sources.size(); ++i) {
            SourceState& state = states[i];
            if (state.in_flight || state.gone)
                continue;
            if (state.due <= now) {
                FetchRequest request = request_for(m_sources[i]);
                request.url = state.poll_url;
                if (state.last_good) {
                    request.etag = state.last_good->etag;
                    request.last_modified = state.last_good->last_modified;
                    request.validators_url = state.last_good->url;
                }
                m_pool.start(i, request);
                state.in_flight = true;
            }
            else {
                next_due = std::min(next_due, state.due);
            }
        }

        auto finished = m_pool.run_until(next_due);
        if (m_stopping)
            return;
        for (auto& [id, result] : finished) {
            const auto i = static_cast<std::size_t>(id);
            states[i].in_flight = false;
            try {
                handle(i, result);
            }
            catch (const std::exception& e) {
                // An exception leaving this thread would terminate the player.
                failed(i, e.what(), std::chrono::seconds{0});
            }
        }
    }
}

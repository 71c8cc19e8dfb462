#include "feed/alert_links.hpp"

#include "feed/poll_schedule.hpp"
#include "feed/source_poller.hpp"
#include "platform/log.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <utility>

namespace signage::feed {

namespace {

// The cache entry of a source's linked alerts: for each copy, a one-line JSON header (its URL,
// entry date, validators, body length), a newline, the body as received, a newline. FeedCache
// checks the whole entry's length and checksum.
constexpr std::string_view kCacheType = "application/x-signage-alert-links";
// Kept under FeedCache's largest entry: copies past this are not cached (they are fetched again).
constexpr std::size_t kMaxCachedBytes = 48u * 1024u * 1024u;

std::string prefix_of(const config::FeedSource& source)
{
    return "\"" + source.name + "\": ";
}

bool is_file(std::string_view url)
{
    return url.starts_with("file://");
}

std::chrono::milliseconds interval_of(const config::FeedSource& source)
{
    return std::max<std::chrono::milliseconds>(source.poll_interval, std::chrono::seconds{1});
}

void append_copy(std::string& out, const AlertLink& link, const CachedFeed& copy)
{
    const nlohmann::json header = {
        {"url", link.url},
        {"updated", link.updated},
        {"from", copy.url},
        {"content_type", copy.content_type},
        {"etag", copy.etag},
        {"last_modified", copy.last_modified},
        {"fetched_at", copy.fetched_at.time_since_epoch().count()},
        {"length", copy.body.size()},
    };
    out += header.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
    out += '\n';
    out += copy.body;
    out += '\n';
}

// The copies of a cache entry; stops at the first that is not whole.
std::vector<std::pair<AlertLink, CachedFeed>> read_copies(std::string_view bytes)
{
    std::vector<std::pair<AlertLink, CachedFeed>> copies;
    while (!bytes.empty()) {
        const std::size_t newline = bytes.find('\n');
        if (newline == std::string_view::npos)
            break;
        const auto header = nlohmann::json::parse(bytes.substr(0, newline), nullptr, false);
        bytes.remove_prefix(newline + 1);
        if (!header.is_object())
            break;
        try {
            const auto length = header.at("length").get<std::size_t>();
            if (length >= bytes.size() || bytes[length] != '\n')
                break;
            CachedFeed copy{std::string(bytes.substr(0, length)), header.at("content_type").get<std::string>(),
                            header.at("etag").get<std::string>(), header.at("last_modified").get<std::string>(),
                            header.at("from").get<std::string>(),
                            std::chrono::sys_seconds{std::chrono::seconds{header.at("fetched_at").get<std::int64_t>()}}};
            copies.emplace_back(AlertLink{header.at("url").get<std::string>(), header.at("updated").get<std::string>()},
                                std::move(copy));
            bytes.remove_prefix(length + 1);
        }
        catch (const nlohmann::json::exception&) {
            break;
        }
    }
    return copies;
}

}  // namespace

FeedContext feed_context_for(const config::FeedSource& source, std::string_view content_type, std::string base_url,
                             std::stop_token stop)
{
    FeedContext context{source.name, source.language, std::string(content_type), is_file(source.location)};
    context.budget = {std::chrono::steady_clock::now() + kParseTimeLimit, std::move(stop)};
    context.headline_chars = source.headline_chars;
    context.expect_alerts = source.kind == config::FeedKind::alerts;
    context.base_url = std::move(base_url);
    return context;
}

Result<std::vector<model::Alert>> parse_linked_alert(const config::FeedSource& source, std::string_view body,
                                                     std::string_view content_type, std::string url, std::stop_token stop)
{
    FeedContext context = feed_context_for(source, content_type, std::move(url), std::move(stop));
    context.expect_alerts = false;  // the reason below is this file's own
    Result<ParsedFeed> parsed = parse_feed(body, context);
    if (!parsed.ok())
        return parsed.error();
    ParsedFeed& feed = parsed.value();
    if (!feed.alerts_document)
        return Error{"not a CAP alert (" + (feed.format.empty() ? std::string("not a feed") : "a " + feed.format + " feed") + ")"};
    if (!feed.alert_links.empty())
        return Error{"an index of alerts, not one CAP alert (links are followed one level only)"};
    if (feed.alerts.empty())
        return Error{"no CAP alert in it" + (feed.ill_formed.empty() ? std::string() : ": " + feed.ill_formed)};
    for (model::Alert& alert : feed.alerts)
        alert.source_name = source.name;
    return std::move(feed.alerts);
}

bool may_follow(const config::FeedSource& source, std::string_view url)
{
    if (url.starts_with("http://") || url.starts_with("https://"))
        return true;
    return is_file(url) && is_file(source.location);
}

AlertLinks::AlertLinks(const config::FeedSource& source, std::stop_token stop) : m_source(source), m_stop(std::move(stop)) {}

void AlertLinks::set_links(const std::vector<AlertLink>& links)
{
    // The parser reads no more than kMaxAlerts links: as many may mean that some were left out.
    if (links.size() >= kMaxAlerts && !m_logged_limit)
        platform::log({platform::LogLevel::warning, "feed",
                       prefix_of(m_source) + "the index links " + std::to_string(kMaxAlerts) + " alerts or more; only the first " +
                           std::to_string(kMaxAlerts) + " are read (split the index)"});
    m_logged_limit = links.size() >= kMaxAlerts;
    std::vector<Held> held;
    for (const AlertLink& link : links) {
        if (!may_follow(m_source, link.url) || std::ranges::any_of(held, [&](const Held& h) { return h.link.url == link.url; }))
            continue;
        if (held.size() == kMaxAlerts)
            break;
        auto old = std::ranges::find_if(m_held, [&](const Held& h) { return h.link.url == link.url; });
        if (old == m_held.end()) {
            held.push_back(Held{link});
            m_changed = true;
            continue;
        }
        Held kept = std::move(*old);
        if (kept.link.updated != link.updated) {
            kept.due = true;
            kept.retry_at = {};
        }
        kept.link = link;
        held.push_back(std::move(kept));
    }
    if (held.size() != m_held.size())
        m_changed = true;
    m_held = std::move(held);
}

std::vector<AlertLinks::LinkFetch> AlertLinks::start_fetches(std::chrono::steady_clock::time_point now)
{
    std::vector<LinkFetch> fetches;
    for (std::size_t i = 0; i < m_held.size(); ++i) {
        Held& held = m_held[i];
        if (!held.due || held.in_flight || held.retry_at > now)
            continue;
        FetchRequest request = request_for(m_source);
        request.url = held.link.url;
        if (held.last_good) {
            request.etag = held.last_good->etag;
            request.last_modified = held.last_good->last_modified;
            request.validators_url = held.last_good->url;
        }
        held.in_flight = true;
        ++m_in_flight;
        fetches.push_back({i, std::move(request)});
    }
    return fetches;
}

void AlertLinks::on_response(std::size_t link, Result<FetchedBody>& result, std::chrono::steady_clock::time_point now,
                             std::chrono::sys_seconds wall, double random_unit)
{
    if (link >= m_held.size() || !m_held[link].in_flight)
        return;
    Held& held = m_held[link];
    held.in_flight = false;
    --m_in_flight;
    try {
        const ResponseAction action = decide_response(result, held.last_good);
        if (!result.ok())
            return on_failure(held, result.error().message, std::chrono::seconds{0}, now, random_unit);
        FetchedBody& body = result.value();
        switch (action) {
        case ResponseAction::failed:
            return on_failure(held, describe_status(body.status), body.retry_after, now, random_unit);
        case ResponseAction::gone:
            log_once(held, prefix_of(m_source) + "linked alert " + held.link.url + ": " + describe_status(body.status) +
                               ": removed by its server; not shown, and not fetched again until the index changes its entry");
            held.last_good.reset();
            held.alerts.clear();
            held.due = false;
            m_changed = true;
            return;
        case ResponseAction::not_modified:
            held.last_good->etag = body.etag.empty() ? held.last_good->etag : body.etag;
            held.last_good->last_modified = body.last_modified.empty() ? held.last_good->last_modified : body.last_modified;
            held.last_good->fetched_at = wall;
            held.due = false;
            held.failures = 0;
            held.logged_error.clear();
            m_changed = true;
            return;
        case ResponseAction::same_body:
        case ResponseAction::new_body:
            return on_body(held, body, wall, now, random_unit);
        }
    }
    catch (const std::exception& e) {
        on_failure(held, e.what(), std::chrono::seconds{0}, now, random_unit);
    }
}

void AlertLinks::on_body(Held& held, FetchedBody& body, std::chrono::sys_seconds wall, std::chrono::steady_clock::time_point now,
                         double random_unit)
{
    Result<std::vector<model::Alert>> alerts = parse_linked_alert(m_source, body.bytes, body.content_type, body.effective_url, m_stop);
    if (!alerts.ok())
        return on_failure(held, alerts.error().message, std::chrono::seconds{0}, now, random_unit);
    held.alerts = std::move(alerts.value());
    held.last_good = CachedFeed{std::move(body.bytes), body.content_type, body.etag, body.last_modified, body.effective_url, wall};
    held.due = false;
    held.failures = 0;
    held.logged_error.clear();
    m_changed = true;
}

void AlertLinks::on_failure(Held& held, const std::string& reason, std::chrono::seconds retry_after,
                            std::chrono::steady_clock::time_point now, double random_unit)
{
    ++held.failures;
    held.due = true;
    held.retry_at = now + next_retry_delay(held.failures, interval_of(m_source), random_unit, retry_after);
    const std::string what = held.last_good ? "its last good copy stays on screen" : "it is not shown";
    log_once(held, prefix_of(m_source) + "linked alert " + held.link.url + ": " + reason + "; " + what +
                       " and it is tried again later (check the link in the index and the alert it leads to)");
}

void AlertLinks::log_once(Held& held, const std::string& message)
{
    if (!held.logged_error.empty())
        return;
    platform::log({platform::LogLevel::warning, "feed", message});
    held.logged_error = message;
}

std::vector<model::Alert> AlertLinks::alerts() const
{
    std::vector<model::Alert> all;
    for (const Held& held : m_held)
        all.insert(all.end(), held.alerts.begin(), held.alerts.end());
    return all;
}

CachedFeed AlertLinks::cache_entry(std::chrono::sys_seconds now)
{
    m_changed = false;
    CachedFeed entry{{}, std::string(kCacheType), {}, {}, m_source.location, now};
    for (const Held& held : m_held) {
        if (held.last_good && entry.body.size() + held.last_good->body.size() <= kMaxCachedBytes)
            append_copy(entry.body, held.link, *held.last_good);
    }
    return entry;
}

void AlertLinks::restore(const CachedFeed& entry, const std::vector<AlertLink>& links)
{
    set_links(links);
    if (entry.content_type != kCacheType)
        return;
    for (auto& [cached_link, copy] : read_copies(entry.body)) {
        // clang 14 (the fuzz build's) cannot capture a structured binding in a lambda.
        const auto& link = cached_link;
        auto held = std::ranges::find_if(m_held, [&link](const Held& h) { return h.link == link; });
        if (held == m_held.end())
            continue;
        Result<std::vector<model::Alert>> alerts = parse_linked_alert(m_source, copy.body, copy.content_type, copy.url, m_stop);
        if (!alerts.ok())
            continue;
        held->alerts = std::move(alerts.value());
        held->last_good = std::move(copy);
        held->due = false;
    }
    m_changed = false;
}

}  // namespace signage::feed

#include "feed/source_poller.hpp"
// SourcePoller's part for alerts sources: the linked alerts an index lists, fetched before the
// source's update goes out, and their copies in the offline cache.

#include "platform/log.hpp"

#include <iterator>
#include <utility>

namespace signage::feed {

namespace {

// The cache entry of an alerts source's linked alerts: "#" is never in a source's name.
std::string links_cache_key(const config::FeedSource& source)
{
    return source.name + "#alerts";
}

}  // namespace

std::optional<SourceUpdate> SourcePoller::on_link_response(std::size_t link, Result<FetchedBody>& result, const PollMoment& moment)
{
    m_links.on_response(link, result, moment.now, moment.wall, moment.random_unit);
    if (m_links.in_flight() || !m_held_update)
        return std::nullopt;
    SourceUpdate update = with_alerts(std::move(*m_held_update), moment.wall);
    m_held_update.reset();
    m_status.next_poll = due();
    update.status = m_status;
    return update;
}

// An alerts source's update waits for the linked alerts due now (new, changed, or failed and
// past their backoff), also after a 304 on the index.
std::optional<SourceUpdate> SourcePoller::hold_for_links(SourceUpdate update, const PollMoment& moment)
{
    m_link_fetches = m_links.start_fetches(moment.now);
    if (m_link_fetches.empty())
        return with_alerts(std::move(update), moment.wall);
    m_held_update = std::move(update);
    return std::nullopt;
}

// The update with the source's complete set of alerts, when it differs from what was sent.
SourceUpdate SourcePoller::with_alerts(SourceUpdate update, std::chrono::sys_seconds wall)
{
    std::vector<model::Alert> alerts = m_own_alerts;
    std::vector<model::Alert> linked = m_links.alerts();
    alerts.insert(alerts.end(), std::make_move_iterator(linked.begin()), std::make_move_iterator(linked.end()));
    m_status.items = alerts.size();
    update.status.items = alerts.size();
    if (!m_sent_alerts || *m_sent_alerts != alerts) {
        m_sent_alerts = alerts;
        update.alerts = std::move(alerts);
    }
    if (uses_cache() && m_links.changed())
        store_entry(links_cache_key(m_source), m_links.cache_entry(wall));
    return update;
}

void SourcePoller::restore_links(const std::vector<AlertLink>& links)
{
    Result<std::optional<CachedFeed>> read = m_cache->read(links_cache_key(m_source));
    if (!read)
        platform::log({platform::LogLevel::warning, "feed", "\"" + m_source.name + "\": " + read.error().message});
    if (read && read.value())
        m_links.restore(*read.value(), links);
    else
        m_links.restore(CachedFeed{}, links);
}

SourceUpdate SourcePoller::status_update() const
{
    return {m_source.name, std::nullopt, m_confirmed_at, m_failing, m_gone, m_status};
}

// A CAP document or an index of alerts: the new set of alerts goes out once the due linked
// alerts are in (on_response() holds it); an index listing nothing ends every alert.
std::optional<SourceUpdate> SourcePoller::on_alerts_body(CachedFeed good, std::vector<model::Notice> notices,
                                                         std::vector<model::Alert> alerts, const std::vector<AlertLink>& links,
                                                         const FetchedBody& body, const PollMoment& moment)
{
    m_logged_empty = false;
    m_last_good = std::move(good);
    on_success(body, moment, FetchOutcome::ok);
    store_in_cache();
    m_alerts_source = true;
    m_own_alerts = std::move(alerts);
    m_links.set_links(links);
    return SourceUpdate{m_source.name, std::move(notices), m_confirmed_at, false, false, m_status};
}

}  // namespace signage::feed

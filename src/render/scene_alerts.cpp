// The scene's CAP alerts: made like the notices' text (at once, or on the worker), drawn where
// each one's placement says (alert_banner.hpp, the crawl's badges).
#include "render/scene.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace signage::render {

void Scene::set_alerts(const std::vector<model::ShownAlert>& alerts)
{
    m_text.drop(PreparedKind::alerts);
    MakeText text(m_text);
    const PreparedChange change = alerts_change(alerts);
    show_alerts(alert_texts(text, change), alerts);
    notice_failed_uploads();
}

void Scene::prepare_alerts(std::vector<model::ShownAlert> alerts)
{
    plan(alerts_change(std::move(alerts)));
}

std::size_t Scene::alert_count() const
{
    return m_last_alerts.size();
}

PreparedChange Scene::alerts_change(std::vector<model::ShownAlert> alerts) const
{
    PreparedChange change{PreparedKind::alerts, {}, {}, {}, {}, false, std::move(alerts)};
    // "until" names the day when it is not the header clock's (the system's before the clock is set).
    change.time = m_clock_now ? *m_clock_now : platform::to_local(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    return change;
}

AlertTexts Scene::alert_texts(TextSource& text, const PreparedChange& change) const
{
    return make_alert_texts(text, m_context, change.alerts, change.time.date);
}

void Scene::show_alerts(AlertTexts texts, const std::vector<model::ShownAlert>& alerts)
{
    m_alert_banner.show(std::move(texts.banners));
    m_alert_band.show(std::move(texts.bands));
    m_crawl.show_alerts(std::move(texts.crawl));
    m_last_alerts = alerts;
    m_dirty.upper = true;
}

std::optional<Scene::UpperView> Scene::alert_view(double seconds) const
{
    const std::size_t band = m_alert_band.empty() ? 0 : m_alert_band.index_at(seconds) + 1;
    const std::size_t alerts = m_alert_banner.count();
    // An official alert in the banner is about people's safety: an urgent notice of the agency
    // (an office closed, a deadline) waits until no alert needs the banner.
    const std::size_t turns = alerts > 0 ? alerts : m_urgent.count();
    if (turns == 0)
        return std::nullopt;
    // Several alerts, or several urgent notices, take turns a dwell each.
    const auto slot = static_cast<long long>(std::floor(std::max(0.0, seconds) / m_settings.featured_dwell_s));
    const auto turn = static_cast<std::size_t>(slot % static_cast<long long>(turns));
    if (turn < alerts)
        return UpperView{UpperView::Shows::alert, turn, 0, band};
    return UpperView{UpperView::Shows::urgent, turn - alerts, 0, band};
}

void Scene::draw_banners(const UpperView& view)
{
    // Under the band when there is one: the band's alert stays in sight too.
    const int top = m_layout.upper_top() + m_alert_band.height();
    if (view.shows == UpperView::Shows::alert)
        m_alert_banner.draw(view.index, top);
    else
        m_urgent.draw(view.index, top);
}

}  // namespace signage::render

#include "app/alert_state.hpp"

#include "feed/feed_time.hpp"

namespace signage::app {

std::string alert_change_line(const model::AlertChange& change)
{
    std::string line = change.shown ? "shown: " : "left the screen: ";
    line += "sender \"" + change.sender + "\", identifier \"" + change.identifier + "\", sent ";
    line += change.sent ? feed::format_iso8601_utc(*change.sent) : std::string("(not given)");
    if (!change.headline.empty())
        line += ", \"" + change.headline + "\"";
    if (!change.shown)
        line += ": " + model::describe(change.why, model::Alert{});
    return line;
}

bool AlertState::record(const std::vector<model::AlertChange>& changes, std::uint64_t revision_before, const LogSink& log) const
{
    for (const auto& change : changes)
        log({platform::LogLevel::notice, "alert", alert_change_line(change)});
    return m_board.revision() != revision_before;
}

bool AlertState::take(const std::vector<feed::SourceUpdate>& updates, std::chrono::sys_seconds now, const LogSink& log)
{
    bool changed = false;
    for (const auto& update : updates) {
        if (!update.alerts)
            continue;
        m_by_source[update.source_name] = *update.alerts;
        const std::uint64_t before = m_board.revision();
        changed |= record(m_board.apply(update.source_name, *update.alerts, now), before, log);
    }
    return changed;
}

bool AlertState::set_now(std::chrono::sys_seconds now, const LogSink& log)
{
    const std::uint64_t before = m_board.revision();
    return record(m_board.set_now(now), before, log);
}

void AlertState::use_settings(const config::AlertSettings& settings, std::chrono::sys_seconds now, const LogSink& log)
{
    if (settings == m_settings)
        return;
    m_settings = settings;
    // The new board starts with nothing shown, so compare against what was to log the difference.
    std::map<std::string, model::ShownAlert> before;
    for (const auto& shown : m_board.shown())
        before.emplace(model::alert_key_text(shown.alert), shown);
    m_board = model::AlertBoard(settings);
    for (const auto& [source, alerts] : m_by_source)
        static_cast<void>(m_board.apply(source, alerts, now));
    std::map<std::string, bool> after;
    for (const auto& shown : m_board.shown())
        after.emplace(model::alert_key_text(shown.alert), true);
    for (const auto& [key, shown] : before)
        if (!after.contains(key))
            log({platform::LogLevel::notice, "alert", "left the screen: " + key + ": the [alerts] settings no longer show it"});
    for (const auto& [key, unused] : after)
        if (!before.contains(key))
            log({platform::LogLevel::notice, "alert", "shown: " + key + ": the [alerts] settings now show it"});
}

bool AlertState::remove_source(const std::string& name, std::chrono::sys_seconds now, const LogSink& log)
{
    if (m_by_source.erase(name) == 0)
        return false;
    const std::uint64_t before = m_board.revision();
    return record(m_board.remove_source(name, now), before, log);
}

}  // namespace signage::app

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

// The same board judges again: building a new one would forget which alerts were cancelled
// or updated, and bring them back.
void AlertState::use_settings(const config::AlertSettings& settings, std::chrono::sys_seconds now, const LogSink& log)
{
    if (settings == m_settings)
        return;
    m_settings = settings;
    const std::uint64_t before = m_board.revision();
    static_cast<void>(record(m_board.use_settings(settings, now), before, log));
}

bool AlertState::remove_source(const std::string& name, std::chrono::sys_seconds now, const LogSink& log)
{
    const std::uint64_t before = m_board.revision();
    return record(m_board.remove_source(name, now), before, log);
}

}  // namespace signage::app

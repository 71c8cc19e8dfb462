#include "app/board_state.hpp"

#include "app/freshness.hpp"
#include "app/settings.hpp"

namespace signage::app {

namespace {

std::vector<std::string> urgent_keys(const std::vector<const model::Notice*>& urgent)
{
    std::vector<std::string> keys;
    for (const model::Notice* notice : urgent)
        keys.push_back(notice->source_name + '\x1f' + notice->id + '\x1f' + notice->titles.front().text);
    return keys;
}

std::vector<model::Notice> copies(const std::vector<const model::Notice*>& notices)
{
    std::vector<model::Notice> copied;
    for (const model::Notice* notice : notices)
        copied.push_back(*notice);
    return copied;
}

}  // namespace

bool BoardState::take(std::vector<feed::SourceUpdate> updates, const LogSink& log)
{
    bool changed = false;
    for (auto& update : updates) {
        m_confirmed_at[update.source_name] = update.confirmed_at;
        // Status-only updates (a 304, a failure) leave the notices as they are.
        if (!update.notices)
            continue;
        const std::size_t count = update.notices->size();
        if (m_board.apply(update.source_name, std::move(*update.notices))) {
            log({platform::LogLevel::info, "feed",
                 "\"" + update.source_name + "\": " + std::to_string(count) + " notices (" + std::to_string(m_board.notices().size()) + " from all feeds)"});
            changed = true;
        }
    }
    return changed;
}

void BoardState::use_rules(const config::BoardRules& rules)
{
    m_board = model::NoticeBoard(rules);
    m_confirmed_at.clear();
}

bool BoardState::remove_source(const std::string& name)
{
    m_confirmed_at.erase(name);
    return m_board.apply(name, {});
}

std::optional<std::string> BoardState::freshness_change(std::chrono::sys_seconds now, std::chrono::seconds stale_after)
{
    std::optional<model::TimePoint> oldest;
    for (const auto& [name, when] : m_confirmed_at)
        if (when.time_since_epoch().count() != 0 && (!oldest || when < *oldest))
            oldest = when;
    std::string note = freshness_note(oldest, now, stale_after);
    if (note == m_freshness)
        return std::nullopt;
    m_freshness = note;
    return note;
}

std::vector<model::Notice> BoardState::urgent_for_new_scene(const config::Config& config, std::chrono::sys_seconds now)
{
    const auto urgent = configured_urgent_notices(config, m_board.notices(), now);
    m_urgent_keys = urgent_keys(urgent);
    return copies(urgent);
}

// Urgent notices preempt the rotation; they stop being urgent when they leave the feed or
// grow older than [urgent] max_age_hours, so this runs at each board change and each second.
std::optional<std::vector<model::Notice>> BoardState::urgent_change(const config::Config& config, std::chrono::sys_seconds now,
                                                             const LogSink& log)
{
    const auto urgent = configured_urgent_notices(config, m_board.notices(), now);
    std::vector<std::string> keys = urgent_keys(urgent);
    if (keys == m_urgent_keys)
        return std::nullopt;
    m_urgent_keys = std::move(keys);
    if (urgent.empty())
        log({platform::LogLevel::notice, "urgent", "none now; the rotation resumes"});
    else
        log({platform::LogLevel::notice, "urgent",
             std::to_string(urgent.size()) + " notice(s) preempt the rotation, first \"" + urgent.front()->titles.front().text + "\""});
    return copies(urgent);
}

std::size_t BoardState::sources_current(std::chrono::sys_seconds now, std::chrono::seconds stale_after) const
{
    std::size_t current = 0;
    for (const auto& [source, confirmed_at] : m_confirmed_at)
        current += confirmed_at.time_since_epoch().count() != 0 && now - confirmed_at <= stale_after;
    return current;
}

}  // namespace signage::app

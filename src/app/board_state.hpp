#pragma once
// The notices of every feed as the screen is to show them: the merged board, when each source
// was last confirmed (for the freshness note), and which notices the urgent banner shows.
#include "config/config.hpp"
#include "feed/fetcher.hpp"
#include "model/notice_board.hpp"
#include "platform/log.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signage::app {

class BoardState {
public:
    using LogSink = platform::LogSink;

    explicit BoardState(const config::BoardRules& rules) : m_board(rules) {}

    // Updates from the fetcher. True when the board's notices changed.
    bool take(std::vector<feed::SourceUpdate> updates, const LogSink& log);
    // The board's notices age with the wall clock. True when they changed.
    bool set_now(std::chrono::sys_seconds now) { return m_board.set_now(now); }
    // New [notices] rules: the board starts over, and the fetcher fills it again.
    void use_rules(const config::BoardRules& rules);
    // A source no longer configured takes its notices with it. True when the board changed.
    bool remove_source(const std::string& name);

    const std::vector<model::Notice>& notices() const { return m_board.notices(); }
    // Whether there is anything to show yet: notices, or a feed that has answered.
    bool has_answer() const { return !m_board.notices().empty() || !m_confirmed_at.empty(); }
    // The freshness note at `now`, when it differs from the one shown.
    std::optional<std::string> freshness_change(std::chrono::sys_seconds now, std::chrono::seconds stale_after);
    const std::string& freshness() const { return m_freshness; }
    // Sources confirmed (a 200 or a 304) within `stale_after` of `now`.
    std::size_t sources_current(std::chrono::sys_seconds now, std::chrono::seconds stale_after) const;
    // The urgent notices at `now` for a new scene, which then shows them.
    std::vector<model::Notice> urgent_for_new_scene(const config::Config& config, std::chrono::sys_seconds now);
    // The urgent notices at `now` when they differ from what the banner shows (logged).
    std::optional<std::vector<model::Notice>> urgent_change(const config::Config& config, std::chrono::sys_seconds now, const LogSink& log);

    // Urgent notices the banner shows now.
    std::size_t urgent_shown() const { return m_urgent_keys.size(); }

private:
    model::NoticeBoard m_board;
    std::map<std::string, std::chrono::sys_seconds> m_confirmed_at;  // per source; epoch: never
    std::string m_freshness;
    std::vector<std::string> m_urgent_keys;  // what the banner shows now
};

}  // namespace signage::app

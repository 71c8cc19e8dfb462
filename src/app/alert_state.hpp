#pragma once
// The emergency alerts of every alerts source as the screen is to show them, and the record of
// each one's time on screen: a line in the journal when an alert is first shown and when it
// leaves, with whose it is and why it left, so an agency can account for what its lobby showed.
#include "config/alert_settings.hpp"
#include "feed/source_poller.hpp"
#include "model/alert_board.hpp"
#include "platform/log.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace signage::app {

class AlertState {
public:
    using LogSink = platform::LogSink;

    explicit AlertState(const config::AlertSettings& settings) : m_settings(settings), m_board(settings) {}

    // The alerts of the updates that carry any (the rest leave them as they are). True when
    // what the screen shows changed.
    bool take(const std::vector<feed::SourceUpdate>& updates, std::chrono::sys_seconds now, const LogSink& log);
    // Alerts take effect and expire with the wall clock. True when what the screen shows changed.
    bool set_now(std::chrono::sys_seconds now, const LogSink& log);
    // New [alerts] settings: the alerts held are judged again by them.
    void use_settings(const config::AlertSettings& settings, std::chrono::sys_seconds now, const LogSink& log);
    // A source no longer configured takes its alerts with it. True when the screen changed.
    bool remove_source(const std::string& name, std::chrono::sys_seconds now, const LogSink& log);

    // On screen now, most severe first.
    const std::vector<model::ShownAlert>& shown() const { return m_board.shown(); }

private:
    bool record(const std::vector<model::AlertChange>& changes, std::uint64_t revision_before, const LogSink& log) const;

    config::AlertSettings m_settings;
    model::AlertBoard m_board;
};

// The log line of an alert that came on or left the screen.
std::string alert_change_line(const model::AlertChange& change);

}  // namespace signage::app

#pragma once
// The display-power schedule ([schedule]): on hours show the screen, off hours a black one, and
// on the lobby screen the panel is put to sleep (DisplayPower). A preview window leaves the
// desk's monitor alone.
#include "config/config.hpp"
#include "platform/display.hpp"
#include "platform/display_power.hpp"
#include "platform/local_time.hpp"
#include "platform/log.hpp"

#include <functional>
#include <optional>
#include <string_view>

namespace signage::app {

class ScreenSchedule {
public:
    using LogSink = platform::LogSink;
    // `controls_power`: the lobby screen (fullscreen), whose panel the schedule puts to sleep.
    ScreenSchedule(platform::Display& display, bool controls_power, LogSink log);

    // Makes the way the panel sleeps anew, for `schedule`'s commands (at start, and when a
    // reload changes them); then call apply(..., true). False in a preview window, which never
    // puts the panel to sleep: nothing changed.
    bool use_commands(const config::ScheduleSettings& schedule);
    // The schedule at `local`. Returns true when the screen has just turned on (it must then
    // be drawn whole). `at_start`: says so even when nothing changed, and wakes the panel.
    bool apply(const config::ScheduleSettings& schedule, const platform::LocalTime& local, bool at_start);
    bool screen_on() const { return m_on; }
    // Logs the display commands that failed. Never waits: once a second.
    void poll();

private:
    void turn_off(const std::string& until);

    platform::Display& m_display;
    bool m_controls_power;
    LogSink m_log;
    std::optional<platform::DisplayPower> m_power;  // uses the display's window: goes first
    bool m_on = true;
};

}  // namespace signage::app

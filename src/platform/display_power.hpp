#pragma once
// Puts the display to sleep for the schedule's off hours and wakes it for the on hours, by the
// first way that works here: the configured commands ([schedule] display_off_command and
// display_on_command), else X11 DPMS, else none, which the log then says once per off period.
// Nothing here waits: a command runs beside the player, and poll() notices how it ended.
#include "config/schedule_settings.hpp"
#include "platform/background_command.hpp"
#include "platform/log.hpp"
#include "platform/x11_dpms.hpp"

#include <SDL.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signage::platform {

class DisplayPower {
public:
    // `window`: the player's window, used for X11 DPMS (nullptr: no window, the commands only).
    // Do not keep the object past the window. `log` receives one line per event.
    static DisplayPower create(SDL_Window* window, const config::ScheduleSettings& schedule, LogSink log = platform::log);

    // The off hours begin: asks the display to sleep and lets the system's screen saver run.
    // A second call before wake() does nothing.
    void sleep();
    // The on hours begin: wakes the display and keeps the screen saver away. Also right after
    // create() in on hours: a panel left asleep (the player restarted at night) comes back.
    // A second call before sleep() does nothing.
    void wake();
    // Logs the commands that failed since the last call. Never waits; call it once a second.
    void poll();

    // How the display is put to sleep, for the log: "display_off_command / display_on_command",
    // "X11 DPMS", or "none: " and why.
    const std::string& method() const { return m_method; }

private:
    enum class State { unknown, awake, asleep };

    DisplayPower(LogSink log, std::string method) : m_log(std::move(log)), m_method(std::move(method)) {}
    void run(const std::vector<std::string>& command, std::string_view key);

    LogSink m_log;
    std::string m_method;
    std::vector<std::string> m_off_command;  // both empty unless the commands are the way
    std::vector<std::string> m_on_command;
    std::optional<X11Dpms> m_dpms;
    std::string m_no_way;  // why there is no way, when there is none
    BackgroundCommands m_commands;
    State m_state = State::unknown;
};

}  // namespace signage::platform

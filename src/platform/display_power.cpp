#include "platform/display_power.hpp"

#include "util/ascii.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace signage::platform {

namespace {

constexpr std::string_view kModule = "display power";

constexpr std::string_view how_to_configure =
    R"(set [schedule] display_off_command and display_on_command, e.g. ["cec-ctl", "--to", "0", "--standby"] and )"
    R"(["cec-ctl", "--to", "0", "--image-view-on"] for HDMI-CEC (cec-ctl is in Debian's v4l-utils))";

// Characters a shell takes as they are, outside quotes.
bool shell_plain(char c)
{
    return is_ascii_alnum(c) || std::string_view("@%+=:,./_-").find(c) != std::string_view::npos;
}

// A command as one would type it in a shell, to try it by hand.
std::string shown(const std::vector<std::string>& command)
{
    std::string text;
    for (const std::string& word : command) {
        if (!text.empty())
            text += ' ';
        if (!word.empty() && std::all_of(word.begin(), word.end(), shell_plain)) {
            text += word;
            continue;
        }
        text += '\'';
        for (const char c : word)
            text += c == '\'' ? std::string("'\\''") : std::string(1, c);
        text += '\'';
    }
    return text;
}

std::string how_it_ended(const CommandEnd& end)
{
    if (end.signal != 0) {
        const char* name = strsignal(end.signal);
        return "was ended by signal " + std::to_string(end.signal) + (name ? " (" + std::string(name) + ")" : std::string());
    }
    if (end.exit_code >= 0)
        return "exited with status " + std::to_string(end.exit_code);
    return "ended, and the player could not learn how";
}

}  // namespace

DisplayPower DisplayPower::create(SDL_Window* window, const config::ScheduleSettings& schedule, LogSink log)
{
    if (!schedule.display_off_command.empty() && !schedule.display_on_command.empty()) {
        DisplayPower power(std::move(log), "display_off_command / display_on_command");
        power.m_off_command = schedule.display_off_command;
        power.m_on_command = schedule.display_on_command;
        return power;
    }
    Result<X11Dpms> dpms = X11Dpms::for_window(window);
    if (dpms) {
        DisplayPower power(std::move(log), "X11 DPMS");
        power.m_dpms = dpms.value();
        return power;
    }
    DisplayPower power(std::move(log), "none: " + dpms.error().message);
    power.m_no_way = dpms.error().message;
    return power;
}

void DisplayPower::sleep()
{
    if (m_state == State::asleep)
        return;
    m_state = State::asleep;
    // While it is disabled, SDL resets the X screen saver every 30 s, which wakes a panel that
    // DPMS has put to sleep; enabled, the system's own power saving may act too.
    SDL_EnableScreenSaver();
    if (!m_off_command.empty()) {
        run(m_off_command, "display_off_command");
        return;
    }
    std::string why_not = m_no_way;
    if (m_dpms) {
        Status done = m_dpms->force_off();
        if (done) {
            m_log({LogLevel::info, kModule, "X11 DPMS switched the display off"});
            return;
        }
        why_not = done.error().message;
    }
    m_log({LogLevel::warning, kModule,
           "the player cannot put the display to sleep: " + why_not + "; the screen is only black. To put it to sleep, " + std::string(how_to_configure)});
}

void DisplayPower::wake()
{
    if (m_state == State::awake)
        return;
    const bool at_start = m_state == State::unknown;
    m_state = State::awake;
    SDL_DisableScreenSaver();
    if (!m_on_command.empty()) {
        run(m_on_command, "display_on_command");
    } else if (m_dpms) {
        if (auto done = m_dpms->force_on(); !done)
            m_log({LogLevel::warning, kModule, done.error().message + "; the display may stay asleep until a key or the mouse wakes it"});
        else if (!at_start)
            m_log({LogLevel::info, kModule, "X11 DPMS switched the display on"});
    }
}

void DisplayPower::poll()
{
    for (const CommandEnd& end : m_commands.take_ended()) {
        if (!end.succeeded())
            m_log({LogLevel::warning, kModule,
                   end.label + " " + how_it_ended(end) + "; run it by hand as the player's user to see why, then correct it in the config"});
    }
}

void DisplayPower::run(const std::vector<std::string>& command, std::string_view key)
{
    std::string label = "schedule." + std::string(key) + " (" + shown(command) + ")";
    if (Status started = m_commands.start(command, label); !started)
        m_log({LogLevel::warning, kModule, label + " cannot be started: " + started.error().message + "; install the program, or give its full path in the config"});
    else
        m_log({LogLevel::info, kModule, "running " + label});
}

}  // namespace signage::platform

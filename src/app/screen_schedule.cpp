#include "app/screen_schedule.hpp"

#include "model/schedule.hpp"

#include <cstdio>
#include <string>

namespace signage::app {

namespace {

std::string until_next_change(const config::ScheduleSettings& schedule, const platform::LocalTime& local)
{
    const auto change = model::next_change(schedule, local);
    if (!change)
        return {};
    char when[40];
    std::snprintf(when, sizeof when, " until %04d-%02u-%02u %02d:%02d", static_cast<int>(change->date.year()),
                  static_cast<unsigned>(change->date.month()), static_cast<unsigned>(change->date.day()),
                  static_cast<int>(change->time_of_day.count() / 60), static_cast<int>(change->time_of_day.count() % 60));
    return when;
}

}  // namespace

ScreenSchedule::ScreenSchedule(platform::Display& display, bool controls_power, LogSink log)
    : m_display(display)
    , m_controls_power(controls_power)
    , m_log(std::move(log))
{
}

bool ScreenSchedule::use_commands(const config::ScheduleSettings& schedule)
{
    // The lobby screen only: a preview window must not switch the desk's monitor off.
    if (!m_controls_power)
        return false;
    m_power.reset();
    m_power.emplace(platform::DisplayPower::create(m_display.window(), schedule, m_log));
    m_log({platform::LogLevel::info, "display power", m_power->method()});
    return true;
}

bool ScreenSchedule::apply(const config::ScheduleSettings& schedule, const platform::LocalTime& local, bool at_start)
{
    const bool on = model::is_on(schedule, local);
    if (!at_start && on == m_on)
        return false;
    m_on = on;
    const std::string until = until_next_change(schedule, local);
    if (!on) {
        turn_off(until);
        return false;
    }
    if (m_power)
        m_power->wake();
    else
        SDL_DisableScreenSaver();
    if (!at_start)
        m_log({platform::LogLevel::info, "schedule", "on" + until});
    return true;
}

void ScreenSchedule::poll()
{
    if (m_power)
        m_power->poll();
}

// Off: a black screen, and the system may let the panel sleep; the player itself has no
// portable way to switch a panel off.
void ScreenSchedule::turn_off(const std::string& until)
{
    m_log({platform::LogLevel::info, "schedule", "off" + until + "; the screen is black" + (m_power ? "" : " (a preview window leaves the display awake)")});
    if (m_power)
        m_power->sleep();  // it says how, or why it cannot
    else
        SDL_EnableScreenSaver();
    SDL_SetRenderDrawColor(m_display.renderer(), 0, 0, 0, 255);
    SDL_RenderSetViewport(m_display.renderer(), nullptr);
    SDL_RenderClear(m_display.renderer());
    m_display.present();
}

}  // namespace signage::app

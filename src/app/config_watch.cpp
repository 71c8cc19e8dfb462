#include "app/config_watch.hpp"

#include "app/config_checks.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <exception>
#include <system_error>

namespace signage::app {

namespace {

volatile std::sig_atomic_t sighup_received = 0;

extern "C" void handle_sighup(int)
{
    sighup_received = 1;
}

std::optional<std::filesystem::file_time_type> modification_time(const std::optional<std::filesystem::path>& path)
{
    std::error_code error;
    if (!path)
        return std::nullopt;
    const auto time = std::filesystem::last_write_time(*path, error);
    if (error)
        return std::nullopt;
    return time;
}

// The one place the player reads its config file.
Result<config::Config> read_config(const std::filesystem::path& path)
{
    try {
        return load_checked_config(path);
    } catch (const std::exception& error) {
        return Error{path.string() + ": the config could not be read: " + error.what()};
    } catch (...) {
        return Error{path.string() + ": the config could not be read"};
    }
}

// The display settings that shape the picture; the renderer is compared on its own.
bool picture_differs(const config::DisplaySettings& running, const config::DisplaySettings& next)
{
    return running.rotation_degrees != next.rotation_degrees || running.safe_area_percent != next.safe_area_percent;
}

}  // namespace

ConfigChanges compare_configs(const config::Config& running, const config::Config& next)
{
    ConfigChanges changes;
    changes.screen = running.fonts != next.fonts || running.text != next.text || running.screen != next.screen ||
                     picture_differs(running.display, next.display) || running.urgent != next.urgent ||
                     running.featured_dwell_s != next.featured_dwell_s ||
                     running.featured_max_dwell_s != next.featured_max_dwell_s ||
                     running.featured_transition_s != next.featured_transition_s;
    changes.time_zone = running.screen.time_zone != next.screen.time_zone;
    changes.renderer = running.display.renderer != next.display.renderer;
    changes.display_power = running.schedule.display_off_command != next.schedule.display_off_command ||
                            running.schedule.display_on_command != next.schedule.display_on_command;
    changes.crawl_speed = running.crawl_speed_px_per_s != next.crawl_speed_px_per_s;
    // [alerts] are rules of the board too: the alerts are judged again (AlertBoard::use_settings).
    changes.notice_rules = running.notice_rules != next.notice_rules || running.alerts != next.alerts;
    for (const auto& old_source : running.feeds) {
        const bool kept = std::any_of(next.feeds.begin(), next.feeds.end(),
                                      [&](const config::FeedSource& source) { return source.name == old_source.name; });
        if (!kept)
            changes.removed_feeds.push_back(old_source.name);
    }
    if (running.display.mode != next.display.mode)
        changes.at_next_start.push_back("[display] mode");
    if (running.status_http_port != next.status_http_port)
        changes.at_next_start.push_back("[status] http_port");
    return changes;
}

ConfigWatch::ConfigWatch(std::optional<std::filesystem::path> path)
    : m_path(std::move(path))
    , m_time(modification_time(m_path))
{
}

ConfigWatch::~ConfigWatch() = default;

void ConfigWatch::install_sighup_handler()
{
    std::signal(SIGHUP, handle_sighup);
}

bool ConfigWatch::take_sighup()
{
    if (!sighup_received)
        return false;
    sighup_received = 0;
    return true;
}

bool ConfigWatch::file_changed()
{
    const auto time = modification_time(m_path);
    if (!time || time == m_time)
        return false;
    m_time = time;
    return true;
}

void ConfigWatch::start_reading(std::string why)
{
    if (!m_path)
        return;
    if (m_reading.valid()) {
        // One more reading serves every request made while this one runs; it is named after
        // the first (a SIGHUP, say, rather than the file watch that noticed the same write).
        if (!m_asked_meanwhile)
            m_asked_meanwhile = std::move(why);
        return;
    }
    m_reading = std::async(std::launch::async, [path = *m_path, why = std::move(why)] {
        return ConfigReading{why, read_config(path)};
    });
}

std::optional<ConfigReading> ConfigWatch::take_reading()
{
    if (!m_reading.valid() || m_reading.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return std::nullopt;
    ConfigReading reading = m_reading.get();
    if (m_asked_meanwhile) {
        start_reading(std::move(*m_asked_meanwhile));
        m_asked_meanwhile.reset();
    }
    return reading;
}

}  // namespace signage::app

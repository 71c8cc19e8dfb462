#pragma once
// When the player reads its config file again (SIGHUP, the R key, a new modification time),
// the reading itself, off the render thread, and what a newly read file changes.
#include "config/config.hpp"
#include "util/result.hpp"

#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <vector>

namespace signage::app {

// What a good file changes against the running configuration, so that each part is applied
// by the part of the player that owns it.
struct ConfigChanges {
    bool screen = false;         // the look: a new scene is built
    bool time_zone = false;      // [screen] time_zone: the clock, the schedule and the dates
    bool renderer = false;       // [display] renderer: a new renderer on the same window
    bool display_power = false;  // [schedule] display_off_command / display_on_command
    bool crawl_speed = false;
    bool notice_rules = false;
    std::vector<std::string> removed_feeds;  // their notices leave the screen
    // Keys read once, at start ("[display] mode": the window's mode; "[status] http_port": the
    // server's socket): a reload says they wait for a restart instead of ignoring them quietly.
    std::vector<std::string> at_next_start;
};
ConfigChanges compare_configs(const config::Config& running, const config::Config& next);

// A reading of the file that has finished: why it was asked for, and what came of it.
struct ConfigReading {
    std::string why;  // "SIGHUP", "R", "the file changed"
    Result<config::Config> config;
};

class ConfigWatch {
public:
    explicit ConfigWatch(std::optional<std::filesystem::path> path);
    ~ConfigWatch();  // waits for a reading under way: it only reads a file
    ConfigWatch(const ConfigWatch&) = delete;
    ConfigWatch& operator=(const ConfigWatch&) = delete;

    const std::optional<std::filesystem::path>& path() const { return m_path; }
    // From now on SIGHUP asks for a reading (see take_sighup).
    static void install_sighup_handler();
    // Whether a SIGHUP came since the last call.
    static bool take_sighup();
    // Whether the file's modification time changed since the last look.
    bool file_changed();

    // Starts reading the file on another thread: the loader opens the fonts and pictures it
    // names to check them, which must not hold up a frame. A reading asked for while one is
    // under way starts when it ends, so the newest file is the one applied.
    void start_reading(std::string why);
    // The reading that has finished, if any; starts the one asked for meanwhile.
    std::optional<ConfigReading> take_reading();
    bool reading() const { return m_reading.valid(); }

private:
    std::optional<std::filesystem::path> m_path;
    std::optional<std::filesystem::file_time_type> m_time;
    std::future<ConfigReading> m_reading;
    std::optional<std::string> m_asked_meanwhile;
};

}  // namespace signage::app

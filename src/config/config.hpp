#pragma once
// The player's settings. load_config() is the one place that knows the TOML keys; the settings
// of each section live in headers of their own, for code that needs only one of them.
#include "config/alert_settings.hpp"
#include "config/board_rules.hpp"
#include "config/checks.hpp"
#include "config/display_settings.hpp"
#include "config/feed_settings.hpp"
#include "config/font_settings.hpp"
#include "config/rgba_color.hpp"
#include "config/schedule_settings.hpp"
#include "config/screen_settings.hpp"
#include "config/text_settings.hpp"
#include "config/urgent_settings.hpp"
#include "util/result.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signage::config {

struct Config {
    std::vector<FeedSource> feeds;
    double crawl_speed_px_per_s = 120.0;
    double featured_dwell_s = 8.0;
    // [cache] directory, absolute; nullopt: default_cache_directory() (feed/feed_cache.hpp).
    std::optional<std::filesystem::path> cache_directory;
    // [notices]: how notices of all feeds are merged and limited, and when the screen says
    // that its notices may be out of date.
    BoardRules notice_rules;
    FontSettings fonts;
    TextSettings text;
    ScreenSettings screen;
    DisplaySettings display;
    ScheduleSettings schedule;
    UrgentSettings urgent;
    AlertSettings alerts;  // [alerts]: CAP emergency alerts
    // [featured] also: dwell_s is for a short title; longer ones stay longer, up to max_dwell_s.
    double featured_max_dwell_s = 20.0;
    double featured_transition_s = 0.6;  // a change of notice takes this ([screen] transition says how); 0: a cut
    std::chrono::seconds stale_after{std::chrono::minutes{30}};
    // [status] http_port: /metrics and /status on 127.0.0.1 only; 0: not served. Read at start.
    int status_http_port = 0;
    // Not a config key: off for a one-off `--feed` preview, whose notices must not linger in
    // the cache and show up at the next preview of another feed.
    bool offline_cache = true;
};

// Reads and validates a TOML file. Errors read "path:line: key: what is wrong". `checks` judge
// what other layers own (time zones, fonts); the app's real ones: app/config_checks.hpp.
Result<Config> load_config(const std::filesystem::path& path, const ConfigChecks& checks);
// The same for text already in memory; `origin` names it in errors and anchors relative paths.
Result<Config> parse_config(std::string_view toml_text, const std::filesystem::path& origin, const ConfigChecks& checks);

// What the player shows with no --config: the bundled sample feed.
Config default_config(const std::filesystem::path& data_dir);

// A feed location as written in a config (a path, relative to `base_dir`, or a URL) as a URL.
std::string feed_location_to_url(std::string_view location, const std::filesystem::path& base_dir);

}  // namespace signage::config

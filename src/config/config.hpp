#pragma once
// The player's settings. load_config() is the one place that knows the TOML keys.
#include "util/result.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

struct FeedSource {
    std::string name;      // shown in log lines: feed "ministry-en": ...
    std::string location;  // a URL: file://, http:// or https://
    std::string language;  // "ko", "en": the language of titles that do not say
    std::chrono::seconds poll_interval{300};
};

struct Config {
    std::vector<FeedSource> feeds;
    double crawl_speed_px_per_s = 120.0;
    double featured_dwell_s = 8.0;
};

// Reads and validates a TOML file. Errors read "path:line: key: what is wrong".
Result<Config> load_config(const std::filesystem::path& path);
// The same for text already in memory; `origin` names it in errors and anchors relative paths.
Result<Config> parse_config(std::string_view toml_text, const std::filesystem::path& origin);

// What the player shows with no --config: the bundled sample feed.
Config default_config(const std::filesystem::path& data_dir);

// A feed location as written in a config (a path, relative to `base_dir`, or a URL) as a URL.
std::string feed_location_to_url(std::string_view location, const std::filesystem::path& base_dir);

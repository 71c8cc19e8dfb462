#pragma once
// The sections of a config file, each read by the key rules of its own file. To add a key: add
// its field, with its default, to the section's settings struct (config/*_settings.hpp), a rule
// to the section's *_keys.cpp, a line to assets/example-config.toml and docs/config.md.
#include "config/config.hpp"
#include "config/toml_reader.hpp"

#include <string>

namespace signage::config {

// feed_keys.cpp: [[feed]]
void read_feeds(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);
// font_keys.cpp: [fonts], [text]
void read_fonts(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);
void read_text(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);
// screen_keys.cpp: [screen]
void read_screen(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);
// display_keys.cpp: [display]
void read_display(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);
// schedule_keys.cpp: [schedule]
void read_schedule(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);
// urgent_keys.cpp: [urgent]
void read_urgent(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);
// alert_keys.cpp: [alerts]
void read_alerts(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);
// notices_keys.cpp: [notices], [cache], [crawl], [featured]
void read_notices(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);
void read_cache(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);
void read_crawl(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);
void read_featured(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);
// status_keys.cpp: [status]
void read_status(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config);

// A colour of a section: `member` of Config's `section`, e.g. &Config::text, &TextSettings::shadow_color.
template <auto section, auto member>
void read_color_of(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    if (std::optional<RgbaColor> color = reader.color(value, key))
        (config.*section).*member = *color;
}

}  // namespace signage::config

#pragma once
// The config as the player loads it: with the checks of the machine it runs on, done by the
// layers that own each thing (platform: the time zone database; text: the fonts, opened with
// FreeType as the screen will open them).
#include "config/config.hpp"
#include "util/result.hpp"

#include <filesystem>

namespace signage::app {

// The real checks. Each call starts FreeType anew, on first use, as most configs name no fonts.
config::ConfigChecks system_config_checks();

// config::load_config with system_config_checks(): what the player, its reload and check-config read.
Result<config::Config> load_checked_config(const std::filesystem::path& path);

}  // namespace signage::app

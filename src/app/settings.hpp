#pragma once
// The configuration a command runs with: --config, else the bundled default, with --feed
// replacing the feeds when given.
#include "app/cli.hpp"
#include "app/config_checks.hpp"  // load_checked_config(path): a config file read with the real checks
#include "config/config.hpp"
#include "render/scene.hpp"

#include <filesystem>

namespace signage::app {

Result<config::Config> resolve_config(const CommandLine& command_line, const std::filesystem::path& data_dir);
render::SceneSettings scene_settings(const config::Config& config);
// Urgent notices by the config's [urgent] rules and its alerts feeds ([[feed]] urgent = true),
// newest first; the pointers point into `notices`.
std::vector<const model::Notice*> configured_urgent_notices(const config::Config& config, const std::vector<model::Notice>& notices,
                                                     std::chrono::sys_seconds now);
// The bundled fonts, with the chains the config names in their place.
text::FontRoles font_roles(const config::Config& config, const std::filesystem::path& data_dir);

}  // namespace signage::app

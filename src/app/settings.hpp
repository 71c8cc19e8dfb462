#pragma once
// The configuration a command runs with: --config, else the bundled default, with --feed
// replacing the feeds when given.
#include "app/cli.hpp"
#include "app/config_checks.hpp"  // load_config(path): a config file read with the real checks
#include "config/config.hpp"
#include "render/scene.hpp"

#include <filesystem>

Result<Config> resolve_config(const CommandLine& command_line, const std::filesystem::path& data_dir);
SceneSettings scene_settings(const Config& config);
// Urgent notices by the config's [urgent] rules and its alerts feeds ([[feed]] urgent = true),
// newest first; the pointers point into `notices`.
std::vector<const Notice*> configured_urgent_notices(const Config& config, const std::vector<Notice>& notices,
                                                     std::chrono::sys_seconds now);
// The bundled fonts, with the chains the config names in their place.
FontRoles font_roles(const Config& config, const std::filesystem::path& data_dir);

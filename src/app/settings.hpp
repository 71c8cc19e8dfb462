#pragma once
// The configuration a command runs with: --config, else the bundled default, with --feed
// replacing the feeds when given.
#include "app/cli.hpp"
#include "config/config.hpp"
#include "render/scene.hpp"

#include <filesystem>

Result<Config> resolve_config(const CommandLine& command_line, const std::filesystem::path& data_dir);
SceneSettings scene_settings(const Config& config);
// The bundled fonts, with the chains the config names in their place.
FontRoles font_roles(const Config& config, const std::filesystem::path& data_dir);

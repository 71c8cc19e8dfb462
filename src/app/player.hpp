#pragma once
// The player on a real display: fetcher thread -> notice board -> scene -> screen.
#include "config/config.hpp"
#include "platform/display.hpp"

#include <filesystem>
#include <optional>

// Runs until Esc, q or the window closes. Returns the process exit code. With `config_path`,
// the config is read again on SIGHUP, on R and when the file changes; a file with a mistake
// leaves the running configuration as it is.
int run_player(const Config& config, const DisplayRequest& request, const std::filesystem::path& data_dir,
               const std::optional<std::filesystem::path>& config_path = std::nullopt);

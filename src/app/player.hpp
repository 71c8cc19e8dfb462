#pragma once
// The player on a real display: fetcher thread -> notice board -> scene -> screen.
#include "config/config.hpp"
#include "platform/display.hpp"

#include <filesystem>

// Runs until Esc, q or the window closes. Returns the process exit code.
int run_player(const Config& config, const DisplayRequest& request, const std::filesystem::path& data_dir);

#pragma once
// `signage-player status [--file PATH]`: the running player's health from its status file
// (status_writer.hpp), one line per item, and whether the screen is healthy.
#include "app/status_snapshot.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace signage::app {

// A status file older than this: the player is not running, or its loop is frozen.
inline constexpr std::chrono::seconds kStatusFileTooOld{10};

struct StatusReport {
    std::vector<std::string> lines;    // the summary, then "healthy" or "unhealthy: <reason>" lines
    std::vector<std::string> reasons;  // why the screen is not healthy; empty: healthy
};

// The lines a snapshot reads as, without the verdict.
std::vector<std::string> describe(const HealthSnapshot& snapshot);
// Why a snapshot is not healthy (empty: it is).
std::vector<std::string> health_problems(const HealthSnapshot& snapshot);
// Reads `file` and judges it, its age taken against `now`.
StatusReport check_status(const std::filesystem::path& file, std::filesystem::file_time_type now);
// Prints the report on stdout; 0 when healthy, 1 otherwise.
int run_status_command(const std::filesystem::path& file);

}  // namespace signage::app

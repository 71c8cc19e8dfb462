#pragma once
// `signage-player snapshot [--file STATUS] FILE.png`: what the running player has on screen
// now. The player's id comes from player.pid beside its status file; SIGUSR1 asks it for a
// snapshot (remote_snapshot.hpp), which it writes as snapshot.png there; the first one newer
// than the request is copied to FILE.png.
#include <chrono>
#include <filesystem>
#include <string>

namespace signage::app {

struct SnapshotOutcome {
    int exit_code = 1;
    std::string message;  // one line: what was saved, or why nothing was
};

// The running player's status file, for `status` and `snapshot`: default_status_path() when it
// exists, else the service's /run/signage-player/status.json when its player.pid is there
// (`sudo` or another user's shell has no $RUNTIME_DIRECTORY), else the former.
std::filesystem::path find_status_file();
// Asks the player that writes `status_file` for a snapshot and copies it to `out`, waiting up
// to `timeout`.
SnapshotOutcome take_snapshot(const std::filesystem::path& status_file, const std::filesystem::path& out,
                              std::chrono::milliseconds timeout);
// Prints the outcome: on stdout when saved, else one log line; its exit code.
int run_snapshot_command(const std::filesystem::path& status_file, const std::filesystem::path& out);

}  // namespace signage::app

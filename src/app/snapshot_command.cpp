#include "app/snapshot_command.hpp"

#include "app/remote_snapshot.hpp"
#include "app/status_command.hpp"
#include "app/status_snapshot.hpp"
#include "app/status_writer.hpp"
#include "platform/atomic_file.hpp"
#include "platform/log.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <thread>

#include <sys/stat.h>

namespace signage::app {

namespace {

std::optional<std::string> read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The file's inode and change time: rename() of a new file changes the inode.
std::optional<std::pair<ino_t, std::int64_t>> identity(const std::filesystem::path& path)
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return std::nullopt;
    return std::pair{info.st_ino, static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec};
}

// "1920x1080" from a PNG's header (the IHDR chunk's width and height, big-endian).
std::string png_size(const std::string& png)
{
    if (png.size() < 24 || png.compare(1, 3, "PNG") != 0)
        return "not a PNG";
    auto number = [&](std::size_t at) {
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < 4; ++i)
            value = value << 8 | static_cast<unsigned char>(png[at + i]);
        return std::to_string(value);
    };
    return number(16) + "x" + number(20);
}

// Why no snapshot came, from what the player's status file says.
std::string why_no_answer(const std::filesystem::path& status_file, const std::filesystem::path& pid_file, long timeout_s)
{
    const std::string waiting = "the player is waiting for a display: nothing is on screen to save (journalctl -u signage-player says more)";
    std::error_code error;
    const auto status_time = std::filesystem::last_write_time(status_file, error);
    const auto text = read_file(status_file);
    if (error || !text || status_time < std::filesystem::last_write_time(pid_file, error))
        return waiting;
    auto status = from_json_text(*text);
    if (!status)
        return "no snapshot within " + std::to_string(timeout_s) + " s, and " + status_file.string() + ": " + status.error().message;
    if (!status->display_on)
        return waiting;
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(std::filesystem::file_time_type::clock::now() - status_time);
    if (age > kStatusFileTooOld)
        return "no snapshot within " + std::to_string(timeout_s) + " s: the player's loop is frozen (" + status_file.string() + " is " +
               std::to_string(age.count()) + " s old); systemd's watchdog restarts it";
    if (!status->schedule_on)
        return "off hours: the schedule has the screen dark, nothing to save until it is on again";
    return "the player did not answer within " + std::to_string(timeout_s) + " s (busy or stuck?); try again, or see journalctl -u signage-player";
}

// The player's id from player.pid, checked alive; or why there is none.
SnapshotOutcome find_player(const std::filesystem::path& pid_file, pid_t& pid)
{
    const auto text = read_file(pid_file);
    if (!text)
        return {1, "no player running: no " + pid_file.string() +
                       " (start it: sudo systemctl start signage-player; or give its status file with --file)"};
    long value = 0;
    if (std::sscanf(text->c_str(), "%ld", &value) != 1 || value <= 1)
        return {1, pid_file.string() + ": not a process id: \"" + text->substr(0, 20) + "\""};
    pid = static_cast<pid_t>(value);
    if (::kill(pid, 0) != 0 && errno == ESRCH)
        return {1, "no player running: " + pid_file.string() + " names process " + std::to_string(value) +
                       ", which has ended (a stale pid: the player stopped without removing it)"};
    return {0, ""};
}

}  // namespace

std::filesystem::path find_status_file()
{
    const std::filesystem::path own = default_status_path();
    const std::filesystem::path service = "/run/signage-player/status.json";
    std::error_code error;
    if (!std::filesystem::exists(own, error) && std::filesystem::exists(pid_path_for(service), error))
        return service;
    return own;
}

SnapshotOutcome take_snapshot(const std::filesystem::path& status_file, const std::filesystem::path& out,
                              std::chrono::milliseconds timeout)
{
    const std::filesystem::path pid_file = pid_path_for(status_file);
    const std::filesystem::path png_file = snapshot_path_for(status_file);
    pid_t pid = 0;
    if (SnapshotOutcome found = find_player(pid_file, pid); found.exit_code != 0)
        return found;
    const auto before = identity(png_file);
    if (::kill(pid, SIGUSR1) != 0)
        return {1, errno == EPERM ? "permission denied to signal the player (process " + std::to_string(pid) +
                                        "): run with sudo, or as the user signage-player"
                                  : "cannot signal the player (process " + std::to_string(pid) + "): " + std::strerror(errno)};
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto now = identity(png_file);
        if (now && now != before)
            break;
        if (std::chrono::steady_clock::now() >= give_up)
            return {1, why_no_answer(status_file, pid_file, static_cast<long>((timeout.count() + 999) / 1000))};
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const auto png = read_file(png_file);
    if (!png)
        return {1, png_file.string() + ": cannot read it: " + std::strerror(errno)};
    if (const Status copied = platform::write_file_atomically(out, *png); !copied)
        return {1, copied.error().message};
    return {0, out.string() + ": " + png_size(*png) + ", " + std::to_string(png->size()) + " bytes, from the player's screen (process " +
                   std::to_string(pid) + ")"};
}

int run_snapshot_command(const std::filesystem::path& status_file, const std::filesystem::path& out)
{
    const SnapshotOutcome outcome = take_snapshot(status_file, out, std::chrono::seconds(10));
    if (outcome.exit_code == 0)
        std::printf("%s\n", outcome.message.c_str());
    else
        platform::log({platform::LogLevel::error, "snapshot", outcome.message});
    return outcome.exit_code;
}

}  // namespace signage::app

#pragma once
// Writes the player's health (HealthSnapshot) on a thread of its own: the render thread hands
// each snapshot over by move into a one-slot mailbox and never waits for the disk. Each
// snapshot becomes status.json and, beside it, signage_player.prom, each replaced atomically
// (platform/atomic_file.hpp). A failing write (a read-only or full disk) is logged once per
// episode, and once more when writes work again.
#include "app/status_snapshot.hpp"

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

namespace signage::app {

// systemd's $RUNTIME_DIRECTORY/status.json (RuntimeDirectory= in the unit), else
// $XDG_RUNTIME_DIR/signage-player/status.json, else /tmp/signage-player-<uid>/status.json.
std::filesystem::path default_status_path();
// The Prometheus file next to a status file: signage_player.prom in the same folder.
std::filesystem::path metrics_path_for(const std::filesystem::path& status_path);
// The process's resident memory from /proc/self/statm; 0 when unknown.
std::int64_t resident_memory_bytes();

class StatusWriter {
public:
    using LogSink = std::function<void(std::string_view line)>;

    StatusWriter(std::filesystem::path status_path, LogSink log);
    ~StatusWriter();  // writes what waits, then joins
    StatusWriter(const StatusWriter&) = delete;
    StatusWriter& operator=(const StatusWriter&) = delete;

    // Never waits for the disk: the mailbox's lock is held by the writer's thread only to move
    // a snapshot out. A snapshot not yet written is replaced by this one.
    void offer(HealthSnapshot&& snapshot);
    const std::filesystem::path& status_path() const { return m_status_path; }
    // Snapshots the thread has tried to write so far (written or failed).
    std::size_t attempts() const { return m_attempts.load(); }

private:
    void run();
    void write(HealthSnapshot& snapshot);

    std::filesystem::path m_status_path;
    LogSink m_log;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<HealthSnapshot> m_waiting;
    bool m_stopping = false;
    bool m_failing = false;  // the writer thread's own
    std::atomic<std::size_t> m_attempts{0};
    std::thread m_thread;    // last: starts after everything it uses exists
};

}  // namespace signage::app

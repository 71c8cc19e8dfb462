#pragma once
// Writes the player's health (HealthSnapshot) on a thread of its own: the render thread hands
// each snapshot over by move into a one-slot mailbox and never waits for the disk. Each
// snapshot becomes status.json and, beside it, signage_player.prom, each replaced atomically
// (platform/atomic_file.hpp). A failing write (a read-only or full disk) is logged once per
// episode, and once more when writes work again. With an HTTP port, the same two texts are
// served on 127.0.0.1 only, as /status and /metrics (platform/loopback_http.hpp).
#include "app/status_snapshot.hpp"
#include "platform/log.hpp"
#include "platform/loopback_http.hpp"

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
    using LogSink = platform::LogSink;

    // `http_port` 0: not served; a port that cannot be had is logged, and the files go on.
    // `other_pages` answers the paths besides /status and /metrics (on the server's thread).
    StatusWriter(std::filesystem::path status_path, LogSink log, int http_port = 0,
                 platform::LoopbackHttpServer::Handler other_pages = {});
    ~StatusWriter();  // writes what waits, then joins
    StatusWriter(const StatusWriter&) = delete;
    StatusWriter& operator=(const StatusWriter&) = delete;

    // Never waits for the disk: the mailbox's lock is held by the writer's thread only to move
    // a snapshot out. A snapshot not yet written is replaced by this one.
    void offer(HealthSnapshot&& snapshot);
    const std::filesystem::path& status_path() const { return m_status_path; }
    // The port /status and /metrics are served on; 0: not served.
    int http_port() const { return m_server ? m_server->port() : 0; }
    // Snapshots the thread has tried to write so far (written or failed).
    std::size_t attempts() const { return m_attempts.load(); }

private:
    void run();
    void write(HealthSnapshot& snapshot);
    platform::HttpReply reply(std::string_view path);

    std::filesystem::path m_status_path;
    LogSink m_log;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<HealthSnapshot> m_waiting;
    bool m_stopping = false;
    bool m_failing = false;  // the writer thread's own
    std::atomic<std::size_t> m_attempts{0};
    std::mutex m_latest_mutex;  // the texts of the latest snapshot, for the HTTP server's thread
    std::string m_latest_json;
    std::string m_latest_metrics;
    platform::LoopbackHttpServer::Handler m_other_pages;
    std::thread m_thread;    // starts after everything it uses exists
    std::optional<platform::LoopbackHttpServer> m_server;  // last: stopped first
};

}  // namespace signage::app

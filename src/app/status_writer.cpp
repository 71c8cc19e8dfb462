#include "app/status_writer.hpp"

#include "platform/atomic_file.hpp"

#include <cstdlib>
#include <fstream>
#include <string>
#include <system_error>

#include <unistd.h>

namespace signage::app {

std::filesystem::path default_status_path()
{
    // Several RuntimeDirectory= folders are ':'-separated; ours is the first.
    if (const char* service = std::getenv("RUNTIME_DIRECTORY"); service && *service == '/')
        return std::filesystem::path(std::string_view(service).substr(0, std::string_view(service).find(':'))) / "status.json";
    if (const char* xdg = std::getenv("XDG_RUNTIME_DIR"); xdg && *xdg == '/')
        return std::filesystem::path(xdg) / "signage-player" / "status.json";
    return std::filesystem::path("/tmp") / ("signage-player-" + std::to_string(::getuid())) / "status.json";
}

std::filesystem::path metrics_path_for(const std::filesystem::path& status_path)
{
    return status_path.parent_path() / "signage_player.prom";
}

std::int64_t resident_memory_bytes()
{
    std::ifstream statm("/proc/self/statm");
    std::int64_t size_pages = 0, resident_pages = 0;
    if (!(statm >> size_pages >> resident_pages))
        return 0;
    return resident_pages * ::sysconf(_SC_PAGESIZE);
}

StatusWriter::StatusWriter(std::filesystem::path status_path, LogSink log, int http_port,
                           platform::LoopbackHttpServer::Handler other_pages)
    : m_status_path(std::move(status_path)), m_log(std::move(log)), m_other_pages(std::move(other_pages)), m_thread([this] { run(); })
{
    if (http_port == 0)
        return;
    auto server = platform::LoopbackHttpServer::start(http_port, [this](std::string_view path) { return reply(path); });
    if (!server) {
        m_log({platform::LogLevel::warning, "status", server.error().message + "; the status file and the metrics file are still written"});
        return;
    }
    m_server.emplace(std::move(server.value()));
    m_log({platform::LogLevel::info, "status", "serving /status and /metrics on http://127.0.0.1:" + std::to_string(m_server->port()) + " (this machine only)"});
}

platform::HttpReply StatusWriter::reply(std::string_view path)
{
    if (path != "/status" && path != "/metrics" && m_other_pages)
        return m_other_pages(path);  // outside the lock: it may wait
    std::lock_guard lock(m_latest_mutex);
    if (path != "/status" && path != "/metrics")
        return {404, "text/plain; charset=utf-8", "not found: try /status or /metrics\n"};
    if (m_latest_json.empty())
        return {503, "text/plain; charset=utf-8", "no snapshot yet: the player has just started\n"};
    if (path == "/status")
        return {200, "application/json", m_latest_json};
    return {200, "text/plain; version=0.0.4; charset=utf-8", m_latest_metrics};
}

StatusWriter::~StatusWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void StatusWriter::offer(HealthSnapshot&& snapshot)
{
    {
        // The writer's thread holds the lock only to move a snapshot out, never while it writes.
        std::lock_guard lock(m_mutex);
        m_waiting = std::move(snapshot);
    }
    m_wake.notify_one();
}

void StatusWriter::run()
{
    for (;;) {
        std::optional<HealthSnapshot> snapshot;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || m_waiting; });
            if (!m_waiting)
                return;  // stopping, nothing left to write
            snapshot = std::move(m_waiting);
            m_waiting.reset();
        }
        write(*snapshot);
    }
}

void StatusWriter::write(HealthSnapshot& snapshot)
{
    snapshot.resident_memory_bytes = resident_memory_bytes();
    std::string json = to_json_text(snapshot);
    std::string metrics = to_prometheus_text(snapshot);
    std::error_code error;
    std::filesystem::create_directories(m_status_path.parent_path(), error);
    Status written = error ? Status(Error{m_status_path.parent_path().string() + ": cannot create: " + error.message()})
                           : platform::write_file_atomically(m_status_path, json);
    if (written)
        written = platform::write_file_atomically(metrics_path_for(m_status_path), metrics);
    if (m_server) {
        std::lock_guard lock(m_latest_mutex);
        m_latest_json = std::move(json);
        m_latest_metrics = std::move(metrics);
    }
    if (!written && !m_failing)
        m_log({platform::LogLevel::warning, "status",
               written.error().message + "; `signage-player status` and the metrics stay old until it can write (a read-only or full disk?)"});
    else if (written && m_failing)
        m_log({platform::LogLevel::notice, "status", m_status_path.string() + " written again"});
    m_failing = !written;
    ++m_attempts;
}

}  // namespace signage::app

#pragma once
// The player's side of `signage-player snapshot` (snapshot_command.hpp): a request (SIGUSR1, or
// the /snapshot.png page) sets a flag; the render loop, between its draw and its present, copies
// the frame out (read_screen) and hands it over by move; SnapshotWriter's thread encodes the PNG
// and replaces snapshot.png next to status.json atomically. The loop never waits for the disk.
// player.pid, beside them, tells the command whom to ask.
#include "platform/log.hpp"
#include "platform/display.hpp"
#include "platform/loopback_http.hpp"
#include "platform/sdl_handles.hpp"
#include "util/result.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace signage::app {

// Beside a status file: snapshot.png (the latest snapshot) and player.pid (who writes them).
std::filesystem::path snapshot_path_for(const std::filesystem::path& status_path);
std::filesystem::path pid_path_for(const std::filesystem::path& status_path);

// SIGUSR1 asks for a snapshot; installed before anything could send it (a SIGUSR1 without a
// handler ends the process).
void install_snapshot_signal_handler();
// What SIGUSR1 does, for the HTTP page and the tests.
void request_snapshot();
// Whether a snapshot was asked for since the last call (the render loop's, once a frame).
bool take_snapshot_request();

class SnapshotWriter;
// The render loop's part, between its draw and its present: when a snapshot was asked for, the
// frame is copied out and handed to `writer` (null: nowhere).
void answer_snapshot_request(const platform::Display& display, SnapshotWriter* writer,
                             const platform::LogSink& log);

// The PNG file's bytes (IMG_SavePNG_RW into memory).
Result<std::string> encode_png(SDL_Surface* surface);

// player.pid with this process's id, written at start and removed at the end.
class PidFile {
public:
    PidFile(std::filesystem::path path, const platform::LogSink& log);
    ~PidFile();
    PidFile(const PidFile&) = delete;
    PidFile& operator=(const PidFile&) = delete;

private:
    std::filesystem::path m_path;
    bool m_written = false;
};

class SnapshotWriter {
public:
    using LogSink = platform::LogSink;

    SnapshotWriter(std::filesystem::path png_path, LogSink log);
    ~SnapshotWriter();  // writes what waits, then joins
    SnapshotWriter(const SnapshotWriter&) = delete;
    SnapshotWriter& operator=(const SnapshotWriter&) = delete;

    // The render thread's: never waits for the disk. A frame not yet written is replaced.
    void offer(platform::SurfacePtr frame);
    // Snapshots encoded so far (written to the file or not).
    std::size_t encoded() const;
    // The PNG of the first snapshot after the `after`-th, waiting up to `timeout`; empty: none came.
    std::string wait_for_png(std::size_t after, std::chrono::milliseconds timeout);
    // GET /snapshot.png (on the HTTP server's thread): asks for a new snapshot and waits for it.
    platform::HttpReply http_reply(std::string_view path);
    const std::filesystem::path& png_path() const { return m_png_path; }

private:
    void run();
    void write(SDL_Surface* frame);

    std::filesystem::path m_png_path;
    LogSink m_log;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;     // the writer's thread: a frame waits, or stop
    std::condition_variable m_encoded;  // waiters: a new PNG
    platform::SurfacePtr m_waiting;
    bool m_stopping = false;
    std::size_t m_encoded_count = 0;
    std::string m_latest_png;
    std::thread m_thread;  // last: starts after everything it uses exists
};

}  // namespace signage::app

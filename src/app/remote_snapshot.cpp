#include "app/remote_snapshot.hpp"

#include "app/screenshot.hpp"
#include "platform/atomic_file.hpp"

#include <SDL_image.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <memory>
#include <system_error>

#include <unistd.h>

namespace signage::app {

namespace {

// Lock-free, so that the signal handler may set it.
std::atomic<bool> snapshot_wanted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void handle_sigusr1(int)
{
    snapshot_wanted.store(true);
}

// An SDL_RWops that appends what is written to a std::string (SDL2 has no growing memory one).
Sint64 string_size(SDL_RWops* rw)
{
    return static_cast<Sint64>(static_cast<std::string*>(rw->hidden.unknown.data1)->size());
}

Sint64 string_seek(SDL_RWops* rw, Sint64 offset, int whence)
{
    // Only "where am I" is answered: the encoder appends and never goes back.
    return offset == 0 && whence != RW_SEEK_SET ? string_size(rw) : -1;
}

size_t string_read(SDL_RWops*, void*, size_t, size_t)
{
    return 0;
}

size_t string_write(SDL_RWops* rw, const void* data, size_t size, size_t count)
{
    static_cast<std::string*>(rw->hidden.unknown.data1)->append(static_cast<const char*>(data), size * count);
    return count;
}

int string_close(SDL_RWops*)
{
    return 0;  // freed by its owner
}

struct FreeRw {
    void operator()(SDL_RWops* rw) const noexcept { SDL_FreeRW(rw); }
};

}  // namespace

std::filesystem::path snapshot_path_for(const std::filesystem::path& status_path)
{
    return status_path.parent_path() / "snapshot.png";
}

std::filesystem::path pid_path_for(const std::filesystem::path& status_path)
{
    return status_path.parent_path() / "player.pid";
}

void install_snapshot_signal_handler()
{
    struct sigaction action {};
    action.sa_handler = handle_sigusr1;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &action, nullptr);
}

void request_snapshot()
{
    snapshot_wanted.store(true);
}

bool take_snapshot_request()
{
    return snapshot_wanted.exchange(false);
}

void answer_snapshot_request(const platform::Display& display, SnapshotWriter* writer,
                             const platform::LogSink& log)
{
    if (!take_snapshot_request() || !writer)
        return;
    if (auto frame = read_screen(display))
        writer->offer(std::move(frame.value()));
    else
        log({platform::LogLevel::warning, "snapshot", frame.error().message});
}

Result<std::string> encode_png(SDL_Surface* surface)
{
    std::string bytes;
    std::unique_ptr<SDL_RWops, FreeRw> rw(SDL_AllocRW());
    if (!rw)
        return Error{std::string("cannot encode PNG: ") + SDL_GetError()};
    rw->type = SDL_RWOPS_UNKNOWN;
    rw->size = string_size;
    rw->seek = string_seek;
    rw->read = string_read;
    rw->write = string_write;
    rw->close = string_close;
    rw->hidden.unknown.data1 = &bytes;
    if (IMG_SavePNG_RW(surface, rw.get(), 0) != 0)
        return Error{std::string("cannot encode PNG: ") + SDL_GetError()};
    return bytes;
}

PidFile::PidFile(std::filesystem::path path, const platform::LogSink& log) : m_path(std::move(path))
{
    std::error_code error;
    std::filesystem::create_directories(m_path.parent_path(), error);
    const Status written = error ? Status(Error{m_path.parent_path().string() + ": cannot create: " + error.message()})
                                 : platform::write_file_atomically(m_path, std::to_string(::getpid()) + "\n",
                                                                                   platform::Durability::until_reboot);  // waited for by the first frame
    if (!written)
        log({platform::LogLevel::warning, "snapshot", written.error().message + "; `signage-player snapshot` cannot find this player"});
    m_written = written.ok();
}

PidFile::~PidFile()
{
    std::error_code ignored;
    if (m_written)
        std::filesystem::remove(m_path, ignored);
}

SnapshotWriter::SnapshotWriter(std::filesystem::path png_path, LogSink log)
    : m_png_path(std::move(png_path)), m_log(std::move(log)), m_thread([this] { run(); })
{
}

SnapshotWriter::~SnapshotWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void SnapshotWriter::offer(platform::SurfacePtr frame)
{
    {
        std::lock_guard lock(m_mutex);
        m_waiting = std::move(frame);
    }
    m_wake.notify_one();
}

std::size_t SnapshotWriter::encoded() const
{
    std::lock_guard lock(m_mutex);
    return m_encoded_count;
}

std::string SnapshotWriter::wait_for_png(std::size_t after, std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    if (!m_encoded.wait_for(lock, timeout, [&] { return m_encoded_count > after; }))
        return {};
    return m_latest_png;
}

platform::HttpReply SnapshotWriter::http_reply(std::string_view path)
{
    if (path != "/snapshot.png")
        return {404, "text/plain; charset=utf-8", "not found: try /status, /metrics or /snapshot.png\n"};
    const std::size_t before = encoded();
    request_snapshot();
    std::string png = wait_for_png(before, std::chrono::seconds(5));
    if (png.empty())
        return {503, "text/plain; charset=utf-8",
                "no frame within 5 s: the player is waiting for a display, the screen is off by the schedule, or the loop is "
                "frozen (see /status)\n"};
    return {200, "image/png", std::move(png)};
}

void SnapshotWriter::run()
{
    for (;;) {
        platform::SurfacePtr frame;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || m_waiting; });
            if (!m_waiting)
                return;  // stopping, nothing left to write
            frame = std::move(m_waiting);
        }
        write(frame.get());
    }
}

void SnapshotWriter::write(SDL_Surface* frame)
{
    auto png = encode_png(frame);
    if (!png) {
        m_log({platform::LogLevel::warning, "snapshot", png.error().message});
        return;
    }
    const Status written = platform::write_file_atomically(m_png_path, png.value());
    if (written)
        m_log({platform::LogLevel::info, "snapshot", m_png_path.string() + " (" + std::to_string(frame->w) + "x" + std::to_string(frame->h) + ")"});
    else
        m_log({platform::LogLevel::warning, "snapshot", written.error().message + "; /snapshot.png still has it"});
    {
        std::lock_guard lock(m_mutex);
        m_latest_png = std::move(png.value());
        ++m_encoded_count;
    }
    m_encoded.notify_all();
}

}  // namespace signage::app

#pragma once
// The player's real loop on SDL's dummy video driver (or another one a test names), stepped by a test with clocks it sets:
// a feed file and a config file in a folder of their own, the frame read back as pixels and
// compared with the still the headless renderer makes of the same config, notices and time.
#include "app/config_checks.hpp"
#include "app/headless.hpp"
#include "app/player.hpp"
#include "app/settings.hpp"
#include "model/notice_board.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace signage::app {

// Monday 2 March 2026, 10:00 UTC: 19:00 in Seoul. On hours in both zones.
inline constexpr std::chrono::sys_seconds kMorning{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours(10)};

// An RSS file of `count` notices, the newest an hour before kMorning.
inline std::string feed_of(int count, const std::string& word = "Notice")
{
    std::string items;
    for (int i = 1; i <= count; ++i) {
        const std::string n = std::to_string(i);
        items += "<item><title>" + word + " " + n + " of the test feed</title><link>https://example.org/" + n +
                 "</link><guid>https://example.org/" + n + "</guid><pubDate>Mon, 02 Mar 2026 0" + std::to_string(9 - i % 9) +
                 ":00:00 GMT</pubDate></item>\n";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Test</title>"
           "<link>https://example.org/</link><description>d</description>\n" + items + "</channel></rss>\n";
}

// A config of the test feed, the screen's `layout` in `zone`, on from 06:00 to 22:00 daily.
inline std::string config_text(const std::string& layout, const std::string& zone, const std::string& extra = "")
{
    std::string text = "[[feed]]\nname = \"test\"\npath = \"feed.xml\"\nlanguage = \"en\"\n\n[screen]\nlayout = \"" + layout +
                       "\"\ntime_zone = \"" + zone + "\"\n" + extra + "\n[schedule]\n";
    for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
        text += std::string(day) + " = \"06:00-22:00\"\n";
    return text;
}

struct LogLines {
    mutable std::mutex mutex;
    std::vector<std::string> lines;

    void add(std::string_view line)
    {
        std::lock_guard lock(mutex);
        lines.emplace_back(line);
    }
    bool has(std::string_view part) const
    {
        std::lock_guard lock(mutex);
        for (const auto& line : lines)
            if (line.find(part) != std::string::npos)
                return true;
        return false;
    }
};

// A door a test opens once: what waits on it blocks until then.
struct Gate {
    std::promise<void> promise;
    std::shared_future<void> opened = promise.get_future().share();
    std::once_flag once;

    void open() { std::call_once(once, [this] { promise.set_value(); }); }
    void wait() const { opened.wait(); }
};

// Opens the gate if the test did not within a generous time, so that a loop that waits on it
// ends instead of hanging the suite; `was_needed` then says the loop waited.
class GateWatchdog {
public:
    explicit GateWatchdog(Gate& gate)
        : m_thread([this, &gate] {
            std::unique_lock lock(m_mutex);
            if (!m_done.wait_for(lock, std::chrono::seconds(30), [this] { return m_finished; })) {
                m_needed = true;
                gate.open();
            }
        })
    {
    }
    ~GateWatchdog() { finish(); }
    void finish()
    {
        {
            std::lock_guard lock(m_mutex);
            m_finished = true;
        }
        m_done.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }
    bool was_needed() const { return m_needed; }

private:
    std::mutex m_mutex;
    std::condition_variable m_done;
    bool m_finished = false;
    std::atomic<bool> m_needed = false;
    std::thread m_thread;
};

// Pixels that differ by more than a rounding (any channel by over 16), or -1 for other sizes.
// `rows`: only the rows above it (the crawl band below runs on the player's own refresh count).
inline long differing_pixels(SDL_Surface* a, SDL_Surface* b, int rows = -1);

class PlayerHarness {
public:
    explicit PlayerHarness(const std::string& config, int notices = 5, PlayerParts parts = {}, bool with_config_file = true,
                           const char* video_driver = "dummy")
        : m_dir(std::filesystem::temp_directory_path() / ("signage-player-loop-" + std::to_string(::getpid())))
    {
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        write_feed(feed_of(notices));
        write_config(config);
        SDL_SetHint(SDL_HINT_VIDEODRIVER, video_driver);
        m_sdl = std::make_unique<platform::SdlSubsystems>(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        REQUIRE(m_sdl->ok());
        auto loaded = load_checked_config(config_path());
        REQUIRE_MESSAGE(loaded, problem(loaded));
        config::Config running = loaded.value();
        running.offline_cache = false;
        running.feeds.front().poll_interval = std::chrono::seconds(1);  // below what a file may say: a quick re-read
        REQUIRE(platform::use_time_zone(running.screen.time_zone).ok());
        auto display = platform::Display::open({640, 360}, config::RendererChoice::software);
        REQUIRE_MESSAGE(display, problem(display));
        parts.clocks.monotonic = [this] { return monotonic; };
        parts.clocks.wall = [this] { return wall; };
        parts.log = [this](const platform::LogEntry& entry) { log.add(platform::journal_line(entry)); };
        const std::optional<std::filesystem::path> path = with_config_file ? std::optional(config_path()) : std::nullopt;
        player = std::make_unique<Player>(running, path, std::move(display.value()), source_dir(), false, std::move(parts));
        REQUIRE(player->start());
    }
    ~PlayerHarness()
    {
        player.reset();
        m_sdl.reset();
        SDL_ResetHint(SDL_HINT_VIDEODRIVER);
        std::filesystem::remove_all(m_dir);
        (void)platform::use_time_zone("Asia/Seoul");  // as test_support set it for the other tests
    }

    std::filesystem::path config_path() const { return m_dir / "config.toml"; }
    void write_feed(const std::string& text) const { std::ofstream(m_dir / "feed.xml", std::ios::binary) << text; }
    // A new file, with a modification time the watch cannot take for the old one's.
    void write_config(const std::string& text) const
    {
        std::ofstream(config_path(), std::ios::binary) << text;
        static int writes = 0;
        std::filesystem::last_write_time(config_path(), std::filesystem::file_time_type::clock::now() + std::chrono::seconds(++writes));
    }

    // Steps the loop until `done`, for at most 30 s of real time (a guard, not a measure).
    template <typename Done>
    bool step_until(const Done& done)
    {
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < give_up) {
            const auto exit_code = player->step(0);
            REQUIRE_FALSE(exit_code.has_value());
            if (done())
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return false;
    }
    bool settle()
    {
        return step_until([this] { return player->settled(); }) && step_until([] { return true; });
    }
    // A new config file, and a reload (by R) read and applied.
    void reload_with(const std::string& text)
    {
        write_config(text);
        player->reload("R");
        REQUIRE(step_until([this] { return log.has("reload (R): "); }));
    }
    // Whether the loop draws on: the crawl moves half a second in one step.
    bool crawl_moves()
    {
        const platform::SurfacePtr before = frame();
        monotonic += std::chrono::milliseconds(500);
        player->step(0);
        return differing_pixels(before.get(), frame().get()) > 0;
    }
    // The once-a-second work runs at the next step.
    void next_second()
    {
        monotonic += std::chrono::seconds(1);
        scene_seconds += 1.0;
    }

    // What the panel shows now.
    platform::SurfacePtr frame()
    {
        int width = 0, height = 0;
        player->display().output_size(width, height);
        platform::SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
        REQUIRE(surface);
        REQUIRE(SDL_RenderReadPixels(player->display().renderer(), nullptr, SDL_PIXELFORMAT_ARGB8888, surface->pixels,
                                     surface->pitch) == 0);
        return surface;
    }
    // The headless renderer's frame of `config_text` with the feed file as it is now, at the
    // same wall-clock time and scene time, in the process's time zone.
    platform::SurfacePtr still(const std::string& text, int width = 640, int height = 360)
    {
        auto config = config::parse_config(text, config_path(), system_config_checks());
        REQUIRE_MESSAGE(config, problem(config));
        model::NoticeBoard board(config->notice_rules);
        board.set_now(wall);
        auto notices = feed::read_source(config->feeds.front());
        REQUIRE_MESSAGE(notices, problem(notices));
        board.apply("test", std::move(notices.value()));
        auto surface = render_still(config.value(), board.notices(), font_roles(config.value(), source_dir()),
                                    {width, height, scene_seconds, wall});
        REQUIRE_MESSAGE(surface, problem(surface));
        return std::move(surface.value());
    }

    std::unique_ptr<Player> player;
    LogLines log;
    PlayerClocks::Monotonic monotonic{std::chrono::hours(100)};
    std::chrono::sys_seconds wall = kMorning;
    double scene_seconds = 0.0;  // the scene's time at the frames drawn since start

private:
    std::filesystem::path m_dir;
    std::unique_ptr<platform::SdlSubsystems> m_sdl;
};

inline long differing_pixels(SDL_Surface* a, SDL_Surface* b, int rows)
{
    if (a->w != b->w || a->h != b->h)
        return -1;
    long count = 0;
    for (int y = 0; y < (rows < 0 ? a->h : rows); ++y) {
        const auto* row_a = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(a->pixels) + y * a->pitch);
        const auto* row_b = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(b->pixels) + y * b->pitch);
        for (int x = 0; x < a->w; ++x)
            for (int shift = 0; shift < 24; shift += 8) {
                const int da = static_cast<int>((row_a[x] >> shift) & 0xff) - static_cast<int>((row_b[x] >> shift) & 0xff);
                if (da > 16 || da < -16) {
                    ++count;
                    break;
                }
            }
    }
    return count;
}

// Above the crawl band of a 640x360 featured+ticker screen.
inline constexpr int kAboveCrawl = 300;

// Whether every pixel is black.
inline bool all_black(SDL_Surface* surface)
{
    for (int y = 0; y < surface->h; ++y) {
        const auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(surface->pixels) + y * surface->pitch);
        for (int x = 0; x < surface->w; ++x)
            if ((row[x] & 0xffffff) != 0)
                return false;
    }
    return true;
}

}  // namespace signage::app

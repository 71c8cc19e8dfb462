// The soak's world and its loop (soak_world.hpp); the checks are in soak_checks.cpp.
#include "soak/soak_world.hpp"

#include "app/config_checks.hpp"
#include "app/player.hpp"
#include "feed/http_client.hpp"
#include "platform/heap.hpp"
#include "platform/local_time.hpp"
#include "soak/soak_checks.hpp"
#include "soak/soak_probe.hpp"
#include "soak/soak_server.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include <unistd.h>

namespace signage::soak {

namespace {

using namespace std::chrono;

// Monday 2 March 2026, 05:00 UTC: an hour before the screen turns on.
constexpr sys_seconds kStart{sys_days{year{2026} / 3 / 2} + hours(5)};
constexpr const char* kLayouts[] = {"featured+ticker", "list", "ticker"};

void write_atomically(const std::filesystem::path& path, const std::string& text)
{
    const std::filesystem::path temporary = path.string() + ".new";
    std::ofstream(temporary, std::ios::binary) << text;
    std::filesystem::rename(temporary, path);
}

std::string rfc822(sys_seconds time)
{
    const std::time_t t = system_clock::to_time_t(time);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return text;
}

// Feed `name` ('a' or 'b') at simulated minute `minute`: the notices of that minute and of the
// three before, newest first.
std::string feed_text(char name, long minute)
{
    std::string items;
    for (long m = minute; m >= 0 && m > minute - 4; --m) {
        const std::string id = std::string(1, name) + "-" + std::to_string(m);
        items += "<item><title>" + title_of(name, m) + "</title><link>https://example.org/" + id + "</link><guid>urn:soak:" + id +
                 "</guid><pubDate>" + rfc822(kStart + minutes(m)) + "</pubDate></item>\n";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Soak</title>"
           "<link>https://example.org/</link><description>soak</description>\n" + items + "</channel></rss>\n";
}

std::string config_text(int port, const std::filesystem::path& dir, const char* layout)
{
    std::string text;
    for (const char* name : {"a", "b"})
        text += "[[feed]]\nname = \"" + std::string(name) + "\"\nurl = \"http://127.0.0.1:" + std::to_string(port) + "/feed/" + name +
                "\"\nlanguage = \"en\"\n\n";
    text += "[screen]\nlayout = \"" + std::string(layout) + "\"\ntime_zone = \"UTC\"\n\n[cache]\ndirectory = \"" + (dir / "cache").string() +
            "\"\n\n[schedule]\n";
    for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
        text += std::string(day) + " = \"06:00-22:00\"\n";
    return text;
}

// What the server does in simulated hour `hour`: two hours of each fault in a 31-hour cycle,
// so that they fall at every time of day over the days.
const char* server_mode(long hour)
{
    switch (hour % 31) {
    case 5: case 6: return "503";
    case 12: case 13: return "garbage";
    case 18: case 19: return "reset";
    case 25: case 26: return "stall";
    default: return "ok";
    }
}

double unix_now() { return duration<double>(system_clock::now().time_since_epoch()).count(); }

struct PlayerLog {
    std::mutex mutex;
    std::ofstream file;
    long warnings = 0;
    long errors = 0;
    void add(const platform::LogEntry& entry)
    {
        if (entry.level == platform::LogLevel::debug)
            return;  // the frame statistics of every simulated minute
        std::lock_guard lock(mutex);
        warnings += entry.level == platform::LogLevel::warning;
        errors += entry.level == platform::LogLevel::error;
        file << std::fixed << unix_now() << ' ' << platform::journal_line(entry) << '\n';
    }
};

class World {
public:
    World(const Options& options, std::filesystem::path dir, int port)
        : m_options(options), m_dir(std::move(dir)), m_port(port), m_record(options.days)
    {
    }

    // The player made and started; false with the reason on stderr.
    bool start();
    // The simulated days; false when the player stopped by itself.
    bool run();
    // After the last day: the feeds stay as they are while the last board is shown.
    void finish();
    Record& record() { return m_record; }
    PlayerLog& log() { return m_log; }

private:
    void at_minute(long minute);
    void at_hour(long hour);
    void note_shown();
    void note_screen(sys_seconds wall);
    Sample sample(double sim_s, double real_s);

    const Options& m_options;
    std::filesystem::path m_dir;
    int m_port;
    Record m_record;
    PlayerLog m_log;
    std::unique_ptr<platform::SdlSubsystems> m_sdl;
    std::unique_ptr<app::Player> m_player;
    app::PlayerClocks::Monotonic m_monotonic{hours(100)};
    sys_seconds m_wall = kStart;
    std::atomic<bool> m_display_there{true};
    long m_display_back_at = -1;  // the hour the display comes back
    int m_reloads = 0;
    const render::Scene* m_scene = nullptr;
    std::size_t m_boards = 0;
    std::size_t m_boards_before = 0;  // of scenes gone
    std::optional<double> m_dark_since;  // real Unix time: the screen showed no new board since
    std::optional<double> m_reloading_since;  // real Unix time: a reload asked for, not yet settled
};

bool World::start()
{
    std::filesystem::create_directories(m_dir);
    m_log.file.open(m_options.csv.string() + ".log");
    at_minute(0);
    write_atomically(m_dir / "mode", "ok");
    write_atomically(m_dir / "config.toml", config_text(m_port, m_dir, kLayouts[0]));
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    m_sdl = std::make_unique<platform::SdlSubsystems>(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    auto loaded = app::load_checked_config(m_dir / "config.toml");
    if (!m_sdl->ok() || !loaded || !platform::use_time_zone("UTC").ok()) {
        std::cerr << "soak: cannot start: " << (loaded ? SDL_GetError() : loaded.error().message) << "\n";
        return false;
    }
    auto display = platform::Display::open({640, 360}, config::RendererChoice::software);
    if (!display) {
        std::cerr << "soak: cannot open the dummy display: " << display.error().message << "\n";
        return false;
    }
    app::PlayerParts parts;
    parts.clocks.monotonic = [this] { return m_monotonic; };
    parts.clocks.wall = [this] { return m_wall; };
    parts.log = [this](const platform::LogEntry& entry) { m_log.add(entry); };
    parts.status_file = m_dir / "status.json";
    // Real seconds: a poll every second, a stall given up after three.
    parts.make_fetcher = [](const config::Config& config, std::function<void()> wake) {
        config::Config quick = config;
        for (auto& feed : quick.feeds) {
            feed.poll_interval = seconds(1);
            feed.total_timeout = milliseconds(3000);
            feed.connect_timeout = milliseconds(1000);
        }
        return app::make_feed_fetcher(quick, std::move(wake));
    };
    parts.reopen_display = [this](config::RendererChoice renderer) -> Result<app::OpenedDisplay> {
        if (!m_display_there)
            return Error{"no display yet (the soak's outage)"};
        auto sdl = std::make_unique<platform::SdlSubsystems>(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        auto opened = platform::Display::open({640, 360}, renderer);
        if (!opened)
            return opened.error();
        return app::OpenedDisplay{std::move(sdl), std::move(opened.value())};
    };
    m_player = std::make_unique<app::Player>(loaded.value(), m_dir / "config.toml", std::move(display.value()), SIGNAGE_SOURCE_DIR,
                                             false, std::move(parts));
    return m_player->start();
}

void World::at_minute(long minute)
{
    for (char name : {'a', 'b'})
        write_atomically(m_dir / (std::string(1, name) + ".xml"), feed_text(name, minute));
}

void World::at_hour(long hour)
{
    write_atomically(m_dir / "mode", server_mode(hour));
    if (hour % 7 == 3) {
        ++m_reloads;
        write_atomically(m_dir / "config.toml", config_text(m_port, m_dir, kLayouts[m_reloads % 3]));
        m_player->reload("the soak");
        m_reloading_since = unix_now();
    }
    if (hour % 53 == 40) {
        m_display_there = false;
        m_display_back_at = hour + 1;
        SDL_Event reset{};
        reset.type = SDL_RENDER_DEVICE_RESET;
        SDL_PushEvent(&reset);
    } else if (hour == m_display_back_at) {
        m_display_there = true;
    }
}

// The titles of each board the scene on screen has shown.
void World::note_shown()
{
    const render::Scene* scene = m_player->scene();
    if (!scene)
        return;
    if (scene != m_scene) {
        m_boards_before += m_boards;
        m_scene = scene;
        m_boards = 0;
    }
    if (scene->boards_shown() == m_boards)
        return;
    m_boards = scene->boards_shown();
    for (const model::Notice& notice : scene->notices_shown())
        if (!notice.titles.empty())
            m_record.shown(notice.titles.front().text);
}

// Off hours and a lost display are times when no board reaches the screen: what the server
// served then is not asked to be shown (see Record::dark).
//
// A reload replaces the fetcher: what the old one was being served is dropped with it, and the
// new one asks at once. The feed changed meanwhile (every simulated minute is 21 real ms), so
// the notices of the dropped answer are not asked to be shown either: from the reload until
// the player has settled (the config read and applied, the new screen up).
void World::note_screen(sys_seconds wall)
{
    if (m_reloading_since && (m_player->settled() || unix_now() > *m_reloading_since + 3.0)) {
        m_record.dark(*m_reloading_since, unix_now());
        m_reloading_since.reset();
    }
    const long hour_of_day = (wall.time_since_epoch().count() / 3600) % 24;
    const bool showing = hour_of_day >= 6 && hour_of_day < 22 && m_display_there && !m_player->waiting_for_display();
    if (!showing && !m_dark_since)
        m_dark_since = unix_now();
    else if (showing && m_dark_since) {
        m_record.dark(*m_dark_since, unix_now());
        m_dark_since.reset();
    }
}

Sample World::sample(double sim_s, double real_s)
{
    Sample sample = sample_process();
    sample.day = sim_s / 86400.0;
    sample.real_s = real_s;
    if (const render::Scene* scene = m_player->scene()) {
        sample.cache_entries = static_cast<std::int64_t>(scene->text_stats().cache.entries);
        sample.cache_kb = static_cast<std::int64_t>(scene->text_stats().cache.bytes / 1024);
    }
    sample.boards = static_cast<std::int64_t>(m_boards_before + m_boards);
    return sample;
}

bool World::run()
{
    const double total_s = m_options.days * 86400.0;
    const auto real_start = steady_clock::now();
    const auto base = m_monotonic;
    long last_minute = 0, last_hour = -1;
    auto next_step = real_start;
    for (;;) {
        const double real_s = duration<double>(steady_clock::now() - real_start).count();
        const double sim_s = std::min(real_s * m_options.speed, total_s);
        m_monotonic = base + duration_cast<nanoseconds>(duration<double>(sim_s));
        m_wall = kStart + seconds(static_cast<long>(sim_s));
        if (const long minute = static_cast<long>(sim_s / 60); minute != last_minute)
            at_minute(last_minute = minute);
        if (const long hour = static_cast<long>(sim_s / 3600); hour != last_hour) {
            at_hour(last_hour = hour);
            m_record.add(sample(sim_s, real_s), m_options.csv);
        }
        if (const auto stopped = m_player->step(0)) {
            std::cerr << "soak: the player stopped with exit code " << *stopped << " on day " << sim_s / 86400.0 << "\n";
            return false;
        }
        note_shown();
        note_screen(m_wall);
        if (sim_s >= total_s)
            return true;
        next_step += milliseconds(4);  // about 250 turns a real second; the rest of the CPU is the workers'
        std::this_thread::sleep_until(std::max(next_step, steady_clock::now()));
    }
}

void World::finish()
{
    if (m_dark_since)
        m_record.dark(*m_dark_since, unix_now() + 1e9);
    write_atomically(m_dir / "mode", "ok");
    // The last version served may still be on its way to the screen: a few real seconds more.
    const auto give_up = steady_clock::now() + seconds(10);
    while (steady_clock::now() < give_up) {
        m_monotonic += milliseconds(20);
        if (m_player->step(0))
            break;
        note_shown();
        std::this_thread::sleep_for(milliseconds(5));
    }
    m_record.read_served(m_dir / "served.log");
    m_player.reset();
    m_sdl.reset();
}

}  // namespace

int run_soak(const Options& options)
{
    platform::limit_heap_arenas();  // as main() does first
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("signage-soak-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto server = SoakServer::start(std::filesystem::path(SIGNAGE_SOURCE_DIR) / "tests" / "soak" / "soak_server.py", dir);
    if (!server) {
        std::cerr << "soak: the feed server (python3 tests/soak/soak_server.py) did not start\n";
        return 2;
    }
    feed::CurlGlobal curl;
    Options opts = options;
    if (opts.csv.empty())
        opts.csv = "soak.csv";
    World world(opts, dir, server->port());
    if (!world.start())
        return 2;
    std::printf("soak: %.1f simulated days at %.0fx (a simulated day in %.0f real s); samples in %s\n", opts.days, opts.speed,
                86400.0 / opts.speed, opts.csv.c_str());
    std::fflush(stdout);
    const bool ran = world.run();
    world.finish();
    const int code = report(world.record(), opts, world.log().warnings, world.log().errors) && ran ? 0 : 1;
    std::filesystem::remove_all(dir);
    return code;
}

}  // namespace signage::soak

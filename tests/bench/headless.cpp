// bench-headless [--quick]: the player's numbers without a display, at 1920x1080, on SDL's
// software renderer drawing on a surface (as `signage-player render` does, and as the player
// draws on a window surface when there is no GPU). The scene is the side-by-side benchmark's
// (tests/bench/side_by_side.py): the band #0B3D91, the crawl at 120 px/s at 60 Hz, bilingual
// Korean/English notices, in the `ticker` and `featured+ticker` layouts (named ticker and
// featured_ticker below). One line per number, `name key=value ...`, for people and scripts:
//
//   headless.screen width=1920 height=1080 refresh_hz=60 crawl_px_per_s=120 quick=0
//   headless.steady_frame_us.<layout> median= p99= max= mean= cpu_median= cpu_p99= cpu_max= cpu_mean= frames=3000 whole=
//       Ten notices on screen, after 120 frames of warm-up: 3,000 frames (50 s of the screen's
//       time, the featured rotation's changes included) drawn as Player::draw_frame draws them
//       on the software path: ScreenTransform around Scene::draw with FrameExtent::changes_only
//       on a surface that keeps its frames (the crawl moves its pixels: Scene::set_kept_surface),
//       then SDL_RenderPresent, which on a surface flushes SDL's queue. Not included: copying
//       the changed rectangle to the window (SDL_UpdateWindowSurfaceRects), and so the X server.
//       Wall time (median= ... mean=), and the thread's CPU time (cpu_*), which leaves out the
//       ticks (4 ms) in which a busy machine runs another process. whole = frames that redrew
//       the whole screen (a change of featured notice).
//   headless.board50_ms.<layout> median= min= max= cpu= runs= frames= longest_frame_us=
//       A board of 50 new headlines: from Scene::prepare_notices on a new scene (an empty text
//       cache, fonts open, one frame drawn) to the end of the first frame that shows it
//       (boards_shown() moved on): shaping and rasterizing on the text worker, uploads, the
//       frame. Frames are paced at 60 Hz meanwhile, as the player's are; frames = those drawn
//       meanwhile, longest_frame_us the slowest of them (what the crawl felt); cpu = the CPU
//       time of the process meanwhile, every thread (the worker runs at nice 10: on a busy
//       machine it waits, and the wall time grows while cpu does not).
//   headless.feed_parse.<rss_utf8|json> mb_per_s= mb= notices= median_ms= runs=
//       parse_feed on a ~5 MiB feed built in memory (bench_feeds.hpp); MB are 10^6 bytes.
//   headless.startup_ms.<layout> median= min= max= runs= scene= cache_feed= first_board= with_exec= cpu=
//       Start-up to the first frame with the notices' text, from a cached feed: this program
//       started again as a child (`--startup-child`), timed from its main(): the fonts opened
//       and the scene built (Scene::create with the config's fonts and settings: scene=), the
//       feed of ten headlines read from the offline cache on disk and parsed
//       (SourcePoller::start_from_cache) and put on a NoticeBoard (cache_feed=), then
//       prepare_time and prepare_notices as the player's first scene gets them, frames paced at
//       60 Hz until the first frame that shows the board (first_board=). One after the other on
//       one thread (the player reads the cache on its fetcher thread meanwhile). Not included:
//       a display, a window, SDL video, the renderer probe; with_exec= adds what comes before
//       main(): from posix_spawn to the same frame (exec, the dynamic loader, static
//       initialisers); cpu= is the child's CPU time by then, every thread, the loader's too.
//       The files are in the page cache, as on a restart.
// Medians over 5 runs (board, parse, start-up); --quick: 600 steady frames and 2 runs, for a
// smoke. A program that prints numbers, with no assertion on time, which a shared machine
// cannot promise. Run it from the build tree: build/bin/bench-headless
#include "app/settings.hpp"
#include "bench_feeds.hpp"
#include "bench_support.hpp"
#include "feed/feed_cache.hpp"
#include "feed/feed_parser.hpp"
#include "feed/source_poller.hpp"
#include "model/notice_board.hpp"
#include "platform/local_time.hpp"
#include "platform/sdl_handles.hpp"
#include "render/frame_clock.hpp"
#include "render/playback.hpp"
#include "render/scene.hpp"
#include "render/screen_transform.hpp"
#include "util/unique_fd.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
namespace config = signage::config;
namespace render = signage::render;

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;
constexpr double kRefreshHz = 60.0;
constexpr double kCrawlPxPerS = 120.0;
constexpr std::size_t kScreenNotices = 10;
constexpr std::size_t kBoardNotices = 50;
constexpr int kWarmUpFrames = 120;
constexpr const char* kSourceName = "bench";

struct Options {
    int steady_frames = 3000;
    int runs = 5;
    bool quick = false;
};

struct Layout {
    const char* name;
    config::ScreenLayout layout;
};
constexpr Layout kLayouts[] = {{"ticker", config::ScreenLayout::ticker}, {"featured_ticker", config::ScreenLayout::featured_ticker}};

[[noreturn]] void fail(const std::string& message)
{
    std::fprintf(stderr, "bench-headless: %s\n", message.c_str());
    std::exit(1);
}

double us_between(Clock::time_point start, Clock::time_point end) { return std::chrono::duration<double, std::micro>(end - start).count(); }
double ms_between(Clock::time_point start, Clock::time_point end) { return std::chrono::duration<double, std::milli>(end - start).count(); }

// The benchmark's config: one feed (an http source, so the offline cache keeps it), the band, the speed.
config::Config bench_config(config::ScreenLayout layout, const std::filesystem::path& cache_directory = {})
{
    config::Config config;
    config::FeedSource source;
    source.name = kSourceName;
    source.location = "http://127.0.0.1:9/feed.xml";  // never fetched: only its cached copy is read
    source.language = "ko";
    config.feeds = {source};
    config.screen.layout = layout;
    config.screen.band = config::RgbaColor{0x0B, 0x3D, 0x91, 255};
    config.crawl_speed_px_per_s = kCrawlPxPerS;
    if (!cache_directory.empty())
        config.cache_directory = cache_directory;
    return config;
}

std::vector<signage::model::Notice> bench_notices(std::size_t count)
{
    std::vector<signage::model::Notice> notices;
    for (std::size_t i = 0; i < count; ++i)
        notices.push_back(bench_notice(i));
    return notices;
}

// A surface, the software renderer on it and the player's scene, members in the order they are
// made and, backwards, dropped.
struct Screen {
    signage::platform::SurfacePtr surface;
    signage::platform::RendererPtr renderer;
    std::optional<render::ScreenTransform> transform;
    std::unique_ptr<render::Scene> scene;
    render::Playback playback{kRefreshHz, render::pixels_per_refresh(kCrawlPxPerS, kRefreshHz)};
    std::int64_t refresh = 0;

    explicit Screen(const config::Config& config)
        : surface(SDL_CreateRGBSurfaceWithFormat(0, kWidth, kHeight, 32, SDL_PIXELFORMAT_ARGB8888))
        , renderer(surface ? SDL_CreateSoftwareRenderer(surface.get()) : nullptr)
    {
        if (!renderer)
            fail(std::string("no software renderer on a surface: ") + SDL_GetError());
        const render::ScreenGeometry geometry = render::screen_geometry(kWidth, kHeight, 0, 0);
        auto made_transform = render::ScreenTransform::create(renderer.get(), geometry);
        if (!made_transform)
            fail(made_transform.error().message);
        transform.emplace(std::move(made_transform.value()));
        render::SceneSettings settings = signage::app::scene_settings(config);
        settings.refresh_hz = kRefreshHz;
        auto made_scene = render::Scene::create(renderer.get(), signage::app::font_roles(config, SIGNAGE_SOURCE_DIR), geometry.scene_width,
                                                geometry.scene_height, settings);
        if (!made_scene)
            fail(made_scene.error().message);
        scene = std::move(made_scene.value());
        scene->set_kept_surface(surface.get());  // the surface keeps its frames, as a window's does
    }

    // The next refresh's frame, as Player::draw_frame draws it (a new screen's first whole);
    // true when it was drawn whole.
    bool frame()
    {
        const render::FrameExtent extent = refresh == 0 ? render::FrameExtent::whole : render::FrameExtent::changes_only;
        playback.frame(static_cast<double>(refresh++) / kRefreshHz);
        transform->begin_frame(extent == render::FrameExtent::whole);
        const auto changed = scene->draw(playback.scene_seconds(), playback.crawl_travelled(), extent);
        transform->end_frame(changed);
        SDL_RenderPresent(renderer.get());
        return !changed.has_value();
    }

    // Frames paced at the refresh rate from `start` until the scene shows a board after `shown`.
    // Returns the frames drawn and the slowest of them, in microseconds.
    std::pair<int, double> frames_until_board(Clock::time_point start, std::size_t shown)
    {
        int frames = 0;
        double longest_us = 0.0;
        while (scene->boards_shown() == shown) {
            const auto frame_start = Clock::now();
            frame();
            longest_us = std::max(longest_us, us_between(frame_start, Clock::now()));
            ++frames;
            if (scene->boards_shown() == shown)
                std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(frames / kRefreshHz)));
        }
        return {frames, longest_us};
    }
};

// CPU time of this thread, in microseconds: a frame's own cost, whoever else the shared machine
// runs meanwhile (another process preempting this one shows in the wall time as a tick, 4 ms).
double thread_cpu_us()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

// CPU time of the whole process (every thread, the text worker's too), in milliseconds.
double process_cpu_ms()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

double mean(const std::vector<double>& values) { return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size()); }

void steady_frames(const Layout& layout, const Options& options)
{
    Screen screen(bench_config(layout.layout));
    screen.scene->set_time(signage::platform::to_local(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())));
    screen.scene->set_notices(bench_notices(kScreenNotices));
    for (int i = 0; i < kWarmUpFrames; ++i)
        screen.frame();
    std::vector<double> wall_us, cpu_us;
    wall_us.reserve(static_cast<std::size_t>(options.steady_frames));
    cpu_us.reserve(static_cast<std::size_t>(options.steady_frames));
    int whole = 0;
    for (int i = 0; i < options.steady_frames; ++i) {
        const auto start = Clock::now();
        const double cpu_start = thread_cpu_us();
        whole += screen.frame() ? 1 : 0;
        cpu_us.push_back(thread_cpu_us() - cpu_start);
        wall_us.push_back(us_between(start, Clock::now()));
    }
    std::printf("headless.steady_frame_us.%s median=%.0f p99=%.0f max=%.0f mean=%.0f cpu_median=%.0f cpu_p99=%.0f cpu_max=%.0f cpu_mean=%.0f frames=%d whole=%d\n",
                layout.name, median(wall_us), percentile(wall_us, 0.99), percentile(wall_us, 1.0), mean(wall_us), median(cpu_us), percentile(cpu_us, 0.99),
                percentile(cpu_us, 1.0), mean(cpu_us), options.steady_frames, whole);
    std::fflush(stdout);
}

void board_of_fifty(const Layout& layout, const Options& options)
{
    const auto notices = bench_notices(kBoardNotices);
    std::vector<double> wall_ms, cpu_ms, frames, longest_us;
    for (int run = 0; run < options.runs; ++run) {
        Screen screen(bench_config(layout.layout));  // a new scene: nothing in its text cache
        screen.frame();
        const std::size_t shown = screen.scene->boards_shown();
        const auto start = Clock::now();
        const double cpu_start = process_cpu_ms();
        screen.scene->prepare_notices(notices);
        const auto [drawn, longest] = screen.frames_until_board(start, shown);
        wall_ms.push_back(ms_between(start, Clock::now()));
        cpu_ms.push_back(process_cpu_ms() - cpu_start);
        frames.push_back(drawn);
        longest_us.push_back(longest);
    }
    std::printf("headless.board50_ms.%s median=%.1f min=%.1f max=%.1f cpu=%.1f runs=%d frames=%.0f longest_frame_us=%.0f\n", layout.name,
                median(wall_ms), percentile(wall_ms, 0.0), percentile(wall_ms, 1.0), median(cpu_ms), options.runs, median(frames), median(longest_us));
    std::fflush(stdout);
}

void feed_parse(const char* name, const std::string& body, const Options& options)
{
    const signage::feed::FeedContext context{kSourceName, "ko"};
    std::vector<double> ms;
    std::size_t notices = 0;
    for (int run = 0; run < options.runs; ++run) {
        const auto start = Clock::now();
        auto parsed = signage::feed::parse_feed(body, context);
        ms.push_back(ms_between(start, Clock::now()));
        if (!parsed)
            fail(std::string(name) + ": " + parsed.error().message);
        notices = parsed.value().notices.size();
    }
    const double mb = static_cast<double>(body.size()) / 1e6;
    std::printf("headless.feed_parse.%s mb_per_s=%.1f mb=%.2f notices=%zu median_ms=%.1f runs=%d\n", name, mb / (median(ms) / 1000.0), mb, notices,
                median(ms), options.runs);
    std::fflush(stdout);
}

long long nanoseconds(Clock::time_point at) { return std::chrono::duration_cast<std::chrono::nanoseconds>(at.time_since_epoch()).count(); }

// The child of startup(): prints the steady clock (CLOCK_MONOTONIC, shared by the processes) at
// main(), after the scene, after the cached feed, and at the end of the first frame with text.
int startup_child(const Layout& layout, const std::filesystem::path& cache_directory, Clock::time_point started)
{
    const config::Config config = bench_config(layout.layout, cache_directory);
    Screen screen(config);
    const auto scene_built = Clock::now();
    const signage::feed::FeedCache cache(cache_directory);
    signage::feed::SourcePoller poller(config.feeds.front(), &cache);
    auto update = poller.start_from_cache();
    if (!update || !update->notices)
        fail("the cached feed in " + cache_directory.string() + " did not give notices");
    signage::model::NoticeBoard board(config.notice_rules);
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    board.set_now(now);
    board.apply(kSourceName, std::move(*update->notices));
    const auto feed_read = Clock::now();
    screen.scene->prepare_time(signage::platform::to_local(now));
    screen.scene->prepare_notices(board.notices());
    screen.frames_until_board(feed_read, 0);
    const long long shown_at = nanoseconds(Clock::now());
    std::printf("%lld %lld %lld %lld %zu %lld\n", nanoseconds(started), nanoseconds(scene_built), nanoseconds(feed_read), shown_at,
                screen.scene->notices_shown().size(), static_cast<long long>(process_cpu_ms() * 1e6));
    return 0;
}

// The offline cache as the player leaves it: the feed of ten headlines, fetched a minute ago.
void store_cached_feed(const std::filesystem::path& directory)
{
    std::string body = rss_head("UTF-8");
    for (std::size_t i = 0; i < kScreenNotices; ++i)
        body += rss_item(i, kHeadlines[i].ko, kHeadlines[i].en);
    body += rss_tail();
    signage::feed::CachedFeed entry;
    entry.body = std::move(body);
    entry.content_type = "application/rss+xml; charset=utf-8";
    entry.url = bench_config(config::ScreenLayout::ticker).feeds.front().location;
    entry.fetched_at = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) - std::chrono::minutes(1);
    if (auto stored = signage::feed::FeedCache(directory).store(kSourceName, entry); !stored)
        fail(stored.error().message);
}

// Runs this program as `--startup-child LAYOUT DIR`; the times it printed, and the spawn's.
std::vector<long long> run_startup_child(const char* layout, const std::string& directory)
{
    int fds[2];
    if (pipe(fds) != 0)
        fail(std::string("pipe: ") + std::strerror(errno));
    const signage::UniqueFd read_end(fds[0]);
    signage::UniqueFd write_end(fds[1]);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, read_end.get());
    std::string program = "/proc/self/exe", flag = "--startup-child", layout_name = layout, dir = directory;
    char* argv[] = {program.data(), flag.data(), layout_name.data(), dir.data(), nullptr};
    const auto spawned = Clock::now();
    pid_t pid = 0;
    const int error = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0)
        fail(std::string("cannot start ") + program + ": " + std::strerror(error));
    write_end.reset();
    std::string output;
    char buffer[256];
    for (ssize_t got; (got = read(read_end.get(), buffer, sizeof buffer)) > 0;)
        output.append(buffer, static_cast<std::size_t>(got));
    int status = 0;
    waitpid(pid, &status, 0);
    std::vector<long long> times{nanoseconds(spawned), 0, 0, 0, 0, 0, 0};
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
        std::sscanf(output.c_str(), "%lld %lld %lld %lld %lld %lld", &times[1], &times[2], &times[3], &times[4], &times[5], &times[6]) != 6)
        fail("the start-up child failed (its output: \"" + output + "\")");
    if (times[5] != static_cast<long long>(kScreenNotices))
        fail("the start-up child showed " + std::to_string(times[5]) + " notices, not " + std::to_string(kScreenNotices));
    return times;
}

void startup(const Layout& layout, const std::filesystem::path& directory, const Options& options)
{
    std::vector<double> total, scene, feed, board, with_exec, cpu;
    const auto ms = [](long long from, long long to) { return static_cast<double>(to - from) / 1e6; };
    for (int run = 0; run < options.runs; ++run) {
        const auto t = run_startup_child(layout.name, directory.string());  // spawn, main, scene, feed, frame, notices, CPU
        total.push_back(ms(t[1], t[4]));
        scene.push_back(ms(t[1], t[2]));
        feed.push_back(ms(t[2], t[3]));
        board.push_back(ms(t[3], t[4]));
        with_exec.push_back(ms(t[0], t[4]));
        cpu.push_back(static_cast<double>(t[6]) / 1e6);
    }
    std::printf("headless.startup_ms.%s median=%.1f min=%.1f max=%.1f runs=%d scene=%.1f cache_feed=%.1f first_board=%.1f with_exec=%.1f cpu=%.1f\n",
                layout.name, median(total), percentile(total, 0.0), percentile(total, 1.0), options.runs, median(scene), median(feed), median(board),
                median(with_exec), median(cpu));
    std::fflush(stdout);
}

// A private folder for the offline cache, removed at the end.
struct TemporaryDirectory {
    std::filesystem::path path;
    TemporaryDirectory()
    {
        std::string name = (std::filesystem::temp_directory_path() / "bench-headless-XXXXXX").string();
        if (!mkdtemp(name.data()))
            fail(std::string("cannot make a temporary folder: ") + std::strerror(errno));
        path = name;
    }
    ~TemporaryDirectory()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
};

const Layout* layout_named(std::string_view name)
{
    for (const Layout& layout : kLayouts)
        if (name == layout.name)
            return &layout;
    return nullptr;
}

}  // namespace

int main(int argc, char** argv)
{
    const auto started = Clock::now();
    if (argc == 4 && std::string_view(argv[1]) == "--startup-child" && layout_named(argv[2]))
        return startup_child(*layout_named(argv[2]), argv[3], started);
    Options options;
    if (argc == 2 && std::string_view(argv[1]) == "--quick")
        options = Options{600, 2, true};
    else if (argc != 1) {
        std::fprintf(stderr, "usage: bench-headless [--quick]\n");
        return 2;
    }
    std::printf("headless.screen width=%d height=%d refresh_hz=%.0f crawl_px_per_s=%.0f quick=%d\n", kWidth, kHeight, kRefreshHz, kCrawlPxPerS,
                options.quick ? 1 : 0);
    const TemporaryDirectory cache_directory;
    store_cached_feed(cache_directory.path);
    for (const Layout& layout : kLayouts)
        startup(layout, cache_directory.path, options);
    for (const Layout& layout : kLayouts)
        steady_frames(layout, options);
    for (const Layout& layout : kLayouts)
        board_of_fifty(layout, options);
    feed_parse("rss_utf8", make_rss("UTF-8"), options);
    feed_parse("json", make_json_feed(), options);
    return 0;
}

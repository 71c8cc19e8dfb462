#include "app/player.hpp"

#include "app/freshness.hpp"
#include "app/headless.hpp"
#include "app/settings.hpp"
#include "feed/feed_cache.hpp"
#include "feed/fetcher.hpp"
#include "feed/http_client.hpp"
#include "model/notice_board.hpp"
#include "model/schedule.hpp"
#include "platform/display_power.hpp"
#include "platform/local_time.hpp"
#include "platform/log.hpp"
#include "render/frame_clock.hpp"
#include "render/playback.hpp"
#include "render/scene.hpp"
#include "render/screen_transform.hpp"
#include "util/work_counters.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;  // monotonic: wall-clock jumps never jerk the crawl

volatile std::sig_atomic_t reload_requested = 0;

extern "C" void handle_sighup(int)
{
    reload_requested = 1;
}

std::optional<std::filesystem::file_time_type> modification_time(const std::optional<std::filesystem::path>& path)
{
    std::error_code error;
    if (!path)
        return std::nullopt;
    const auto time = std::filesystem::last_write_time(*path, error);
    if (error)
        return std::nullopt;
    return time;
}

std::string fixed(double value, int decimals)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

class Player {
public:
    Player(Config config, std::optional<std::filesystem::path> config_path, Display display, std::filesystem::path data_dir,
           bool fullscreen)
        : m_config(std::move(config))
        , m_config_path(std::move(config_path))
        , m_config_time(modification_time(m_config_path))
        , m_display(std::move(display))
        , m_fullscreen(fullscreen)
        , m_data_dir(std::move(data_dir))
        , m_feed_event(SDL_RegisterEvents(1))
        , m_board(m_config.notice_rules)
        , m_playback(m_display.refresh_hz(), pixels_per_refresh(m_config.crawl_speed_px_per_s, m_display.refresh_hz()))
        , m_frame_stats(m_display.refresh_hz(), 240 * 60)  // a minute at up to 240 Hz, reserved now
    {
    }

    // Builds the screen and starts the fetcher; false (with the reason logged) when the screen
    // cannot be built at all.
    bool start()
    {
        if (auto built = build_screen(BoardTiming::when_ready); !built) {
            log_line(built.error().message);
            return false;
        }
        log_display();
        if (m_fullscreen)
            make_display_power();
        apply_schedule(to_local(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())), true);
        start_fetcher();
        return true;
    }

    int run()
    {
        const auto start = Clock::now();
        auto next_second = start;
        auto next_stats_log = start + std::chrono::minutes(1);
        // SDL's software renderer says it has vsync but returns from present at once: frames are
        // then paced here, on a fixed grid of refresh periods.
        const bool paced_by_display = m_display.vsync() && std::string_view(m_display.renderer_name()) != "software";
        const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / m_display.refresh_hz()));
        auto next_frame = start;
        for (;;) {
            SDL_Event event;
            // Off hours: no frames at all, just a wake-up each second for the clock, the
            // schedule and the feeds, so the loop costs next to nothing overnight.
            if (!m_screen_on && SDL_WaitEventTimeout(&event, 1000)) {
                if (auto exit_code = handle_event(event))
                    return *exit_code;
            }
            while (SDL_PollEvent(&event)) {
                if (auto exit_code = handle_event(event))
                    return *exit_code;
            }
            if (reload_requested) {
                reload_requested = 0;
                reload("SIGHUP");
            }
            // Wall-clock matters only for ageing notices, the "updated HH:MM" line, the config
            // file's changes and the overlay: once a second.
            if (m_status_changed || Clock::now() >= next_second) {
                next_second = Clock::now() + std::chrono::seconds(1);
                handle_second();
            }
            if (m_rebuild)
                show_board();
            if (!m_screen_on) {
                m_previous_frame.reset();  // the dark hours are not a late frame
                continue;
            }

            const auto frame_start = Clock::now();
            if (m_previous_frame)
                m_frame_stats.record(std::chrono::duration<double>(frame_start - *m_previous_frame).count());
            m_previous_frame = frame_start;
            if (frame_start >= next_stats_log) {
                next_stats_log += std::chrono::minutes(1);
                log_line(describe(m_frame_stats.summary()));
                m_frame_stats.reset();
            }
            m_playback.frame(std::chrono::duration<double>(frame_start - start).count());
            draw_frame();
            if (!paced_by_display) {
                next_frame += period;
                if (next_frame < Clock::now() - period)
                    next_frame = Clock::now();  // far behind (the machine was busy): start the grid again
                std::this_thread::sleep_until(next_frame);
            }
        }
    }

private:
    SceneSettings scene_settings_now() const
    {
        SceneSettings settings = scene_settings(m_config);
        settings.refresh_hz = m_display.refresh_hz();
        return settings;
    }

    struct Loaded {
        ScreenGeometry geometry;
        Result<std::shared_ptr<Scene::Assets>> assets;
    };

    // A scene and how it goes onto the panel.
    struct Screen {
        ScreenTransform transform;
        std::unique_ptr<Scene> scene;
    };

    // at_once: the board's text is made before the new screen shows (a resized preview
    // window); when_ready: on the worker thread, while the screen before it (if any) stays.
    enum class BoardTiming { at_once, when_ready };

    // The scene for the window's current size, laid out for the upright safe area; the
    // transform turns it onto the panel. On failure the current screen stays.
    Status build_screen(BoardTiming timing)
    {
        int width = 0, height = 0;
        m_display.output_size(width, height);
        const ScreenGeometry geometry =
            screen_geometry(width, height, m_config.display.rotation_degrees, m_config.display.safe_area_percent);
        const FontRoles roles = font_roles(m_config, m_data_dir);
        const SceneSettings settings = scene_settings_now();
        m_loading = {};
        if (m_scene && timing == BoardTiming::when_ready) {
            // Fonts, pictures and fixed text of the new look are readied on another thread;
            // draw_frame takes them up when they are.
            m_loading = std::async(std::launch::async, [roles, geometry, settings] {
                return Loaded{geometry, Scene::load(roles, geometry.scene_width, geometry.scene_height, settings)};
            });
            return Done{};
        }
        auto assets = Scene::load(roles, geometry.scene_width, geometry.scene_height, settings);
        if (!assets)
            return assets.error();
        return finish_screen(geometry, *assets.value(), timing);
    }

    Status finish_screen(const ScreenGeometry& geometry, Scene::Assets& assets, BoardTiming timing)
    {
        auto transform = ScreenTransform::create(m_display.renderer(), geometry);
        if (!transform)
            return transform.error();
        Screen screen{std::move(transform.value()), Scene::create(m_display.renderer(), assets)};
        screen.scene->set_freshness_note(m_freshness);
        const auto urgent = configured_urgent_notices(m_config, m_board.notices(), now_seconds());
        m_urgent_keys = urgent_keys(urgent);
        m_next.reset();
        if (timing == BoardTiming::at_once)
            screen.scene->set_time(to_local(now_seconds()));
        else
            screen.scene->prepare_time(to_local(now_seconds()));
        if (m_board.notices().empty() && m_confirmed_at.empty()) {
            // No feed has answered yet: the scene waits a moment before it says "no notices".
        } else if (timing == BoardTiming::at_once) {
            screen.scene->set_notices(m_board.notices());
            screen.scene->set_urgent(urgent);
        } else {
            screen.scene->prepare_notices(m_board.notices());
            screen.scene->prepare_urgent(copies(urgent));
        }
        if (m_scene && timing == BoardTiming::when_ready)
            m_next = std::move(screen);  // shown by draw_frame once its text is all there
        else
            show_screen(std::move(screen));
        return Done{};
    }

    // A new look being loaded on another thread, when it is ready.
    void take_loaded_screen()
    {
        if (!m_loading.valid() || m_loading.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            return;
        Loaded loaded = m_loading.get();
        Status finished = loaded.assets ? finish_screen(loaded.geometry, *loaded.assets.value(), BoardTiming::when_ready)
                                        : Status(loaded.assets.error());
        if (!finished)
            log_line("reload: the screen keeps its previous look: " + finished.error().message);
    }

    void show_screen(Screen screen)
    {
        m_transform.emplace(std::move(screen.transform));
        m_scene = std::move(screen.scene);
        m_boards_logged = 0;
        m_whole_frame = true;  // the margins of a new safe area too
    }

    // The scene on screen, and the one being prepared to replace it.
    template <typename Change>
    void for_each_scene(const Change& change)
    {
        change(*m_scene);
        if (m_next)
            change(*m_next->scene);
    }

    static std::chrono::sys_seconds now_seconds()
    {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }

    static std::vector<std::string> urgent_keys(const std::vector<const Notice*>& urgent)
    {
        std::vector<std::string> keys;
        for (const Notice* notice : urgent)
            keys.push_back(notice->source_name + '\x1f' + notice->id + '\x1f' + notice->titles.front().text);
        return keys;
    }

    static std::vector<Notice> copies(const std::vector<const Notice*>& notices)
    {
        std::vector<Notice> copied;
        for (const Notice* notice : notices)
            copied.push_back(*notice);
        return copied;
    }

    void log_display() const
    {
        int width = 0, height = 0;
        m_display.output_size(width, height);
        log_line("display: " + std::to_string(width) + "x" + std::to_string(height) + " at " +
                 std::to_string(std::lround(m_display.refresh_hz())) + " Hz, " + m_display.renderer_name() + " renderer, vsync " +
                 (m_display.vsync() ? "on" : "off") + "; crawl " + std::to_string(m_playback.crawl_px_per_refresh()) +
                 " px per refresh (" + std::to_string(std::lround(m_playback.crawl_px_per_s())) + " px/s)");
    }

    void start_fetcher()
    {
        // The fetcher thread never touches SDL video: it only posts an event that wakes this
        // loop. It also reads the offline cache, so cached notices arrive the same way.
        FetcherOptions options;
        if (m_config.offline_cache)
            options.cache_directory = m_config.cache_directory.value_or(default_cache_directory());
        const Uint32 feed_event = m_feed_event;
        m_fetcher.reset();  // the old thread stops before the new one starts
        m_fetcher = std::make_unique<FeedFetcher>(m_config.feeds, [feed_event] {
            SDL_Event event{};
            event.type = feed_event;
            SDL_PushEvent(&event);
        }, options);
    }

    void handle_feed_updates()
    {
        for (auto& update : m_fetcher->take_updates()) {
            m_confirmed_at[update.source_name] = update.confirmed_at;
            m_status_changed = true;
            // Status-only updates (a 304, a failure) leave the notices as they are.
            if (!update.notices)
                continue;
            const std::size_t count = update.notices->size();
            if (m_board.apply(update.source_name, std::move(*update.notices))) {
                log_line("feed \"" + update.source_name + "\": " + std::to_string(count) + " notices (" +
                         std::to_string(m_board.notices().size()) + " from all feeds)");
                m_rebuild = true;
            }
        }
    }

    // An exit code when the player should stop.
    std::optional<int> handle_event(const SDL_Event& event)
    {
        if (event.type == SDL_QUIT)
            return 0;
        if (event.type == m_feed_event)
            handle_feed_updates();
        else if (event.type == SDL_KEYDOWN && !handle_key(event.key))
            return 0;
        else if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED && !handle_resize())
            return 1;
        return std::nullopt;
    }

    // On and off hours ([schedule]). Off: a black screen, and the system may let the panel
    // sleep; the player itself has no portable way to switch a panel off.
    // The lobby screen only: a preview window must not switch the desk's monitor off.
    void make_display_power()
    {
        m_power.emplace(DisplayPower::create(m_display.window(), m_config.schedule));
        log_line("display power: " + m_power->method());
    }

    void apply_schedule(const LocalTime& local, bool at_start)
    {
        const bool on = is_on(m_config.schedule, local);
        if (!at_start && on == m_screen_on)
            return;
        m_screen_on = on;
        const auto change = next_change(m_config.schedule, local);
        std::string until;
        if (change) {
            char when[40];
            std::snprintf(when, sizeof when, " until %04d-%02u-%02u %02d:%02d", static_cast<int>(change->date.year()),
                          static_cast<unsigned>(change->date.month()), static_cast<unsigned>(change->date.day()),
                          static_cast<int>(change->time_of_day.count() / 60), static_cast<int>(change->time_of_day.count() % 60));
            until = when;
        }
        if (on) {
            if (m_power)
                m_power->wake();
            else
                SDL_DisableScreenSaver();
            m_scene->invalidate();
            if (!at_start)
                log_line("schedule: on" + until);
            return;
        }
        log_line("schedule: off" + until + "; the screen is black" + (m_power ? "" : " (a preview window leaves the display awake)"));
        if (m_power)
            m_power->sleep();  // it says how, or why it cannot
        else
            SDL_EnableScreenSaver();
        SDL_SetRenderDrawColor(m_display.renderer(), 0, 0, 0, 255);
        SDL_RenderSetViewport(m_display.renderer(), nullptr);
        SDL_RenderClear(m_display.renderer());
        m_display.present();
    }

    // The desktop preview's keys. False: quit.
    bool handle_key(const SDL_KeyboardEvent& key)
    {
        switch (key.keysym.sym) {
        case SDLK_ESCAPE:
        case SDLK_q:
            return false;
        case SDLK_SPACE:
            m_playback.toggle_pause();
            break;
        case SDLK_LEFT:
            m_scene->step_featured(-1);
            break;
        case SDLK_RIGHT:
            m_scene->step_featured(1);
            break;
        case SDLK_PLUS:
        case SDLK_EQUALS:
        case SDLK_KP_PLUS:
            m_playback.faster();
            log_line("crawl: " + std::to_string(std::lround(m_playback.crawl_px_per_s())) + " px/s");
            break;
        case SDLK_MINUS:
        case SDLK_KP_MINUS:
            m_playback.slower();
            log_line("crawl: " + std::to_string(std::lround(m_playback.crawl_px_per_s())) + " px/s");
            break;
        case SDLK_r:
            reload("R");
            break;
        case SDLK_s:
            m_screenshot_requested = true;
            break;
        case SDLK_F1:
            m_overlay_shown = !m_overlay_shown;
            update_overlay();
            break;
        default:
            break;
        }
        return true;
    }

    // False when there is no screen to draw any more.
    bool handle_resize()
    {
        if (m_display.keeps_last_frame()) {
            // The software path gets a new renderer for the new window surface: the scene's
            // textures go with the old one, so the scene goes first.
            m_next.reset();
            m_scene.reset();
            m_transform.reset();
            if (auto renderer = m_display.handle_resize(); !renderer) {
                log_line("display: " + renderer.error().message);
                return false;
            }
        }
        if (auto built = build_screen(BoardTiming::at_once); !built) {
            log_line((m_scene ? "keeping the previous layout: " : "no screen after the resize: ") + built.error().message);
            return m_scene != nullptr;
        }
        return true;
    }

    void handle_second()
    {
        const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        m_rebuild |= m_board.set_now(now);
        std::optional<TimePoint> oldest;
        for (const auto& [name, when] : m_confirmed_at)
            if (when.time_since_epoch().count() != 0 && (!oldest || when < *oldest))
                oldest = when;
        if (auto note = freshness_note(oldest, now, m_config.stale_after); note != m_freshness) {
            m_freshness = std::move(note);
            for_each_scene([&](Scene& scene) { scene.set_freshness_note(m_freshness); });
        }
        m_status_changed = false;
        const LocalTime local = to_local(now);
        apply_schedule(local, false);
        for_each_scene([&](Scene& scene) { scene.prepare_time(local); });
        update_urgent(now);
        if (m_power)
            m_power->poll();
        if (const auto time = modification_time(m_config_path); time && time != m_config_time) {
            m_config_time = time;
            reload("the file changed");
        }
        update_overlay();
    }

    // Reads the config file again. A file with a mistake changes nothing: the screen keeps
    // running as it was, and the log says why.
    void reload(const std::string& why)
    {
        if (!m_config_path) {
            log_line("reload (" + why + "): no --config file; fetching the feeds again");
            start_fetcher();
            return;
        }
        auto loaded = load_config(*m_config_path);
        if (!loaded) {
            log_line("reload (" + why + "): kept the running configuration: " + loaded.error().message);
            return;
        }
        Config previous = std::move(m_config);
        m_config = std::move(loaded.value());
        m_config.offline_cache = previous.offline_cache;
        const bool screen_changed = m_config.fonts != previous.fonts || m_config.text != previous.text ||
                                    m_config.screen != previous.screen || m_config.display != previous.display ||
                                    m_config.urgent != previous.urgent ||
                                    m_config.featured_dwell_s != previous.featured_dwell_s ||
                                    m_config.featured_max_dwell_s != previous.featured_max_dwell_s ||
                                    m_config.featured_transition_s != previous.featured_transition_s;
        if (screen_changed) {
            if (auto built = build_screen(BoardTiming::when_ready); !built) {
                log_line("reload (" + why + "): kept the running configuration: " + built.error().message);
                m_config = std::move(previous);
                return;
            }
        }
        if (m_power && (m_config.schedule.display_off_command != previous.schedule.display_off_command ||
                         m_config.schedule.display_on_command != previous.schedule.display_on_command)) {
            make_display_power();
            apply_schedule(to_local(now_seconds()), true);
        }
        if (m_config.crawl_speed_px_per_s != previous.crawl_speed_px_per_s)
            m_playback.set_crawl_px_per_refresh(pixels_per_refresh(m_config.crawl_speed_px_per_s, m_display.refresh_hz()));
        if (m_config.notice_rules != previous.notice_rules) {
            m_board = NoticeBoard(m_config.notice_rules);
            m_confirmed_at.clear();
        }
        // Feeds no longer configured take their notices with them.
        for (const auto& old_source : previous.feeds) {
            const bool kept = std::any_of(m_config.feeds.begin(), m_config.feeds.end(),
                                          [&](const FeedSource& source) { return source.name == old_source.name; });
            if (!kept) {
                m_rebuild |= m_board.apply(old_source.name, {});
                m_confirmed_at.erase(old_source.name);
            }
        }
        // The fetcher starts over: new feeds are read at once, and the others answer from
        // their cache and a conditional GET, so the notices on screen stay.
        start_fetcher();
        log_line("reload (" + why + "): " + m_config_path->string() + " applied");
    }

    // Urgent notices preempt the rotation; they stop being urgent when they leave the feed or
    // grow older than [urgent] max_age_hours, so this runs at each board change and each second.
    void update_urgent(std::chrono::sys_seconds now)
    {
        const auto urgent = configured_urgent_notices(m_config, m_board.notices(), now);
        std::vector<std::string> keys = urgent_keys(urgent);
        if (keys == m_urgent_keys)
            return;
        m_urgent_keys = std::move(keys);
        for_each_scene([&](Scene& scene) { scene.prepare_urgent(copies(urgent)); });
        if (urgent.empty())
            log_line("urgent: none now; the rotation resumes");
        else
            log_line("urgent: " + std::to_string(urgent.size()) + " notice(s) preempt the rotation, first \"" +
                     urgent.front()->titles.front().text + "\"");
    }

    // The board's text is made on the scene's worker; the new board shows when it is ready.
    void show_board()
    {
        m_rebuild = false;
        for_each_scene([&](Scene& scene) { scene.prepare_notices(m_board.notices()); });
        update_urgent(now_seconds());
    }

    void log_board_shown()
    {
        if (m_scene->boards_shown() == m_boards_logged)
            return;
        m_boards_logged = m_scene->boards_shown();
        const SceneTextStats& stats = m_scene->text_stats();
        if (stats.notices_rasterized + stats.notices_reused == 0)
            return;  // an empty board: the screen says so itself
        log_line("screen: " + std::to_string(stats.notices_rasterized) + " notices rasterized, " +
                 std::to_string(stats.notices_reused) + " from the text cache; " + describe(stats.cache));
    }

    void update_overlay()
    {
        if (!m_overlay_shown) {
            m_scene->set_overlay({});
            return;
        }
        const FrameSummary frames = m_frame_stats.summary();
        const WorkCounts work = WorkCounters::now();
        m_scene->set_overlay({
            std::string(m_display.renderer_name()) + " renderer, vsync " + (m_display.vsync() ? "on" : "off") + ", " +
                std::to_string(std::lround(m_display.refresh_hz())) + " Hz",
            "this minute: " + describe(frames),
            "crawl " + std::to_string(m_playback.crawl_px_per_refresh()) + " px per refresh, " +
                std::to_string(std::lround(m_playback.crawl_px_per_s())) + " px/s" + (m_playback.paused() ? " (paused)" : ""),
            describe(m_scene->text_stats().cache),
            "since start: " + std::to_string(work.lines_shaped) + " lines shaped, " + std::to_string(work.lines_rasterized) +
                " rasterized, " + std::to_string(work.textures_uploaded) + " textures uploaded",
            std::to_string(m_board.notices().size()) + " notices; scene time " + fixed(m_playback.scene_seconds(), 1) + " s",
        });
    }

    void draw_frame()
    {
        take_loaded_screen();
        if (m_next) {
            // A reloaded look replaces the screen in one frame, once its text is all uploaded.
            m_next->scene->upload_prepared_text(std::chrono::milliseconds(3));
            if (!m_next->scene->preparing()) {
                show_screen(std::move(*m_next));
                m_next.reset();
            }
        }
        const FrameExtent extent = m_display.keeps_last_frame() && !m_whole_frame ? FrameExtent::changes_only : FrameExtent::whole;
        m_whole_frame = false;
        m_transform->begin_frame(extent == FrameExtent::whole);
        const auto changed = m_transform->end_frame(m_scene->draw(m_playback.scene_seconds(), m_playback.crawl_travelled(), extent));
        if (m_screenshot_requested) {
            m_screenshot_requested = false;
            save_screenshot();
        }
        m_display.present(changed ? &*changed : nullptr);
        log_board_shown();
    }

    // What is on the panel now, to a PNG in the current folder.
    void save_screenshot()
    {
        int width = 0, height = 0;
        m_display.output_size(width, height);
        SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
        if (!surface ||
            SDL_RenderReadPixels(m_display.renderer(), nullptr, SDL_PIXELFORMAT_ARGB8888, surface->pixels, surface->pitch) != 0) {
            log_line(std::string("screenshot: cannot read the screen: ") + SDL_GetError());
            return;
        }
        char name[64];
        const std::time_t now = std::time(nullptr);
        std::tm local{};
        localtime_r(&now, &local);
        std::strftime(name, sizeof name, "signage-%Y%m%d-%H%M%S.png", &local);
        if (auto saved = save_png(surface.get(), name); !saved)
            log_line("screenshot: " + saved.error().message);
        else
            log_line(std::string("screenshot: ") + name);
    }

    Config m_config;
    std::optional<std::filesystem::path> m_config_path;
    std::optional<std::filesystem::file_time_type> m_config_time;
    Display m_display;
    bool m_fullscreen;
    std::optional<DisplayPower> m_power;  // after the window it uses: goes before it
    std::filesystem::path m_data_dir;
    Uint32 m_feed_event;
    std::unique_ptr<FeedFetcher> m_fetcher;
    NoticeBoard m_board;
    std::map<std::string, std::chrono::sys_seconds> m_confirmed_at;  // per source; epoch: never
    std::string m_freshness;
    std::vector<std::string> m_urgent_keys;  // what the banner shows now
    std::optional<ScreenTransform> m_transform;
    std::unique_ptr<Scene> m_scene;
    std::future<Loaded> m_loading;  // a reloaded look's fonts and pictures
    std::optional<Screen> m_next;   // a reloaded look, shown when its text is ready
    std::size_t m_boards_logged = 0;
    bool m_whole_frame = true;
    Playback m_playback;
    FrameStats m_frame_stats;
    std::optional<Clock::time_point> m_previous_frame;
    bool m_rebuild = false;
    bool m_screen_on = true;
    bool m_status_changed = false;
    bool m_overlay_shown = false;
    bool m_screenshot_requested = false;
};

}  // namespace

int run_player(const Config& config, const DisplayRequest& request, const std::filesystem::path& data_dir,
               const std::optional<std::filesystem::path>& config_path)
{
    // Before any other thread runs: the zone is the process's TZ.
    if (auto zone = use_time_zone(config.screen.time_zone); !zone)
        log_line(zone.error().message + "; the clock shows the system's time zone");
    // Before SDL video starts here, so that the renderer probe's own start runs beside ours.
    std::optional<RendererProbeRun> probe;
    if (config.display.renderer == RendererChoice::automatic)
        probe = RendererProbeRun::start();
    // Declared first, torn down last: everything below uses SDL or curl.
    SdlSubsystems sdl(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    if (!sdl.ok()) {
        log_line(std::string("unable to start SDL video: ") + SDL_GetError());
        return 1;
    }
    CurlGlobal curl;

    auto display = Display::open(request, config.display.renderer, std::move(probe));
    if (!display) {
        log_line(display.error().message);
        return 1;
    }
    std::signal(SIGHUP, handle_sighup);
    Player player(config, config_path, std::move(display.value()), data_dir, !request.window_width);
    if (!player.start())
        return 1;
    return player.run();
}

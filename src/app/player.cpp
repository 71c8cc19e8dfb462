#include "app/player.hpp"

#include "app/freshness.hpp"
#include "app/settings.hpp"
#include "feed/feed_cache.hpp"
#include "feed/fetcher.hpp"
#include "feed/http_client.hpp"
#include "model/notice_board.hpp"
#include "platform/log.hpp"
#include "render/frame_clock.hpp"
#include "render/scene.hpp"
#include "render/screen_transform.hpp"

#include <chrono>
#include <cmath>
#include <optional>
#include <map>
#include <string>

namespace {

bool is_quit_key(const SDL_KeyboardEvent& key)
{
    return key.keysym.sym == SDLK_ESCAPE || key.keysym.sym == SDLK_q;
}

}  // namespace

int run_player(const Config& config, const DisplayRequest& request, const std::filesystem::path& data_dir)
{
    // Declared first, torn down last: everything below uses SDL or curl.
    SdlSubsystems sdl(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    if (!sdl.ok()) {
        log_line(std::string("unable to start SDL video: ") + SDL_GetError());
        return 1;
    }
    CurlGlobal curl;

    auto display = Display::open(request, config.display.renderer);
    if (!display) {
        log_line(display.error().message);
        return 1;
    }
    const FontRoles fonts = font_roles(config, data_dir);
    SceneSettings settings = scene_settings(config);
    settings.refresh_hz = display->refresh_hz();
    {
        int width = 0, height = 0;
        display->output_size(width, height);
        const int step = pixels_per_refresh(settings.crawl_speed_px_per_s, settings.refresh_hz);
        log_line("display: " + std::to_string(width) + "x" + std::to_string(height) + " at " +
                 std::to_string(std::lround(settings.refresh_hz)) + " Hz, " + display->renderer_name() + " renderer, vsync " +
                 (display->vsync() ? "on" : "off") + "; crawl " + std::to_string(step) + " px per refresh (" +
                 std::to_string(std::lround(step * settings.refresh_hz)) + " px/s)");
    }
    // The scene is laid out for the upright safe area; the transform turns it onto the panel.
    std::optional<ScreenTransform> transform;
    auto make_scene = [&]() -> Result<std::unique_ptr<Scene>> {
        int width = 0, height = 0;
        display->output_size(width, height);
        const ScreenGeometry geometry =
            screen_geometry(width, height, config.display.rotation_degrees, config.display.safe_area_percent);
        auto made_transform = ScreenTransform::create(display->renderer(), geometry);
        if (!made_transform)
            return made_transform.error();
        auto made_scene = Scene::create(display->renderer(), fonts, geometry.scene_width, geometry.scene_height, settings);
        if (made_scene)
            transform.emplace(std::move(made_transform.value()));
        return made_scene;
    };
    auto scene = make_scene();
    if (!scene) {
        log_line(scene.error().message);
        return 1;
    }

    // The fetcher thread never touches SDL video: it only posts an event that wakes this loop.
    // It also reads the offline cache, so cached notices arrive the same way, before any fetch.
    const Uint32 feed_event = SDL_RegisterEvents(1);
    FetcherOptions fetcher_options;
    if (config.offline_cache)
        fetcher_options.cache_directory = config.cache_directory.value_or(default_cache_directory());
    FeedFetcher fetcher(config.feeds, [feed_event] {
        SDL_Event event{};
        event.type = feed_event;
        SDL_PushEvent(&event);
    }, fetcher_options);

    NoticeBoard board(config.notice_rules);
    std::map<std::string, std::chrono::sys_seconds> confirmed_at;  // per source; epoch: never
    std::string freshness;
    using Clock = std::chrono::steady_clock;  // monotonic: wall-clock jumps never jerk the crawl
    const auto start = Clock::now();
    const auto fallback_frame = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / settings.refresh_hz));
    auto next_clock_check = start;
    RefreshCounter refreshes(settings.refresh_hz);
    // A minute of frames at up to 240 Hz, reserved now: recording a frame never allocates.
    FrameStats frame_stats(settings.refresh_hz, 240 * 60);
    auto next_stats_log = start + std::chrono::minutes(1);
    std::optional<Clock::time_point> previous_frame;
    for (;;) {
        SDL_Event event;
        bool rebuild = false;
        bool status_changed = false;
        while (SDL_PollEvent(&event)) {
            if (event.type == SDL_QUIT || (event.type == SDL_KEYDOWN && is_quit_key(event.key)))
                return 0;
            if (event.type == feed_event) {
                for (auto& update : fetcher.take_updates()) {
                    confirmed_at[update.source_name] = update.confirmed_at;
                    status_changed = true;
                    // Status-only updates (a 304, a failure) leave the notices as they are.
                    if (!update.notices)
                        continue;
                    const std::size_t count = update.notices->size();
                    if (board.apply(update.source_name, std::move(*update.notices))) {
                        log_line("feed \"" + update.source_name + "\": " + std::to_string(count) + " notices (" +
                                 std::to_string(board.notices().size()) + " from all feeds)");
                        rebuild = true;
                    }
                }
            } else if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                auto resized = make_scene();
                if (resized) {
                    scene = std::move(resized);
                    scene.value()->set_freshness_note(freshness);
                    rebuild = true;
                } else {
                    log_line("keeping the previous layout: " + resized.error().message);
                }
            }
        }
        // Wall-clock matters only for ageing notices and the "updated HH:MM" line: once a second.
        if (status_changed || Clock::now() >= next_clock_check) {
            next_clock_check = Clock::now() + std::chrono::seconds(1);
            const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
            rebuild |= board.set_now(now);
            std::optional<TimePoint> oldest;
            for (const auto& [name, when] : confirmed_at)
                if (when.time_since_epoch().count() != 0 && (!oldest || when < *oldest))
                    oldest = when;
            if (auto note = freshness_note(oldest, now, config.stale_after); note != freshness) {
                freshness = std::move(note);
                scene.value()->set_freshness_note(freshness);
            }
        }
        if (rebuild) {
            scene.value()->set_notices(board.notices());
            const SceneTextStats& stats = scene.value()->text_stats();
            log_line("screen: " + std::to_string(stats.notices_rasterized) + " notices rasterized, " +
                     std::to_string(stats.notices_reused) + " from the text cache; " + describe(stats.cache));
        }

        const auto frame_start = Clock::now();
        const double seconds = std::chrono::duration<double>(frame_start - start).count();
        if (previous_frame)
            frame_stats.record(std::chrono::duration<double>(frame_start - *previous_frame).count());
        previous_frame = frame_start;
        if (frame_start >= next_stats_log) {
            next_stats_log += std::chrono::minutes(1);
            log_line(describe(frame_stats.summary()));
            frame_stats.reset();
        }
        transform->begin_frame();
        scene.value()->draw(seconds, refreshes.advance(seconds));
        transform->end_frame();
        SDL_RenderPresent(display->renderer());
        if (!display->vsync())
            SDL_Delay(static_cast<Uint32>(std::max<long long>(
                0, std::chrono::duration_cast<std::chrono::milliseconds>(fallback_frame - (Clock::now() - frame_start)).count())));
    }
}

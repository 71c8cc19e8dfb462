#include "app/headless.hpp"

#include "app/settings.hpp"
#include "feed/feed_cache.hpp"
#include "feed/fetcher.hpp"
#include "feed/source_poller.hpp"
#include "model/alert_board.hpp"
#include "model/notice_board.hpp"
#include "model/schedule.hpp"
#include "platform/local_time.hpp"
#include "platform/log.hpp"
#include "render/screen_transform.hpp"

#include <SDL_image.h>

namespace signage::app {

Result<platform::SurfacePtr> render_still(const config::Config& config, const std::vector<model::Notice>& notices, const text::FontRoles& fonts,
                                const StillRequest& request)
{
    const int width = request.width;
    const int height = request.height;
    platform::SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface)
        return Error{std::string("unable to create a ") + std::to_string(width) + "x" + std::to_string(height) + " surface: " + SDL_GetError()};
    const model::TimePoint now = request.wall_clock.value_or(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    const platform::LocalTime local = platform::to_local(now);
    if (!model::is_on(config.schedule, local))
        return surface;  // off hours: black, as the player shows them
    {
        platform::RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
        if (!renderer)
            return Error{std::string("unable to create the software renderer: ") + SDL_GetError()};
        const render::ScreenGeometry geometry =
            render::screen_geometry(width, height, config.display.rotation_degrees, config.display.safe_area_percent);
        auto transform = render::ScreenTransform::create(renderer.get(), geometry);
        if (!transform)
            return transform.error();
        auto scene = render::Scene::create(renderer.get(), fonts, geometry.scene_width, geometry.scene_height, scene_settings(config));
        if (!scene)
            return scene.error();
        scene.value()->set_notices(notices);
        scene.value()->set_time(local);
        scene.value()->set_urgent(configured_urgent_notices(config, notices, now));
        model::AlertBoard alerts(config.alerts);
        static_cast<void>(alerts.apply("", request.alerts, now));
        scene.value()->set_alerts(alerts.shown());
        transform->begin_frame();
        scene.value()->draw(request.at_seconds);
        transform->end_frame();
        SDL_RenderPresent(renderer.get());
    }
    return surface;
}

// What the player would show for `source` at start without network: its cached copy, when the
// config keeps one (http and https sources only).
std::optional<feed::SourceRead> cached_copy(const config::Config& config, const config::FeedSource& source)
{
    if (!config.offline_cache)
        return std::nullopt;
    const feed::FeedCache cache(config.cache_directory.value_or(feed::default_cache_directory()));
    feed::SourcePoller poller(source, &cache);
    auto update = poller.start_from_cache();
    if (!update || (!update->notices && !update->alerts))
        return std::nullopt;
    return feed::SourceRead{update->notices.value_or(std::vector<model::Notice>{}), update->alerts.has_value(),
                            update->alerts.value_or(std::vector<model::Alert>{})};
}

Result<SourcesRead> read_all_sources(const config::Config& config)
{
    model::NoticeBoard board(config.notice_rules);
    board.set_now(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    std::vector<model::Alert> alerts;
    std::vector<std::string> failures;
    for (const auto& source : config.feeds) {
        auto read = feed::read_source_all(source);
        if (!read) {
            auto cached = cached_copy(config, source);
            if (!cached) {
                failures.push_back(read.error().message);
                continue;
            }
            // As the player does: a feed that cannot be read now shows its last good copy.
            platform::log({platform::LogLevel::warning, "feed", read.error().message + "; its cached copy is shown, as the player would"});
            read = std::move(*cached);
        }
        board.apply(source.name, std::move(read->notices));
        alerts.insert(alerts.end(), std::make_move_iterator(read->alerts.begin()), std::make_move_iterator(read->alerts.end()));
    }
    const bool nothing_read = !failures.empty() && failures.size() == config.feeds.size();
    // Each failure is said once: the last one becomes the error when nothing could be read.
    for (std::size_t i = 0; i + (nothing_read ? 1 : 0) < failures.size(); ++i)
        platform::log({platform::LogLevel::warning, "feed", failures[i]});
    if (nothing_read)
        return Error{failures.back()};
    return SourcesRead{board.notices(), std::move(alerts)};
}

Status save_png(SDL_Surface* surface, const std::string& path)
{
    if (IMG_SavePNG(surface, path.c_str()) != 0)
        return Error{path + ": cannot write PNG: " + SDL_GetError()};
    return Done{};
}

}  // namespace signage::app

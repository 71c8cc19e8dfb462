#include "app/headless.hpp"

#include "feed/fetcher.hpp"
#include "model/notice_board.hpp"
#include "platform/local_time.hpp"
#include "platform/log.hpp"
#include "render/screen_transform.hpp"

#include <SDL_image.h>

Result<SurfacePtr> render_still(const std::vector<Notice>& notices, const SceneSettings& settings, const FontRoles& fonts,
                                int width, int height, double at_seconds, const DisplaySettings& display,
                                std::optional<TimePoint> wall_clock)
{
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface)
        return Error{std::string("unable to create a ") + std::to_string(width) + "x" + std::to_string(height) + " surface: " + SDL_GetError()};
    {
        RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
        if (!renderer)
            return Error{std::string("unable to create the software renderer: ") + SDL_GetError()};
        const ScreenGeometry geometry = screen_geometry(width, height, display.rotation_degrees, display.safe_area_percent);
        auto transform = ScreenTransform::create(renderer.get(), geometry);
        if (!transform)
            return transform.error();
        auto scene = Scene::create(renderer.get(), fonts, geometry.scene_width, geometry.scene_height, settings);
        if (!scene)
            return scene.error();
        scene.value()->set_notices(notices);
        scene.value()->set_time(
            to_local(wall_clock.value_or(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()))));
        transform->begin_frame();
        scene.value()->draw(at_seconds);
        transform->end_frame();
        SDL_RenderPresent(renderer.get());
    }
    return surface;
}

Result<std::vector<Notice>> read_all_sources(const Config& config)
{
    NoticeBoard board(config.notice_rules);
    board.set_now(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    std::vector<std::string> failures;
    for (const auto& source : config.feeds) {
        auto notices = read_source(source);
        if (notices)
            board.apply(source.name, std::move(notices.value()));
        else
            failures.push_back(notices.error().message);
    }
    const bool nothing_read = !failures.empty() && failures.size() == config.feeds.size();
    // Each failure is said once: the last one becomes the error when nothing could be read.
    for (std::size_t i = 0; i + (nothing_read ? 1 : 0) < failures.size(); ++i)
        log_line(failures[i]);
    if (nothing_read)
        return Error{failures.back()};
    return board.notices();
}

Status save_png(SDL_Surface* surface, const std::string& path)
{
    if (IMG_SavePNG(surface, path.c_str()) != 0)
        return Error{path + ": cannot write PNG: " + SDL_GetError()};
    return Done{};
}

#include "app/headless.hpp"

#include "feed/fetcher.hpp"
#include "model/notice_board.hpp"
#include "platform/log.hpp"

#include <SDL_image.h>

Result<SurfacePtr> render_still(const std::vector<Notice>& notices, const SceneSettings& settings,
                                const std::filesystem::path& data_dir, int width, int height, double at_seconds)
{
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface)
        return Error{std::string("unable to create a ") + std::to_string(width) + "x" + std::to_string(height) + " surface: " + SDL_GetError()};
    {
        RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
        if (!renderer)
            return Error{std::string("unable to create the software renderer: ") + SDL_GetError()};
        auto scene = Scene::create(renderer.get(), BundledFonts::in(data_dir), width, height, settings);
        if (!scene)
            return scene.error();
        scene.value()->set_notices(notices);
        scene.value()->draw(at_seconds);
        SDL_RenderPresent(renderer.get());
    }
    return surface;
}

Result<std::vector<Notice>> read_all_sources(const Config& config)
{
    NoticeBoard board;
    std::string last_error;
    std::size_t read = 0;
    for (const auto& source : config.feeds) {
        auto notices = read_source(source);
        if (!notices) {
            log_line(notices.error().message);
            last_error = notices.error().message;
            continue;
        }
        ++read;
        board.apply(source.name, std::move(notices.value()));
    }
    if (read == 0 && !config.feeds.empty())
        return Error{last_error};
    return board.notices();
}

Status save_png(SDL_Surface* surface, const std::string& path)
{
    if (IMG_SavePNG(surface, path.c_str()) != 0)
        return Error{path + ": cannot write PNG: " + SDL_GetError()};
    return Done{};
}

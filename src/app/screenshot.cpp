#include "app/screenshot.hpp"

#include "app/headless.hpp"

#include <ctime>
#include <string>

namespace signage::app {

Result<platform::SurfacePtr> read_screen(const platform::Display& display)
{
    int width = 0, height = 0;
    display.output_size(width, height);
    platform::SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface ||
        SDL_RenderReadPixels(display.renderer(), nullptr, SDL_PIXELFORMAT_ARGB8888, surface->pixels, surface->pitch) != 0)
        return Error{std::string("cannot read the screen: ") + SDL_GetError()};
    return surface;
}

void save_screenshot(const platform::Display& display, std::chrono::sys_seconds now,
                     const platform::LogSink& log)
{
    auto surface = read_screen(display);
    if (!surface) {
        log({platform::LogLevel::warning, "screenshot", surface.error().message});
        return;
    }
    char name[64];
    const std::time_t time = static_cast<std::time_t>(now.time_since_epoch().count());
    std::tm local{};
    localtime_r(&time, &local);
    std::strftime(name, sizeof name, "signage-%Y%m%d-%H%M%S.png", &local);
    if (auto saved = save_png(surface.value().get(), name); !saved)
        log({platform::LogLevel::warning, "screenshot", saved.error().message});
    else
        log({platform::LogLevel::info, "screenshot", name});
}

}  // namespace signage::app

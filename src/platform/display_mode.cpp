#include "platform/display_mode.hpp"

#include "platform/log.hpp"

#include <cstdlib>
#include <tuple>
#include <utility>

namespace signage::platform {

namespace {

std::string mode_text(int width, int height, int refresh_hz)
{
    std::string text = std::to_string(width) + "x" + std::to_string(height);
    if (refresh_hz > 0)
        text += "@" + std::to_string(refresh_hz);
    return text;
}

// Smaller is better: the distance in size, then in refresh rate (to the one asked for, else the
// highest first).
std::tuple<int, int> distance(const config::ScreenMode& wanted, const OfferedMode& mode)
{
    const int size = std::abs(mode.width - wanted.width) + std::abs(mode.height - wanted.height);
    const int refresh = wanted.refresh_hz > 0 ? std::abs(mode.refresh_hz - wanted.refresh_hz) : -mode.refresh_hz;
    return {size, refresh};
}

std::vector<OfferedMode> modes_of_display(int display)
{
    std::vector<OfferedMode> modes;
    for (int i = 0; i < SDL_GetNumDisplayModes(display); ++i) {
        SDL_DisplayMode mode{};
        if (SDL_GetDisplayMode(display, i, &mode) == 0)
            modes.push_back({mode.w, mode.h, mode.refresh_rate});
    }
    return modes;
}

// The mode `wanted` comes closest to on the first display, as SDL lists it (KMSDRM finds its own
// record of the mode through the listed one).
std::optional<std::pair<SDL_DisplayMode, ModeChoice>> closest_mode(const config::ScreenMode& wanted)
{
    const auto choice = choose_mode(wanted, modes_of_display(0));
    SDL_DisplayMode mode{};
    if (!choice || SDL_GetDisplayMode(0, static_cast<int>(choice->index), &mode) != 0)
        return std::nullopt;
    return std::pair{mode, *choice};
}

}  // namespace

std::optional<ModeChoice> choose_mode(const config::ScreenMode& wanted, const std::vector<OfferedMode>& offered)
{
    if (offered.empty())
        return std::nullopt;
    const OfferedMode* best = &offered.front();
    for (const OfferedMode& mode : offered)
        if (distance(wanted, mode) < distance(wanted, *best))
            best = &mode;
    const bool same_size = best->width == wanted.width && best->height == wanted.height;
    const bool same_refresh = wanted.refresh_hz == 0 || best->refresh_hz == wanted.refresh_hz;
    return ModeChoice{*best, static_cast<std::size_t>(best - offered.data()), same_size && same_refresh};
}

std::string describe_choice(const config::ScreenMode& wanted, const ModeChoice& choice)
{
    std::string line = mode_text(choice.mode.width, choice.mode.height, choice.mode.refresh_hz) + " (asked " +
                       mode_text(wanted.width, wanted.height, wanted.refresh_hz);
    if (!choice.exact)
        line += "; the panel has no such mode, so the closest it has";
    return line + ")";
}

Result<WindowPtr> make_window(std::optional<int> width, std::optional<int> height, const config::ScreenMode& mode)
{
    const bool fullscreen = !width;
    if (!fullscreen && !mode.native())
        log({LogLevel::notice, "display", "[display] mode " + mode_text(mode.width, mode.height, mode.refresh_hz) + " is for fullscreen; a window keeps its size"});
    const auto switched = fullscreen && !mode.native() ? closest_mode(mode) : std::nullopt;
    if (fullscreen && !mode.native() && !switched)
        log({LogLevel::warning, "display", std::string("the display lists no modes (") + SDL_GetError() + "); the native mode stays"});
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    // FULLSCREEN_DESKTOP keeps the display's native mode: no mode switch, no blurry scaling.
    if (fullscreen)
        flags |= switched ? SDL_WINDOW_FULLSCREEN : SDL_WINDOW_FULLSCREEN_DESKTOP;
    else
        flags |= SDL_WINDOW_RESIZABLE;
    // Fullscreen windows are still created at the desktop's size (or the mode's): some X11 setups
    // (no window manager, as on a bare kiosk) never resize a 0x0 window to fill the screen.
    SDL_DisplayMode size{};
    if (switched)
        size = switched->first;
    else if (fullscreen && SDL_GetDesktopDisplayMode(0, &size) != 0)
        size = SDL_DisplayMode{0, 1280, 720, 0, nullptr};
    WindowPtr window(SDL_CreateWindow("signage-player", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width.value_or(size.w),
                                      height.value_or(size.h), flags));
    if (!window)
        return Error{std::string("unable to create the window: ") + SDL_GetError()};
    if (switched && SDL_SetWindowDisplayMode(window.get(), &switched->first) != 0)
        log({LogLevel::warning, "display", "unable to switch to " + mode_text(size.w, size.h, size.refresh_rate) + " (" + SDL_GetError() + ")"});
    else if (switched)
        log({LogLevel::info, "display", describe_choice(mode, switched->second)});
    return window;
}

}  // namespace signage::platform

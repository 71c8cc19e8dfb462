#include "platform/display_loss.hpp"

#include "platform/log.hpp"

#include <SDL_syswm.h>

#include <atomic>
#include <cstdlib>

#include <dlfcn.h>

// After every header of ours: Xlib defines Status, None and Bool as macros.
#include <X11/Xlib.h>

namespace signage::platform {

namespace {

std::atomic<bool> g_x11_broken{false};
std::atomic<Display*> g_x11_watched{nullptr};

// Called by Xlib first, for every connection. On ours, quiet: the loop says it. On SDL's other
// one, Xlib's exit(1) follows this at once: the line that says why is written here.
int quiet_io_error(Display* display)
{
    if (display != g_x11_watched.load())
        log({LogLevel::error, "display", "the connection to the X server broke; the player stops (exit code 1), and systemd starts it again"});
    return 0;
}

// Called next, in place of exit(1). Returning leaves the connection marked dead: every later
// Xlib call on it returns at once, until SDL's video goes and closes it.
void note_broken(Display*, void*)
{
    g_x11_broken = true;
}

void (*g_on_x11_loss)() = nullptr;

int call_on_x11_loss(Display*)
{
    if (g_on_x11_loss)
        g_on_x11_loss();
    std::_Exit(1);
}

SDL_SysWMinfo window_info(SDL_Window* window)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!window || !SDL_GetWindowWMInfo(window, &info))
        info.subsystem = SDL_SYSWM_UNKNOWN;
    return info;
}

// libwayland-client, as SDL loaded it; the player does not link it.
int wayland_error(void* display)
{
    void* library = ::dlopen("libwayland-client.so.0", RTLD_NOW | RTLD_NOLOAD);
    if (!library)
        return 0;
    using GetError = int (*)(void*);
    auto get_error = reinterpret_cast<GetError>(::dlsym(library, "wl_display_get_error"));
    const int error = get_error ? get_error(display) : 0;
    ::dlclose(library);
    return error;
}

}  // namespace

void watch_connection(SDL_Window* window)
{
    const SDL_SysWMinfo info = window_info(window);
    if (info.subsystem != SDL_SYSWM_X11)
        return;
    g_x11_broken = false;
    g_x11_watched = info.info.x11.display;
    XSetIOErrorHandler(quiet_io_error);
    XSetIOErrorExitHandler(info.info.x11.display, note_broken, nullptr);
}

void end_quietly_on_x11_loss(void (*on_broken)())
{
    g_on_x11_loss = on_broken;
    XSetIOErrorHandler(call_on_x11_loss);
}

std::optional<LostConnection> connection_lost(SDL_Window* window)
{
    const SDL_SysWMinfo info = window_info(window);
    if (info.subsystem == SDL_SYSWM_X11 && g_x11_broken)
        return LostConnection{"the connection to the X server broke (the X server stopped or restarted)", false};
    if (info.subsystem == SDL_SYSWM_WAYLAND && info.info.wl.display && wayland_error(info.info.wl.display) != 0)
        return LostConnection{"the connection to the Wayland compositor broke (the compositor stopped or restarted)", false};
    return std::nullopt;
}

}  // namespace signage::platform

#pragma once
// Whether the window's display went away under the player: the X server gone, the Wayland
// compositor gone. Xlib's default answer to a broken connection ends the process (exit(1) from
// its IO error handler); watch_connection turns that into a mark the loop reads, so the player
// can drop the window and wait for a display again instead (libX11 1.7 or later, which lets the
// exit be replaced: XSetIOErrorExitHandler).
#include <SDL.h>

#include <optional>
#include <string>

namespace signage::platform {

// Call once for each new window. X11: SDL's connection then marks itself broken instead of
// ending the process. Other drivers: nothing to do.
void watch_connection(SDL_Window* window);

// For a process that ends when its X connection breaks (the renderer probe): `on_broken` runs
// in place of Xlib's message and exit, and must end the process itself.
void end_quietly_on_x11_loss(void (*on_broken)());

struct LostConnection {
    std::string why;
    bool reopenable = true;  // false: SDL video cannot be closed in this process (X11, Wayland)
};
// The window's display connection gone, or nullopt while it works (and for drivers where the
// player cannot tell: KMSDRM, offscreen, dummy).
std::optional<LostConnection> connection_lost(SDL_Window* window);

}  // namespace signage::platform

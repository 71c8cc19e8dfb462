#pragma once
// Switching the panel off and on through the X server's DPMS extension (Display Power
// Management Signaling), for a window on X11. Each call is one short round trip to the X
// server; nothing waits on the panel itself.
#include "util/result.hpp"

#include <SDL.h>

struct _XDisplay;  // Xlib's Display, kept out of this header: Xlib's macros (Status, None) clash with ours

namespace signage::platform {

class X11Dpms {
public:
    // For the X server of `window`. The error says why it cannot be used: the video driver is not
    // x11 (naming it), the server has no DPMS extension, or its screens cannot do DPMS.
    // The connection belongs to SDL's video driver: do not keep this past the window.
    static Result<X11Dpms> for_window(SDL_Window* window);

    // The panel off now, whatever the server's own timeouts. DPMS is enabled first when it was
    // disabled (xset -dpms), as the server refuses to force a level otherwise.
    Status force_off();
    // The panel on again, and DPMS disabled again if force_off enabled it.
    Status force_on();

private:
    explicit X11Dpms(_XDisplay* display) : m_display(display) {}

    _XDisplay* m_display;  // owned by SDL
    bool m_enabled_here = false;
};

}  // namespace signage::platform

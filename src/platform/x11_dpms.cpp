#include "platform/x11_dpms.hpp"

#include <SDL_syswm.h>

#include <string>
#include <string_view>

// After every header of ours: Xlib defines Status, None and Bool as macros.
#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>

namespace signage::platform {

#ifndef SDL_VIDEO_DRIVER_X11
#error "SDL2 was built without X11; the player needs an SDL2 with X11 support (Debian's libsdl2-dev)"
#endif

namespace {

// Xlib reports a refused request later, to a process-wide handler whose default ends the
// process. While the player's own DPMS requests are answered, a refusal is noted instead.
int g_refused_request_code = 0;

int note_refusal(Display*, XErrorEvent* event)
{
    g_refused_request_code = event->error_code;
    return 0;
}

// Sends `requests` and waits for the server to answer them, so a refusal becomes an error
// here and not a crash of the player later.
template <class Requests>
Result<Done> answered(Display* display, std::string_view what, Requests requests)
{
    XSync(display, False);  // SDL's own requests meet SDL's handler, not ours
    g_refused_request_code = 0;
    XErrorHandler previous = XSetErrorHandler(note_refusal);
    const bool sent = requests();
    XSync(display, False);
    XSetErrorHandler(previous);
    if (g_refused_request_code != 0) {
        char text[160] = "";
        XGetErrorText(display, g_refused_request_code, text, sizeof text);
        return Error{"the X server refused to " + std::string(what) + " (" + text + ")"};
    }
    if (!sent)
        return Error{"the X server did not answer when asked to " + std::string(what)};
    return Done{};
}

}  // namespace

Result<X11Dpms> X11Dpms::for_window(SDL_Window* window)
{
    const char* driver = SDL_GetCurrentVideoDriver();
    if (!driver)
        return Error{"SDL's video is not started"};
    if (std::string_view(driver) != "x11")
        return Error{"SDL's video driver is \"" + std::string(driver) + "\", which gives the player no way to switch the display off"};
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!window || !SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11)
        return Error{"the window's X11 connection is not available: " + std::string(SDL_GetError())};
    Display* display = info.info.x11.display;
    int event_base = 0;
    int error_base = 0;
    if (!DPMSQueryExtension(display, &event_base, &error_base))
        return Error{"the X server has no DPMS extension"};
    if (!DPMSCapable(display))
        return Error{"the X server cannot switch its screens off (not DPMS-capable)"};
    return X11Dpms(display);
}

Result<Done> X11Dpms::force_off()
{
    return answered(m_display, "switch the display off (DPMS)", [&] {
        CARD16 level = 0;
        BOOL enabled = False;
        if (!DPMSInfo(m_display, &level, &enabled))
            return false;
        if (!enabled) {
            DPMSEnable(m_display);
            m_enabled_here = true;
        }
        DPMSForceLevel(m_display, DPMSModeOff);
        return true;
    });
}

Result<Done> X11Dpms::force_on()
{
    return answered(m_display, "switch the display on (DPMS)", [&] {
        CARD16 level = 0;
        BOOL enabled = False;
        if (!DPMSInfo(m_display, &level, &enabled))
            return false;
        // With DPMS disabled the server keeps the panel on: there is nothing to force.
        if (enabled)
            DPMSForceLevel(m_display, DPMSModeOn);
        if (m_enabled_here) {
            DPMSDisable(m_display);
            m_enabled_here = false;
        }
        return true;
    });
}

}  // namespace signage::platform

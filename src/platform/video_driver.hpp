#pragma once
// Which of SDL's video drivers to try, in which order, and starting SDL video on the first that
// works. A desktop names its display server in the environment (WAYLAND_DISPLAY, DISPLAY); the
// service at boot has neither and draws straight on the panel through KMS/DRM. When nothing
// works, one line says what each driver said.
#include "platform/sdl_handles.hpp"
#include "util/result.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace signage::platform {

// What the choice depends on, read from the process (current()) or written by a test.
struct VideoEnvironment {
    std::string videodriver;      // SDL_VIDEODRIVER: a driver, or several separated by commas
    std::string x_display;        // DISPLAY
    std::string wayland_display;  // WAYLAND_DISPLAY
    bool drm_card = false;        // some /dev/dri/card* exists

    static VideoEnvironment current();
};

struct DriverTry {
    std::string name;     // as SDL spells it ("x11", "wayland", "KMSDRM", ...)
    std::string skipped;  // why it is not tried; empty: it is
};

// SDL_VIDEODRIVER set: only the drivers it names, in its order. Otherwise WAYLAND_DISPLAY puts
// wayland first (then x11, for XWayland, when DISPLAY is set too); DISPLAY alone, x11; neither,
// KMSDRM (the service at boot). A display server named in the environment keeps KMSDRM out: it
// would take the panel from the desktop. `compiled_in`: SDL_GetVideoDriver's names, in SDL's
// order; a driver it lacks is skipped and says so.
std::vector<DriverTry> plan_video_drivers(const VideoEnvironment& environment, const std::vector<std::string>& compiled_in);

// The drivers this SDL was built with, in its own order (x11, wayland, KMSDRM, offscreen, dummy
// ... for Debian 12's SDL 2.26).
std::vector<std::string> compiled_in_video_drivers();

// Why `driver` did not start, in words for the log: SDL itself says only "x11 not available".
std::string explain_failure(const std::string& driver, const std::string& sdl_error, const VideoEnvironment& environment);

struct StartedVideo {
    std::unique_ptr<SdlSubsystems> sdl;  // SDL video and events, on `driver`
    std::string driver;
};

// Starts SDL video (and events) on each driver of `plan` in turn and calls `use` (making the
// window, say) until one works; `use` failing moves on to the next driver. The error, when none
// works, is the one line "none found (x11: no DISPLAY set; wayland: ...; KMSDRM: ...)".
using UseVideo = std::function<Status(const std::string& driver)>;
Result<StartedVideo> start_video(const std::vector<DriverTry>& plan, const VideoEnvironment& environment, const UseVideo& use);

}  // namespace signage::platform

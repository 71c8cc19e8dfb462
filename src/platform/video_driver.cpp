#include "platform/video_driver.hpp"

#include "util/ascii.hpp"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>

namespace signage::platform {

namespace {

std::string variable(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool any_drm_card()
{
    std::error_code error;
    for (std::filesystem::directory_iterator entry("/dev/dri", error), end; !error && entry != end; entry.increment(error))
        if (entry->path().filename().string().starts_with("card"))
            return true;
    return false;
}

constexpr std::string_view no_drm_card = "no /dev/dri/card* (is the vc4-kms-v3d overlay on in config.txt?)";

// SDL video on `driver` alone, whatever SDL_VIDEODRIVER says (the plan already read it).
Result<std::unique_ptr<SdlSubsystems>> start_on(const std::string& driver)
{
    SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, driver.c_str(), SDL_HINT_OVERRIDE);
    auto sdl = std::make_unique<SdlSubsystems>(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    const std::string error = sdl->ok() ? "" : SDL_GetError();
    SDL_ResetHint(SDL_HINT_VIDEODRIVER);
    if (!sdl->ok())
        return Error{error};
    return sdl;
}

}  // namespace

VideoEnvironment VideoEnvironment::current()
{
    return {variable("SDL_VIDEODRIVER"), variable("DISPLAY"), variable("WAYLAND_DISPLAY"), any_drm_card()};
}

std::vector<std::string> compiled_in_video_drivers()
{
    std::vector<std::string> names;
    for (int i = 0; i < SDL_GetNumVideoDrivers(); ++i)
        if (const char* name = SDL_GetVideoDriver(i))
            names.push_back(ascii_lower(name));
    return names;
}

std::vector<DriverTry> plan_video_drivers(const VideoEnvironment& environment, const std::vector<std::string>& compiled_in)
{
    std::vector<DriverTry> plan;
    const auto add = [&](std::string_view name, std::string skipped) {
        std::string wanted = ascii_lower(name);
        bool built = false;
        for (const std::string& known : compiled_in)
            built = built || ascii_lower(known) == wanted;
        plan.push_back({std::move(wanted), built ? std::move(skipped) : "not built into this SDL"});
    };
    if (!environment.videodriver.empty()) {
        std::string_view names = environment.videodriver;
        while (!names.empty()) {
            const auto comma = names.find(',');
            if (const std::string_view name = trimmed(names.substr(0, comma)); !name.empty())
                add(name, "");
            names = comma == std::string_view::npos ? std::string_view{} : names.substr(comma + 1);
        }
        return plan;
    }
    const bool wayland = !environment.wayland_display.empty();
    const bool x = !environment.x_display.empty();
    if (wayland) {
        add("wayland", "");
        add("x11", x ? "" : "no DISPLAY set");
    } else {
        add("x11", x ? "" : "no DISPLAY set");
        add("wayland", "no WAYLAND_DISPLAY");
    }
    std::string kms_skipped;
    if (wayland || x)
        kms_skipped = std::string(wayland ? "WAYLAND_DISPLAY" : "DISPLAY") +
                      " names a desktop, whose panel it would take (SDL_VIDEODRIVER=kmsdrm takes it anyway)";
    else if (!environment.drm_card)
        kms_skipped = no_drm_card;
    add("kmsdrm", kms_skipped);
    return plan;
}

std::string explain_failure(const std::string& driver, const std::string& sdl_error, const VideoEnvironment& environment)
{
    // SDL says "<driver> not available" when the driver found nothing to run on.
    if (ascii_lower(sdl_error) != ascii_lower(driver) + " not available")
        return sdl_error.empty() ? "failed, and SDL did not say why" : sdl_error;
    if (driver == "x11")
        return environment.x_display.empty() ? "no DISPLAY set" : "no X server answers on DISPLAY=" + environment.x_display;
    if (driver == "wayland")
        return environment.wayland_display.empty() ? "no WAYLAND_DISPLAY"
                                                    : "no Wayland compositor answers on WAYLAND_DISPLAY=" + environment.wayland_display;
    if (driver == "kmsdrm")
        return environment.drm_card ? "no /dev/dri/card* with a connected display, or a desktop holds it (DRM master)" : std::string(no_drm_card);
    if (driver == "dummy" || driver == "evdev")
        return "SDL starts it only when SDL_VIDEODRIVER names it alone";
    return sdl_error;
}

Result<StartedVideo> start_video(const std::vector<DriverTry>& plan, const VideoEnvironment& environment, const UseVideo& use)
{
    std::string said;
    for (const DriverTry& candidate : plan) {
        std::string why = candidate.skipped;
        if (why.empty()) {
            auto started = start_on(candidate.name);
            if (!started) {
                why = explain_failure(candidate.name, started.error().message, environment);
            } else if (Status used = use(candidate.name); used) {
                return StartedVideo{std::move(started.value()), candidate.name};
            } else {
                why = used.error().message;
            }
        }
        said += (said.empty() ? "" : "; ") + candidate.name + ": " + why;
    }
    return Error{"none found (" + (said.empty() ? std::string("SDL_VIDEODRIVER names no driver") : said) + ")"};
}

}  // namespace signage::platform

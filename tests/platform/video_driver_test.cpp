// Which video driver the player tries, in which order, from what the environment names: a desktop
// (Wayland, X11) or none (the service at boot, straight on the panel through KMSDRM). When no
// driver works, one line says what each said; when one fails, the next is tried.
#include "platform/display.hpp"
#include "platform/video_driver.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace signage::platform {

namespace {

// Debian 12's SDL 2.26, lowercased as compiled_in_video_drivers() gives them.
const std::vector<std::string> debian_sdl = {"x11", "wayland", "kmsdrm", "offscreen", "dummy", "evdev"};

// "name" for a driver tried, "name (why not)" for one skipped.
std::vector<std::string> written(const std::vector<DriverTry>& plan)
{
    std::vector<std::string> lines;
    for (const DriverTry& driver : plan)
        lines.push_back(driver.skipped.empty() ? driver.name : driver.name + " (" + driver.skipped + ")");
    return lines;
}

const std::string no_card = "no /dev/dri/card* (is the vc4-kms-v3d overlay on in config.txt?)";

}  // namespace

TEST_CASE("with no display server named, the service at boot tries KMSDRM alone, and without a DRM card says so")
{
    CHECK(written(plan_video_drivers({"", "", "", true}, debian_sdl)) ==
          std::vector<std::string>{"x11 (no DISPLAY set)", "wayland (no WAYLAND_DISPLAY)", "kmsdrm"});
    CHECK(written(plan_video_drivers({"", "", "", false}, debian_sdl)) ==
          std::vector<std::string>{"x11 (no DISPLAY set)", "wayland (no WAYLAND_DISPLAY)", "kmsdrm (" + no_card + ")"});
    CHECK(written(plan_video_drivers({"", "", "", true}, {"x11", "wayland", "offscreen", "dummy"})) ==
          std::vector<std::string>{"x11 (no DISPLAY set)", "wayland (no WAYLAND_DISPLAY)", "kmsdrm (not built into this SDL)"});
}

TEST_CASE("a desktop's display server comes first, and keeps KMSDRM from taking its panel")
{
    const std::string kms_kept_out = " names a desktop, whose panel it would take (SDL_VIDEODRIVER=kmsdrm takes it anyway)";
    CHECK(written(plan_video_drivers({"", ":0", "", true}, debian_sdl)) ==
          std::vector<std::string>{"x11", "wayland (no WAYLAND_DISPLAY)", "kmsdrm (DISPLAY" + kms_kept_out + ")"});
    CHECK(written(plan_video_drivers({"", "", "wayland-1", true}, debian_sdl)) ==
          std::vector<std::string>{"wayland", "x11 (no DISPLAY set)", "kmsdrm (WAYLAND_DISPLAY" + kms_kept_out + ")"});
    // Under a Wayland desktop with XWayland: Wayland first, X11 next.
    CHECK(written(plan_video_drivers({"", ":0", "wayland-0", false}, debian_sdl)) ==
          std::vector<std::string>{"wayland", "x11", "kmsdrm (WAYLAND_DISPLAY" + kms_kept_out + ")"});
}

TEST_CASE("SDL_VIDEODRIVER names the only drivers tried, in its order, whatever else the environment says")
{
    CHECK(written(plan_video_drivers({"kmsdrm", ":0", "wayland-0", false}, debian_sdl)) == std::vector<std::string>{"kmsdrm"});
    CHECK(written(plan_video_drivers({"KMSDRM", "", "", false}, debian_sdl)) == std::vector<std::string>{"kmsdrm"});
    CHECK(written(plan_video_drivers({"wayland, x11", ":0", "", true}, debian_sdl)) == std::vector<std::string>{"wayland", "x11"});
    CHECK(written(plan_video_drivers({"directfb,dummy,", "", "", true}, debian_sdl)) ==
          std::vector<std::string>{"directfb (not built into this SDL)", "dummy"});
    CHECK(plan_video_drivers({",", "", "", true}, debian_sdl).empty());
}

TEST_CASE("SDL's \"not available\" becomes what the driver lacked")
{
    const VideoEnvironment none{"", "", "", false};
    const VideoEnvironment desktop{"", ":7", "wayland-3", true};
    CHECK(explain_failure("x11", "x11 not available", none) == "no DISPLAY set");
    CHECK(explain_failure("x11", "x11 not available", desktop) == "no X server answers on DISPLAY=:7");
    CHECK(explain_failure("wayland", "wayland not available", none) == "no WAYLAND_DISPLAY");
    CHECK(explain_failure("wayland", "wayland not available", desktop) == "no Wayland compositor answers on WAYLAND_DISPLAY=wayland-3");
    CHECK(explain_failure("kmsdrm", "KMSDRM not available", none) == no_card);
    CHECK(explain_failure("kmsdrm", "KMSDRM not available", desktop) ==
          "no /dev/dri/card* with a connected display, or a desktop holds it (DRM master)");
    CHECK(explain_failure("kmsdrm", "Could not restore CRTC", desktop) == "Could not restore CRTC");
    CHECK(explain_failure("dummy", "dummy not available", none) == "SDL starts it only when SDL_VIDEODRIVER names it alone");
}

TEST_CASE("with no display at all, nothing starts and one line says what each driver lacked")
{
    if (std::filesystem::exists("/dev/dri")) {
        skip_test("this machine has /dev/dri: KMSDRM may find a display");
        return;
    }
    const VideoEnvironment nothing{"", "", "", VideoEnvironment::current().drm_card};
    bool used = false;
    auto started = start_video(plan_video_drivers(nothing, compiled_in_video_drivers()), nothing, [&](const std::string&) {
        used = true;
        return Status(Done{});
    });
    REQUIRE_FALSE(started);
    CHECK_FALSE(used);
    CHECK(started.error().message == "none found (x11: no DISPLAY set; wayland: no WAYLAND_DISPLAY; kmsdrm: " + no_card + ")");
    CHECK(SDL_WasInit(SDL_INIT_VIDEO) == 0);
}

TEST_CASE("a driver that does not start, or whose display does not open, gives way to the next")
{
    if (std::filesystem::exists("/dev/dri")) {
        skip_test("this machine has /dev/dri: KMSDRM may find a display");
        return;
    }
    const VideoEnvironment nothing{"", "", "", false};
    std::vector<std::string> used;
    const auto open_display = [&](const std::string& driver) -> Status {
        used.push_back(driver);
        if (driver == "offscreen")
            return Error{"unable to create the window: refused by the test"};
        auto display = Display::open(DisplayRequest{320, 200, {}}, config::RendererChoice::software, std::nullopt);
        if (!display)
            return display.error();
        return Done{};
    };
    {
        // KMSDRM really tried: SDL finds no DRM device here.
        auto started = start_video({{"kmsdrm", ""}, {"offscreen", ""}, {"dummy", ""}}, nothing, open_display);
        REQUIRE_MESSAGE(started, problem(started));
        CHECK(started->driver == "dummy");
        CHECK(std::string(SDL_GetCurrentVideoDriver()) == "dummy");
        CHECK(used == std::vector<std::string>{"offscreen", "dummy"});
    }
    CHECK(SDL_WasInit(SDL_INIT_VIDEO) == 0);
    auto none = start_video({{"kmsdrm", ""}, {"offscreen", ""}}, nothing, open_display);
    REQUIRE_FALSE(none);
    CHECK(none.error().message == "none found (kmsdrm: " + no_card + "; offscreen: unable to create the window: refused by the test)");
}

}  // namespace signage::platform

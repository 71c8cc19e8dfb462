#pragma once
// The display, once there is one. At boot the panel may still be off, the HDMI cable out or
// the X server not up yet: a player that gave up would leave the screen dark when it comes (and
// systemd would stop restarting it after its start limit). Until SDL can open a display, one log
// line says why, and the player tries again every two seconds; under systemd it says it is up
// and waiting (STATUS=) and keeps the watchdog fed. SIGTERM or SIGINT ends the wait.
#include "config/display_settings.hpp"
#include "platform/display.hpp"
#include "platform/sdl_handles.hpp"

#include <chrono>
#include <memory>
#include <optional>

namespace signage::app {

struct OpenedDisplay {
    std::unique_ptr<platform::SdlSubsystems> sdl;  // SDL video and events: outlives the display
    platform::Display display;
};

// One try: SDL video started and the display opened, or why not.
Result<OpenedDisplay> open_display(const platform::DisplayRequest& request, config::RendererChoice renderer,
                                   std::optional<platform::RendererProbeRun> probe = std::nullopt);

// nullopt: asked to stop while waiting.
std::optional<OpenedDisplay> wait_for_display(const platform::DisplayRequest& request, config::RendererChoice renderer,
                                              std::optional<platform::RendererProbeRun> probe,
                                              std::chrono::milliseconds retry = std::chrono::seconds(2));

}  // namespace signage::app

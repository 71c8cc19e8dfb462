#pragma once
// What the player says about itself, as text: the display line of the log, the F1 overlay's
// lines, and the one-line status systemd shows (`systemctl status signage-player`).
#include "platform/display.hpp"
#include "render/frame_clock.hpp"
#include "render/playback.hpp"
#include "render/scene.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace signage::app {

// "display: 1920x1080 at 60 Hz, opengl renderer, vsync on; crawl 2 px per refresh (120 px/s)"
std::string display_line(const platform::Display& display, const render::Playback& playback);

std::vector<std::string> overlay_lines(const platform::Display& display, const render::Playback& playback,
                                       const render::FrameSummary& frames, const render::Scene& scene, std::size_t notices);

// "5 notices on screen, 1 of 1 feeds current" or "off hours: the screen is black"
std::string service_status_line(std::size_t notices, std::size_t feeds_current, std::size_t feeds, bool screen_on);

}  // namespace signage::app

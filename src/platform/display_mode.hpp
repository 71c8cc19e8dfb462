#pragma once
// The fullscreen window, on the panel's own mode or on one asked for by `[display] mode`. KMSDRM
// has no desktop to keep: a mode asked for is a real mode switch (SDL_WINDOW_FULLSCREEN and
// SDL_SetWindowDisplayMode), and a panel without that mode gets the closest it has, said in the
// log.
#include "config/display_settings.hpp"
#include "platform/sdl_handles.hpp"
#include "util/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace signage::platform {

struct OfferedMode {
    int width = 0;
    int height = 0;
    int refresh_hz = 0;  // 0: the driver does not say

    bool operator==(const OfferedMode&) const = default;
};

struct ModeChoice {
    OfferedMode mode;
    std::size_t index = 0;  // in the list offered
    bool exact = false;  // the size asked for, and the refresh rate when one was asked for
};

// The size asked for at the refresh rate asked for, else at the nearest one (the highest when none
// was asked for); without that size, the nearest size. nullopt when nothing is offered.
std::optional<ModeChoice> choose_mode(const config::ScreenMode& wanted, const std::vector<OfferedMode>& offered);

// The log line: "display: 1920x1080@60 (asked 1920x1080)", and when the panel lacks the mode,
// that the closest stands in.
std::string describe_choice(const config::ScreenMode& wanted, const ModeChoice& choice);

// The window: `width` x `height` when windowed; fullscreen otherwise, on the native mode or on
// the one `mode` asks for (logged).
Result<WindowPtr> make_window(std::optional<int> width, std::optional<int> height, const config::ScreenMode& mode);

}  // namespace signage::platform

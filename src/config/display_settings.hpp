#pragma once

namespace signage::config {

// [display]: how the picture reaches the panel.

enum class RendererChoice {
    automatic,  // "auto": the GPU when there is one; SDL's software renderer when OpenGL is itself software (llvmpipe)
    gpu,        // "gpu"
    software,   // "software"
};

// `mode`: the panel's own (native) mode, or one asked for by size and, optionally, refresh rate,
// switched to in fullscreen ("1920x1080", "1920x1080@60").
struct ScreenMode {
    int width = 0;  // 0: native
    int height = 0;
    int refresh_hz = 0;  // 0: whichever the panel offers at that size (the highest)

    bool native() const { return width == 0; }
    bool operator==(const ScreenMode&) const = default;
};

struct DisplaySettings {
    RendererChoice renderer = RendererChoice::automatic;
    int rotation_degrees = 0;  // 0, 90, 180 or 270, clockwise: for portrait-mounted screens
    int safe_area_percent = 0;  // 0..10 on each side, for TVs that overscan
    ScreenMode mode;

    bool operator==(const DisplaySettings&) const = default;
};

}  // namespace signage::config

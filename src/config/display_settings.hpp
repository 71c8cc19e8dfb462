#pragma once

namespace signage::config {

// [display]: how the picture reaches the panel.

enum class RendererChoice {
    automatic,  // "auto": the GPU when there is one; SDL's software renderer when OpenGL is itself software (llvmpipe)
    gpu,        // "gpu"
    software,   // "software"
};

struct DisplaySettings {
    RendererChoice renderer = RendererChoice::automatic;
    int rotation_degrees = 0;  // 0, 90, 180 or 270, clockwise: for portrait-mounted screens
    int safe_area_percent = 0;  // 0..10 on each side, for TVs that overscan

    bool operator==(const DisplaySettings&) const = default;
};

}  // namespace signage::config

#pragma once
// [text]: how text is drawn and how much of it is kept rasterized.
#include "config/rgba_color.hpp"

#include <cstddef>

namespace signage::config {

struct TextSettings {
    int outline_px = 0;  // 0: no outline
    RgbaColor outline_color{0, 0, 0, 255};
    int shadow_px = 0;  // 0: no shadow
    RgbaColor shadow_color{0, 0, 0, 160};
    std::size_t cache_bytes = 32u * 1024u * 1024u;

    bool operator==(const TextSettings&) const = default;
};

}  // namespace signage::config

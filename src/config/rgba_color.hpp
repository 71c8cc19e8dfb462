#pragma once
// A colour as the config writes it ("#RRGGBB" or "#RRGGBBAA"), for the theme, text effects and
// the urgent banner.
#include <cstdint>

namespace signage::config {

struct RgbaColor {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;

    bool operator==(const RgbaColor&) const = default;
};

}  // namespace signage::config

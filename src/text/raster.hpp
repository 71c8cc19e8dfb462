#pragma once
// Shaped glyphs -> an anti-aliased coverage image, drawn by FreeType from the very glyph ids
// and positions HarfBuzz reported. Colour is applied later, by whoever makes a texture of it;
// only the glyphs of a colour font (emoji) bring colours of their own, in a plane of their own.
#include "text/font.hpp"
#include "text/shaper.hpp"

#include <cstdint>
#include <vector>

namespace signage::text {

struct CoverageImage {
    int width = 0;
    int height = 0;
    int baseline = 0;  // row of the baseline
    int origin_x = 0;  // column where the pen started (glyphs may overhang to its left)
    int advance = 0;   // pen advance in whole pixels, rounded
    std::vector<std::uint8_t> alpha;  // width * height, row-major, 0 = clear, 255 = ink
    // The colour glyphs (emoji), premultiplied RGBA, width * height * 4, row-major, drawn over
    // the ink. Empty when the line has none: plain text costs nothing more.
    std::vector<std::uint8_t> colour;

    bool has_colour() const { return !colour.empty(); }
    // Opacity of the colour plane at (x, y); 0 when there is none.
    std::uint8_t colour_alpha_at(int x, int y) const
    {
        return colour.empty() ? 0 : colour[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4 + 3];
    }

    std::uint8_t at(int x, int y) const { return alpha[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)]; }
};

CoverageImage rasterize_line(const ShapedLine& line, const FontChain& chain);

}  // namespace signage::text

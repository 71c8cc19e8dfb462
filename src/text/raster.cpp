#include "text/raster.hpp"

#include "util/work_counters.hpp"

#include FT_OUTLINE_H

#include <algorithm>

namespace signage::text {

namespace {

struct GlyphBitmap {
    int left = 0;  // column of the bitmap's left edge, relative to the pen start
    int top = 0;   // rows above the baseline of the bitmap's top edge
    int width = 0;
    int rows = 0;
    std::vector<std::uint8_t> pixels;
};

int floor_26_6(hb_position_t v) { return static_cast<int>(v >= 0 ? v / 64 : -((-v + 63) / 64)); }
int ceil_26_6(hb_position_t v) { return -floor_26_6(-v); }

// Renders one glyph at a sub-pixel pen position: the outline is moved by the fraction of a pixel
// before rasterizing, so kerning and advances land where HarfBuzz put them, not rounded per glyph.
bool render_glyph(const Font& font, const PositionedGlyph& glyph, GlyphBitmap& out)
{
    FT_Face face = font.raster_face();
    // Light hinting touches only vertical metrics: crisp baselines, true horizontal positions.
    if (FT_Load_Glyph(face, glyph.glyph_id, FT_LOAD_NO_BITMAP | FT_LOAD_TARGET_LIGHT) != 0)
        return false;
    FT_GlyphSlot slot = face->glyph;
    if (slot->format != FT_GLYPH_FORMAT_OUTLINE)
        return false;
    const int whole_x = floor_26_6(glyph.x);
    const int whole_y = floor_26_6(glyph.y);
    FT_Outline_Translate(&slot->outline, glyph.x - whole_x * 64, glyph.y - whole_y * 64);
    if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0)
        return false;

    const FT_Bitmap& bitmap = slot->bitmap;
    out.left = whole_x + slot->bitmap_left;
    out.top = whole_y + slot->bitmap_top;
    out.width = static_cast<int>(bitmap.width);
    out.rows = static_cast<int>(bitmap.rows);
    out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.rows));
    for (int row = 0; row < out.rows; ++row) {
        const std::uint8_t* source = bitmap.buffer + static_cast<std::ptrdiff_t>(row) * bitmap.pitch;
        std::copy_n(source, out.width, out.pixels.begin() + static_cast<std::ptrdiff_t>(row) * out.width);
    }
    return true;
}

}  // namespace

CoverageImage rasterize_line(const ShapedLine& line, const FontChain& chain)
{
    WorkCounters::line_rasterized();
    std::vector<GlyphBitmap> bitmaps;
    bitmaps.reserve(line.glyphs.size());
    for (const auto& glyph : line.glyphs) {
        GlyphBitmap bitmap;
        if (render_glyph(chain.font(glyph.font_index), glyph, bitmap) && bitmap.width > 0 && bitmap.rows > 0)
            bitmaps.push_back(std::move(bitmap));
    }

    // The image spans the line box (chain ascent + descent, pen start to advance) and any ink
    // that overhangs it, so nothing is clipped and every line of a chain has the same baseline.
    int min_x = 0;
    int max_x = std::max(1, ceil_26_6(line.advance));
    int above = ceil_26_6(chain.ascender());
    int below = ceil_26_6(chain.descender());
    for (const auto& bitmap : bitmaps) {
        min_x = std::min(min_x, bitmap.left);
        max_x = std::max(max_x, bitmap.left + bitmap.width);
        above = std::max(above, bitmap.top);
        below = std::max(below, bitmap.rows - bitmap.top);
    }

    CoverageImage image;
    image.width = max_x - min_x;
    image.height = above + below;
    image.baseline = above;
    image.origin_x = -min_x;
    image.advance = (line.advance + 32) / 64;
    image.alpha.assign(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height), 0);
    for (const auto& bitmap : bitmaps) {
        const int x0 = image.origin_x + bitmap.left;
        const int y0 = image.baseline - bitmap.top;
        for (int row = 0; row < bitmap.rows; ++row) {
            for (int col = 0; col < bitmap.width; ++col) {
                const unsigned ink = bitmap.pixels[static_cast<std::size_t>(row * bitmap.width + col)];
                auto& dest = image.alpha[static_cast<std::size_t>((y0 + row) * image.width + x0 + col)];
                // Overlapping glyphs (a kerned pair, a mark on its base) combine as coverage "over".
                dest = static_cast<std::uint8_t>(dest + ink - dest * ink / 255);
            }
        }
    }
    return image;
}

}  // namespace signage::text

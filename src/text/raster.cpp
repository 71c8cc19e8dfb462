#include "text/raster.hpp"

#include "util/work_counters.hpp"

#include FT_OUTLINE_H

#include <algorithm>
#include <cmath>

namespace signage::text {

namespace {

struct GlyphBitmap {
    int left = 0;  // column of the bitmap's left edge, relative to the pen start
    int top = 0;   // rows above the baseline of the bitmap's top edge
    int width = 0;
    int rows = 0;
    bool colour = false;                // pixels: premultiplied RGBA (4 bytes each), else coverage
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

// Which source pixels (along one axis) a destination pixel covers, and how much of it each: an
// area-averaging (box) filter, exact for any scale and any sub-pixel offset of the image.
struct Tap {
    int source;
    float weight;
};
std::vector<std::vector<Tap>> box_taps(int source_length, double scale, double offset)
{
    const int length = static_cast<int>(std::ceil(offset + source_length * scale));
    std::vector<std::vector<Tap>> taps(static_cast<std::size_t>(std::max(0, length)));
    for (int d = 0; d < length; ++d) {
        const double from = (d - offset) / scale;
        const double to = (d + 1 - offset) / scale;
        for (int k = std::max(0, static_cast<int>(std::floor(from))); k < std::min(source_length, static_cast<int>(std::ceil(to))); ++k) {
            const double overlap = std::min(to, k + 1.0) - std::max(from, static_cast<double>(k));
            if (overlap > 0)
                taps[static_cast<std::size_t>(d)].push_back({k, static_cast<float>(overlap * scale)});
        }
    }
    return taps;
}

// A colour glyph (an emoji), drawn by FreeType from the font's fixed-size BGRA image and scaled to
// the line's pixel size by area averaging of premultiplied pixels, at its sub-pixel position.
bool render_colour_glyph(const Font& font, const PositionedGlyph& glyph, GlyphBitmap& out)
{
    FT_Face face = font.raster_face();
    if (FT_Load_Glyph(face, glyph.glyph_id, FT_LOAD_COLOR) != 0)
        return false;
    const FT_GlyphSlot slot = face->glyph;
    const FT_Bitmap& bitmap = slot->bitmap;
    if (bitmap.pixel_mode != FT_PIXEL_MODE_BGRA)
        return false;
    const double scale = font.bitmap_scale();
    const double left = static_cast<double>(glyph.x) / 64.0 + slot->bitmap_left * scale;
    const double top = static_cast<double>(glyph.y) / 64.0 + slot->bitmap_top * scale;  // above the baseline
    out.left = static_cast<int>(std::floor(left));
    out.top = static_cast<int>(std::ceil(top));
    const auto columns = box_taps(static_cast<int>(bitmap.width), scale, left - out.left);
    const auto rows = box_taps(static_cast<int>(bitmap.rows), scale, out.top - top);
    out.width = static_cast<int>(columns.size());
    out.rows = static_cast<int>(rows.size());
    out.colour = true;

    // Columns first, one source row at a time, then rows; BGRA becomes RGBA.
    const std::size_t width = columns.size();
    std::vector<float> narrowed(static_cast<std::size_t>(bitmap.rows) * width * 4, 0.0f);
    for (unsigned r = 0; r < bitmap.rows; ++r) {
        const std::uint8_t* source = bitmap.buffer + static_cast<std::ptrdiff_t>(r) * bitmap.pitch;
        for (std::size_t c = 0; c < width; ++c)
            for (const Tap& tap : columns[c])
                for (int k = 0; k < 4; ++k)
                    narrowed[(r * width + c) * 4 + static_cast<std::size_t>(k)] += tap.weight * source[tap.source * 4 + (k == 3 ? 3 : 2 - k)];
    }
    out.pixels.assign(rows.size() * width * 4, 0);
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t i = 0; i < width * 4; ++i) {
            float sum = 0.0f;
            for (const Tap& tap : rows[r])
                sum += tap.weight * narrowed[static_cast<std::size_t>(tap.source) * width * 4 + i];
            out.pixels[r * width * 4 + i] = static_cast<std::uint8_t>(std::lround(std::clamp(sum, 0.0f, 255.0f)));
        }
    return true;
}

bool render_any_glyph(const Font& font, const PositionedGlyph& glyph, GlyphBitmap& out)
{
    return font.colour_bitmaps() ? render_colour_glyph(font, glyph, out) : render_glyph(font, glyph, out);
}

// Puts a glyph's pixels on the image, "over" what earlier glyphs left there.
void blit(const GlyphBitmap& bitmap, CoverageImage& image)
{
    const int x0 = image.origin_x + bitmap.left;
    const int y0 = image.baseline - bitmap.top;
    if (bitmap.colour && image.colour.empty())
        image.colour.assign(image.alpha.size() * 4, 0);
    for (int row = 0; row < bitmap.rows; ++row) {
        for (int col = 0; col < bitmap.width; ++col) {
            const auto source = static_cast<std::size_t>(row * bitmap.width + col);
            const auto dest = static_cast<std::size_t>((y0 + row) * image.width + x0 + col);
            if (!bitmap.colour) {
                // Overlapping glyphs (a kerned pair, a mark on its base) combine as coverage "over".
                const unsigned ink = bitmap.pixels[source];
                image.alpha[dest] = static_cast<std::uint8_t>(image.alpha[dest] + ink - image.alpha[dest] * ink / 255);
                continue;
            }
            const unsigned opacity = bitmap.pixels[source * 4 + 3];
            for (std::size_t k = 0; k < 4; ++k) {
                auto& channel = image.colour[dest * 4 + k];
                channel = static_cast<std::uint8_t>(std::min(255u, bitmap.pixels[source * 4 + k] + channel * (255 - opacity) / 255));
            }
        }
    }
}

}  // namespace

CoverageImage rasterize_line(const ShapedLine& line, const FontChain& chain)
{
    WorkCounters::line_rasterized();
    std::vector<GlyphBitmap> bitmaps;
    bitmaps.reserve(line.glyphs.size());
    for (const auto& glyph : line.glyphs) {
        GlyphBitmap bitmap;
        if (render_any_glyph(chain.font(glyph.font_index), glyph, bitmap) && bitmap.width > 0 && bitmap.rows > 0)
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
    for (const auto& bitmap : bitmaps)
        blit(bitmap, image);
    return image;
}

}  // namespace signage::text

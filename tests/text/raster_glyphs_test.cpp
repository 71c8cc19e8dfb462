// rasterize_line is checked against a reference built here from the shaping result alone: the
// test opens its own FreeType library and faces, renders every PositionedGlyph itself and
// composites the bitmaps at the glyph's shaped position. It shares no code with raster.cpp,
// only its rendering rules (light hinting, outlines only, the sub-pixel part of the pen position
// applied to the outline before rendering), and reaches them by another FreeType path
// (FT_Set_Transform's delta and FT_LOAD_RENDER instead of moving the outline by hand), so a
// mistake in raster.cpp is not copied into the expectation.
#include "test_support.hpp"
#include "text/raster.hpp"
#include "text/shaper.hpp"

#include <doctest/doctest.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace signage::text {

namespace {

enum class Placement {
    subpixel,     // what rasterize_line promises: the glyph lands where HarfBuzz put it
    whole_pixel,  // pen positions rounded to pixels, only to show the comparison can tell
};

struct ReferenceGlyph {
    int left = 0;  // column of the bitmap's left edge, relative to the pen start
    int top = 0;   // rows above the baseline of the bitmap's top edge
    int width = 0;
    int rows = 0;
    std::vector<std::uint8_t> coverage;
};

// Separate faces from the chain's: raster.cpp loads glyphs into the chain's glyph slots, and the
// expectation must not depend on what it leaves there.
class ReferenceRasterizer {
public:
    explicit ReferenceRasterizer(const FontChain& chain)
    {
        FT_Library library = nullptr;
        REQUIRE(FT_Init_FreeType(&library) == 0);
        m_library.reset(library);
        for (std::size_t i = 0; i < chain.size(); ++i) {
            const Font& font = chain.font(i);
            FT_Face face = nullptr;
            REQUIRE(FT_New_Face(library, font.file().path.string().c_str(), static_cast<FT_Long>(font.file().face_index), &face) == 0);
            m_faces.emplace_back(face);
            // The colour emoji font has no outlines: its glyphs go to the image's colour plane,
            // checked in tests/text/emoji_test.cpp.
            if (!font.colour_bitmaps())
                REQUIRE(FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(font.pixel_size())) == 0);
        }
    }

    // Empty when FreeType cannot draw the glyph as an outline: rasterize_line would drop it, and
    // a reference that dropped it too would hide a missing glyph.
    std::optional<ReferenceGlyph> render(const PositionedGlyph& glyph, Placement placement) const
    {
        REQUIRE(glyph.font_index < m_faces.size());
        FT_Face face = m_faces[glyph.font_index].get();
        // C++20 shifts are arithmetic: >> 6 floors and & 63 is the non-negative remainder, also
        // for the negative offsets of marks and overhangs.
        const hb_position_t x = placement == Placement::subpixel ? glyph.x : (glyph.x + 32) & ~63;
        const hb_position_t y = placement == Placement::subpixel ? glyph.y : (glyph.y + 32) & ~63;
        FT_Vector fraction{x & 63, y & 63};
        FT_Set_Transform(face, nullptr, &fraction);
        const FT_Error error = FT_Load_Glyph(face, glyph.glyph_id, FT_LOAD_NO_BITMAP | FT_LOAD_TARGET_LIGHT | FT_LOAD_RENDER);
        FT_Set_Transform(face, nullptr, nullptr);
        if (error != 0 || face->glyph->format != FT_GLYPH_FORMAT_BITMAP)
            return std::nullopt;

        const FT_Bitmap& bitmap = face->glyph->bitmap;
        REQUIRE(bitmap.pixel_mode == FT_PIXEL_MODE_GRAY);
        ReferenceGlyph out;
        out.left = static_cast<int>(x >> 6) + face->glyph->bitmap_left;
        out.top = static_cast<int>(y >> 6) + face->glyph->bitmap_top;
        out.width = static_cast<int>(bitmap.width);
        out.rows = static_cast<int>(bitmap.rows);
        for (int row = 0; row < out.rows; ++row)
            for (int col = 0; col < out.width; ++col)
                out.coverage.push_back(bitmap.buffer[static_cast<std::ptrdiff_t>(row) * bitmap.pitch + col]);
        return out;
    }

private:
    FreeTypeLibraryPtr m_library;  // declared first: the faces must go before their library
    std::vector<FreeTypeFacePtr> m_faces;
};

struct Difference {
    int pixels = 0;       // pixels off by more than compositing rounding can explain
    int max_levels = 0;   // the largest |actual - expected| anywhere, in 1/255 coverage
    int ink_outside = 0;  // expected ink that falls outside the rasterized image
    int first_x = -1, first_y = -1;
    long expected_ink = 0;  // sum of expected coverage: a comparison of two blank images proves nothing

    bool none() const { return pixels == 0 && ink_outside == 0; }
};

doctest::String describe(const Difference& d)
{
    return ("differing pixels " + std::to_string(d.pixels) + ", max " + std::to_string(d.max_levels) + " levels, first at ("
            + std::to_string(d.first_x) + "," + std::to_string(d.first_y) + "), ink outside the image "
            + std::to_string(d.ink_outside) + ", expected ink " + std::to_string(d.expected_ink)).c_str();
}

// Composites the reference glyphs of `line` in the frame of `image` (its origin column and
// baseline row) and compares pixel by pixel.
//
// Tolerance: where one glyph inks a pixel the values must be identical. Where n glyphs overlap
// (a kerned pair, a ligature's neighbour, a mark on its base) "over" compositing is exactly
// 1 - prod(1 - a_i), which the test computes in floating point and rounds once; rasterize_line
// composites in 8 bits and truncates at each of the n - 1 later steps, which can leave it up to
// n - 1 levels away. Any other difference is a glyph drawn wrong or in the wrong place.
Difference compare_with_reference(const CoverageImage& image, const ShapedLine& line, const ReferenceRasterizer& reference,
                                  Placement placement = Placement::subpixel)
{
    REQUIRE(image.width > 0);
    REQUIRE(image.height > 0);
    REQUIRE(image.alpha.size() == static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
    const std::size_t size = image.alpha.size();
    std::vector<double> clear(size, 1.0);  // product of (1 - coverage) of the glyphs over each pixel
    std::vector<int> layers(size, 0);
    Difference difference;
    for (const auto& glyph : line.glyphs) {
        CAPTURE(glyph.cluster);
        CAPTURE(glyph.glyph_id);
        const auto drawn = reference.render(glyph, placement);
        REQUIRE(drawn);
        for (int row = 0; row < drawn->rows; ++row)
            for (int col = 0; col < drawn->width; ++col) {
                const int ink = drawn->coverage[static_cast<std::size_t>(row * drawn->width + col)];
                if (ink == 0)
                    continue;
                difference.expected_ink += ink;
                const int x = image.origin_x + drawn->left + col;
                const int y = image.baseline - drawn->top + row;
                if (x < 0 || y < 0 || x >= image.width || y >= image.height) {
                    ++difference.ink_outside;
                    continue;
                }
                const auto at = static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x);
                clear[at] *= 1.0 - ink / 255.0;
                ++layers[at];
            }
    }
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const auto at = static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x);
            const int expected = static_cast<int>(std::lround(255.0 * (1.0 - clear[at])));
            const int levels = std::abs(static_cast<int>(image.alpha[at]) - expected);
            difference.max_levels = std::max(difference.max_levels, levels);
            if (levels > std::max(0, layers[at] - 1)) {
                if (difference.pixels++ == 0) {
                    difference.first_x = x;
                    difference.first_y = y;
                }
            }
        }
    return difference;
}

// Conjoining jamo for "한글": L V T, L V T.
const std::string conjoining_jamo = "\u1112\u1161\u11AB\u1100\u1173\u11AF";

std::vector<std::string> headline_strings()
{
    std::vector<std::string> texts = sample_titles();
    texts.push_back("2018년 6월 4일(월) MOIS·외교부, e-Government 협력 포럼 — 120명 참석! [3/5]");
    texts.push_back("AVATAR Wave Today, LTA");
    texts.push_back("office fi fl");
    texts.push_back(conjoining_jamo);
    return texts;
}

struct ChainUnderTest {
    const char* what;
    bool bold;
    int pixel_size;
};

// The sizes the screen sets text at on 1080p (headline, subtitle, crawl), the tests' usual
// 48 px, and a small size where hinting moves the most relative to the glyph.
constexpr ChainUnderTest chains_under_test[] = {
    {"headline bold 86 px", true, 86},
    {"subtitle regular 49 px", false, 49},
    {"crawl regular 47 px", false, 47},
    {"regular 48 px", false, 48},
    {"regular 13 px", false, 13},
};

}  // namespace

TEST_CASE("rasterized pixels are exactly the shaped glyphs at their shaped positions")
{
    const auto library = FreeTypeLibrary::create().value();
    const BundledFonts fonts = repository_fonts();
    const auto texts = headline_strings();
    int fractional_positions = 0;
    for (const auto& under_test : chains_under_test) {
        CAPTURE(under_test.what);
        const auto chain = FontChain::open(library, under_test.bold ? fonts.bold_chain() : fonts.regular_chain(), under_test.pixel_size).value();
        const ReferenceRasterizer reference(chain);
        for (const auto& text : texts) {
            CAPTURE(text);
            const auto line = shape_line(text, chain);
            REQUIRE(!line.glyphs.empty());
            const auto image = rasterize_line(line, chain);

            // The frame the reference is placed in is the image's own: it must at least hold the
            // line box, so that lines of one chain share a baseline.
            CHECK(image.origin_x >= 0);
            CHECK(image.width - image.origin_x >= (line.advance + 63) / 64);
            CHECK(image.baseline >= (chain.ascender() + 63) / 64);
            CHECK(image.height - image.baseline >= (chain.descender() + 63) / 64);

            const auto difference = compare_with_reference(image, line, reference);
            INFO(describe(difference));
            CHECK(difference.none());
            CHECK(difference.expected_ink > 0);
            CHECK(difference.max_levels <= 2);

            for (const auto& glyph : line.glyphs)
                fractional_positions += (glyph.x & 63) != 0;
        }
    }
    // Sub-pixel placement was really exercised, not only whole-pixel pens.
    CHECK(fractional_positions > 100);
}

TEST_CASE("the test strings exercise ligatures, kerning and conjoining jamo")
{
    const RegularChainFixture fixture;
    // "ffi", "fi" and "fl" become one glyph each: 12 code points, 8 glyphs.
    const auto ligated = shape_line("office fi fl", fixture.chain);
    CHECK(ligated.glyphs.size() == 8);
    // Six conjoining jamo compose into the two syllables of 한글, as the precomposed text does.
    const auto jamo = shape_line(conjoining_jamo, fixture.chain);
    const auto precomposed = shape_line("한글", fixture.chain);
    REQUIRE(jamo.glyphs.size() == precomposed.glyphs.size());
    for (std::size_t i = 0; i < jamo.glyphs.size(); ++i)
        CHECK(jamo.glyphs[i].glyph_id == precomposed.glyphs[i].glyph_id);
    // Kerned pairs in "AVATAR": at least one advance differs from the glyph's own.
    const auto kerned = shape_line("AVATAR", fixture.chain);
    hb_position_t unkerned = 0;
    for (const char letter : std::string("AVATAR"))
        unkerned += shape_line(std::string(1, letter), fixture.chain).advance;
    CHECK(kerned.advance < unkerned);
}

TEST_CASE("the pixel comparison notices a wrong glyph, a glyph moved by 3 px and positions rounded to pixels")
{
    const RegularChainFixture fixture;
    const ReferenceRasterizer reference(fixture.chain);
    const auto line = shape_line("AVATAR Wave Today, LTA", fixture.chain);
    const auto image = rasterize_line(line, fixture.chain);
    REQUIRE(line.glyphs.size() == 22);
    // The control: unmodified, the same comparison finds nothing.
    REQUIRE(compare_with_reference(image, line, reference).none());

    SUBCASE("one glyph id replaced by another") {
        ShapedLine wrong = line;
        REQUIRE(wrong.glyphs[1].glyph_id != wrong.glyphs[0].glyph_id);
        wrong.glyphs[1].glyph_id = wrong.glyphs[0].glyph_id;  // the V drawn as an A
        const auto difference = compare_with_reference(image, wrong, reference);
        INFO(describe(difference));
        CHECK(!difference.none());
        CHECK(difference.pixels > 50);
        CHECK(difference.max_levels > 200);
    }
    SUBCASE("one glyph moved 3 px to the right") {
        ShapedLine moved = line;
        moved.glyphs[7].x += 3 * 64;  // the W
        const auto difference = compare_with_reference(image, moved, reference);
        INFO(describe(difference));
        CHECK(!difference.none());
        CHECK(difference.pixels > 20);
    }
    SUBCASE("one glyph moved 3 px up") {
        ShapedLine moved = line;
        moved.glyphs[13].y += 3 * 64;  // the o of Today
        const auto difference = compare_with_reference(image, moved, reference);
        INFO(describe(difference));
        CHECK(!difference.none());
        CHECK(difference.pixels > 20);
    }
    SUBCASE("pen positions rounded to whole pixels") {
        // Less than half a pixel off per glyph: the tolerance for overlaps must not hide it.
        const auto difference = compare_with_reference(image, line, reference, Placement::whole_pixel);
        INFO(describe(difference));
        CHECK(!difference.none());
        CHECK(difference.max_levels > 2);
    }
}

}  // namespace signage::text

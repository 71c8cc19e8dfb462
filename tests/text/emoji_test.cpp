// Emoji: which clusters go to the colour emoji font, that each sequence shapes to one glyph of
// it at the line's size, and that the raster draws it in colour on the text's baseline.
#include "test_support.hpp"
#include "text/raster.hpp"
#include "text/shaper.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

namespace signage::text {

namespace {

// Noto Sans, Nanum Gothic, the Korean, Hebrew and Arabic fallbacks, Noto Color Emoji
constexpr std::size_t emoji_font = 5;

// The run holding the byte at `offset`.
const TextRun& run_at(const ShapedLine& line, std::size_t offset)
{
    for (const auto& run : line.runs)
        if (offset >= run.begin && offset < run.end)
            return run;
    FAIL("no run holds byte " << offset);
    return line.runs.front();
}

std::size_t glyphs_in(const ShapedLine& line, std::size_t begin, std::size_t end)
{
    return static_cast<std::size_t>(std::count_if(line.glyphs.begin(), line.glyphs.end(), [&](const PositionedGlyph& glyph) {
        return glyph.cluster >= begin && glyph.cluster < end;
    }));
}

}  // namespace

TEST_CASE("emoji presentation follows Unicode's emoji properties and the variation selectors")
{
    CHECK(wants_emoji_presentation("📢"));                        // Emoji_Presentation=Yes
    CHECK(wants_emoji_presentation("☔"));                        // Emoji_Presentation=Yes, in BMP
    CHECK(wants_emoji_presentation("⚠\xEF\xB8\x8F"));            // VS16
    CHECK_FALSE(wants_emoji_presentation("⚠"));                   // text by default
    CHECK_FALSE(wants_emoji_presentation("☔\xEF\xB8\x8E"));      // VS15 keeps it text
    CHECK(wants_emoji_presentation("1\xEF\xB8\x8F\xE2\x83\xA3"));  // keycap 1️⃣
    CHECK(wants_emoji_presentation("🇰🇷"));
    CHECK(wants_emoji_presentation("👍🏽"));
    CHECK(wants_emoji_presentation("👨‍👩‍👧"));
    CHECK_FALSE(wants_emoji_presentation("1"));
    CHECK_FALSE(wants_emoji_presentation("한"));
    CHECK_FALSE(wants_emoji_presentation("A\xEF\xB8\x8F"));  // VS16 after no emoji base
}

TEST_CASE_FIXTURE(RegularChainFixture, "each emoji sequence goes to the emoji font and shapes to one glyph")
{
    REQUIRE(chain.size() == 6);
    REQUIRE(chain.font(emoji_font).colour_bitmaps());
    for (const std::string emoji : {"📢", "☔", "⚠\xEF\xB8\x8F", "🇰🇷", "1\xEF\xB8\x8F\xE2\x83\xA3", "👨‍👩‍👧", "👍🏽"}) {
        CAPTURE(emoji);
        const std::string text = "공지 " + emoji + " 안내";
        const ShapedLine line = shape_line(text, chain);
        const std::size_t begin = std::string("공지 ").size();
        const TextRun& run = run_at(line, begin);
        CHECK(run.font_index == emoji_font);
        CHECK(run.begin == begin);
        CHECK(run.end == begin + emoji.size());
        CHECK_FALSE(run.missing);
        CHECK(glyphs_in(line, begin, begin + emoji.size()) == 1);
        // The spaces beside it stay in the Korean face.
        CHECK(run_at(line, begin - 1).font_index == 1);
        CHECK(run_at(line, begin + emoji.size()).font_index == 1);
    }
}

TEST_CASE("an emoji cluster takes the emoji font even when a font before it has a text glyph, and VS15 keeps it text")
{
    // Font 0 has every character as text (as a symbols font would); font 1 draws emoji in colour.
    const FontCoverage coverage{2, [](std::size_t, char32_t) { return true; }, [](std::size_t font) { return font == 1; }, {}};
    const auto font_of = [&](const std::string& text) {
        const auto runs = itemize(text, coverage);
        REQUIRE(runs.size() == 1);
        return runs[0].font_index;
    };
    CHECK(font_of("☔") == 1);
    CHECK(font_of("⚠\xEF\xB8\x8F") == 1);
    CHECK(font_of("🇰🇷") == 1);
    CHECK(font_of("1\xEF\xB8\x8F\xE2\x83\xA3") == 1);
    CHECK(font_of("👍🏽") == 1);
    CHECK(font_of("⚠") == 0);
    CHECK(font_of("☔\xEF\xB8\x8E") == 0);
    CHECK(font_of("1") == 0);
    // The space after an emoji is not lent the emoji font.
    const auto runs = itemize("☔ 비", coverage);
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].font_index == 1);
    CHECK(runs[0].end == std::string("☔").size());
    CHECK(runs[1].font_index == 0);
}

TEST_CASE_FIXTURE(RegularChainFixture, "digits, '#' and '*' that start no keycap stay in the Latin face")
{
    const ShapedLine digits = shape_line("2024 #1 *", chain);
    for (const auto& glyph : digits.glyphs)
        CHECK(glyph.font_index == 0);
}

TEST_CASE("an emoji's advance is its image's width at the line's pixel size")
{
    const FreeTypeLibrary library = FreeTypeLibrary::create().value();
    for (int px : {16, 24, 48, 81, 150}) {
        CAPTURE(px);
        const FontChain chain = FontChain::open(library, repository_fonts().regular_chain(), px).value();
        const ShapedLine line = shape_line("📢", chain);
        REQUIRE(line.glyphs.size() == 1);
        const CoverageImage image = rasterize_line(line, chain);
        REQUIRE(image.has_colour());
        int left = image.width, right = -1, top = image.height, bottom = -1;
        for (int y = 0; y < image.height; ++y)
            for (int x = 0; x < image.width; ++x)
                if (image.colour_alpha_at(x, y) > 0) {
                    left = std::min(left, x);
                    right = std::max(right, x);
                    top = std::min(top, y);
                    bottom = std::max(bottom, y);
                }
        // Noto Color Emoji: 136 x 128 images at 109 px, advance 2550 of 2048 units.
        const double advance = line.glyphs[0].x_advance / 64.0;
        CHECK(advance == doctest::Approx(px * 2550.0 / 2048.0).epsilon(0.02));
        CHECK(right - left + 1 <= static_cast<int>(advance) + 1);
        CHECK(right - left + 1 >= static_cast<int>(advance * 0.8));
        // Sized to the line: most of the chain's ascent + descent, the baseline inside it.
        const double line_height = (chain.ascender() + chain.descender()) / 64.0;
        CHECK(bottom - top + 1 >= static_cast<int>(line_height * 0.75));
        CHECK(bottom - top + 1 <= static_cast<int>(line_height) + 1);
        CHECK(top < image.baseline);
        CHECK(bottom >= image.baseline);
    }
}

TEST_CASE_FIXTURE(RegularChainFixture, "an emoji is drawn in colour beside Hangul, on the same baseline, in the same line box")
{
    const std::string text = "공지📢안내";
    const ShapedLine line = shape_line(text, chain);
    const CoverageImage image = rasterize_line(line, chain);
    const CoverageImage plain = rasterize_line(shape_line("공지안내", chain), chain);
    REQUIRE(image.has_colour());
    CHECK(image.baseline == plain.baseline);
    CHECK(image.height == plain.height);

    const auto positions = cluster_positions(text, line);
    const int emoji_left = image.origin_x + static_cast<int>(positions[std::string("공지").size()] / 64);
    const int emoji_right = image.origin_x + static_cast<int>(positions[std::string("공지📢").size()] / 64);
    int coloured = 0, grey_ink_inside = 0, colour_outside = 0;
    int hangul_bottom = 0, emoji_bottom = 0;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const std::uint8_t* p = &image.colour[(static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 4];
            const bool inside = x >= emoji_left && x <= emoji_right;
            if (p[3] > 200 && std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]}) > 60)
                ++coloured;
            if (p[3] > 0 && !inside)
                ++colour_outside;
            if (inside && image.at(x, y) > 0)
                ++grey_ink_inside;
            if (!inside && image.at(x, y) > 128)
                hangul_bottom = std::max(hangul_bottom, y);
            if (inside && p[3] > 128)
                emoji_bottom = std::max(emoji_bottom, y);
        }
    CHECK(coloured > 300);  // the megaphone: red and yellow, not grey
    CHECK(colour_outside == 0);
    CHECK(grey_ink_inside == 0);  // nothing drawn in the text colour under it
    // Both sit on the baseline: the Hangul exactly where it is without the emoji, the emoji a
    // little below it (its descent).
    int plain_bottom = 0;
    for (int y = 0; y < plain.height; ++y)
        for (int x = 0; x < plain.width; ++x)
            if (plain.at(x, y) > 128)
                plain_bottom = std::max(plain_bottom, y);
    CHECK(hangul_bottom == plain_bottom);
    CHECK(hangul_bottom > image.baseline - 2);
    CHECK(emoji_bottom >= image.baseline);
    CHECK(emoji_bottom <= image.baseline + 48 * 30 / 109);
}

TEST_CASE_FIXTURE(RegularChainFixture, "a line without emoji keeps an alpha-only image")
{
    for (const std::string text : {"MOIS 장관, 2018.06.04 Lima 방문", "우산 1 # * ©"}) {
        CAPTURE(text);
        const CoverageImage image = rasterize_line(shape_line(text, chain), chain);
        CHECK_FALSE(image.has_colour());
        CHECK(image.colour.empty());
        CHECK(image.alpha.size() == static_cast<std::size_t>(image.width * image.height));
    }
}

}  // namespace signage::text

#include "test_support.hpp"
#include "text/raster.hpp"
#include "text/shaper.hpp"
#include "text/utf8.hpp"
#include "text/wrap.hpp"

#include <doctest/doctest.h>

namespace signage::text {

namespace {

std::size_t count_code_points(std::string_view text)
{
    std::size_t count = 0;
    for (std::size_t offset = 0; offset < text.size(); offset += decode_utf8(text, offset).length)
        ++count;
    return count;
}

}  // namespace

TEST_CASE("no sample headline shapes to a .notdef glyph")
{
    const RegularChainFixture fixture;
    for (const auto& title : sample_titles()) {
        CAPTURE(title);
        const auto line = shape_line(title, fixture.chain);
        REQUIRE(!line.glyphs.empty());
        for (const auto& glyph : line.glyphs) {
            CAPTURE(glyph.cluster);
            CHECK(glyph.glyph_id != 0);
        }
        // Neither font ligates Hangul or these Latin words: one glyph per code point.
        CHECK(line.glyphs.size() == count_code_points(title));
    }
}

TEST_CASE("shaped advances add up to the line width and pen positions only move forward")
{
    const RegularChainFixture fixture;
    const std::string text = "MOIS 장관, 2018.06.04 Lima 방문 — e-Government 협력";
    const auto line = shape_line(text, fixture.chain);
    hb_position_t sum = 0;
    hb_position_t last_origin = -1;
    for (const auto& glyph : line.glyphs) {
        CHECK(glyph.x_advance > 0);
        CHECK(glyph.x - glyph.x_offset > last_origin);
        last_origin = glyph.x - glyph.x_offset;
        sum += glyph.x_advance;
    }
    CHECK(sum == line.advance);
    // Hangul syllables are full-width in Nanum Gothic: at 48 px, about 48 px each.
    const auto hangul = shape_line("협력", fixture.chain);
    CHECK(hangul.glyphs.size() == 2);
    CHECK(hangul.advance / 64 >= 80);
    CHECK(hangul.advance / 64 <= 100);
}

TEST_CASE("kerning from the Latin font is applied")
{
    const RegularChainFixture fixture;
    // Noto Sans kerns "AV": the pair is narrower than A and V set apart.
    const auto pair = shape_line("AV", fixture.chain);
    const auto a = shape_line("A", fixture.chain);
    const auto v = shape_line("V", fixture.chain);
    CHECK(pair.advance < a.advance + v.advance);
}

TEST_CASE("a rasterized line has ink where its glyphs are and none past its advance")
{
    const RegularChainFixture fixture;
    const auto line = shape_line("공지 Notice", fixture.chain);
    const auto image = rasterize_line(line, fixture.chain);
    REQUIRE(image.width >= image.advance);
    CHECK(image.advance == (line.advance + 32) / 64);
    CHECK(image.height == (fixture.chain.ascender() + 63) / 64 + (fixture.chain.descender() + 63) / 64);
    int ink_columns = 0;
    for (int x = 0; x < image.width; ++x) {
        int column_ink = 0;
        for (int y = 0; y < image.height; ++y)
            column_ink += image.at(x, y);
        ink_columns += column_ink > 0;
    }
    CHECK(ink_columns > image.advance / 2);
    // The space between the words is blank: find the columns of the space glyph.
    const auto& space = line.glyphs[2];
    const int space_left = image.origin_x + static_cast<int>(space.x / 64) + 3;
    const int space_right = image.origin_x + static_cast<int>((space.x + space.x_advance) / 64) - 3;
    for (int x = space_left; x < space_right; ++x)
        for (int y = 0; y < image.height; ++y)
            CHECK(image.at(x, y) == 0);
}

TEST_CASE("long headlines wrap at spaces and end with an ellipsis when out of lines")
{
    const RegularChainFixture fixture;
    const std::string text = "산이시드로 '스마트 안전도시' 사업, 한-페루 전자정부협력센터 통해 지속 지원";
    const auto two = wrap_text(text, fixture.chain, 700, 3);
    REQUIRE(two.size() >= 2);
    std::string joined;
    for (const auto& line : two) {
        CAPTURE(line);
        CHECK(shape_line(line, fixture.chain).advance <= 700 * 64);
        CHECK(line.front() != ' ');
        CHECK(line.back() != ' ');
        joined += (joined.empty() ? "" : " ") + line;
    }
    CHECK(joined == text);  // Korean words (eojeol) were kept whole: only spaces were broken

    const auto one = wrap_text(text, fixture.chain, 700, 1);
    REQUIRE(one.size() == 1);
    CHECK(one[0].ends_with("…"));
    CHECK(shape_line(one[0], fixture.chain).advance <= 700 * 64);
}

TEST_CASE("a character no font has is drawn as one replacement mark per grapheme cluster")
{
    const RegularChainFixture fixture;
    // An Ethiopic letter, a Tifinagh letter with an accent (two code points, one cluster) and a
    // private-use character: scripts no bundled font covers (emoji are drawn by the emoji font).
    const std::string text = "공지 ሰ ⴰ\xCC\x81 \xEE\x80\x80 Notice";
    const auto line = shape_line(text, fixture.chain);
    std::vector<const PositionedGlyph*> marks;
    for (const auto& run : line.runs)
        if (run.missing)
            for (const auto& glyph : line.glyphs)
                if (glyph.cluster >= run.begin && glyph.cluster < run.end)
                    marks.push_back(&glyph);
    REQUIRE(marks.size() == 3);
    for (const auto* mark : marks) {
        CHECK(mark->glyph_id != 0);  // U+FFFD of a bundled font, not an empty .notdef
        CHECK(mark->glyph_id == marks[0]->glyph_id);
        CHECK(mark->x_advance > 0);
    }
    CHECK(marks[1]->cluster == text.find("ⴰ"));
    // The rest is shaped as usual, and the mark has ink.
    for (const auto& glyph : line.glyphs)
        CHECK(glyph.glyph_id != 0);
    const auto image = rasterize_line(line, fixture.chain);
    int ink = 0;
    const int left = image.origin_x + static_cast<int>(marks[0]->x / 64);
    for (int x = left; x < left + static_cast<int>(marks[0]->x_advance / 64); ++x)
        for (int y = 0; y < image.height; ++y)
            ink += image.at(x, y) > 128;
    CHECK(ink > 50);
}

TEST_CASE("wrapping survives the characters that abort libunibreak 1.1 and never splits a flag")
{
    const RegularChainFixture fixture;
    // Regional indicators and U+FFFF make Debian 12's libunibreak assert; a stray byte is not UTF-8.
    std::string text;
    for (int i = 0; i < 12; ++i)
        text += "대한민국 🇰🇷 Korea 🇺🇸🇯🇵 \xEF\xBF\xBF \xFF ";
    const auto lines = wrap_text(text, fixture.chain, 300, 40);
    REQUIRE(lines.size() > 3);
    for (const auto& line : lines) {
        CAPTURE(line);
        CHECK(shape_line(line, fixture.chain).advance <= 300 * 64);
        // A flag is two regional indicators (8 bytes): every line holds whole ones.
        std::size_t indicators = 0;
        for (std::size_t at = line.find("\xF0\x9F\x87"); at != std::string::npos; at = line.find("\xF0\x9F\x87", at + 4))
            ++indicators;
        CHECK(indicators % 2 == 0);
    }
}

}  // namespace signage::text

// Generated mixed strings through the whole text layer: every byte in exactly one run, no run
// splitting a cluster, wrapping that fits and never aborts, whatever the characters.
#include "test_support.hpp"
#include "text/itemizer.hpp"
#include "text/raster.hpp"
#include "text/shaper.hpp"
#include "text/wrap.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

namespace {

std::string utf8(char32_t cp)
{
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

// Pieces real headlines are made of, and some they should never hold but might.
std::string random_piece(std::mt19937& random)
{
    auto pick = [&](char32_t low, char32_t high) { return utf8(std::uniform_int_distribution<char32_t>(low, high)(random)); };
    switch (std::uniform_int_distribution(0, 15)(random)) {
    case 0: case 1: case 2: return pick(0xAC00, 0xD7A3);               // Hangul syllables
    case 3: case 4: return pick('a', 'z');                             // Latin
    case 5: return pick('0', '9');                                     // digits
    case 6: return " ";
    case 7: return std::string(1, ".,·-'\"()[]~%&!?"[std::uniform_int_distribution(0, 14)(random)]) ;
    case 8: return pick(0x1100, 0x1112) + pick(0x1161, 0x1175) + pick(0x11A8, 0x11C2);  // conjoining jamo
    case 9: return pick(0x0300, 0x036F);                               // a combining mark
    case 10: return pick(0x4E00, 0x9FFF);                              // Han
    case 11: return pick(0x1F1E6, 0x1F1FF) + pick(0x1F1E6, 0x1F1FF);   // a flag
    case 12: return pick(0x1F600, 0x1F64F) + (random() % 2 ? "\u200D" + pick(0x1F300, 0x1F5FF) : ""); // emoji
    case 13: return pick(0x0600, 0x06FF);                              // Arabic
    case 14: return std::string(1, static_cast<char>(0x80 + random() % 0x80));  // a stray byte
    default: return random() % 2 ? utf8(0xFFFF) : pick(0x2000, 0x206F);  // U+FFFF, general punctuation
    }
}

}  // namespace

TEST_CASE("generated mixed strings itemize, shape, wrap and rasterize without losing a byte")
{
    const RegularChainFixture fixture;
    std::mt19937 random(20181127);
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        const int pieces = std::uniform_int_distribution(1, 40)(random);
        for (int i = 0; i < pieces; ++i)
            text += random_piece(random);
        CAPTURE(round);
        CAPTURE(text);

        const auto runs = itemize(text, coverage_of(fixture.chain));
        const auto starts = grapheme_cluster_starts(text);
        std::size_t expected_begin = 0;
        for (const auto& run : runs) {
            REQUIRE(run.begin == expected_begin);
            REQUIRE(run.end > run.begin);
            REQUIRE(std::binary_search(starts.begin(), starts.end(), run.begin));
            REQUIRE(std::binary_search(starts.begin(), starts.end(), run.end));
            expected_begin = run.end;
        }
        REQUIRE(expected_begin == text.size());

        const auto line = shape_line(text, fixture.chain);
        for (const auto& glyph : line.glyphs)
            REQUIRE(glyph.cluster < text.size());
        if (round % 10 == 0)
            REQUIRE(rasterize_line(line, fixture.chain).width > 0);

        for (const auto& wrapped : wrap_text(text, fixture.chain, 400, 3))
            REQUIRE(shape_line(wrapped, fixture.chain).advance <= 400 * 64);
    }
}

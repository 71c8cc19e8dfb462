// Generated mixed strings through the whole text layer: every byte in exactly one run, no run
// splitting a cluster, wrapping that fits and never aborts, whatever the characters.
#include "test_support.hpp"
#include "text/itemizer.hpp"
#include "text/raster.hpp"
#include "text/shaper.hpp"
#include "text/utf8.hpp"
#include "text/wrap.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

namespace signage::text {

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
    case 13: return random() % 2 ? pick(0x0600, 0x06FF) : pick(0x05D0, 0x05EA);  // Arabic, Hebrew
    case 14: return std::string(1, static_cast<char>(0x80 + random() % 0x80));  // a stray byte
    default: return random() % 2 ? utf8(0xFFFF) : pick(0x2000, 0x206F);  // U+FFFF, general punctuation
    }
}

// Code points that, by UAX #29, can never start a grapheme cluster after what comes before them:
// checked here without the itemizer's own cluster function, so the test does not grade itself.
bool continues_a_cluster(char32_t previous, char32_t cp)
{
    const auto before = hb_unicode_general_category(hb_unicode_funcs_get_default(), previous);
    if (before == HB_UNICODE_GENERAL_CATEGORY_CONTROL || before == HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR ||
        before == HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR ||
        (before == HB_UNICODE_GENERAL_CATEGORY_FORMAT && previous != 0x200C && previous != 0x200D))
        return false;  // nothing extends a control (GB4)
    const auto category = hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
    if (category == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK || category == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK)
        return true;  // Extend (GB9)
    if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF))
        return true;  // ZWJ, variation selectors, emoji modifiers (GB9)
    const bool leading = previous >= 0x1100 && previous <= 0x115F;
    const bool vowel = previous >= 0x1160 && previous <= 0x11A7;
    const bool lv_syllable = previous >= 0xAC00 && previous <= 0xD7A3 && (previous - 0xAC00) % 28 == 0;
    const bool syllable = previous >= 0xAC00 && previous <= 0xD7A3;
    if (leading && ((cp >= 0x1100 && cp <= 0x11A7) || (cp >= 0xAC00 && cp <= 0xD7A3)))
        return true;  // GB6
    if ((vowel || lv_syllable) && cp >= 0x1160 && cp <= 0x11FF)
        return true;  // GB7
    if ((syllable || vowel || (previous >= 0x11A8 && previous <= 0x11FF)) && cp >= 0x11A8 && cp <= 0x11FF)
        return true;  // GB8
    return false;
}

}  // namespace

TEST_CASE("generated mixed strings itemize, shape, wrap and rasterize without losing a byte")
{
    const RegularChainFixture fixture;
    std::mt19937 random(20181127);
    for (int round = 0; round < 3000; ++round) {
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
            if (run.begin > 0) {
                std::size_t before = run.begin - 1;
                while (before > 0 && (static_cast<unsigned char>(text[before]) & 0xC0) == 0x80)
                    --before;
                const char32_t previous = decode_utf8(text, before).value;
                REQUIRE_FALSE(continues_a_cluster(previous, decode_utf8(text, run.begin).value));
            }
            REQUIRE(run.direction == (run.bidi_level % 2 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR));
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

}  // namespace signage::text

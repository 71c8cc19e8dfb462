#include "test_support.hpp"
#include "text/itemizer.hpp"
#include "text/shaper.hpp"
#include "text/utf8.hpp"

#include <doctest/doctest.h>

namespace signage::text {

namespace {

constexpr std::size_t latin_font = 0;   // Noto Sans, first in the chain
constexpr std::size_t korean_font = 1;  // Nanum Gothic

struct ExpectedRun {
    std::string text;
    std::size_t font;
    hb_script_t script;
};

void check_runs(std::string_view text, const std::vector<TextRun>& runs, const std::vector<ExpectedRun>& expected)
{
    REQUIRE(runs.size() == expected.size());
    for (std::size_t i = 0; i < runs.size(); ++i) {
        CAPTURE(i);
        CHECK(text.substr(runs[i].begin, runs[i].end - runs[i].begin) == expected[i].text);
        CHECK(runs[i].font_index == expected[i].font);
        CHECK(runs[i].script == expected[i].script);
    }
}

void check_covers_every_byte_once(std::string_view text, const std::vector<TextRun>& runs)
{
    std::size_t expected_begin = 0;
    for (const auto& run : runs) {
        CHECK(run.begin == expected_begin);
        CHECK(run.end > run.begin);
        expected_begin = run.end;
    }
    CHECK(expected_begin == text.size());
}

}  // namespace

TEST_CASE("a mixed Korean and English headline splits into runs by script and font")
{
    const RegularChainFixture fixture;
    const auto& chain = fixture.chain;
    const std::string text = "MOIS 장관, 2018.06.04 Lima 방문 — e-Government 협력";
    const auto runs = itemize(text, coverage_of(chain));

    // Spaces and punctuation stay with the run before them; digits take the first font that
    // has them (the Latin face), in the script of the text around them.
    check_runs(text, runs,
               {
                   {"MOIS ", latin_font, HB_SCRIPT_LATIN},
                   {"장관, ", korean_font, HB_SCRIPT_HANGUL},
                   {"2018.06.04 ", latin_font, HB_SCRIPT_HANGUL},
                   {"Lima ", latin_font, HB_SCRIPT_LATIN},
                   {"방문 — ", korean_font, HB_SCRIPT_HANGUL},
                   {"e-Government ", latin_font, HB_SCRIPT_LATIN},
                   {"협력", korean_font, HB_SCRIPT_HANGUL},
               });
    check_covers_every_byte_once(text, runs);
}

TEST_CASE("text that starts with digits or punctuation joins the first run with a script")
{
    const RegularChainFixture fixture;
    const auto& chain = fixture.chain;
    struct Case {
        std::string text;
        std::vector<ExpectedRun> runs;
    };
    const std::vector<Case> cases = {
        {"2018년 예산", {{"2018", latin_font, HB_SCRIPT_HANGUL}, {"년 예산", korean_font, HB_SCRIPT_HANGUL}}},
        {"(2018년) 예산", {{"(2018", latin_font, HB_SCRIPT_HANGUL}, {"년) 예산", korean_font, HB_SCRIPT_HANGUL}}},
        {"\"Smart City\" 포럼", {{"\"Smart City\" ", latin_font, HB_SCRIPT_LATIN}, {"포럼", korean_font, HB_SCRIPT_HANGUL}}},
        {"2018.06.04", {{"2018.06.04", latin_font, HB_SCRIPT_LATIN}}},
        {"행정안전부·외교부", {{"행정안전부·외교부", korean_font, HB_SCRIPT_HANGUL}}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto runs = itemize(c.text, coverage_of(chain));
        check_runs(c.text, runs, c.runs);
        check_covers_every_byte_once(c.text, runs);
    }
}

TEST_CASE("a run boundary never splits a grapheme cluster")
{
    const RegularChainFixture fixture;
    const auto& chain = fixture.chain;
    // e + combining acute; conjoining jamo ᄒ ᅡ ᆫ (a syllable spelled in parts); a ZWJ emoji sequence.
    const std::string text = "Cafe\xCC\x81 \xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB 👩‍💻 끝";
    const auto runs = itemize(text, coverage_of(chain));
    check_covers_every_byte_once(text, runs);
    const auto starts = grapheme_cluster_starts(text);
    for (const auto& run : runs) {
        CAPTURE(run.begin);
        CHECK(std::find(starts.begin(), starts.end(), run.begin) != starts.end());
        CHECK(std::find(starts.begin(), starts.end(), run.end) != starts.end());
    }
    // The jamo sequence is one cluster: ᄒ starts one, ᅡ and ᆫ do not.
    const std::size_t jamo = text.find("\xE1\x84\x92");
    CHECK(std::find(starts.begin(), starts.end(), jamo) != starts.end());
    CHECK(std::find(starts.begin(), starts.end(), jamo + 3) == starts.end());
    CHECK(std::find(starts.begin(), starts.end(), jamo + 6) == starts.end());
}

TEST_CASE("invalid UTF-8 bytes still land in exactly one run")
{
    const RegularChainFixture fixture;
    const auto& chain = fixture.chain;
    const std::string text = "ok \xFF\xC3 공지 \xE2\x82";
    check_covers_every_byte_once(text, itemize(text, coverage_of(chain)));
}

TEST_CASE("every title of the sample feed is covered byte for byte by runs of fonts that have its characters")
{
    const RegularChainFixture fixture;
    const auto& chain = fixture.chain;
    for (const auto& title : sample_titles()) {
        CAPTURE(title);
        const auto runs = itemize(title, coverage_of(chain));
        check_covers_every_byte_once(title, runs);
        // Hangul in the Korean face, Latin letters and digits in the Latin face.
        for (const auto& run : runs)
            for (std::size_t offset = run.begin; offset < run.end;) {
                const auto cp = decode_utf8(title, offset);
                CAPTURE(offset);
                if (cp.value >= 0xAC00 && cp.value <= 0xD7A3)
                    CHECK(run.font_index == korean_font);
                else if ((cp.value >= 'A' && cp.value <= 'Z') || (cp.value >= 'a' && cp.value <= 'z') || (cp.value >= '0' && cp.value <= '9'))
                    CHECK(run.font_index == latin_font);
                offset += cp.length;
            }
    }
}

namespace {

std::vector<std::string> clusters_of(const std::string& text)
{
    const auto starts = grapheme_cluster_starts(text);
    std::vector<std::string> clusters;
    for (std::size_t i = 0; i + 1 < starts.size(); ++i)
        clusters.push_back(text.substr(starts[i], starts[i + 1] - starts[i]));
    return clusters;
}

// A chain whose one font has every character: isolates itemization from font coverage.
FontCoverage covers_everything()
{
    return FontCoverage{1, [](std::size_t, char32_t) { return true; }, {}, {}};
}

std::string run_text(std::string_view text, const TextRun& run) { return std::string(text.substr(run.begin, run.end - run.begin)); }

}  // namespace

TEST_CASE("grapheme clusters are UAX #29 extended grapheme clusters")
{
    using Clusters = std::vector<std::string>;
    // A family emoji joined by ZWJs, a thumbs-up with a skin tone, a keycap: each one cluster.
    CHECK(clusters_of("👨‍👩‍👧👍🏽1️⃣") == Clusters{"👨‍👩‍👧", "👍🏽", "1️⃣"});
    // Regional indicators pair into flags: Korea, then the United States.
    CHECK(clusters_of("🇰🇷🇺🇸") == Clusters{"🇰🇷", "🇺🇸"});
    // A precomposed syllable takes conjoining vowels and final consonants after it (GB7, GB8).
    CHECK(clusters_of("가\xE1\x85\xA1각\xE1\x86\xA8" "a") == Clusters{"가\xE1\x85\xA1", "각\xE1\x86\xA8", "a"});
    // Old Hangul: leading consonants and vowels spelled in jamo, one syllable each.
    CHECK(clusters_of("\xE1\x84\x80\xE1\x84\x80\xE1\x85\xA1\xE1\x84\x8B\xE1\x85\xA1") ==
          Clusters{"\xE1\x84\x80\xE1\x84\x80\xE1\x85\xA1", "\xE1\x84\x8B\xE1\x85\xA1"});
    // A Devanagari consonant with its spacing vowel sign (GB9a), and CR LF (GB3).
    CHECK(clusters_of("कि\r\nx") == Clusters{"कि", "\r\n", "x"});
}

TEST_CASE("right-to-left text gets its own runs, shaped right to left and placed in visual order")
{
    const std::string text = "Notice: שלום עולם 2024 end";
    const auto runs = itemize(text, covers_everything());
    check_covers_every_byte_once(text, runs);
    REQUIRE(runs.size() == 4);
    CHECK(run_text(text, runs[0]) == "Notice: ");
    CHECK(runs[0].direction == HB_DIRECTION_LTR);
    CHECK(run_text(text, runs[1]) == "שלום עולם ");
    CHECK(runs[1].direction == HB_DIRECTION_RTL);
    CHECK(runs[1].script == HB_SCRIPT_HEBREW);
    // European digits inside right-to-left text still read left to right (UAX #9 W7, I2).
    CHECK(run_text(text, runs[2]) == "2024");
    CHECK(runs[2].direction == HB_DIRECTION_LTR);
    CHECK(run_text(text, runs[3]) == " end");
    // On the line: "Notice: 2024 םלוע םולש end".
    CHECK(visual_run_order(runs) == std::vector<std::size_t>{0, 2, 1, 3});
}

TEST_CASE("a line that starts right to left reads right to left, with its English in place")
{
    const std::string text = "שלום Seoul";
    const auto runs = itemize(text, covers_everything());
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].direction == HB_DIRECTION_RTL);
    CHECK(runs[1].direction == HB_DIRECTION_LTR);
    CHECK(visual_run_order(runs) == std::vector<std::size_t>{1, 0});
}

TEST_CASE("replacement marks for right-to-left text no font has run right to left")
{
    // The bundled fonts have no Hebrew: each letter is a replacement mark, the first rightmost.
    const RegularChainFixture fixture;
    const std::string text = "אבג";
    const auto line = shape_line(text, fixture.chain);
    REQUIRE(line.glyphs.size() == 3);
    const auto positions = cluster_positions(text, line);
    CHECK(positions[0] > positions[2]);
    CHECK(positions[2] > positions[4]);
}

}  // namespace signage::text

// Our shaping against HarfBuzz's own command-line shaper, run by run: same font file, same
// size, same script, language and direction must give the same glyphs and positions.
#include "test_support.hpp"
#include "text/shaper.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>

namespace signage::text {

namespace {

nlohmann::json hb_shape(const Font& font, const TextRun& run, std::string_view run_text)
{
    char script[5] = {};
    hb_tag_to_string(hb_script_to_iso15924_tag(run.script), script);
    const std::string command = "hb-shape --output-format=json --no-glyph-names --utf8-clusters --font-size=" +
                                std::to_string(font.pixel_size() * 64) + " --face-index=" +
                                std::to_string(font.file().face_index) + " --script=" + script +
                                " --language=" + hb_language_to_string(run.language) + " --direction=" +
                                hb_direction_to_string(run.direction) + " " + shell_quoted(font.file().path.string()) +
                                " --text=" + shell_quoted(std::string(run_text)) + " 2>&1";
    const std::string output = run_shell(command).output;
    CAPTURE(command);
    CAPTURE(output);
    auto parsed = nlohmann::json::parse(output, nullptr, false);
    REQUIRE_MESSAGE(parsed.is_array(), "hb-shape (Debian package libharfbuzz-bin) did not answer with JSON");
    return parsed;
}

}  // namespace

TEST_CASE("every run we shape agrees with hb-shape on glyph ids, clusters and advances")
{
    auto strings = sample_titles();
    strings.insert(strings.end(), {
                                      "MOIS 장관, 2018.06.04 Lima 방문 — e-Government 협력",
                                      "AVAWAY Typography: office affluent fjord",
                                      "[보도자료] ‘2024년 지방자치단체 합동평가’ 결과…㈜표창 ※붙임 ①②",
                                      "Café naïve résumé — Asunción, Perú",
                                      "韓國 電子政府 「디지털 플랫폼 정부」 실현ㆍ확산 ~ 100%",
                                      "Cafe\xCC\x81 \xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB",
                                      // Emoji, shaped with the colour emoji font: one glyph per sequence.
                                      "📢 공지: 태풍 ⚠️ 경보 ☔ 🇰🇷 1️⃣ #️⃣ 가족 👨‍👩‍👧 👍🏽 🏴‍☠️ Notice 🙂🙂",
                                      // The lazy fallbacks: Old Hangul (U+1112 U+119E U+11AB, U+1109 U+1169 U+11F0,
                                      // U+D558 U+11EB), Hanja of Extensions A and B, Hebrew, Arabic.
                                      "훈민정음 \xE1\x84\x92\xE1\x86\x9E\xE1\x86\xAB \xE1\x84\x89\xE1\x85\xA9\xE1\x87\xB0 \xED\x95\x98\xE1\x87\xAB 옛글",
                                      "희귀 \xE3\x90\x80 \xF0\xA0\x80\x8B 한자",
                                      "환영 שרה כהן 님, Welcome محمد علي — سلام",
                                  });
    const FreeTypeLibrary library = FreeTypeLibrary::create().value();
    for (const auto& files : {repository_fonts().regular_chain(), repository_fonts().bold_chain()}) {
        for (int px : {24, 48, 81}) {
            const FontChain chain = FontChain::open(library, files, px).value();
            for (const auto& text : strings) {
                CAPTURE(text);
                CAPTURE(px);
                const ShapedLine line = shape_line(text, chain);
                for (const auto& run : line.runs) {
                    const std::string_view run_text = std::string_view(text).substr(run.begin, run.end - run.begin);
                    CAPTURE(run_text);
                    const auto reference = hb_shape(chain.font(run.font_index), run, run_text);
                    std::vector<const PositionedGlyph*> ours;
                    for (const auto& glyph : line.glyphs)
                        if (glyph.cluster >= run.begin && glyph.cluster < run.end)
                            ours.push_back(&glyph);
                    REQUIRE(ours.size() == reference.size());
                    for (std::size_t i = 0; i < ours.size(); ++i) {
                        CAPTURE(i);
                        CHECK(ours[i]->glyph_id == reference[i]["g"].get<hb_codepoint_t>());
                        CHECK(ours[i]->cluster - run.begin == reference[i]["cl"].get<std::uint32_t>());
                        CHECK(ours[i]->x_advance == reference[i]["ax"].get<hb_position_t>());
                        CHECK(ours[i]->y_advance == reference[i]["ay"].get<hb_position_t>());
                        CHECK(ours[i]->x_offset == reference[i]["dx"].get<hb_position_t>());
                        CHECK(ours[i]->y_offset == reference[i]["dy"].get<hb_position_t>());
                    }
                }
            }
        }
    }
}

}  // namespace signage::text

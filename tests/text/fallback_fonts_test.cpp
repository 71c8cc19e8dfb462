// The lazy fallback fonts of the bundled chains: Old Hangul and rare Hanja (a subset of Noto
// Sans CJK KR), Hebrew and Arabic. Each opens only when some text needs it.
#include "../render/captured_log.hpp"
#include "test_support.hpp"
#include "text/shaper.hpp"
#include "text/wrap.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

namespace signage::text {

namespace {

struct Chains {
    FreeTypeLibrary library = FreeTypeLibrary::create().value();
    FontChain regular = FontChain::open(library, repository_fonts().regular_chain(), 48).value();
    FontChain bold = FontChain::open(library, repository_fonts().bold_chain(), 48).value();
};

std::size_t open_fonts(const FontChain& chain)
{
    std::size_t open = 0;
    for (std::size_t i = 0; i < chain.size(); ++i)
        open += chain.is_open(i) ? 1 : 0;
    return open;
}

// The file name of the font of the run that holds byte `offset`.
std::string font_at(const ShapedLine& line, const FontChain& chain, std::size_t offset)
{
    for (const auto& run : line.runs)
        if (offset >= run.begin && offset < run.end)
            return run.missing ? "(missing)" : chain.font(run.font_index).file().path.filename().string();
    return "(none)";
}

hb_position_t cluster_advance(const ShapedLine& line, std::size_t begin, std::size_t end)
{
    hb_position_t advance = 0;
    for (const auto& glyph : line.glyphs)
        if (glyph.cluster >= begin && glyph.cluster < end)
            advance += glyph.x_advance;
    return advance;
}

const std::string old_hangul = "\xE1\x84\x92\xE1\x86\x9E\xE1\x86\xAB";  // U+1112 U+119E U+11AB: ᄒᆞᆫ

}  // namespace

TEST_CASE("a screen of Hangul, Hanja and Latin opens none of the lazy fallbacks")
{
    Chains chains;
    CHECK(chains.regular.size() == 6);
    CHECK(chains.bold.size() == 7);
    CHECK(open_fonts(chains.regular) == 2);
    auto titles = sample_titles();
    titles.push_back("韓國 電子政府 「디지털 플랫폼 정부」 실현ㆍ확산 ~ 100% — Café, naïve");
    titles.push_back("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB 한");  // modern jamo: HarfBuzz composes them in Nanum Gothic
    for (const auto& title : titles) {
        shape_line(title, chains.regular);
        shape_line(title, chains.bold);
    }
    CHECK(open_fonts(chains.regular) == 2);
    CHECK(open_fonts(chains.bold) == 2);
    // The replacement mark of a character no font has comes from the fonts already open.
    shape_line("\xEE\x80\x80", chains.regular);  // U+E000, private use
    CHECK(open_fonts(chains.regular) == 2);
}

TEST_CASE("an emoji opens the emoji font and no other fallback")
{
    Chains chains;
    for (const std::string text : {"공지 📢 안내", "경보 ⚠\xEF\xB8\x8F 1\xEF\xB8\x8F\xE2\x83\xA3 🇰🇷 가족 👨‍👩‍👧 OK"}) {
        shape_line(text, chains.regular);
        shape_line(text, chains.bold);
    }
    for (const FontChain* chain : {&chains.regular, &chains.bold}) {
        CHECK(open_fonts(*chain) == 3);
        CHECK(chain->is_open(chain->size() - 1));
        CHECK(chain->draws_emoji(chain->size() - 1));
    }
}

TEST_CASE("Old Hangul takes the fallback that composes it into one syllable block, and opens only that one")
{
    Chains chains;
    const std::string text = "옛글 " + old_hangul + " 보기";
    for (const FontChain* chain : {&chains.regular, &chains.bold}) {
        const ShapedLine line = shape_line(text, *chain);
        const std::size_t at = text.find(old_hangul);
        CHECK(font_at(line, *chain, 0) == (chain == &chains.regular ? "NanumGothic.ttf" : "NanumGothicBold.ttf"));
        CHECK(font_at(line, *chain, at) == (chain == &chains.regular ? "NotoSansKR-Fallback-Regular.otf" : "NotoSansKR-Fallback-Bold.otf"));
        // One block as wide as a syllable (the fallback's em is 1000 units, a syllable ~920), not three jamo side by side.
        const hb_position_t advance = cluster_advance(line, at, at + old_hangul.size());
        CHECK(advance > 40 * 64);
        CHECK(advance < 48 * 64);
        CHECK(open_fonts(*chain) == 3);
    }
    // In the regular face the three jamo become a single glyph.
    const ShapedLine line = shape_line(old_hangul, chains.regular);
    CHECK(line.glyphs.size() == 1);
}

TEST_CASE("a syllable with an old final jamo, and Hanja beyond Nanum Gothic's, come from the fallback")
{
    Chains chains;
    const std::string syllable_and_final = "\xED\x95\x98\xE1\x87\xAB";  // U+D558 U+11EB
    const ShapedLine composed = shape_line(syllable_and_final, chains.regular);
    CHECK(font_at(composed, chains.regular, 0) == "NotoSansKR-Fallback-Regular.otf");
    CHECK(cluster_advance(composed, 0, syllable_and_final.size()) < 48 * 64);

    const std::string rare = "\xE3\x90\x80 \xF0\xA0\x80\x8B \xEF\xA8\x8E";  // U+3400 (Ext A), U+2000B (Ext B), U+FA0E (compatibility)
    const ShapedLine line = shape_line(rare, chains.bold);
    for (const auto& run : line.runs)
        CHECK(!run.missing);
    // The bold fallback has only jamo: Hanja in a bold line take the regular one.
    CHECK(font_at(line, chains.bold, 0) == "NotoSansKR-Fallback-Regular.otf");
    CHECK(font_at(line, chains.bold, 4) == "NotoSansKR-Fallback-Regular.otf");
}

TEST_CASE("whether a cluster needs a font that composes jamo")
{
    CHECK(needs_jamo_composition(old_hangul));
    CHECK(needs_jamo_composition("\xE1\x84\x80"));  // a leading consonant alone
    CHECK(needs_jamo_composition("\xED\x95\x98\xE1\x87\xAB"));
    CHECK_FALSE(needs_jamo_composition("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"));  // composes to 한
    CHECK_FALSE(needs_jamo_composition("한"));
    CHECK_FALSE(needs_jamo_composition("a"));
}

TEST_CASE("Hebrew and Arabic names in a Korean title: their fonts, right to left, Arabic letters joined")
{
    Chains chains;
    const std::string hebrew = "שלום";
    const std::string arabic = "سلام";
    const std::string text = "환영 " + hebrew + " 그리고 " + arabic + " Welcome";
    const ShapedLine line = shape_line(text, chains.regular);
    CHECK(font_at(line, chains.regular, text.find(hebrew)) == "NotoSansHebrew-Regular.ttf");
    CHECK(font_at(line, chains.regular, text.find(arabic)) == "NotoSansArabic-Regular.ttf");
    CHECK(open_fonts(chains.regular) == 4);
    for (const auto& run : line.runs) {
        CHECK(!run.missing);
        const bool rtl = run.begin == text.find(hebrew) || run.begin == text.find(arabic);
        CHECK(run.direction == (rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR));
    }
    // Right to left: the first letter of each name is its rightmost glyph.
    auto x_of = [&](std::size_t cluster) {
        for (const auto& glyph : line.glyphs)
            if (glyph.cluster == cluster)
                return glyph.x;
        FAIL("no glyph for cluster " << cluster);
        return hb_position_t{0};
    };
    CHECK(x_of(text.find(hebrew)) > x_of(text.find(hebrew) + hebrew.size() - 2));
    CHECK(x_of(text.find(arabic)) > x_of(text.find(arabic) + arabic.size() - 2));
    // Joined: lam and alef become one ligature, and each letter of محمد (initial, medial,
    // medial, final) takes another glyph than the letter alone.
    CHECK(shape_line(arabic, chains.regular).glyphs.size() == 3);
    const std::string name = "محمد";
    const ShapedLine word = shape_line(name, chains.regular);
    REQUIRE(word.glyphs.size() == 4);
    for (const auto& glyph : word.glyphs) {
        const ShapedLine alone = shape_line(name.substr(glyph.cluster, 2), chains.regular);
        REQUIRE(alone.glyphs.size() == 1);
        CAPTURE(glyph.cluster);
        CHECK(alone.glyphs[0].glyph_id != glyph.glyph_id);
    }
}

TEST_CASE("a wrapped Korean title keeps its left-to-right order on a line that starts with an Arabic name")
{
    Chains chains;
    const std::string text = "환영합니다 محمد علي 님, 국제협력과";
    const auto lines = wrap_text(text, chains.regular, 300, 3);
    REQUIRE(lines.size() >= 2);
    CAPTURE(lines[1]);
    REQUIRE(lines[1].starts_with("\xE2\x80\x8E محمد") == false);
    REQUIRE(lines[1].starts_with("\xE2\x80\x8E" "محمد"));  // U+200E LEFT-TO-RIGHT MARK
    const ShapedLine line = shape_line(lines[1], chains.regular);
    hb_position_t arabic_x = -1;
    hb_position_t hangul_x = -1;
    for (const auto& glyph : line.glyphs) {
        if (glyph.cluster == 3)  // م, after the mark
            arabic_x = glyph.x;
        if (glyph.cluster == lines[1].find("님"))
            hangul_x = glyph.x;
    }
    CHECK(arabic_x >= 0);
    CHECK(arabic_x < hangul_x);  // the name on the left, "님" after it, as in the whole title
    for (const auto& run : line.runs)
        CHECK(!run.missing);  // the mark needs no glyph
    // A line that agrees with its paragraph gets no mark.
    CHECK(wrap_text("שלום עולם", chains.regular, 1000, 1) == std::vector<std::string>{"שלום עולם"});
}

TEST_CASE("a lazy font that cannot be opened covers nothing and says so once")
{
    const FreeTypeLibrary library = FreeTypeLibrary::create().value();
    auto files = repository_fonts().regular_chain();
    files.insert(files.begin() + 2, FontFile::lazy_fallback("/nonexistent/Missing.ttf", {}));
    const FontChain chain = FontChain::open(library, files, 32).value();
    render::CapturedLog log;
    const ShapedLine line = shape_line("가 \xEE\x80\x80 \xEE\x80\x81 שלום", chain);
    CHECK(!chain.is_open(2));
    CHECK(render::occurrences(log.text(), "/nonexistent/Missing.ttf") == 1);
    CHECK(font_at(line, chain, 0) == "NanumGothic.ttf");
    CHECK(line.runs.back().direction == HB_DIRECTION_RTL);
    CHECK(!line.runs.back().missing);  // the Hebrew fallback still opens after it
}

TEST_CASE("every chain and size draws a font file from one mapping of it")
{
    const auto mappings_of = [](const std::string& name) {
        std::ifstream maps("/proc/self/maps");
        std::size_t count = 0;
        for (std::string line; std::getline(maps, line);)
            count += line.ends_with("/" + name) ? 1 : 0;
        return count;
    };
    const FreeTypeLibrary library = FreeTypeLibrary::create().value();
    std::vector<FontChain> chains;
    for (const int px : {24, 48, 81}) {
        chains.push_back(FontChain::open(library, repository_fonts().regular_chain(), px).value());
        chains.push_back(FontChain::open(library, repository_fonts().bold_chain(), px).value());
    }
    for (const FontChain& chain : chains)
        shape_line("공지 📢 안내 שלום", chain);
    for (const FontChain& chain : chains)
        REQUIRE(chain.is_open(chain.size() - 1));
    CHECK(mappings_of("NotoColorEmoji.ttf") == 1);
    CHECK(mappings_of("NanumGothic.ttf") == 1);
    CHECK(mappings_of("NotoSansHebrew-Regular.ttf") == 1);
}

}  // namespace signage::text

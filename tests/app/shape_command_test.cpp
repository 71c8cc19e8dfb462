#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace signage::app {

TEST_CASE("signage-player shape prints runs that cover the text, each with its font and glyphs")
{
    const std::string text = "MOIS 장관, 2018.06.04 Lima 방문";
    const auto result = run_player({"shape", text, "--font-size", "40", "--role", "crawl"}, true);
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.output);
    CHECK(json["font_size_px"] == 40);
    CHECK(json["units"] == "1/64 px: hb-shape --font-size=2560 prints the same numbers");
    std::size_t expected_start = 0;
    std::string joined;
    for (const auto& run : json["runs"]) {
        CHECK(run["start"] == expected_start);
        expected_start = run["end"].get<std::size_t>();
        joined += run["text"].get<std::string>();
        CHECK(!run["glyphs"].empty());
        for (const auto& glyph : run["glyphs"])
            CHECK(glyph["g"].get<int>() != 0);
        const std::string font = run["font"].get<std::string>();
        const std::string run_text = run["text"].get<std::string>();
        if (run_text.starts_with("장관") || run_text.starts_with("방문"))
            CHECK(font.ends_with("NanumGothic.ttf"));
        else
            CHECK(font.ends_with("NotoSans-Regular.ttf"));
        CHECK(run["direction"] == "ltr");
    }
    CHECK(joined == text);
    CHECK(json["runs"].size() == 5);  // MOIS | 장관, | 2018.06.04 | Lima | 방문
}

TEST_CASE("signage-player shape names the lazy fallback fonts of Old Hangul, Hebrew and Arabic runs")
{
    const std::string text = "\xE1\x84\x92\xE1\x86\x9E\xE1\x86\xAB שלום سلام";
    const auto result = run_player({"shape", text, "--font-size", "40", "--role", "crawl"}, true);
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.output);
    std::vector<std::string> fonts;
    for (const auto& run : json["runs"]) {
        CHECK(run["missing"] == false);
        const std::string font = run["font"].get<std::string>();
        fonts.push_back(font.substr(font.rfind('/') + 1));
    }
    CHECK(std::find(fonts.begin(), fonts.end(), "NotoSansKR-Fallback-Regular.otf") != fonts.end());
    CHECK(std::find(fonts.begin(), fonts.end(), "NotoSansHebrew-Regular.ttf") != fonts.end());
    CHECK(std::find(fonts.begin(), fonts.end(), "NotoSansArabic-Regular.ttf") != fonts.end());
}

TEST_CASE("signage-player shape refuses an unknown role and a bad size with one line")
{
    const auto role = run_player({"shape", "x", "--role", "banner"});
    CHECK(role.exit_code == 2);
    CHECK(role.output == "<3>cli: --role: \"banner\" is not a text role; use headline, subtitle, crawl, date, label, clock or alert\n");
    const auto size = run_player({"shape", "x", "--font-size", "big"});
    CHECK(size.exit_code == 2);
    CHECK(size.output == "<3>cli: --font-size: \"big\" is not a size in pixels (4..1000)\n");
}

TEST_CASE("signage-player shape follows the font chains a config gives the roles")
{
    const auto config = std::filesystem::temp_directory_path() / ("signage-fonts-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(config) << "[[feed]]\nname = \"x\"\nurl = \"https://example.org/feed.xml\"\nlanguage = \"ko\"\n"
                             "[fonts]\ncrawl = [\"" SIGNAGE_SOURCE_DIR "/fonts/NanumGothic.ttf\"]\n";
    const auto result = run_player({"shape", "Korea 공지", "--role", "crawl", "--config", config.string()}, true);
    std::filesystem::remove(config);
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.output);
    // With Nanum Gothic alone in the chain, the Latin letters are set in it too: one run.
    REQUIRE(json["runs"].size() == 2);  // Latin and Hangul scripts, one font
    for (const auto& run : json["runs"])
        CHECK(run["font"].get<std::string>().ends_with("NanumGothic.ttf"));
}

}  // namespace signage::app

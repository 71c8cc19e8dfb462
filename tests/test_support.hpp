#pragma once
// Shared by the tests: where the repository's real fonts, assets and fixtures are.
#include "feed/feed_parser.hpp"
#include "text/bundled_fonts.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

inline std::filesystem::path source_dir() { return SIGNAGE_SOURCE_DIR; }
inline std::filesystem::path test_data_dir() { return SIGNAGE_TEST_DATA_DIR; }
// The repository root doubles as a data dir: it has fonts/ and assets/ like share/signage-player.
inline BundledFonts repository_fonts() { return BundledFonts::in(source_dir()); }

// The bundled regular chain (Noto Sans, then Nanum Gothic) at 48 px.
struct RegularChainFixture {
    FreeTypeLibrary library = FreeTypeLibrary::create().value();
    FontChain chain = FontChain::open(library, repository_fonts().regular_chain(), 48).value();
};

// Every title (Korean and English) of the bundled sample feed.
inline std::vector<std::string> sample_titles()
{
    std::ifstream file(source_dir() / "assets" / "sample-feed.xml", std::ios::binary);
    std::stringstream bytes;
    bytes << file.rdbuf();
    const auto feed = parse_feed(bytes.str(), {"sample", "ko"});
    REQUIRE(feed);
    std::vector<std::string> titles;
    for (const auto& notice : feed->notices)
        for (const auto& title : notice.titles)
            titles.push_back(title.text);
    REQUIRE(titles.size() == 10);
    return titles;
}

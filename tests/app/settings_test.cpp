#include "app/settings.hpp"
#include "config/config.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

namespace {

std::vector<std::filesystem::path> paths(const std::vector<FontFile>& chain)
{
    std::vector<std::filesystem::path> result;
    for (const auto& file : chain)
        result.push_back(file.path);
    return result;
}

}  // namespace

TEST_CASE("each text role gets the chain of its weight, its configured weight, or its own chain")
{
    const auto fonts = source_dir() / "fonts";
    const auto loaded = parse_config("[[feed]]\nname = \"a\"\npath = \"a.xml\"\nlanguage = \"ko\"\n"
                                     "[fonts]\nregular = [\"" + (fonts / "NanumGothic.ttf").string() + "\"]\n"
                                     "crawl = \"bold\"\n"
                                     "date = [\"" + (fonts / "NotoSans-Regular.ttf").string() + "\"]\n",
                                     "config.toml");
    REQUIRE_MESSAGE(loaded.ok(), problem(loaded));
    const FontRoles roles = font_roles(loaded.value(), source_dir());
    const BundledFonts bundled = repository_fonts();

    // The configured regular chain replaces the bundled one wherever the regular weight is used.
    CHECK(paths(roles.subtitle) == std::vector{fonts / "NanumGothic.ttf"});
    // Bold was not configured: the bundled bold chain, for the roles set in bold.
    CHECK(paths(roles.headline) == paths(bundled.bold_chain()));
    CHECK(paths(roles.clock) == paths(bundled.bold_chain()));
    CHECK(paths(roles.crawl) == paths(bundled.bold_chain()));
    CHECK(paths(roles.date) == std::vector{fonts / "NotoSans-Regular.ttf"});
}

TEST_CASE("without [fonts] every role uses the bundled fonts in its usual weight")
{
    const auto loaded = parse_config("[[feed]]\nname = \"a\"\npath = \"a.xml\"\nlanguage = \"ko\"\n", "config.toml");
    REQUIRE(loaded.ok());
    const FontRoles roles = font_roles(loaded.value(), source_dir());
    const BundledFonts bundled = repository_fonts();
    for (const auto role : {"headline", "label", "clock", "alert"})
        CHECK(paths(*roles.find(role)) == paths(bundled.bold_chain()));
    for (const auto role : {"subtitle", "crawl", "date"})
        CHECK(paths(*roles.find(role)) == paths(bundled.regular_chain()));
}

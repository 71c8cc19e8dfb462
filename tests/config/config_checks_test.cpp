// The loader asks the checks it is given about what other layers own, and names their answers
// with the line, as it names its own mistakes.
#include "config/checks.hpp"
#include "config/config.hpp"
#include "config/config_cases.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace signage::config {

namespace {

const std::string readable_font = SIGNAGE_SOURCE_DIR "/fonts/NanumGothic.ttf";

// Checks that answer as told and remember what they were asked.
struct FakeChecks {
    std::vector<std::string> zones_asked;
    std::vector<std::string> languages_asked;
    std::vector<std::optional<unsigned>> faces_asked;
    FontFileCheck font_answer;

    ConfigChecks checks(bool zone_exists)
    {
        ConfigChecks checks;
        checks.time_zone_exists = [this, zone_exists](const std::string& name) {
            zones_asked.push_back(name);
            return zone_exists;
        };
        checks.font_file = [this](const std::filesystem::path&, std::optional<unsigned> face, const std::string& language) {
            faces_asked.push_back(face);
            languages_asked.push_back(language);
            return font_answer;
        };
        return checks;
    }
};

std::string error_with(const std::string& toml, const ConfigChecks& checks)
{
    Result<Config> result = parse_config(toml, "config.toml", checks);
    return result.ok() ? std::string("(loaded without error)") : result.error().message;
}

}  // namespace

TEST_CASE("A time zone is refused when the injected check says the database does not have it")
{
    FakeChecks fake;
    const std::string toml = with_feed("[screen]\ntime_zone = \"Europe/Berlin\"\n");
    CHECK(error_with(toml, fake.checks(false))
          == R"(config.toml:6: screen.time_zone: "Europe/Berlin" is not a time zone; use a name like "Asia/Seoul" (see /usr/share/zoneinfo))");
    CHECK(fake.zones_asked == std::vector<std::string>{"Europe/Berlin"});

    Result<Config> accepted = parse_config(toml, "config.toml", fake.checks(true));
    REQUIRE(accepted.ok());
    CHECK(accepted->screen.time_zone == "Europe/Berlin");
}

TEST_CASE("A font file the injected check cannot use is named with its line and the check's words")
{
    FakeChecks fake;
    fake.font_answer = {FontFileCheck::Fault::file, "cannot be drawn with", 0};
    CHECK(error_with(with_feed("[fonts]\nregular = [\"" + readable_font + "\"]\n"), fake.checks(true))
          == "config.toml:6: fonts.regular[0]: cannot be drawn with");
    CHECK(fake.languages_asked == std::vector<std::string>{"ko"});
    CHECK(fake.faces_asked == std::vector<std::optional<unsigned>>{std::nullopt});
}

TEST_CASE("A face the injected check does not find is named at the entry's face")
{
    FakeChecks fake;
    fake.font_answer = {FontFileCheck::Fault::face, "has no such face", 0};
    // The file is on line 6, the face on line 7.
    CHECK(error_with(with_feed("[[fonts.bold]]\nfile = \"" + readable_font + "\"\nface = 4\n"), fake.checks(true))
          == "config.toml:7: fonts.bold[0].face: has no such face");
    CHECK(fake.faces_asked == std::vector<std::optional<unsigned>>{4u});
}

TEST_CASE("A font's face is the one the injected check chose, for the language the entry names")
{
    FakeChecks fake;
    fake.font_answer = {FontFileCheck::Fault::none, "", 3};
    Result<Config> loaded = parse_config(with_feed("[fonts]\nregular = [{ file = \"" + readable_font + "\", language = \"ja\" }]\n"),
                                         "config.toml", fake.checks(true));
    REQUIRE(loaded.ok());
    REQUIRE(loaded->fonts.regular.size() == 1);
    CHECK(loaded->fonts.regular[0].face_index == 3);
    CHECK(fake.languages_asked == std::vector<std::string>{"ja"});
}

TEST_CASE("Without checks, the loader takes any zone and any font file as written")
{
    const ConfigChecks none;
    Result<Config> loaded = parse_config(with_feed("[screen]\ntime_zone = \"Nowhere/Atall\"\n[fonts]\nbold = [{ file = \"" + readable_font
                                                   + "\", face = 7 }]\n"),
                                         "config.toml", none);
    REQUIRE(loaded.ok());
    CHECK(loaded->screen.time_zone == "Nowhere/Atall");
    CHECK(loaded->fonts.bold.at(0).face_index == 7);
    // What the loader checks itself still holds: the file must be there.
    CHECK(error_with(with_feed("[fonts]\nbold = [\"/nonexistent/font.ttf\"]\n"), none)
          == R"(config.toml:6: fonts.bold[0]: "/nonexistent/font.ttf" is not a readable file)");
}

}  // namespace signage::config

#include "app/config_checks.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>

namespace signage::app {

TEST_CASE("The system's checks know the zone database")
{
    const config::ConfigChecks checks = system_config_checks();
    CHECK(checks.time_zone_exists("Asia/Seoul"));
    CHECK_FALSE(checks.time_zone_exists("Asia/Seol"));
    CHECK_FALSE(checks.time_zone_exists("../../../etc/passwd"));
}

TEST_CASE("The system's checks open a font file with FreeType and say which part of an entry is wrong")
{
    const config::ConfigChecks checks = system_config_checks();
    const std::string font = SIGNAGE_SOURCE_DIR "/fonts/NanumGothic.ttf";

    const config::FontFileCheck plain = checks.font_file(font, std::nullopt, "ko");
    CHECK(plain.fault == config::FontFileCheck::Fault::none);
    CHECK(plain.face_index == 0);

    const config::FontFileCheck beyond = checks.font_file(font, 1u, "ko");
    CHECK(beyond.fault == config::FontFileCheck::Fault::face);
    CHECK(beyond.problem == "1 is not a face of \"" + font + "\", which has 1 face");

    const std::string not_a_font = SIGNAGE_SOURCE_DIR "/fonts/README.md";
    const config::FontFileCheck refused = checks.font_file(not_a_font, std::nullopt, "ko");
    CHECK(refused.fault == config::FontFileCheck::Fault::file);
    CHECK(refused.problem == "\"" + not_a_font + "\" is not a font file FreeType can open");
}

}  // namespace signage::app

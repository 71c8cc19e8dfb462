#pragma once
// What the config tests share: the feed most cases start from, and error tables. The cases
// read with the player's real checks (app/config_checks.hpp), so a font that does not open and
// a zone the system does not have are refused as the player refuses them.
#include "app/config_checks.hpp"
#include "config/config.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace signage::config {

// The feed most error cases start from. Its keys sit on these lines, which the expected
// messages below rely on:
//   1 [[feed]]   2 name   3 url   4 language   (5: a key added by feed_where)
constexpr std::string_view base_feed =
    "[[feed]]\n"
    "name = \"mois-ko\"\n"
    "url = \"https://www.mois.go.kr/rss.xml\"\n"
    "language = \"ko\"\n";

// base_feed with the line of `assignment`'s key replaced by it, or with it added on line 5.
inline std::string feed_where(std::string_view assignment)
{
    std::string_view key = assignment.substr(0, assignment.find(" ="));
    std::istringstream lines{std::string(base_feed)};
    std::string result;
    bool replaced = false;
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with(std::string(key) + " =")) {
            line = assignment;
            replaced = true;
        }
        result += line + "\n";
    }
    if (!replaced)
        result += std::string(assignment) + "\n";
    return result;
}

// base_feed without the line of `key`; the lines after it move up by one.
inline std::string feed_without(std::string_view key)
{
    std::istringstream lines{std::string(base_feed)};
    std::string result;
    for (std::string line; std::getline(lines, line);) {
        if (!line.starts_with(std::string(key) + " ="))
            result += line + "\n";
    }
    return result;
}

inline std::string with_feed(std::string_view after)
{
    return std::string(base_feed) + std::string(after);
}

inline std::string before_feed(std::string_view before)
{
    return std::string(before) + std::string(base_feed);
}

// What parse_config says about a text, as one string a CHECK can show in full.
inline std::string error_from(std::string_view toml)
{
    Result<Config> result = parse_config(toml, "config.toml", app::system_config_checks());
    return result.ok() ? std::string("(loaded without error)") : result.error().message;
}

inline Config config_from(std::string_view toml, const std::filesystem::path& origin = "config.toml")
{
    Result<Config> result = parse_config(toml, origin, app::system_config_checks());
    if (!result.ok())
        FAIL(result.error().message);
    return std::move(result).value();
}

inline std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct ErrorCase {
    std::string what;
    std::string toml;
    std::string expected;
};

inline void check_errors(const std::vector<ErrorCase>& cases)
{
    for (const ErrorCase& c : cases) {
        CAPTURE(c.what);
        CAPTURE(c.toml);
        CHECK(error_from(c.toml) == c.expected);
    }
}

inline const std::filesystem::path example_config = SIGNAGE_SOURCE_DIR "/assets/example-config.toml";

}  // namespace signage::config

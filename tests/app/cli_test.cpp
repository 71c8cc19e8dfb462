#include "app/cli.hpp"

#include <doctest/doctest.h>

namespace signage::app {

TEST_CASE("no arguments means: play fullscreen")
{
    auto line = parse_command_line({});
    REQUIRE(line);
    CHECK(line->command == Command::play);
    CHECK(!line->windowed);
    CHECK(!line->config_path);
}

TEST_CASE("the render command takes a time, a size and an output file")
{
    auto line = parse_command_line({"render", "--at", "3", "--size", "1920x1080", "--out", "f.png", "--feed", "x.xml"});
    REQUIRE(line);
    CHECK(line->command == Command::render);
    CHECK(line->at_seconds == doctest::Approx(3.0));
    CHECK(line->size.width == 1920);
    CHECK(line->size.height == 1080);
    CHECK(line->out_path == "f.png");
    CHECK(line->feed == "x.xml");
}

TEST_CASE("windowed preview takes a size")
{
    auto line = parse_command_line({"--windowed", "1280x720", "--config", "a.toml"});
    REQUIRE(line);
    CHECK(line->windowed->width == 1280);
    CHECK(line->windowed->height == 720);
    CHECK(line->config_path == "a.toml");
}

TEST_CASE("bad arguments give one line that says what to do")
{
    struct Case {
        std::vector<std::string> arguments;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"--windowed", "big"}, "--windowed: \"big\" is not a size; write WIDTHxHEIGHT, e.g. 1280x720 (64..16384)"},
        {{"--windowed", "10x10"}, "--windowed: \"10x10\" is not a size; write WIDTHxHEIGHT, e.g. 1280x720 (64..16384)"},
        {{"--config"}, "--config: needs a value"},
        {{"--frobnicate", "1"}, "unknown option \"--frobnicate\"; see --help"},
        {{"render", "--out", "f.png"}, "render: needs --at SECONDS and --out FILE.png; see --help"},
        {{"render", "--at", "-1", "--out", "f.png"}, "--at: \"-1\" is not a time in seconds (a number, 0 or more)"},
        {{"render", "--at", "1", "--out", "f.png", "--windowed", "640x480"}, "unknown option \"--windowed\"; see --help"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.message);
        auto line = parse_command_line(c.arguments);
        REQUIRE(!line);
        CHECK(line.error().message == c.message);
    }
}

TEST_CASE("--help and --version win over everything else")
{
    CHECK(parse_command_line({"--windowed", "1280x720", "--help"})->command == Command::help);
    CHECK(parse_command_line({"--version"})->command == Command::version);
}

TEST_CASE("check-config takes one FILE")
{
    auto line = parse_command_line({"check-config", "/etc/signage/lobby.toml"});
    REQUIRE(line);
    CHECK(line->command == Command::check_config);
    CHECK(line->config_path == "/etc/signage/lobby.toml");
    CHECK(parse_command_line({"check-config", "--help"})->command == Command::help);

    struct Case {
        std::vector<std::string> arguments;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"check-config"}, "check-config: needs a FILE; see --help"},
        {{"check-config", "a.toml", "b.toml"}, "check-config: one FILE only, not also \"b.toml\"; see --help"},
        {{"check-config", "--config", "a.toml"}, "unknown option \"--config\"; see --help"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.message);
        auto refused = parse_command_line(c.arguments);
        REQUIRE(!refused);
        CHECK(refused.error().message == c.message);
    }
}

TEST_CASE("snapshot takes the PNG to write and, like status, the player's status file")
{
    auto line = parse_command_line({"snapshot", "--file", "/run/x/status.json", "/tmp/screen.png"});
    REQUIRE(line);
    CHECK(line->command == Command::snapshot);
    CHECK(line->snapshot_out == "/tmp/screen.png");
    CHECK(line->status_file == "/run/x/status.json");
    CHECK(parse_command_line({"snapshot"}).error().message ==
          "snapshot: needs the PNG file to write, as in: signage-player snapshot /tmp/screen.png");
    CHECK(parse_command_line({"snapshot", "a.png", "b.png"}).error().message == "snapshot: unexpected argument \"b.png\"; see --help");
    CHECK(parse_command_line({"status", "a.png"}).error().message == "status: unexpected argument \"a.png\"; see --help");
    CHECK(parse_command_line({"snapshot", "--out", "a.png"}).error().message == "unknown option \"--out\"; see --help");
}

}  // namespace signage::app

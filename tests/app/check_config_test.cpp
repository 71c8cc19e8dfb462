// signage-player check-config, through the real binary as a user or a CI job runs it.
#include "app/check_config.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

namespace signage::app {

namespace {

constexpr const char* one_feed = "[[feed]]\nname = \"mois-ko\"\nurl = \"https://www.mois.go.kr/rss.xml\"\nlanguage = \"ko\"\n";

}  // namespace

TEST_CASE("signage-player check-config says a good config is ok, with its number of feeds")
{
    const std::string example = (source_dir() / "assets" / "example-config.toml").string();
    const auto result = run_player({"check-config", example}, true);
    CAPTURE(result.errors);
    CHECK(result.exit_code == 0);
    CHECK(result.output == example + ": ok (1 feed)\n");
    CHECK(result.errors.empty());

    ScratchDir dir("signage-check-config");
    std::ofstream(dir.path() / "two.toml") << one_feed
                                           << "[[feed]]\nname = \"alerts\"\nurl = \"https://alerts.example.org/rss\"\n"
                                              "language = \"ko\"\nurgent = true\n[screen]\nlayout = \"ticker\"\n";
    // The name is printed as given, here relative to the working directory.
    const auto two = run_player({"check-config", "two.toml"}, true, dir.path());
    CAPTURE(two.errors);
    CHECK(two.exit_code == 0);
    CHECK(two.output == "two.toml: ok (2 feeds)\n");
}

TEST_CASE("signage-player check-config takes a CAP feed, [alerts] and the QR code, and names a bad place")
{
    ScratchDir dir("signage-check-config");
    std::ofstream(dir.path() / "alerts.toml") << one_feed
                                              << "[[feed]]\nname = \"kma\"\nurl = \"https://alerts.example.org/cap.xml\"\n"
                                                 "language = \"ko\"\nkind = \"cap\"\n[screen]\nqr = false\nqr_label = \"QR\"\n"
                                                 "[alerts]\nareas = [\"서울특별시\"]\ngeocodes = [\"1100000000\"]\n"
                                                 "max_age_hours = 12\nlanguages = [\"ko\", \"en\"]\nminor = \"hidden\"\n";
    const auto good = run_player({"check-config", "alerts.toml"}, true, dir.path());
    CAPTURE(good.errors);
    CHECK(good.exit_code == 0);
    CHECK(good.output == "alerts.toml: ok (2 feeds)\n");

    std::ofstream(dir.path() / "bad.toml") << one_feed << "[alerts]\nsevere = \"popup\"\n";
    const auto bad = run_player({"check-config", "bad.toml"}, true, dir.path());
    CHECK(bad.exit_code == 1);
    CHECK(bad.errors == R"(bad.toml:6: alerts.severe: "popup" is not a place for alerts; use "banner", "band", "crawl" or "hidden")" "\n");
}

TEST_CASE("signage-player check-config prints a bad config's first mistake alone and fails")
{
    ScratchDir dir("signage-check-config");
    const auto bad = dir.path() / "bad.toml";
    std::ofstream(bad) << one_feed << "[display]\nrotation = 45\n[schedule]\nmonday = \"18:00-08:00\"\n";
    const auto result = run_player({"check-config", bad.string()}, true);
    CHECK(result.exit_code == 1);
    CHECK(result.output.empty());
    CHECK(result.errors == bad.string() + ":6: display.rotation: 45 is not a rotation; use 0, 90, 180 or 270\n");

    const auto missing = dir.path() / "missing.toml";
    const auto unreadable = run_player({"check-config", missing.string()}, true);
    CHECK(unreadable.exit_code == 1);
    CHECK(unreadable.output.empty());
    CHECK(unreadable.errors == missing.string() + ": cannot read: No such file or directory\n");
}

TEST_CASE("signage-player check-config without a FILE is a usage error")
{
    const auto result = run_player({"check-config"}, true);
    CHECK(result.exit_code == 2);
    CHECK(result.output.empty());
    CHECK(result.errors == "<3>cli: check-config: needs a FILE; see --help\n");

    const auto help = run_player({"--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.output.find("signage-player check-config FILE") != std::string::npos);
}

TEST_CASE("check_config_file gives the line and status the command prints")
{
    ScratchDir dir("signage-check-config");
    const auto good = dir.path() / "good.toml";
    std::ofstream(good) << one_feed;
    const ConfigCheck ok = check_config_file(good);
    CHECK(ok.exit_code == 0);
    CHECK(ok.line == good.string() + ": ok (1 feed)");

    const auto bad = dir.path() / "bad.toml";
    std::ofstream(bad) << one_feed << "[featured]\ndwell_s = 10\nmax_dwell_s = 9\n";
    const ConfigCheck refused = check_config_file(bad);
    CHECK(refused.exit_code == 1);
    CHECK(refused.line == bad.string() + ":7: featured.max_dwell_s: 9 is less than dwell_s (10); it must be dwell_s or more");
}

}  // namespace signage::app

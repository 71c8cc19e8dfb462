// The signage-player executable as a user runs it.
#include "feed/feed_cache.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <fstream>
#include <regex>
#include <sstream>

#include <unistd.h>

namespace signage::app {

namespace {

std::filesystem::path temp_path(const std::string& name)
{
    return std::filesystem::temp_directory_path() / ("signage-test-" + std::to_string(::getpid()) + "-" + name);
}

}  // namespace

TEST_CASE("--version and --help answer without a display")
{
    const auto version = run_player({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.output == std::string("signage-player ") + SIGNAGE_VERSION + "\n");
    const auto help = run_player({"--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.output.find("signage-player render --at SECONDS --size WxH --out FILE.png") != std::string::npos);
}

TEST_CASE("render writes a PNG of the bundled sample feed with no display at all")
{
    const auto out = temp_path("frame.png");
    const auto result = run_player({"render", "--at", "3", "--size", "800x450", "--out", out.string()});
    CHECK(result.exit_code == 0);
    CHECK(result.output.empty());
    std::ifstream png(out, std::ios::binary);
    char signature[8] = {};
    png.read(signature, 8);
    CHECK(std::string(signature + 1, 3) == "PNG");
    std::filesystem::remove(out);
}

TEST_CASE("render with a config shows a feed it cannot fetch from its offline cache, as the player does")
{
    const ScratchDir dir("signage-render-cache");
    // A server that is gone (nothing listens on the discard port here), and the cached copy the
    // player kept of it.
    const std::string url = "http://127.0.0.1:9/feed.xml";
    std::ifstream sample(source_dir() / "assets" / "sample-feed.xml", std::ios::binary);
    feed::CachedFeed entry;
    entry.body.assign(std::istreambuf_iterator<char>(sample), std::istreambuf_iterator<char>());
    entry.content_type = "application/rss+xml";
    entry.url = url;
    entry.fetched_at = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    REQUIRE(feed::FeedCache(dir.path() / "cache").store("agency", entry).ok());
    std::ofstream(dir.path() / "config.toml") << "[[feed]]\nname = \"agency\"\nurl = \"" << url << "\"\nlanguage = \"ko\"\n\n"
                                              << "[cache]\ndirectory = \"" << (dir.path() / "cache").string() << "\"\n";
    const auto out = dir.path() / "frame.png";
    const auto result = run_player({"render", "--at", "1", "--size", "320x200", "--out", out.string(), "--config", (dir.path() / "config.toml").string()});
    CAPTURE(result.output);
    CHECK(result.exit_code == 0);
    CHECK(result.output.starts_with("<4>feed: \"agency\": "));
    CHECK(result.output.find("; its cached copy is shown, as the player would") != std::string::npos);
    CHECK(std::filesystem::exists(out));
}

TEST_CASE("a broken feed file gives one line naming the file and the problem")
{
    const auto broken = temp_path("broken.xml");
    std::ofstream(broken) << "<html><body>502 Bad Gateway</body></html>";
    const auto out = temp_path("unused.png");
    const auto result = run_player({"render", "--at", "1", "--size", "320x200", "--out", out.string(), "--feed", broken.string()});
    CHECK(result.exit_code == 1);
    CAPTURE(result.output);
    CHECK(std::count(result.output.begin(), result.output.end(), '\n') == 1);
    CHECK(result.output.starts_with("<3>feed: \"feed\": file://"));
    CHECK(result.output.find(broken.filename().string()) != std::string::npos);
    CHECK(result.output.find("not a feed") != std::string::npos);
    CHECK(!std::filesystem::exists(out));
    std::filesystem::remove(broken);
}

TEST_CASE("a missing feed file gives one line naming it")
{
    const auto missing = temp_path("does-not-exist.xml");
    const auto result = run_player({"render", "--at", "1", "--size", "320x200", "--out", temp_path("x.png").string(), "--feed", missing.string()});
    CHECK(result.exit_code == 1);
    CAPTURE(result.output);
    CHECK(std::count(result.output.begin(), result.output.end(), '\n') == 1);
    CHECK(result.output.find(missing.filename().string()) != std::string::npos);
}

TEST_CASE("a bad config is refused with its file and line before anything opens")
{
    const auto config = temp_path("bad.toml");
    std::ofstream(config) << "[crawl]\nspeed_px_per_s = \"fast\"\n";
    const auto result = run_player({"render", "--at", "1", "--size", "320x200", "--out", temp_path("y.png").string(), "--config", config.string()});
    CHECK(result.exit_code == 2);
    CAPTURE(result.output);
    CHECK(std::count(result.output.begin(), result.output.end(), '\n') == 1);
    CHECK(result.output.find(config.string() + ":2: crawl.speed_px_per_s:") != std::string::npos);
    std::filesystem::remove(config);
}

TEST_CASE("every line the running player writes to a pipe carries a journald priority and a module")
{
    // Two feeds, one missing (a warning), one good (info lines, then "screen: "): the player runs
    // on SDL's dummy driver with stderr to a pipe, and gets SIGTERM once the notices are shown.
    const ScratchDir dir("signage-journal-lines");
    const auto config = dir.path() / "config.toml";
    std::ofstream(config) << "[[feed]]\nname = \"missing\"\nlanguage = \"ko\"\npath = \"" << (dir.path() / "missing.xml").string()
                          << "\"\n\n[[feed]]\nname = \"good\"\nlanguage = \"ko\"\npath = \"" << SIGNAGE_SOURCE_DIR << "/assets/sample-feed.xml\"\n";
    const ShellOutcome run = run_shell(stop_on_line_script(dir.path(), config, "screen: "));
    CAPTURE(run.output);
    REQUIRE(run.output.ends_with("exit 0\n"));  // stopped by SIGTERM, not by timeout's 124
    const std::regex journal_line("<[3-7]>[a-z][a-z -]*: .*");
    std::istringstream lines(run.output.substr(0, run.output.rfind("stopped in ")));
    std::size_t count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
        CAPTURE(line);
        CHECK(std::regex_match(line, journal_line));
    }
    CHECK(count >= 4);
    CHECK(run.output.find("<4>feed: \"missing\": ") != std::string::npos);
    CHECK(run.output.find("<6>feed: \"good\": 5 notices") != std::string::npos);
    CHECK(run.output.find("<6>display: 320x200 at ") != std::string::npos);
    CHECK(run.output.find("<6>screen: 5 notices rasterized") != std::string::npos);
}


TEST_CASE("render --feed with a CAP alert draws its banner, and the banner's QR code reads back as the alert's web link")
{
    if (run_shell("command -v zbarimg >/dev/null 2>&1").exit_code != 0) {
        skip_test("zbarimg is not installed (Debian package zbar-tools)");
        return;
    }
    const ScratchDir dir("signage-render-cap");
    const std::string web = "https://agency.go.kr/safety/HQ-2026-0001";
    // In force from 2020 to 2099, so the frame shows it whenever the test runs.
    std::ofstream(dir.path() / "alert.xml")
        << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cap:alert xmlns:cap=\"urn:oasis:names:tc:emergency:cap:1.2\">"
           "<cap:identifier>HQ-2026-0001</cap:identifier><cap:sender>facilities@agency.go.kr</cap:sender>"
           "<cap:sent>2020-01-01T09:00:00+09:00</cap:sent><cap:status>Actual</cap:status><cap:msgType>Alert</cap:msgType>"
           "<cap:scope>Public</cap:scope><cap:info><cap:language>ko-KR</cap:language><cap:event>화재 대피</cap:event>"
           "<cap:urgency>Immediate</cap:urgency><cap:severity>Extreme</cap:severity><cap:certainty>Observed</cap:certainty>"
           "<cap:expires>2099-01-01T00:00:00+09:00</cap:expires><cap:senderName>본관 시설관리팀</cap:senderName>"
           "<cap:headline>본관 3층 화재 발생, 즉시 대피하십시오</cap:headline><cap:web>"
        << web << "</cap:web><cap:area><cap:areaDesc>본관</cap:areaDesc></cap:area></cap:info></cap:alert>\n";
    const auto out = dir.path() / "frame.png";
    const auto result = run_player({"render", "--at", "1", "--size", "1280x720", "--out", out.string(), "--feed", (dir.path() / "alert.xml").string()});
    CAPTURE(result.output);
    REQUIRE(result.exit_code == 0);
    std::string decoded = run_shell("zbarimg --raw -q " + shell_quoted(out.string()) + " 2>/dev/null").output;
    while (!decoded.empty() && decoded.back() == '\n')
        decoded.pop_back();
    CHECK(decoded == web);
}

}  // namespace signage::app

#include "config/config.hpp"
#include "config/config_cases.hpp"
#include "support/collection_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace signage::config {

using namespace std::chrono_literals;

TEST_CASE("A full config loads with every value as written")
{
    Config config = config_from(R"(# Lobby screen, building A
[[feed]]
name = "mois-ko"
url = "https://www.mois.go.kr/rss.xml"
language = "ko-KR"
poll_interval_s = 600

[[feed]]
name = "agency.en_2"
path = "/srv/notices/en.xml"
language = "en"
poll_interval_s = 30

[crawl]
speed_px_per_s = 95.5

[featured]
dwell_s = 12
)");
    REQUIRE(config.feeds.size() == 2);
    CHECK(config.feeds[0].name == "mois-ko");
    CHECK(config.feeds[0].location == "https://www.mois.go.kr/rss.xml");
    CHECK(config.feeds[0].language == "ko-KR");
    CHECK(config.feeds[0].poll_interval == 600s);
    CHECK(config.feeds[1].name == "agency.en_2");
    CHECK(config.feeds[1].location == "file:///srv/notices/en.xml");
    CHECK(config.feeds[1].language == "en");
    CHECK(config.feeds[1].poll_interval == 30s);
    CHECK(config.crawl_speed_px_per_s == 95.5);
    CHECK(config.featured_dwell_s == 12.0);
}

TEST_CASE("A config that leaves out optional keys gets the defaults")
{
    SUBCASE("no [crawl] or [featured] at all")
    {
        Config config = config_from(base_feed);
        REQUIRE(config.feeds.size() == 1);
        CHECK(config.feeds[0].poll_interval == 300s);
        CHECK(config.crawl_speed_px_per_s == 120.0);
        CHECK(config.featured_dwell_s == 8.0);
    }
    SUBCASE("empty [crawl] and [featured] tables")
    {
        Config config = config_from(with_feed("[crawl]\n[featured]\n"));
        CHECK(config.crawl_speed_px_per_s == 120.0);
        CHECK(config.featured_dwell_s == 8.0);
    }
}

TEST_CASE("A config may use inline tables instead of table headers")
{
    Config config = config_from(R"(feed = [
  { name = "mois-ko", url = "https://www.mois.go.kr/rss.xml", language = "ko" },
  { name = "mois-en", url = "https://www.mois.go.kr/eng/rss.xml", language = "en" },
]
crawl = { speed_px_per_s = 200 }
featured = { dwell_s = 4.5 }
)");
    REQUIRE(config.feeds.size() == 2);
    CHECK(config.feeds[1].name == "mois-en");
    CHECK(config.crawl_speed_px_per_s == 200.0);
    CHECK(config.featured_dwell_s == 4.5);
}

TEST_CASE("Config values at both ends of each range are accepted")
{
    Config low = config_from(feed_where("poll_interval_s = 30") + "[crawl]\nspeed_px_per_s = 10\n[featured]\ndwell_s = 2\n");
    CHECK(low.feeds[0].poll_interval == 30s);
    CHECK(low.crawl_speed_px_per_s == 10.0);
    CHECK(low.featured_dwell_s == 2.0);

    Config high = config_from(feed_where("poll_interval_s = 86400") + "[crawl]\nspeed_px_per_s = 2000.0\n[featured]\ndwell_s = 600\n");
    CHECK(high.feeds[0].poll_interval == 86400s);
    CHECK(high.crawl_speed_px_per_s == 2000.0);
    CHECK(high.featured_dwell_s == 600.0);
}

TEST_CASE("A config language tag is stored in canonical case")
{
    struct Case {
        const char* written;
        const char* stored;
    };
    for (Case c : {Case{"ko", "ko"}, Case{"KO", "ko"}, Case{"ko-kr", "ko-KR"}, Case{"zh-hant-tw", "zh-Hant-TW"},
                   Case{"en-US-x-Kiosk", "en-US-x-kiosk"}, Case{"yue", "yue"}, Case{"es-419", "es-419"}}) {
        CAPTURE(c.written);
        Config config = config_from(feed_where(std::string("language = \"") + c.written + "\""));
        CHECK(config.feeds[0].language == c.stored);
    }
}

TEST_CASE("A config URL is stored with a lower-case scheme")
{
    // The fetcher picks file reading or HTTP by the URL's prefix, written in lower case.
    CHECK(config_from(feed_where(R"(url = "HTTPS://www.mois.go.kr/RSS.xml")")).feeds[0].location
          == "https://www.mois.go.kr/RSS.xml");
    CHECK(config_from(feed_where(R"(url = "File:///srv/notices.xml")")).feeds[0].location == "file:///srv/notices.xml");
    CHECK(config_from(feed_where(R"(url = "http://intranet/notices?lang=ko&n=20")")).feeds[0].location
          == "http://intranet/notices?lang=ko&n=20");
}

TEST_CASE("A feed path in a config is relative to the config file's folder")
{
    auto location_of = [](std::string_view path, const std::filesystem::path& origin) {
        Config config = config_from(feed_without("url") + "path = \"" + std::string(path) + "\"\n", origin);
        return config.feeds.at(0).location;
    };
    CHECK(location_of("notices.xml", "/etc/signage/config.toml") == "file:///etc/signage/notices.xml");
    CHECK(location_of("feeds/ko.xml", "/etc/signage/config.toml") == "file:///etc/signage/feeds/ko.xml");
    CHECK(location_of("../shared/notices.xml", "/etc/signage/config.toml") == "file:///etc/shared/notices.xml");
    CHECK(location_of("/srv/notices.xml", "/etc/signage/config.toml") == "file:///srv/notices.xml");
    CHECK(location_of("공지 사항.xml", "/etc/signage/config.toml")
          == "file:///etc/signage/%EA%B3%B5%EC%A7%80%20%EC%82%AC%ED%95%AD.xml");

    SUBCASE("a config named without a folder anchors paths in the working directory")
    {
        std::string location = location_of("notices.xml", "config.toml");
        CHECK(location == feed_location_to_url((std::filesystem::current_path() / "notices.xml").string(), "/"));
    }
    SUBCASE("through load_config, relative to the file's own folder")
    {
        Result<Config> config = app::load_checked_config(SIGNAGE_TEST_DATA_DIR "/config/relative-path.toml");
        REQUIRE_MESSAGE(config.ok(), problem(config));
        CHECK(config->feeds[0].location == "file://" SIGNAGE_TEST_DATA_DIR "/config/feeds/notices.xml");
    }
}

TEST_CASE("A config with an unknown key names the key and its line")
{
    check_errors({
        {"a key at the top level", before_feed("colour = \"red\"\n"), "config.toml:1: colour: unknown key"},
        {"a table at the top level", with_feed("[window]\nwidth = 1920\n"), "config.toml:5: window: unknown key"},
        {"a key in the first [[feed]]", feed_where("lang = \"ko\""), "config.toml:5: feed[0].lang: unknown key"},
        {"a key in the second [[feed]]",
         with_feed("[[feed]]\nname = \"agency-en\"\npath = \"en.xml\"\nlanguage = \"en\"\ninterval = 60\n"),
         "config.toml:9: feed[1].interval: unknown key"},
        {"a key in [crawl]", with_feed("[crawl]\nsped_px_per_s = 100\n"),
         "config.toml:6: crawl.sped_px_per_s: unknown key"},
        {"a key in [featured]", with_feed("[featured]\ndwell = 5\n"), "config.toml:6: featured.dwell: unknown key"},
        {"a table inside [crawl]", with_feed("[crawl.colours]\ntext = \"white\"\n"),
         "config.toml:5: crawl.colours: unknown key"},
        {"a quoted key", with_feed("[crawl]\n\"speed px\" = 100\n"), "config.toml:6: crawl.\"speed px\": unknown key"},
        // Found by fuzz_config_loader: an escaped line break in a key broke the error in two.
        {"a quoted key with a line break", with_feed("[crawl]\n\"speed\\npx\" = 100\n"),
         R"(config.toml:6: crawl."speed\npx": unknown key)"},
        {"a quoted key with a quote, a backslash and a control character",
         with_feed("[crawl]\n\"a\\\"b\\\\c\\u0001\" = 1\n"), R"(config.toml:6: crawl."a\"b\\c\u0001": unknown key)"},
    });
}

TEST_CASE("A config value of the wrong type names the expected type")
{
    check_errors({
        {"feed name", feed_where("name = 7"), "config.toml:2: feed[0].name: expected a string, got integer"},
        {"feed url", feed_where("url = true"), "config.toml:3: feed[0].url: expected a string, got boolean"},
        {"feed path", feed_without("url") + "path = [\"notices.xml\"]\n",
         "config.toml:4: feed[0].path: expected a string, got array"},
        {"feed language", feed_where("language = 82"), "config.toml:4: feed[0].language: expected a string, got integer"},
        {"language in the second feed",
         with_feed("[[feed]]\nname = \"agency-en\"\nurl = \"https://notices.example.org/en.xml\"\nlanguage = 1\n"),
         "config.toml:8: feed[1].language: expected a string, got integer"},
        {"poll interval as a float", feed_where("poll_interval_s = 60.0"),
         "config.toml:5: feed[0].poll_interval_s: expected an integer, got float"},
        {"poll interval as a string", feed_where("poll_interval_s = \"300\""),
         "config.toml:5: feed[0].poll_interval_s: expected an integer, got string"},
        {"crawl speed as a string", with_feed("[crawl]\nspeed_px_per_s = \"fast\"\n"),
         "config.toml:6: crawl.speed_px_per_s: expected a number, got string"},
        {"crawl speed as a boolean", with_feed("[crawl]\nspeed_px_per_s = true\n"),
         "config.toml:6: crawl.speed_px_per_s: expected a number, got boolean"},
        {"featured dwell as a date", with_feed("[featured]\ndwell_s = 1979-05-27\n"),
         "config.toml:6: featured.dwell_s: expected a number, got date"},
        {"featured dwell as a string", with_feed("[featured]\ndwell_s = \"8s\"\n"),
         "config.toml:6: featured.dwell_s: expected a number, got string"},
        {"[crawl] as a value", before_feed("crawl = 120\n"), "config.toml:1: crawl: expected a table, got integer"},
        {"[featured] as a value", before_feed("featured = \"yes\"\n"),
         "config.toml:1: featured: expected a table, got string"},
        {"[feed] instead of [[feed]]", "[feed]\nname = \"mois-ko\"\n",
         "config.toml:1: feed: expected an array of tables ([[feed]]), got table"},
        {"feed as a string", "feed = \"mois-ko\"\n",
         "config.toml:1: feed: expected an array of tables ([[feed]]), got string"},
        {"feed as an array of numbers", "feed = [1, 2]\n", "config.toml:1: feed[0]: expected a table, got integer"},
    });
}

TEST_CASE("A config number out of range shows the value and the range")
{
    check_errors({
        {"poll interval too short", feed_where("poll_interval_s = 29"),
         "config.toml:5: feed[0].poll_interval_s: 29 is out of range (30..86400)"},
        {"poll interval negative", feed_where("poll_interval_s = -300"),
         "config.toml:5: feed[0].poll_interval_s: -300 is out of range (30..86400)"},
        {"poll interval too long", feed_where("poll_interval_s = 86401"),
         "config.toml:5: feed[0].poll_interval_s: 86401 is out of range (30..86400)"},
        {"crawl too slow", with_feed("[crawl]\nspeed_px_per_s = 9.5\n"),
         "config.toml:6: crawl.speed_px_per_s: 9.5 is out of range (10..2000)"},
        {"crawl too fast", with_feed("[crawl]\nspeed_px_per_s = 5000\n"),
         "config.toml:6: crawl.speed_px_per_s: 5000 is out of range (10..2000)"},
        {"crawl speed not a number", with_feed("[crawl]\nspeed_px_per_s = nan\n"),
         "config.toml:6: crawl.speed_px_per_s: nan is out of range (10..2000)"},
        {"crawl speed infinite", with_feed("[crawl]\nspeed_px_per_s = inf\n"),
         "config.toml:6: crawl.speed_px_per_s: inf is out of range (10..2000)"},
        {"dwell too short", with_feed("[featured]\ndwell_s = 1\n"),
         "config.toml:6: featured.dwell_s: 1 is out of range (2..600)"},
        {"dwell too long", with_feed("[featured]\ndwell_s = 600.5\n"),
         "config.toml:6: featured.dwell_s: 600.5 is out of range (2..600)"},
    });
}

TEST_CASE("A config feed with a missing, doubled or invalid key says which")
{
    check_errors({
        {"neither url nor path", feed_without("url"), R"(config.toml:1: feed[0]: needs "url" or "path")"},
        {"both url and path", feed_where("path = \"notices.xml\""),
         R"(config.toml:1: feed[0]: has both "url" and "path"; keep one)"},
        {"no name", feed_without("name"), R"(config.toml:1: feed[0]: needs "name")"},
        {"no language", feed_without("language"), R"(config.toml:1: feed[0]: needs "language")"},
        {"empty name", feed_where(R"(name = "")"), "config.toml:2: feed[0].name: must not be empty"},
        {"name with a space", feed_where(R"(name = "mois ko")"),
         R"(config.toml:2: feed[0].name: "mois ko" may only contain letters, digits, ".", "_" and "-")"},
        {"name in Hangul", feed_where(R"(name = "행정안전부")"),
         R"(config.toml:2: feed[0].name: "행정안전부" may only contain letters, digits, ".", "_" and "-")"},
        {"duplicate name", with_feed(base_feed),
         R"(config.toml:6: feed[1].name: "mois-ko" is already the name of feed[0])"},
        {"empty url", feed_where(R"(url = "")"), "config.toml:3: feed[0].url: must not be empty"},
        {"empty path", feed_without("url") + "path = \"\"\n", "config.toml:4: feed[0].path: must not be empty"},
        {"ftp url", feed_where(R"(url = "ftp://ftp.mois.go.kr/rss.xml")"),
         R"(config.toml:3: feed[0].url: unsupported scheme "ftp"; use http, https or file)"},
        {"mailto url", feed_where(R"(url = "mailto:notices@mois.go.kr")"),
         R"(config.toml:3: feed[0].url: unsupported scheme "mailto"; use http, https or file)"},
        {"a file name as url", feed_where(R"(url = "notices.xml")"),
         R"(config.toml:3: feed[0].url: "notices.xml" is not a URL; to read a file, use path = "notices.xml")"},
        {"a url with nothing after the scheme", feed_where(R"(url = "https://")"),
         R"(config.toml:3: feed[0].url: "https://" is incomplete; expected https://...)"},
        {"a url with a space", feed_where(R"(url = "https://www.mois.go.kr/my notices.xml")"),
         R"(config.toml:3: feed[0].url: "https://www.mois.go.kr/my notices.xml" contains a space or control character; percent-encode it (%20 for a space))"},
        {"empty language", feed_where(R"(language = "")"), "config.toml:4: feed[0].language: must not be empty"},
    });

    SUBCASE("language tags that are not BCP 47")
    {
        for (std::string tag : {"korean", "k", "ko_KR", "ko-", "-ko", "12", "ko--KR", "ko-abcdefghi", "한국어"}) {
            CAPTURE(tag);
            CHECK(error_from(feed_where("language = \"" + tag + "\""))
                  == "config.toml:4: feed[0].language: \"" + tag
                         + R"(" is not a language tag like "ko", "en" or "ko-KR")");
        }
    }
}

TEST_CASE("A config without feeds is rejected")
{
    check_errors({
        {"an empty file", "", "config.toml: feed: at least one [[feed]] is required"},
        {"only comments", "# nothing yet\n", "config.toml: feed: at least one [[feed]] is required"},
        {"settings but no feed", "[crawl]\nspeed_px_per_s = 100\n", "config.toml: feed: at least one [[feed]] is required"},
        {"an empty feed array", "feed = []\n", "config.toml:1: feed: at least one [[feed]] is required"},
    });
}

TEST_CASE("A config with a TOML syntax error gives line and column")
{
    check_errors({
        {"an unquoted string", "[[feed]]\nname = mois\n",
         "config.toml:2:8: Error while parsing value: could not determine value type"},
        {"an unclosed header", "[[feed]\nname = \"mois\"\n",
         R"(config.toml:1:8: Error while parsing table header: expected ']', saw '\n')"},
        {"a key given twice", "[crawl]\nspeed_px_per_s = 100\nspeed_px_per_s = 200\n",
         "config.toml:3:18: Error while parsing key-value pair: cannot redefine existing integer 'speed_px_per_s'"},
    });
}

TEST_CASE("A config with several mistakes reports the first one in the file")
{
    // toml++ hands keys over in alphabetical order; people read files top to bottom.
    check_errors({
        {"two unknown keys", with_feed("[crawl]\nzoom = 2\nalpha = 1\n"), "config.toml:6: crawl.zoom: unknown key"},
        {"a located mistake before a file-wide one", "[crawl]\nsped = 100\n", "config.toml:2: crawl.sped: unknown key"},
        {"a missing key, reported on the table's line, before a bad value", "[[feed]]\nname = 1\nurl = \"https://a.example\"\n",
         R"(config.toml:1: feed[0]: needs "language")"},
        {"a bad url does not also count as missing", feed_where(R"(url = "gopher://old.example")") + "[crawl]\nsped = 1\n",
         R"(config.toml:3: feed[0].url: unsupported scheme "gopher"; use http, https or file)"},
    });
}

TEST_CASE("load_config reports a config file it cannot read")
{
    SUBCASE("a file that does not exist")
    {
        std::filesystem::path missing = SIGNAGE_TEST_DATA_DIR "/config/no-such-config.toml";
        Result<Config> config = app::load_checked_config(missing);
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message == missing.string() + ": cannot read: No such file or directory");
    }
    SUBCASE("a directory")
    {
        std::filesystem::path folder = SIGNAGE_TEST_DATA_DIR "/config";
        Result<Config> config = app::load_checked_config(folder);
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message == folder.string() + ": cannot read: Is a directory");
    }
    SUBCASE("a file with a mistake is named with its path")
    {
        Result<Config> config = app::load_checked_config(SIGNAGE_TEST_DATA_DIR "/config/wrong-type.toml");
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message
              == SIGNAGE_TEST_DATA_DIR "/config/wrong-type.toml:5: feed[0].language: expected a string, got integer");
    }
}

TEST_CASE("The example config loads as-is with default values")
{
    Result<Config> loaded = app::load_checked_config(example_config);
    REQUIRE_MESSAGE(loaded.ok(), problem(loaded));
    const Config& config = loaded.value();
    REQUIRE(config.feeds.size() == 1);
    CHECK(config.feeds[0].name == "mois-ko");
    CHECK(config.feeds[0].language == "ko");
    CHECK(config.feeds[0].location == "file://" SIGNAGE_SOURCE_DIR "/assets/sample-feed.xml");
    CHECK(std::filesystem::exists(SIGNAGE_SOURCE_DIR "/assets/sample-feed.xml"));

    // The example documents the defaults, so its values must be them.
    const Config defaults;
    const FeedSource default_feed;
    CHECK(config.feeds[0].poll_interval == default_feed.poll_interval);
    CHECK(config.crawl_speed_px_per_s == defaults.crawl_speed_px_per_s);
    CHECK(config.featured_dwell_s == defaults.featured_dwell_s);
    CHECK(config.feeds[0].total_timeout == default_feed.total_timeout);
    CHECK(config.feeds[0].connect_timeout == default_feed.connect_timeout);
    CHECK(config.feeds[0].max_body_bytes == default_feed.max_body_bytes);
    CHECK(config.feeds[0].headers.empty());
    CHECK(config.feeds[0].ca_file.empty());
    CHECK_FALSE(config.cache_directory);
    CHECK(config.notice_rules.max_notices == defaults.notice_rules.max_notices);
    CHECK(config.notice_rules.pair_by == defaults.notice_rules.pair_by);
    CHECK(config.notice_rules.max_age == defaults.notice_rules.max_age);
    CHECK(config.stale_after == defaults.stale_after);
    CHECK_FALSE(config.feeds[0].urgent);
    CHECK(config.featured_max_dwell_s == defaults.featured_max_dwell_s);
    CHECK(config.featured_transition_s == defaults.featured_transition_s);
    CHECK(config.text == defaults.text);
    CHECK(config.screen == defaults.screen);
    CHECK(config.display == defaults.display);
    CHECK(config.schedule == defaults.schedule);
    CHECK(config.urgent == defaults.urgent);
}

TEST_CASE("The commented-out English feed in the example config is valid once uncommented")
{
    std::istringstream lines(read_file(example_config));
    std::string text;
    bool in_block = false;
    for (std::string line; std::getline(lines, line);) {
        if (line == "# [[feed]]")
            in_block = true;
        else if (!line.starts_with("# "))
            in_block = false;
        text += (in_block ? line.substr(2) : line) + "\n";
    }
    Config config = config_from(text, example_config);
    REQUIRE(config.feeds.size() == 2);
    CHECK(config.feeds[1].language == "en");
    CHECK(config.feeds[1].location.starts_with("https://"));
}

TEST_CASE("The commented-out HDMI-CEC display commands in the example config are valid once uncommented")
{
    std::istringstream lines(read_file(example_config));
    std::string text;
    int uncommented = 0;
    for (std::string line; std::getline(lines, line);) {
        const bool cec = line.starts_with("# display_") && line.find("cec-ctl") != std::string::npos;
        uncommented += cec ? 1 : 0;
        text += (cec ? line.substr(2) : line) + "\n";
    }
    REQUIRE(uncommented == 2);
    const Config config = config_from(text, example_config);
    CHECK(config.schedule.display_off_command == std::vector<std::string>{"cec-ctl", "--to", "0", "--standby"});
    CHECK(config.schedule.display_on_command == std::vector<std::string>{"cec-ctl", "--to", "0", "--image-view-on"});
}

TEST_CASE("default_config shows the bundled sample feed")
{
    Config config = default_config("/usr/share/signage-player");
    REQUIRE(config.feeds.size() == 1);
    CHECK(config.feeds[0].name == "sample");
    CHECK(config.feeds[0].location == "file:///usr/share/signage-player/assets/sample-feed.xml");
    CHECK(config.feeds[0].language == "ko");
    CHECK(config.feeds[0].poll_interval == 300s);
    CHECK(config.crawl_speed_px_per_s == 120.0);
    CHECK(config.featured_dwell_s == 8.0);

    SUBCASE("a relative data folder becomes absolute")
    {
        std::string location = default_config("share/signage-player").feeds.at(0).location;
        CHECK(location.starts_with("file:///"));
        CHECK(location.ends_with("/share/signage-player/assets/sample-feed.xml"));
    }
}

TEST_CASE("feed_location_to_url turns config paths into file URLs")
{
    struct Case {
        const char* location;
        const char* base_dir;
        const char* url;
    };
    const Case cases[] = {
        {"/srv/signage/notices.xml", "/ignored", "file:///srv/signage/notices.xml"},
        {"/srv/my notices/공지사항.xml", "/", "file:///srv/my%20notices/%EA%B3%B5%EC%A7%80%EC%82%AC%ED%95%AD.xml"},
        {"/srv/a#b?c%d&e+f.xml", "/", "file:///srv/a%23b%3Fc%25d%26e%2Bf.xml"},
        {"/srv/keep-these_chars.~1/n.xml", "/", "file:///srv/keep-these_chars.~1/n.xml"},
        {"notices.xml", "/etc/signage", "file:///etc/signage/notices.xml"},
        {"./feeds/../notices.xml", "/etc/signage", "file:///etc/signage/notices.xml"},
        {"../shared/notices.xml", "/etc/signage/", "file:///etc/shared/notices.xml"},
        {"공지 사항.xml", "/etc/signage", "file:///etc/signage/%EA%B3%B5%EC%A7%80%20%EC%82%AC%ED%95%AD.xml"},
        {"http://www.mois.go.kr/rss.xml", "/etc", "http://www.mois.go.kr/rss.xml"},
        {"https://www.mois.go.kr/rss?lang=ko&page=1", "/etc", "https://www.mois.go.kr/rss?lang=ko&page=1"},
        {"HTTPS://www.mois.go.kr/rss.xml", "/etc", "HTTPS://www.mois.go.kr/rss.xml"},
        {"file:///srv/already%20encoded.xml", "/etc", "file:///srv/already%20encoded.xml"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.location);
        CAPTURE(c.base_dir);
        CHECK(feed_location_to_url(c.location, c.base_dir) == c.url);
    }

    SUBCASE("a relative base folder is taken from the working directory")
    {
        std::string url = feed_location_to_url("notices.xml", "feeds");
        CHECK(url == feed_location_to_url((std::filesystem::current_path() / "feeds" / "notices.xml").string(), "/"));
    }
}

// ---- HTTP keys of a feed, and the cache --------------------------------------------------------

TEST_CASE("A config feed takes headers, ca_file, timeouts and a body limit")
{
    // Only the existence of ca_file is checked here; any file of the test data does.
    const std::filesystem::path origin = SIGNAGE_TEST_DATA_DIR "/config/lobby.toml";
    Config config = config_from(feed_where(R"(headers = { Authorization = "Bearer abc.def", X-Screen = "lobby	3" })")
                                    + "ca_file = \"relative-path.toml\"\ntimeout_s = 45\nconnect_timeout_s = 3\nmax_body_mb = 2\n",
                                origin);
    const FeedSource& feed = config.feeds.at(0);
    REQUIRE(feed.headers.size() == 2);
    CHECK(feed.headers[0] == HeaderField{"Authorization", "Bearer abc.def"});
    CHECK(feed.headers[1] == HeaderField{"X-Screen", "lobby\t3"});
    CHECK(feed.ca_file == SIGNAGE_TEST_DATA_DIR "/config/relative-path.toml");
    CHECK(feed.total_timeout == 45s);
    CHECK(feed.connect_timeout == 3s);
    CHECK(feed.max_body_bytes == 2u * 1024u * 1024u);

    SUBCASE("headers as a [feed.headers] table")
    {
        Config tabled = config_from(with_feed("[feed.headers]\nAuthorization = \"Bearer xyz\"\n"));
        REQUIRE(tabled.feeds.at(0).headers.size() == 1);
        CHECK(tabled.feeds[0].headers[0] == HeaderField{"Authorization", "Bearer xyz"});
    }
    SUBCASE("an absolute ca_file")
    {
        Config absolute = config_from(feed_where("ca_file = \"" SIGNAGE_TEST_DATA_DIR "/config/wrong-type.toml\""));
        CHECK(absolute.feeds.at(0).ca_file == SIGNAGE_TEST_DATA_DIR "/config/wrong-type.toml");
    }
}

TEST_CASE("A config feed without HTTP keys gets the documented defaults")
{
    Config config = config_from(base_feed);
    const FeedSource& feed = config.feeds.at(0);
    CHECK(feed.headers.empty());
    CHECK(feed.ca_file.empty());
    CHECK(feed.total_timeout == 30s);
    CHECK(feed.connect_timeout == 10s);
    CHECK(feed.max_body_bytes == 8u * 1024u * 1024u);
    CHECK_FALSE(config.cache_directory);
}

TEST_CASE("Config HTTP limits at both ends of their ranges are accepted, and beyond them refused")
{
    Config low = config_from(feed_where("timeout_s = 5") + "connect_timeout_s = 1\nmax_body_mb = 1\n");
    CHECK(low.feeds[0].total_timeout == 5s);
    CHECK(low.feeds[0].connect_timeout == 1s);
    CHECK(low.feeds[0].max_body_bytes == 1024u * 1024u);
    Config high = config_from(feed_where("timeout_s = 600") + "connect_timeout_s = 120\nmax_body_mb = 64\n");
    CHECK(high.feeds[0].total_timeout == 600s);
    CHECK(high.feeds[0].connect_timeout == 120s);
    CHECK(high.feeds[0].max_body_bytes == 64u * 1024u * 1024u);

    check_errors({
        {"timeout too short", feed_where("timeout_s = 4"), "config.toml:5: feed[0].timeout_s: 4 is out of range (5..600)"},
        {"timeout too long", feed_where("timeout_s = 601"), "config.toml:5: feed[0].timeout_s: 601 is out of range (5..600)"},
        {"connect timeout zero", feed_where("connect_timeout_s = 0"),
         "config.toml:5: feed[0].connect_timeout_s: 0 is out of range (1..120)"},
        {"connect timeout too long", feed_where("connect_timeout_s = 121"),
         "config.toml:5: feed[0].connect_timeout_s: 121 is out of range (1..120)"},
        {"body limit zero", feed_where("max_body_mb = 0"), "config.toml:5: feed[0].max_body_mb: 0 is out of range (1..64)"},
        {"body limit too large", feed_where("max_body_mb = 65"), "config.toml:5: feed[0].max_body_mb: 65 is out of range (1..64)"},
        {"timeout as a float", feed_where("timeout_s = 30.5"), "config.toml:5: feed[0].timeout_s: expected an integer, got float"},
        {"body limit as a string", feed_where("max_body_mb = \"8\""),
         "config.toml:5: feed[0].max_body_mb: expected an integer, got string"},
    });
}

TEST_CASE("Config headline_chars: 120 by default, 20..1000 accepted, anything else refused with its range")
{
    CHECK(config_from(feed_where("urgent = false")).feeds[0].headline_chars == 120);
    CHECK(config_from(feed_where("headline_chars = 20")).feeds[0].headline_chars == 20);
    CHECK(config_from(feed_where("headline_chars = 1000")).feeds[0].headline_chars == 1000);
    check_errors({
        {"headline too short", feed_where("headline_chars = 19"), "config.toml:5: feed[0].headline_chars: 19 is out of range (20..1000)"},
        {"headline too long", feed_where("headline_chars = 1001"),
         "config.toml:5: feed[0].headline_chars: 1001 is out of range (20..1000)"},
        {"headline as a string", feed_where("headline_chars = \"80\""),
         "config.toml:5: feed[0].headline_chars: expected an integer, got string"},
    });
}

TEST_CASE("A config feed's headers must be header names with one-line string values")
{
    check_errors({
        {"headers as a string", feed_where(R"(headers = "Authorization: Bearer x")"),
         "config.toml:5: feed[0].headers: expected a table, got string"},
        {"a value that is not a string", feed_where("headers = { X-Screen = 3 }"),
         "config.toml:5: feed[0].headers.X-Screen: expected a string, got integer"},
        {"a name with a space", feed_where(R"(headers = { "Bad Name" = "x" })"),
         R"(config.toml:5: feed[0].headers."Bad Name": "Bad Name" is not a header name (letters, digits and !#$%&'*+-.^_`|~ only))"},
        {"a name with a colon", feed_where(R"(headers = { "X-A:" = "x" })"),
         R"(config.toml:5: feed[0].headers."X-A:": "X-A:" is not a header name (letters, digits and !#$%&'*+-.^_`|~ only))"},
        {"a line feed in a value", feed_where(R"(headers = { X-Token = "a\nInjected: yes" })"),
         "config.toml:5: feed[0].headers.X-Token: contains a line break or another control character"},
        {"a carriage return in a value", feed_where(R"(headers = { X-Token = "a\rb" })"),
         "config.toml:5: feed[0].headers.X-Token: contains a line break or another control character"},
        {"an empty value", feed_where(R"(headers = { X-Token = "" })"),
         "config.toml:5: feed[0].headers.X-Token: must not be empty"},
        {"a header the player sets", feed_where(R"(headers = { Host = "intranet" })"),
         "config.toml:5: feed[0].headers.Host: is set by the player and cannot be configured"},
        {"the same, in lower case", feed_where(R"(headers = { if-none-match = "*" })"),
         "config.toml:5: feed[0].headers.if-none-match: is set by the player and cannot be configured"},
        {"one name twice in different case", feed_where(R"(headers = { Authorization = "a", authorization = "b" })"),
         R"(config.toml:5: feed[0].headers.authorization: header names ignore case: "Authorization" is given already)"},
    });
}

TEST_CASE("A config ca_file must be a file")
{
    check_errors({
        {"a missing file", feed_where(R"(ca_file = "/nonexistent/agency-ca.pem")"),
         R"(config.toml:5: feed[0].ca_file: "/nonexistent/agency-ca.pem" is not a readable file)"},
        {"a folder", feed_where("ca_file = \"" SIGNAGE_TEST_DATA_DIR "\""),
         "config.toml:5: feed[0].ca_file: \"" SIGNAGE_TEST_DATA_DIR "\" is not a readable file"},
        {"empty", feed_where(R"(ca_file = "")"), "config.toml:5: feed[0].ca_file: must not be empty"},
    });
}

TEST_CASE("A config [cache] directory is relative to the config file's folder")
{
    CHECK(config_from(with_feed("[cache]\ndirectory = \"/var/cache/lobby\"\n")).cache_directory
          == std::filesystem::path("/var/cache/lobby"));
    CHECK(config_from(with_feed("[cache]\ndirectory = \"cache\"\n"), "/etc/signage/config.toml").cache_directory
          == std::filesystem::path("/etc/signage/cache"));
    CHECK(config_from(before_feed("cache = { directory = \"../cache\" }\n"), "/etc/signage/config.toml").cache_directory
          == std::filesystem::path("/etc/cache"));
    CHECK_FALSE(config_from(with_feed("[cache]\n")).cache_directory);

    check_errors({
        {"an unknown key", with_feed("[cache]\nfolder = \"/tmp\"\n"), "config.toml:6: cache.folder: unknown key"},
        {"an empty directory", with_feed("[cache]\ndirectory = \"\"\n"), "config.toml:6: cache.directory: must not be empty"},
        {"a directory that is not a string", with_feed("[cache]\ndirectory = 1\n"),
         "config.toml:6: cache.directory: expected a string, got integer"},
        {"cache as a value", before_feed("cache = \"/tmp\"\n"), "config.toml:1: cache: expected a table, got string"},
    });
}

TEST_CASE("A config's [notices] table sets the merge rules and the staleness delay")
{
    Result<Config> loaded = parse_config(with_feed("[notices]\nmax_count = 12\nmax_age_days = 90\npair_by = \"link\"\n"
                                                   "stale_after_min = 45\n"),
                                         "config.toml", app::system_config_checks());
    REQUIRE_MESSAGE(loaded.ok(), problem(loaded));
    CHECK(loaded->notice_rules.max_notices == 12);
    REQUIRE(loaded->notice_rules.max_age);
    CHECK(*loaded->notice_rules.max_age == std::chrono::days{90});
    CHECK(loaded->notice_rules.pair_by == PairingKey::link);
    CHECK(loaded->stale_after == std::chrono::minutes{45});

    Result<Config> defaults = parse_config(with_feed(""), "config.toml", app::system_config_checks());
    REQUIRE(defaults.ok());
    CHECK(defaults->notice_rules.max_notices == 30);
    CHECK_FALSE(defaults->notice_rules.max_age);
    CHECK(defaults->notice_rules.pair_by == PairingKey::id);
    CHECK(defaults->stale_after == std::chrono::minutes{30});
}

TEST_CASE("A config's [notices] values out of range or of the wrong kind are named")
{
    check_errors({
        {"no notices", with_feed("[notices]\nmax_count = 0\n"), "config.toml:6: notices.max_count: 0 is out of range (1..100)"},
        {"too many", with_feed("[notices]\nmax_count = 101\n"), "config.toml:6: notices.max_count: 101 is out of range (1..100)"},
        {"age zero", with_feed("[notices]\nmax_age_days = 0\n"), "config.toml:6: notices.max_age_days: 0 is out of range (1..3650)"},
        {"age as text", with_feed("[notices]\nmax_age_days = \"90\"\n"),
         "config.toml:6: notices.max_age_days: expected an integer, got string"},
        {"unknown pairing", with_feed("[notices]\npair_by = \"title\"\n"),
         R"(config.toml:6: notices.pair_by: "title" is not a pairing key; use "id", "link" or "pair")"},
        {"stale never", with_feed("[notices]\nstale_after_min = 0\n"),
         "config.toml:6: notices.stale_after_min: 0 is out of range (1..10080)"},
        {"unknown key", with_feed("[notices]\nmax_cont = 5\n"), "config.toml:6: notices.max_cont: unknown key"},
    });
}

TEST_CASE("A config's [fonts] table gives a text role its own fallback chain of font files")
{
    const std::string fonts_dir = SIGNAGE_SOURCE_DIR "/fonts";
    Result<Config> loaded = parse_config(
        with_feed("[fonts]\nheadline = [\"" + fonts_dir + "/NanumGothicBold.ttf\", { file = \"" + fonts_dir +
                  "/NotoSans-Bold.ttf\", face = 0 }]\ncrawl = [\"fonts/NanumGothic.ttf\"]\n"),
        SIGNAGE_SOURCE_DIR "/config.toml", app::system_config_checks());
    REQUIRE_MESSAGE(loaded.ok(), problem(loaded));
    REQUIRE(loaded->fonts.role_chains.size() == 2);
    const auto& headline = loaded->fonts.role_chains.at("headline");
    REQUIRE(headline.size() == 2);
    CHECK(headline[0].path == std::filesystem::path(fonts_dir + "/NanumGothicBold.ttf"));
    CHECK(headline[1].face_index == 0);
    // Relative to the config file's folder.
    CHECK(loaded->fonts.role_chains.at("crawl")[0].path == std::filesystem::path(fonts_dir + "/NanumGothic.ttf"));
    CHECK(parse_config(with_feed(""), "config.toml", app::system_config_checks())->fonts == FontSettings{});
}

TEST_CASE("A config's [fonts] table sets the regular and bold chains, and the weight each role is set in")
{
    const std::string fonts_dir = SIGNAGE_SOURCE_DIR "/fonts";
    Result<Config> loaded = parse_config(with_feed("[fonts]\nregular = [\"" + fonts_dir + "/NanumGothic.ttf\"]\nbold = [\"" +
                                                   fonts_dir + "/NanumGothicBold.ttf\"]\ncrawl = \"bold\"\nheadline = \"regular\"\n"),
                                         "config.toml", app::system_config_checks());
    REQUIRE_MESSAGE(loaded.ok(), problem(loaded));
    CHECK(loaded->fonts.regular.at(0).path == std::filesystem::path(fonts_dir + "/NanumGothic.ttf"));
    CHECK(loaded->fonts.bold.at(0).path == std::filesystem::path(fonts_dir + "/NanumGothicBold.ttf"));
    CHECK(loaded->fonts.role_weights.at("crawl") == FontWeight::bold);
    CHECK(loaded->fonts.role_weights.at("headline") == FontWeight::regular);
}

TEST_CASE("A config's [fonts] mistakes are named with their line")
{
    check_errors({
        {"unknown role", with_feed("[fonts]\nclock2 = [\"a.ttf\"]\n"), "config.toml:6: fonts.clock2: unknown key"},
        {"not a weight", with_feed("[fonts]\nheadline = \"a.ttf\"\n"),
         R"(config.toml:6: fonts.headline: "a.ttf" is not a weight; use "regular", "bold" or an array of font files)"},
        {"weight not a list", with_feed("[fonts]\nbold = \"a.ttf\"\n"),
         "config.toml:6: fonts.bold: expected an array of font files, got string"},
        {"empty list", with_feed("[fonts]\nheadline = []\n"), "config.toml:6: fonts.headline: needs at least one font file"},
        {"missing file", with_feed("[fonts]\nheadline = [\"/nonexistent/font.ttf\"]\n"),
         R"(config.toml:6: fonts.headline[0]: "/nonexistent/font.ttf" is not a readable file)"},
        {"face out of range", with_feed("[fonts]\nheadline = [{ file = \"" SIGNAGE_SOURCE_DIR "/fonts/NanumGothic.ttf\", face = 300 }]\n"),
         "config.toml:6: fonts.headline[0].face: 300 is out of range (0..255)"},
        {"table without file", with_feed("[fonts]\nheadline = [{ face = 1 }]\n"), R"(config.toml:6: fonts.headline[0]: needs "file")"},
    });
}

TEST_CASE("A config's [text] table sets the outline, the shadow and the text cache's size")
{
    Result<Config> loaded = parse_config(with_feed("[text]\noutline_px = 2\noutline_color = \"#102030\"\nshadow_px = 4\n"
                                                   "shadow_color = \"#000000B0\"\ncache_mb = 64\n"),
                                         "config.toml", app::system_config_checks());
    REQUIRE_MESSAGE(loaded.ok(), problem(loaded));
    CHECK(loaded->text.outline_px == 2);
    CHECK(loaded->text.outline_color == RgbaColor{0x10, 0x20, 0x30, 0xFF});
    CHECK(loaded->text.shadow_px == 4);
    CHECK(loaded->text.shadow_color == RgbaColor{0, 0, 0, 0xB0});
    CHECK(loaded->text.cache_bytes == 64u * 1024u * 1024u);
    CHECK(parse_config(with_feed(""), "config.toml", app::system_config_checks())->text == TextSettings{});
}

TEST_CASE("A config's [text] mistakes are named with their line")
{
    check_errors({
        {"outline too wide", with_feed("[text]\noutline_px = 20\n"), "config.toml:6: text.outline_px: 20 is out of range (0..8)"},
        {"colour by name", with_feed("[text]\noutline_color = \"black\"\n"),
         R"(config.toml:6: text.outline_color: "black" is not a colour; write "#RRGGBB" or "#RRGGBBAA", e.g. "#000000B0")"},
        {"short colour", with_feed("[text]\nshadow_color = \"#000\"\n"),
         R"(config.toml:6: text.shadow_color: "#000" is not a colour; write "#RRGGBB" or "#RRGGBBAA", e.g. "#000000B0")"},
        {"tiny cache", with_feed("[text]\ncache_mb = 1\n"), "config.toml:6: text.cache_mb: 1 is out of range (4..1024)"},
        {"unknown key", with_feed("[text]\nglow_px = 1\n"), "config.toml:6: text.glow_px: unknown key"},
    });
}

TEST_CASE("A font collection in [fonts] takes its Korean face unless the entry names a face or a language")
{
    CollectionDir dir;
    const auto fonts = source_dir() / "fonts";
    // Face 0 has no Hangul, as a pan-CJK collection's Japanese face 0 is not the Korean one.
    const auto collection = dir.make({(fonts / "NotoSans-Regular.ttf").string(), (fonts / "NanumGothic.ttf").string()});
    const std::string file = "\"" + collection.string() + "\"";
    auto chain_of = [](const Result<Config>& loaded) { return loaded->fonts.regular.at(0).face_index; };

    const auto by_default = parse_config(with_feed("[fonts]\nregular = [" + file + "]\n"), "config.toml", app::system_config_checks());
    REQUIRE_MESSAGE(by_default.ok(), problem(by_default));
    CHECK(chain_of(by_default) == 1);
    const auto by_face = parse_config(with_feed("[fonts]\nregular = [{ file = " + file + ", face = 0 }]\n"), "config.toml", app::system_config_checks());
    REQUIRE(by_face.ok());
    CHECK(chain_of(by_face) == 0);
    const auto by_language = parse_config(with_feed("[fonts]\nregular = [{ file = " + file + ", language = \"ko-KR\" }]\n"), "config.toml", app::system_config_checks());
    REQUIRE(by_language.ok());
    CHECK(chain_of(by_language) == 1);

    const auto beyond = parse_config(with_feed("[fonts]\nregular = [{ file = " + file + ", face = 2 }]\n"), "config.toml", app::system_config_checks());
    REQUIRE_FALSE(beyond.ok());
    CHECK(beyond.error().message == "config.toml:6: fonts.regular[0].face: 2 is not a face of \"" + collection.string() + "\", which has 2 faces");
    const auto japanese = parse_config(with_feed("[fonts]\nregular = [{ file = " + file + ", language = \"ja\" }]\n"), "config.toml", app::system_config_checks());
    REQUIRE_FALSE(japanese.ok());
    CHECK(japanese.error().message.starts_with("config.toml:6: fonts.regular[0]: font " + collection.string() + ": "));
    CHECK(japanese.error().message.find("set face = N") != std::string::npos);
}

TEST_CASE("A [fonts] entry that is not a font file is refused when the config is read")
{
    const auto loaded = parse_config(with_feed("[fonts]\nbold = [\"" SIGNAGE_SOURCE_DIR "/fonts/README.md\"]\n"), "config.toml", app::system_config_checks());
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().message == "config.toml:6: fonts.bold[0]: \"" SIGNAGE_SOURCE_DIR "/fonts/README.md\" is not a font file FreeType can open");
}

}  // namespace signage::config

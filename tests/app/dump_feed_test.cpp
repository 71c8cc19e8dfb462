// signage-player dump-feed: the command line, the JSON it prints, and the real binary.
#include "app/cli.hpp"
#include "app/dump_feed.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

namespace signage::app {

namespace {

using Json = nlohmann::ordered_json;

std::filesystem::path feeds_dir()
{
    return test_data_dir() / "feeds";
}

std::vector<std::string> keys_of(const Json& object)
{
    std::vector<std::string> keys;
    for (const auto& [key, value] : object.items())
        keys.push_back(key);
    return keys;
}

long line_count(const std::string& text)
{
    return std::count(text.begin(), text.end(), '\n');
}

}  // namespace

TEST_CASE("dump-feed takes one FILE or URL and an optional --lang")
{
    auto line = parse_command_line({"dump-feed", "feed.xml"});
    REQUIRE(line);
    CHECK(line->command == Command::dump_feed);
    CHECK(line->dump_location == "feed.xml");
    CHECK(line->dump_language.empty());

    line = parse_command_line({"dump-feed", "--lang", "ko-KR", "https://example.org/rss"});
    REQUIRE(line);
    CHECK(line->dump_location == "https://example.org/rss");
    CHECK(line->dump_language == "ko-KR");

    CHECK(parse_command_line({"dump-feed", "--help"})->command == Command::help);

    struct Case {
        std::vector<std::string> arguments;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"dump-feed"}, "dump-feed: needs a FILE or URL; see --help"},
        {{"dump-feed", "a.xml", "b.xml"}, "dump-feed: one FILE or URL only, not also \"b.xml\"; see --help"},
        {{"dump-feed", "a.xml", "--lang"}, "--lang: needs a value"},
        {{"dump-feed", "a.xml", "--lang", "ko kr"}, "--lang: \"ko kr\" is not a language tag like ko, en or ko-KR"},
        {{"dump-feed", "a.xml", "--out", "x"}, "unknown option \"--out\"; see --help"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.message);
        auto parsed = parse_command_line(c.arguments);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().message == c.message);
    }
}

TEST_CASE("feed_to_json writes the documented keys in order, times in UTC, absent values as null")
{
    feed::ParsedFeed feed;
    feed.title = "피드";
    feed.format = "rss 2.0";
    feed.encoding = "CP949";
    model::Notice notice;
    notice.id = "n-1";
    notice.titles = {{"ko", "공지"}, {"en", "Notice"}};
    notice.link = "https://example.org/1";
    notice.published = model::TimePoint{std::chrono::sys_days{std::chrono::year{2018} / 6 / 4}} + std::chrono::hours{5}
                     + std::chrono::minutes{5};
    notice.categories = {"안전"};
    feed.notices.push_back(notice);
    model::Notice bare;
    bare.id = "n-2";
    bare.titles = {{"", "bad \xFF byte"}};  // invalid UTF-8 must not throw
    feed.notices.push_back(bare);

    const std::string text = feed_to_json(feed);
    CHECK(text.ends_with("}\n"));
    CHECK(text.find("공지") != std::string::npos);  // not \uXXXX escapes
    CHECK(text.find("\n  \"title\": \"피드\",") != std::string::npos);  // two-space indent

    const Json json = Json::parse(text);
    CHECK(keys_of(json) == std::vector<std::string>{"title", "format", "encoding", "items"});
    REQUIRE(json["items"].size() == 2);
    const Json& first = json["items"][0];
    CHECK(keys_of(first)
          == std::vector<std::string>{"id", "shown", "title", "title_from", "link", "published", "updated", "lang", "categories", "titles",
                                      "summary"});
    CHECK(first["shown"] == true);
    CHECK(first["title_from"].is_null());
    CHECK(first["id"] == "n-1");
    CHECK(first["title"] == "공지");
    CHECK(first["lang"] == "ko");
    CHECK(first["published"] == "2018-06-04T05:05:00Z");
    CHECK(first["updated"].is_null());
    CHECK(first["summary"].is_null());
    CHECK(first["categories"] == Json::array({"안전"}));
    CHECK(first["titles"] == Json::parse(R"([{"lang": "ko", "text": "공지"}, {"lang": "en", "text": "Notice"}])"));

    const Json& second = json["items"][1];
    CHECK(second["title"] == "bad \xEF\xBF\xBD byte");
    CHECK(second["lang"].is_null());
    CHECK(second["link"].is_null());
    CHECK(second["published"].is_null());
}

TEST_CASE("signage-player dump-feed lists every item it read: a headline made from a description, and an item not shown and why")
{
    const auto result = run_player({"dump-feed", "rss2-items-without-titles.xml"}, true, feeds_dir());
    CAPTURE(result.errors);
    REQUIRE(result.exit_code == 0);
    const Json json = Json::parse(result.output);
    REQUIRE(json["items"].size() == 6);
    const Json& made = json["items"][0];
    CHECK(made["shown"] == true);
    CHECK(made["title_from"] == "description");
    CHECK(made["title"] == "행정안전부와 외교부는 5월 28일부터 6월 1일까지 페루와 파라과이에 전자정부 합동 대표단을 파견했다.");
    const Json& unshown = json["items"][4];
    CHECK(keys_of(unshown) == std::vector<std::string>{"id", "shown", "why", "link", "published", "updated"});
    CHECK(unshown["id"] == "mois-5");
    CHECK(unshown["shown"] == false);
    CHECK(unshown["why"] == "no title and no description");
    CHECK(unshown["link"] == "https://mois.example.kr/notice/5");
    CHECK(unshown["published"] == "2018-06-05T01:00:00Z");
    CHECK(json["items"][5]["title_from"].is_null());

    const auto empty = run_player({"dump-feed", "rss2-empty-channel.xml"}, true, feeds_dir());
    CHECK(empty.exit_code == 0);
    CHECK(Json::parse(empty.output)["items"] == Json::array());
}

TEST_CASE("signage-player dump-feed prints a CP949 feed given by a relative path as JSON")
{
    const auto result = run_player({"dump-feed", "rss2-korea-kr-cp949-declared-euc-kr.xml"}, true, feeds_dir());
    CAPTURE(result.errors);
    CHECK(result.exit_code == 0);
    CHECK(result.errors.empty());
    CHECK(result.output.find("똠얌꿍") != std::string::npos);  // Hangul as UTF-8, not escaped
    const Json json = Json::parse(result.output);
    CHECK(json["title"] == "정책브리핑 - 부처 보도자료");
    CHECK(json["format"] == "rss 2.0");
    CHECK(json["encoding"] == "CP949");
    REQUIRE(json["items"].size() == 3);
    const Json& first = json["items"][0];
    CHECK(first["title"] == "외교부, 주한 태국대사관과 함께하는 ‘똠얌꿍’ 요리 교실 개최");
    CHECK(first["published"] == "2018-06-04T05:05:00Z");
    CHECK(first["updated"].is_null());
    CHECK(first["lang"] == "ko");
    CHECK(first["link"] == "http://www.korea.example.kr/briefing/pressReleaseView.do?newsId=156271234&pageIndex=1&repCodeType=");
    CHECK(first["categories"] == Json::array());
}

TEST_CASE("signage-player dump-feed reads a URL, and --lang labels the titles a feed does not")
{
    const std::string url = "file://" + (feeds_dir() / "atom1-blogger.xml").generic_string();
    const auto unknown = run_player({"dump-feed", url}, true);
    CHECK(unknown.exit_code == 0);
    const Json without = Json::parse(unknown.output);
    CHECK(without["items"][0]["lang"].is_null());

    const auto korean = run_player({"dump-feed", "--lang", "ko", url}, true);
    CHECK(korean.exit_code == 0);
    const Json with = Json::parse(korean.output);
    CHECK(with["items"][0]["lang"] == "ko");
    CHECK(with["items"][0]["titles"] == Json::parse(R"([{"lang": "ko", "text": "3월 그림책 읽어주기 행사 안내"}])"));
    CHECK(with["items"][0]["updated"] == "2024-03-14T08:45:12Z");
}

TEST_CASE("signage-player dump-feed prints a JSON Feed and a cut-off feed it recovered from")
{
    for (const char* fixture : {"json-feed-1.1-bilingual.json", "feed-truncated.xml", "json-feed-truncated.json"}) {
        CAPTURE(fixture);
        const auto result = run_player({"dump-feed", (feeds_dir() / fixture).string()}, true);
        CAPTURE(result.errors);
        CHECK(result.exit_code == 0);
        CHECK(result.errors.empty());
        const Json json = Json::parse(result.output);
        CHECK(json["items"].size() >= 2);
    }
}

TEST_CASE("signage-player dump-feed fails with one line when nothing could be read")
{
    const auto html = run_player({"dump-feed", (feeds_dir() / "not-a-feed.html").string()}, true);
    CHECK(html.exit_code == 1);
    CHECK(html.output.empty());
    CHECK(line_count(html.errors) == 1);
    CHECK(html.errors.starts_with("<3>dump-feed: file://"));
    CHECK(html.errors.ends_with("not-a-feed.html: not a feed: root element <html>\n"));

    const auto missing = run_player({"dump-feed", "no-such-feed.xml"}, true, feeds_dir());
    CHECK(missing.exit_code == 1);
    CHECK(missing.output.empty());
    CHECK(line_count(missing.errors) == 1);
    CHECK(missing.errors.find("no-such-feed.xml") != std::string::npos);

    const auto usage = run_player({"dump-feed"}, true);
    CHECK(usage.exit_code == 2);
    CHECK(usage.output.empty());
    CHECK(usage.errors == "<3>cli: dump-feed: needs a FILE or URL; see --help\n");
}


TEST_CASE("signage-player dump-feed prints a CAP alert's fields in the documented shape, and whether it would show by --config")
{
    const auto update = (feeds_dir() / "cap" / "cap12-update-references.xml").string();
    const auto outcome = run_player({"dump-feed", update}, true);
    CAPTURE(outcome.output);
    REQUIRE(outcome.exit_code == 0);
    const Json json = Json::parse(outcome.output);
    CHECK(keys_of(json) == std::vector<std::string>{"title", "format", "encoding", "items", "alerts", "alert_links"});
    CHECK(json["format"] == "cap 1.2");
    CHECK(json["items"].empty());
    REQUIRE(json["alerts"].size() == 1);
    const Json& alert = json["alerts"][0];
    CHECK(keys_of(alert) == std::vector<std::string>{"identifier", "sender", "sent", "status", "msg_type", "scope", "references", "shown",
                                                     "why", "info"});
    CHECK(alert["identifier"] == "20261206-SEOUL-RAIN-08");
    CHECK(alert["sent"] == "2026-12-06T07:00:00Z");  // 16:00 in Seoul, in UTC
    CHECK(alert["msg_type"] == "Update");
    REQUIRE(alert["references"].size() == 2);
    CHECK(alert["references"][0] == Json::parse(R"({"sender": "kma.go.kr", "identifier": "20261206-SEOUL-RAIN-07", "sent": "2026-12-06T05:00:00Z"})"));
    REQUIRE(!alert["info"].empty());
    const Json& info = alert["info"][0];
    CHECK(keys_of(info) == std::vector<std::string>{"language", "event", "urgency", "severity", "certainty", "effective", "onset", "expires",
                                                    "sender_name", "headline", "description", "instruction", "web", "areas", "geocodes"});
    CHECK(info["severity"] == "Extreme");
    CHECK(info["expires"].is_null());  // absent: null
    CHECK(info["areas"] == Json::array({"서울특별시"}));

    // Judged by a screen in Busan, the Seoul alert would not show, and the dump says why.
    const ScratchDir dir("signage-dump-cap");
    std::ofstream(dir.path() / "busan.toml") << "[[feed]]\nname = \"x\"\npath = \"x.xml\"\nlanguage = \"ko\"\n\n[alerts]\nareas = [\"부산\"]\n";
    const auto busan = run_player({"dump-feed", update, "--config", (dir.path() / "busan.toml").string()}, true);
    REQUIRE(busan.exit_code == 0);
    const Json judged = Json::parse(busan.output)["alerts"][0];
    CHECK(judged["shown"] == false);
    CHECK(judged["why"] == "not for this area");
}

}  // namespace signage::app

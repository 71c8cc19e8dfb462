// JSON Feed 1.0 and 1.1 through parse_feed, which detects them by their first character.
#include "feed/feed_parser.hpp"

#include "feed_fixtures.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace signage::feed {

using feed_test::iso_utc;
using feed_test::read_fixture;

namespace {

const FeedContext kContext{"json", "en"};

ParsedFeed parse_ok(std::string_view body, const FeedContext& context = kContext)
{
    auto result = parse_feed(body, context);
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? std::string{} : result.error().message));
    return std::move(result).value();
}

std::string json_feed(std::string_view items, std::string_view extra = "")
{
    return R"({"version": "https://jsonfeed.org/version/1.1", "title": "t")" + std::string(extra) + R"(, "items": [)"
         + std::string(items) + "]}";
}

}  // namespace

TEST_CASE("parse_feed reads a bilingual JSON Feed 1.1")
{
    const auto feed = parse_ok(read_fixture("json-feed-1.1-bilingual.json"));
    CHECK(feed.format == "json feed 1.1");
    CHECK(feed.title == "행정안전부 새소식 (JSON Feed)");
    // An item that is not an object is left out on its own; one whose title is not text is
    // headed by its content_text.
    REQUIRE(feed.notices.size() == 5);
    CHECK(feed.notices[3].titles.at(0).text == "An item whose title is not text is left out on its own.");

    SUBCASE("_signage_player titles follow the item's own title, in document order, without repeating it")
    {
        const model::Notice& first = feed.notices[0];
        CHECK(first.id == "mois-2018-06-04-1");
        CHECK(first.titles
              == std::vector<model::LocalizedTitle>{{"ko-kr", "행정안전부·외교부, 페루·파라과이와 전자정부 협력 강화"},
                  {"en", "Korea fosters e-government cooperation with Peru and Paraguay"},
                  {"es", "Corea refuerza la cooperación en gobierno electrónico con Perú y Paraguay"}});
        CHECK(first.link == "https://www.mois.example.go.kr/news/1");
        CHECK(iso_utc(first.published) == "2018-06-04T00:00:00Z");
        CHECK(iso_utc(first.updated) == "2018-06-05T01:30:00Z");
        // Strings only: a number and a nested array among the tags are skipped.
        CHECK(first.categories == std::vector<std::string>{"전자정부", "국제협력"});
        CHECK(first.summary == "A joint e-government delegation visited Peru and Paraguay.");
        CHECK(first.source_name == "json");
    }
    SUBCASE("a numeric id becomes a string; the item's language beats the feed's")
    {
        const model::Notice& second = feed.notices[1];
        CHECK(second.id == "20180601");
        CHECK(second.titles.at(0) == model::LocalizedTitle{"en", "Korea-Paraguay e-Government Cooperation Forum held in Asunción"});
        CHECK(second.summary == "The forum drew 120 participants.");
    }
    SUBCASE("only translations: the first stands in; external_url when there is no url")
    {
        const model::Notice& third = feed.notices[2];
        CHECK(third.titles == std::vector<model::LocalizedTitle>{{"en", "Only translations: the first one stands in for the title"}});
        CHECK(third.link == "https://www.example.org/forum");
        CHECK(iso_utc(third.updated) == "2018-05-28T15:00:00Z");  // a date in a Korean feed
        CHECK(iso_utc(third.published) == "2018-05-28T15:00:00Z");
    }
    SUBCASE("an id that is not text falls back to the url; content_html becomes text")
    {
        const model::Notice& fourth = feed.notices[4];
        CHECK(fourth.id == "https://www.mois.example.go.kr/news/5");
        CHECK(fourth.titles.at(0).text == "지방자치단체 합동평가 결과 발표");
        CHECK(fourth.summary == "결과 우수 기관 10곳을 선정했다.");
        CHECK(iso_utc(fourth.published) == "2018-05-28T05:05:00Z");
        CHECK(fourth.categories.empty());
    }
}

TEST_CASE("parse_feed reads JSON Feed 1.0 in UTF-16 with a byte order mark")
{
    const std::string body = read_fixture("json-feed-1.0-utf16le-bom.json");
    REQUIRE(body.starts_with(std::string_view("\xFF\xFE{\0", 4)));
    const auto feed = parse_ok(body, {"gu", "ko"});
    CHECK(feed.format == "json feed 1.0");
    CHECK(feed.encoding == "UTF-16LE");
    REQUIRE(feed.notices.size() == 1);
    CHECK(feed.notices[0].titles.at(0) == model::LocalizedTitle{"ko", "주민등록 사실조사 실시 안내"});
    CHECK(feed.notices[0].summary == "9월 1일부터 10월 31일까지 주민등록 사실조사를 실시합니다.");
    CHECK(iso_utc(feed.notices[0].published) == "2024-08-30T01:00:00Z");
}

TEST_CASE("parse_feed keeps the JSON Feed items before the cut of a truncated body")
{
    const auto feed = parse_ok(read_fixture("json-feed-truncated.json"));
    REQUIRE(feed.notices.size() == 2);
    CHECK(feed.notices[0].id == "mois-2018-06-04-1");
    CHECK(feed.notices[1].id == "20180601");
}

TEST_CASE("parse_feed detects JSON after a byte order mark and white space, in any Unicode form")
{
    const std::string feed = json_feed(R"({"id": "1", "title": "제목"})");
    std::string utf16be;
    for (const char c : std::string(R"({"version":"https://jsonfeed.org/version/1","items":[{"id":"1","title":"a"}]})")) {
        utf16be += '\0';
        utf16be += c;
    }
    std::string utf32le;
    for (const char c : std::string(R"( {"version":"https://jsonfeed.org/version/1","items":[{"id":"1","title":"a"}]})")) {
        utf32le += c;
        utf32le.append(3, '\0');
    }
    struct DetectCase {
        std::string_view description;
        std::string body;
        std::string_view encoding;
    };
    const DetectCase cases[] = {
        {"plain", feed, "UTF-8"},
        {"white space first", " \r\n\t" + feed, "UTF-8"},
        {"UTF-8 byte order mark", "\xEF\xBB\xBF" + feed, "UTF-8"},
        {"UTF-8 byte order mark and white space", "\xEF\xBB\xBF\n  " + feed, "UTF-8"},
        {"UTF-16BE without a byte order mark", utf16be, "UTF-16BE"},
        {"UTF-16BE with one", "\xFE\xFF" + utf16be, "UTF-16BE"},
        {"UTF-32LE with one", std::string("\xFF\xFE\0\0", 4) + utf32le, "UTF-32LE"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.description);
        const auto parsed = parse_ok(c.body, {"s", "ko", "iso-8859-1"});  // the header is no matter for JSON
        CHECK(parsed.encoding == c.encoding);
        REQUIRE(parsed.notices.size() == 1);
        CHECK(parsed.notices[0].id == "1");
    }
}

TEST_CASE("a lone surrogate or a number too large in one JSON Feed item costs that value, not the items after it")
{
    const auto feed = parse_ok(json_feed(R"({"id": "1", "title": "First"},)"
                                         R"({"id": "2", "title": "Bad \ud800 here \udc00", "_x": 1e999999},)"
                                         R"({"id": "3", "title": "Emoji \ud83d\ude00 stays", "_y": [-1e308, 2.5e-999999]},)"
                                         R"({"id": "4", "title": "Last \"quoted\" \\ud800 is text"})"));
    REQUIRE(feed.notices.size() == 4);
    CHECK(feed.notices[1].titles.at(0).text == "Bad \uFFFD here \uFFFD");
    CHECK(feed.notices[2].titles.at(0).text == "Emoji \U0001F600 stays");
    CHECK(feed.notices[3].titles.at(0).text == "Last \"quoted\" \\ud800 is text");
    CHECK(feed.mended == std::vector<std::string>{"2 lone surrogate escape(s) (\\ud800-\\udfff without a pair) shown as U+FFFD",
                                                  "1 number(s) too large for a double read as null"});
    // A body with nothing to mend says nothing.
    CHECK(parse_ok(json_feed(R"({"id": "1", "title": "Fine"})")).mended.empty());
}

TEST_CASE("parse_feed names what is wrong with a JSON body in one line")
{
    struct ErrorCase {
        std::string_view body;
        std::string_view message;
    };
    const ErrorCase cases[] = {
        {"{", "not json: parse error at line 1, column 2: syntax error while parsing object key - unexpected end of "
              "input; expected string literal"},
        {"{\"version\": 1,}", "not json: parse error at line 1, column 15: syntax error while parsing object key - "
                              "unexpected '}'; expected string literal"},
        {R"({"version": "https://jsonfeed.org/version/1.1"})", "not a feed: json feed without an items array"},
        {R"({"version": "https://jsonfeed.org/version/1.1", "items": {}})", "not a feed: json feed without an items array"},
        {R"({"version": "https://example.org/version/1", "items": []})", "not a feed: json without a jsonfeed.org version"},
        {R"({"version": ["https://jsonfeed.org/version/1"], "items": []})", "not a feed: json without a jsonfeed.org version"},
        {R"({"error": "not found"})", "not a feed: json without a jsonfeed.org version"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.body);
        const auto result = parse_feed(c.body, kContext);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message == c.message);
        CHECK(result.error().message.find('\n') == std::string::npos);
    }
}

TEST_CASE("parse_feed takes JSON Feed summaries from content_text, then summary, then content_html")
{
    const auto feed = parse_ok(json_feed(R"(
        {"id": "1", "title": "a", "content_text": "text", "summary": "sum", "content_html": "<p>html</p>"},
        {"id": "2", "title": "b", "summary": "sum", "content_html": "<p>html</p>"},
        {"id": "3", "title": "c", "content_html": "<p>html &amp; <b>bold</b></p><p>next</p>"},
        {"id": "4", "title": "d"})"));
    REQUIRE(feed.notices.size() == 4);
    CHECK(feed.notices[0].summary == "text");
    CHECK(feed.notices[1].summary == "sum");
    CHECK(feed.notices[2].summary == "html & bold next");
    CHECK(feed.notices[3].summary.empty());
}

TEST_CASE("parse_feed takes the JSON Feed language from the item, the feed, then the source")
{
    const auto feed = parse_ok(json_feed(R"({"id": "1", "title": "a", "language": "en-GB"}, {"id": "2", "title": "b"})",
                                   R"(, "language": "ko")"),
        {"s", "ja"});
    REQUIRE(feed.notices.size() == 2);
    CHECK(feed.notices[0].titles.at(0).lang == "en-gb");
    CHECK(feed.notices[1].titles.at(0).lang == "ko");
    const auto without = parse_ok(json_feed(R"({"id": "1", "title": "a"})"), {"s", "ja"});
    CHECK(without.notices.at(0).titles.at(0).lang == "ja");
}

TEST_CASE("parse_feed keeps no memory for JSON members it does not use, however deep")
{
    // Nested a hundred thousand levels deep, in a member the player ignores and in one it reads.
    const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
    const auto start = std::chrono::steady_clock::now();
    const auto feed = parse_ok(json_feed(R"({"id": "1", "title": "a", "attachments": )" + deep + R"(, "tags": )" + deep + "}",
        R"(, "authors": )" + deep));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds{2});
    REQUIRE(feed.notices.size() == 1);
    CHECK(feed.notices[0].categories.empty());
}

TEST_CASE("parse_feed reads at most kMaxItems JSON Feed items and kMaxTitles titles per notice")
{
    std::string items;
    for (std::size_t i = 0; i < kMaxItems + 5; ++i)
        items += (i ? ",{\"id\": \"" : "{\"id\": \"") + std::to_string(i) + "\", \"title\": \"t\"}";
    const auto feed = parse_ok(json_feed(items));
    REQUIRE(feed.notices.size() == kMaxItems);
    CHECK(feed.notices.back().id == std::to_string(kMaxItems - 1));

    std::string titles;
    for (int i = 0; i < 100; ++i)
        titles += (i ? ",\"x-" : "\"x-") + std::to_string(i) + "\": \"t" + std::to_string(i) + "\"";
    const auto many = parse_ok(json_feed(R"({"id": "1", "title": "own", "_signage_player": {"titles": {)" + titles + "}}}"));
    REQUIRE(many.notices.size() == 1);
    CHECK(many.notices[0].titles.size() == kMaxTitles);
    CHECK(many.notices[0].titles.back() == model::LocalizedTitle{"x-18", "t18"});
}

TEST_CASE("a JSON Feed item's explicit pairing id is read from _signage_player.pair")
{
    const auto feed = parse_ok(json_feed(R"({"id": "1", "title": "own", "_signage_player": {"pair": "2018-0604-egov"}},
        {"id": "2", "title": "none", "_signage_player": {"pair": 7}})"));
    REQUIRE(feed.notices.size() == 2);
    CHECK(feed.notices[0].pair_id == "2018-0604-egov");
    CHECK(feed.notices[1].pair_id.empty());
}

TEST_CASE("a JSON Feed item's urgent flag is read from _signage_player.urgent")
{
    const auto feed = parse_ok(json_feed(R"({"id": "1", "title": "정전", "_signage_player": {"urgent": true}},
        {"id": "2", "title": "false", "_signage_player": {"urgent": false}},
        {"id": "3", "title": "string", "_signage_player": {"urgent": "yes"}},
        {"id": "4", "title": "number", "_signage_player": {"urgent": 1}},
        {"id": "5", "title": "no extension"},
        {"id": "6", "title": "other value", "_signage_player": {"urgent": {"level": 1}}},
        {"id": "7", "title": "with titles", "_signage_player": {"titles": {"en": "Power cut"}, "urgent": true}},
        {"id": "8", "title": "elsewhere", "urgent": true, "_signage": {"urgent": true}})"));
    std::vector<bool> flags;
    for (const auto& notice : feed.notices)
        flags.push_back(notice.urgent_flag);
    CHECK(flags == std::vector<bool>{true, false, true, true, false, false, true, false});
    REQUIRE(feed.notices.size() == 8);
    CHECK(feed.notices[6].titles.size() == 2);
}

}  // namespace signage::feed

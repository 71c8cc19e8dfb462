#include "feed/feed_parser.hpp"

#include "feed_fixtures.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace signage::feed {

using feed_test::iso_utc;
using feed_test::read_fixture;

namespace {

FeedContext index_context(std::string base_url = "https://cap.example.go.kr/cap/index.xml")
{
    FeedContext context;
    context.source_name = "alerts";
    context.default_language = "ko";
    context.base_url = std::move(base_url);
    return context;
}

ParsedFeed parse_ok(std::string_view body, const FeedContext& context = index_context())
{
    auto result = parse_feed(body, context);
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? std::string{} : result.error().message));
    return std::move(result).value();
}

std::vector<std::string> urls_of(const ParsedFeed& feed)
{
    std::vector<std::string> urls;
    for (const AlertLink& link : feed.alert_links)
        urls.push_back(link.url);
    return urls;
}

}  // namespace

TEST_CASE("an Atom index links CAP alerts, relative and absolute, each once, and its other entries are left out")
{
    const ParsedFeed feed = parse_ok(read_fixture("cap/atom-index-linked.xml"));
    CHECK(feed.alerts_document);
    CHECK(feed.format == "atom 1.0");
    CHECK(feed.title == "기상특보 CAP 목록");
    CHECK(feed.notices.empty());
    CHECK(feed.items.empty());
    CHECK(feed.alerts.empty());
    CHECK(urls_of(feed) == std::vector<std::string>{"https://cap.example.go.kr/cap/alerts/20261206-SEOUL-RAIN-08.xml",
                                                    "https://cap.example.go.kr/feed/KR-KMA-2026-12-06-0001.xml"});
    CHECK(feed.alert_links[0].updated == "2026-12-06T16:00:00+09:00");
    CHECK(feed.alert_links[1].updated == "2026-12-06T14:05:00+09:00");  // no <updated>: <published>
}

TEST_CASE("a relative link without a base URL is no alert link")
{
    const ParsedFeed feed = parse_ok(read_fixture("cap/atom-index-linked.xml"), index_context(""));
    CHECK(feed.alerts_document);
    CHECK(urls_of(feed) == std::vector<std::string>{"https://cap.example.go.kr/feed/KR-KMA-2026-12-06-0001.xml"});
}

TEST_CASE("an Atom index with CAP fields inline gives an alert per entry, and a linked CAP document wins over inline fields")
{
    const ParsedFeed feed = parse_ok(read_fixture("cap/atom-index-inline.xml"));
    CHECK(feed.alerts_document);
    CHECK(urls_of(feed) == std::vector<std::string>{"https://alerts.example.gov/cap/TX1263A8E1C2A1.xml"});
    REQUIRE(feed.alerts.size() == 1);
    const model::Alert& alert = feed.alerts[0];
    CHECK(alert.identifier == "https://alerts.example.gov/cap/wwacapget.php?x=OK1263A8E1C2A0.WinterStormWarning");
    CHECK(alert.sender == "w-nws.webmaster@example.gov");
    CHECK(iso_utc(alert.sent) == "2026-12-06T14:20:00Z");
    CHECK(alert.status == "Actual");
    CHECK(alert.msg_type == "Alert");
    CHECK(alert.scope.empty());
    CHECK(alert.source_name == "alerts");
    REQUIRE(alert.infos.size() == 1);
    const model::AlertInfo& info = alert.infos[0];
    CHECK(info.event == "Winter Storm Warning");
    CHECK(info.severity == "Severe");
    CHECK(info.urgency == "Expected");
    CHECK(info.certainty == "Likely");
    CHECK(iso_utc(info.effective) == "2026-12-06T14:20:00Z");
    CHECK(iso_utc(info.expires) == "2026-12-07T23:00:00Z");
    CHECK(info.headline == "Winter Storm Warning issued December 06 at 9:20AM CST until December 07 at 6:00PM CST by NWS");
    CHECK(info.description == "...WINTER STORM WARNING IN EFFECT UNTIL 6 PM CST SATURDAY... Heavy snow expected.");
    CHECK(info.web == "https://alerts.example.gov/cap/wwacapget.php?x=OK1263A8E1C2A0.WinterStormWarning");
    REQUIRE(info.areas.size() == 1);
    CHECK(info.areas[0].description == "Beaver; Cimarron; Texas");
    CHECK(info.areas[0].geocodes == std::vector<model::AlertGeocode>{{"FIPS6", "040007 040025 040139"},
                                                                     {"UGC", "OKZ001 OKZ002 OKZ003"}});
}

TEST_CASE("an inline entry without an author is sent by the feed's author, in the language of its xml:lang")
{
    const ParsedFeed feed = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ko-KR"
        xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"><author><name>행정안전부</name></author>
        <entry><id>e1</id><title>대설주의보</title><updated>2026-12-06T08:00:00+09:00</updated>
        <cap:severity>Moderate</cap:severity><cap:headline>강원 산지 대설주의보</cap:headline>
        <cap:area><cap:areaDesc>강원도</cap:areaDesc></cap:area></entry>
        <entry><title>no id: not an alert anyone could cancel</title><cap:severity>Minor</cap:severity></entry></feed>)");
    REQUIRE(feed.alerts.size() == 1);
    const model::Alert& alert = feed.alerts[0];
    CHECK(alert.sender == "행정안전부");
    CHECK(iso_utc(alert.sent) == "2026-12-05T23:00:00Z");
    REQUIRE(alert.infos.size() == 1);
    CHECK(alert.infos[0].language == "ko-kr");
    CHECK(alert.infos[0].headline == "강원 산지 대설주의보");  // cap:headline over the title
    REQUIRE(alert.infos[0].areas.size() == 1);
    CHECK(alert.infos[0].areas[0].description == "강원도");
}

TEST_CASE("an RSS index links CAP alerts by enclosure, and items without one are left out")
{
    const ParsedFeed feed = parse_ok(read_fixture("cap/rss-index.xml"), index_context("https://safety.example.ac.kr/rss.xml"));
    CHECK(feed.alerts_document);
    CHECK(feed.format == "rss 2.0");
    CHECK(feed.title == "Campus Safety Alerts");
    CHECK(feed.notices.empty());
    CHECK(urls_of(feed) == std::vector<std::string>{"https://safety.example.ac.kr/cap/gas-0311.xml",
                                                    "https://safety.example.ac.kr/cap/flood-0312.xml"});
    CHECK(feed.alert_links[0].updated == "Sun, 06 Dec 2026 13:40:00 +0900");
}

TEST_CASE("an index whose root declares CAP: an empty one has no alerts, and an entry's own link is its alert")
{
    const ParsedFeed empty = parse_ok(read_fixture("cap/atom-index-empty.xml"));
    CHECK(empty.alerts_document);
    CHECK(empty.alerts.empty());
    CHECK(empty.alert_links.empty());
    CHECK(empty.notices.empty());
    CHECK(empty.title == "No active alerts");

    const ParsedFeed plain = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.1">
        <entry><id>a</id><updated>2026-12-06T08:00:00Z</updated><link href="a.cap"/></entry></feed>)");
    CHECK(urls_of(plain) == std::vector<std::string>{"https://cap.example.go.kr/cap/a.cap"});
}

TEST_CASE("an index from the network never links the player's own disk, and a local index may")
{
    const std::string index = R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>a</id>
        <link type="application/cap+xml" href="file:///etc/passwd"/></entry>
        <entry><id>b</id><link type="application/cap+xml" href="b.xml"/></entry>
        <entry><id>c</id><link type="application/cap+xml" href="ftp://example.org/c.xml"/></entry></feed>)";
    CHECK(urls_of(parse_ok(index)) == std::vector<std::string>{"https://cap.example.go.kr/cap/b.xml"});

    FeedContext local = index_context("file:///srv/alerts/index.xml");
    local.local_file = true;
    CHECK(urls_of(parse_ok(index, local)) == std::vector<std::string>{"file:///etc/passwd", "file:///srv/alerts/b.xml"});
}

TEST_CASE("an index links at most kMaxAlerts alerts")
{
    std::string index = R"(<feed xmlns="http://www.w3.org/2005/Atom">)";
    for (std::size_t i = 0; i < kMaxAlerts + 20; ++i)
        index += "<entry><link type=\"application/cap+xml\" href=\"a" + std::to_string(i) + ".xml\"/></entry>";
    index += "</feed>";
    const ParsedFeed feed = parse_ok(index);
    CHECK(feed.alert_links.size() == kMaxAlerts);
    CHECK(feed.alert_links.back().url == "https://cap.example.go.kr/cap/a" + std::to_string(kMaxAlerts - 1) + ".xml");
}

}  // namespace signage::feed

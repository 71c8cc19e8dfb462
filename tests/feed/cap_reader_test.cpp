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

FeedContext cap_context(bool expect_alerts = false)
{
    FeedContext context;
    context.source_name = "alerts";
    context.default_language = "ko";
    context.expect_alerts = expect_alerts;
    return context;
}

ParsedFeed parse_ok(std::string_view body, const FeedContext& context = cap_context())
{
    auto result = parse_feed(body, context);
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? std::string{} : result.error().message));
    return std::move(result).value();
}

const model::Alert& only_alert(const ParsedFeed& feed)
{
    REQUIRE(feed.alerts.size() == 1);
    return feed.alerts.front();
}

std::vector<std::string> area_names(const model::AlertInfo& info)
{
    std::vector<std::string> names;
    for (const model::AlertArea& area : info.areas)
        names.push_back(area.description);
    return names;
}

}  // namespace

TEST_CASE("a CAP 1.2 alert is read into one alert with its info, areas and geocodes")
{
    const ParsedFeed feed = parse_ok(read_fixture("cap/cap12-severe-thunderstorm.xml"));
    CHECK(feed.alerts_document);
    CHECK(feed.format == "cap 1.2");
    CHECK(feed.encoding == "UTF-8");
    CHECK(feed.notices.empty());
    CHECK(feed.items.empty());
    CHECK(feed.alert_links.empty());
    CHECK(feed.ill_formed.empty());
    CHECK(feed.title == "Korea Meteorological Administration");

    const model::Alert& alert = only_alert(feed);
    CHECK(alert.identifier == "KR-KMA-2026-12-06-0001");
    CHECK(alert.sender == "cap@weather.example.go.kr");
    CHECK(iso_utc(alert.sent) == "2026-12-06T05:05:00Z");
    CHECK(alert.status == "Actual");
    CHECK(alert.msg_type == "Alert");
    CHECK(alert.scope == "Public");
    CHECK(alert.references.empty());
    CHECK(alert.source_name == "alerts");
    REQUIRE(alert.infos.size() == 1);

    const model::AlertInfo& info = alert.infos[0];
    CHECK(info.language == "en-us");
    CHECK(info.event == "Severe Thunderstorm Warning");
    CHECK(info.urgency == "Immediate");
    CHECK(info.severity == "Severe");
    CHECK(info.certainty == "Observed");
    CHECK(info.severity_level() == model::AlertSeverity::severe);
    CHECK(iso_utc(info.effective) == "2026-12-06T05:05:00Z");
    CHECK(iso_utc(info.onset) == "2026-12-06T05:30:00Z");
    CHECK(iso_utc(info.expires) == "2026-12-06T09:00:00Z");
    CHECK(info.sender_name == "Korea Meteorological Administration");
    CHECK(info.headline == "Severe thunderstorm warning for the capital region");
    CHECK(info.description == "Thunderstorms with hail and gusts up to 25 m/s are moving east across the capital region.\n"
                              "Power lines may come down.");
    CHECK(info.instruction == "* Stay indoors and away from windows.\n* Do not shelter under trees.");
    CHECK(info.web == "https://weather.example.go.kr/alerts/0001");
    CHECK(area_names(info) == std::vector<std::string>{"Seoul; Incheon", "Gyeonggi-do"});
    REQUIRE(info.areas[0].geocodes.size() == 2);
    CHECK(info.areas[0].geocodes[0] == model::AlertGeocode{"행정구역코드", "1100000000"});
    CHECK(info.areas[0].geocodes[1] == model::AlertGeocode{"행정구역코드", "2800000000"});
    CHECK(info.areas[1].geocodes.empty());
}

TEST_CASE("a CAP 1.1 alert with cap: prefixes gives one info per language, Korean and English")
{
    const ParsedFeed feed = parse_ok(read_fixture("cap/cap11-prefixed-korean-english.xml"));
    CHECK(feed.alerts_document);
    CHECK(feed.format == "cap 1.1");
    const model::Alert& alert = only_alert(feed);
    CHECK(alert.identifier == "20261206-SEOUL-RAIN-07");
    CHECK(alert.sender == "kma.go.kr");
    CHECK(iso_utc(alert.sent) == "2026-12-06T05:00:00Z");  // "-00:00" is UTC
    REQUIRE(alert.infos.size() == 2);
    const model::AlertInfo& korean = alert.infos[0];
    const model::AlertInfo& english = alert.infos[1];
    CHECK(korean.language == "ko-kr");
    CHECK(korean.event == "호우경보");
    CHECK(korean.headline == "서울특별시 호우경보 발표");
    CHECK(korean.sender_name == "기상청");
    CHECK(korean.description == "○ 오늘 밤까지 시간당 50mm 이상의 강한 비\n○ 하천 주변과 지하차도 통행에 주의");
    CHECK(iso_utc(korean.expires) == "2026-12-06T21:00:00Z");
    CHECK(area_names(korean) == std::vector<std::string>{"서울특별시"});
    REQUIRE(korean.areas[0].geocodes.size() == 1);
    CHECK(korean.areas[0].geocodes[0] == model::AlertGeocode{"행정구역코드", "1100000000"});
    CHECK(english.language == "en-us");
    CHECK(english.event == "Heavy Rain Warning");
    CHECK(english.headline == "Heavy Rain Warning for Seoul");
    CHECK(english.web.empty());
    CHECK(area_names(english) == std::vector<std::string>{"Seoul"});
}

TEST_CASE("an Update keeps the alerts it references, and a Cancel may have no info at all")
{
    const model::Alert update = only_alert(parse_ok(read_fixture("cap/cap12-update-references.xml")));
    CHECK(update.msg_type == "Update");
    REQUIRE(update.references.size() == 2);
    CHECK(update.references[0].sender == "kma.go.kr");
    CHECK(update.references[0].identifier == "20261206-SEOUL-RAIN-07");
    CHECK(iso_utc(update.references[0].sent) == "2026-12-06T05:00:00Z");
    CHECK(update.references[1].identifier == "20261206-SEOUL-RAIN-06");
    CHECK(iso_utc(update.references[1].sent) == "2026-12-06T02:30:00Z");
    REQUIRE(update.infos.size() == 1);
    CHECK(update.infos[0].severity_level() == model::AlertSeverity::extreme);
    CHECK_FALSE(update.infos[0].expires.has_value());

    const model::Alert cancel = only_alert(parse_ok(read_fixture("cap/cap12-cancel.xml")));
    CHECK(cancel.msg_type == "Cancel");
    CHECK(cancel.infos.empty());
    REQUIRE(cancel.references.size() == 1);
    CHECK(cancel.references[0] == model::AlertReference{"kma.go.kr", "20261206-SEOUL-RAIN-08",
                                                        parse_feed_time("2026-12-06T07:00:00Z")});
}

TEST_CASE("references: pairs without a time are kept, entries without an identifier are not")
{
    const auto references = parse_ok(R"(<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
        <identifier>x</identifier><sender>s</sender>
        <references>a,one  b,two,not-a-time ,three,2026-01-01T00:00:00Z c, lonely</references></alert>)")
                                .alerts.at(0)
                                .references;
    REQUIRE(references.size() == 2);
    CHECK(references[0] == model::AlertReference{"a", "one", std::nullopt});
    CHECK(references[1] == model::AlertReference{"b", "two", std::nullopt});
}

TEST_CASE("a Test alert is read as written (the rules leave it off the screen), and an alert without area keeps none")
{
    const model::Alert test = only_alert(parse_ok(read_fixture("cap/cap12-test-status.xml")));
    CHECK(test.status == "Test");
    REQUIRE(test.infos.size() == 1);
    CHECK(test.infos[0].language.empty());  // CAP: en-US, which the rules apply
    CHECK(test.infos[0].areas.empty());

    const model::Alert fire = only_alert(parse_ok(read_fixture("cap/cap12-no-area.xml")));
    REQUIRE(fire.infos.size() == 1);
    CHECK(fire.infos[0].areas.empty());
    CHECK(fire.infos[0].language == "ko");
    CHECK(fire.infos[0].headline == "본관 3층 화재: 즉시 대피하십시오");
    CHECK(fire.infos[0].web.empty());  // a relative <web> is no link anyone can follow
    CHECK(iso_utc(fire.sent) == "2026-12-06T09:15:00Z");
}

TEST_CASE("a CAP document in EUC-KR is decoded as its XML declaration says")
{
    const ParsedFeed feed = parse_ok(read_fixture("cap/cap11-euc-kr.xml"));
    CHECK(feed.encoding == "CP949");  // EUC-KR's superset, as for feeds
    const model::Alert& alert = only_alert(feed);
    REQUIRE(alert.infos.size() == 1);
    CHECK(alert.infos[0].event == "지진");
    CHECK(alert.infos[0].headline == "경북 경주시 남남서쪽 규모 5.1 지진 발생");
    CHECK(area_names(alert.infos[0]) == std::vector<std::string>{"경상북도 경주시"});
    CHECK(feed.title == "행정안전부");
}

TEST_CASE("an un-namespaced <alert> is CAP when it has an identifier and a sender, and otherwise not a feed")
{
    const ParsedFeed feed = parse_ok("<alert><identifier>a1</identifier><sender>s@x</sender><status>Actual</status>"
                                     "<info><headline>h</headline></info></alert>");
    CHECK(feed.format == "cap");
    CHECK(only_alert(feed).infos.at(0).headline == "h");

    const auto other = parse_feed("<alert><message>hello</message></alert>", cap_context());
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().message == "not a feed: root element <alert>");
}

TEST_CASE("an ill-formed CAP document is read as far as the parser recovers, and said to be ill-formed")
{
    const ParsedFeed feed = parse_ok(read_fixture("cap/cap12-ill-formed.xml"));
    CHECK(feed.alerts_document);
    CHECK_FALSE(feed.ill_formed.empty());
    const model::Alert& alert = only_alert(feed);
    CHECK(alert.identifier == "broken-0001");
    REQUIRE(alert.infos.size() == 1);
    CHECK(alert.infos[0].event == "Power outage & water cut");
    CHECK(alert.infos[0].headline.starts_with("Power outage in building B"));

    const auto cut = parse_feed(read_fixture("cap/cap12-cut-before-sender.xml"), cap_context());
    REQUIRE_FALSE(cut.ok());
    CHECK(cut.error().message == "CAP alert without <sender>: nothing could update or cancel it");
}

TEST_CASE("text limits: a huge description is cut at a character boundary, and too many infos and areas are not kept")
{
    std::string infos;
    for (int i = 0; i < 30; ++i) {
        infos += "<info><language>x" + std::to_string(i) + "</language><description>";
        for (int k = 0; k < 2000; ++k)
            infos += "가나 ";
        infos += "</description>";
        for (int a = 0; a < 60; ++a)
            infos += "<area><areaDesc>a" + std::to_string(a) + "</areaDesc></area>";
        infos += "</info>";
    }
    const ParsedFeed feed = parse_ok("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>i</identifier>"
                                     "<sender>s</sender>" + infos + "</alert>");
    const model::Alert& alert = only_alert(feed);
    CHECK(alert.infos.size() == kMaxAlertInfos);
    for (const model::AlertInfo& info : alert.infos) {
        CHECK(info.description.size() <= kMaxAlertTextBytes);
        CHECK(info.description.size() > kMaxAlertTextBytes - 8);
        CHECK(info.description.starts_with("가나 가나"));
        CHECK(info.areas.size() == kMaxAlertAreas);
    }
}

TEST_CASE("feeds without CAP parse as before: no alerts document")
{
    const ParsedFeed rss = parse_ok(read_fixture("rss2-bilingual.xml"));
    CHECK_FALSE(rss.alerts_document);
    CHECK(rss.alerts.empty());
    CHECK(rss.alert_links.empty());
    CHECK_FALSE(rss.notices.empty());
    const ParsedFeed atom = parse_ok(read_fixture("atom1-korean.xml"));
    CHECK_FALSE(atom.alerts_document);
    CHECK_FALSE(atom.notices.empty());
}

TEST_CASE("a source that must hold alerts refuses a feed, a page and JSON with one line")
{
    const FeedContext context = cap_context(true);
    const auto rss = parse_feed(read_fixture("rss2-bilingual.xml"), context);
    REQUIRE_FALSE(rss.ok());
    CHECK(rss.error().message == "not a CAP alert or an index of CAP alerts: read as rss 2.0, which holds no CAP alert");
    const auto html = parse_feed(read_fixture("not-a-feed.html"), context);
    REQUIRE_FALSE(html.ok());
    CHECK(html.error().message.starts_with("not a CAP alert or an index of CAP alerts: "));
    CHECK(html.error().message.find('\n') == std::string::npos);
    const auto json = parse_feed(read_fixture("json-feed-1.1-bilingual.json"), context);
    REQUIRE_FALSE(json.ok());
    CHECK(json.error().message.starts_with("not a CAP alert or an index of CAP alerts: read as json feed"));

    CHECK(parse_ok(read_fixture("cap/cap12-cancel.xml"), context).alerts_document);
    CHECK(parse_ok(read_fixture("cap/atom-index-empty.xml"), context).alerts_document);
}

}  // namespace signage::feed

namespace signage::feed {

// Found by the feed_parser fuzz target (tests/fuzz/regressions/feed_parser/cap-html-description-over-limit):
// a description read as HTML came back longer than the limit.
TEST_CASE("a CAP description written as HTML is one line within the text limit")
{
    std::string html = "&lt;p&gt;first&lt;/p&gt;";
    for (int i = 0; i < 3000; ++i)
        html += "&lt;p&gt;line " + std::to_string(i) + "&lt;/p&gt;\n";
    const ParsedFeed feed = parse_ok("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>i</identifier>"
                                     "<sender>s</sender><info><description>" + html + "</description></info></alert>");
    const std::string& description = only_alert(feed).infos.at(0).description;
    CHECK(description.starts_with("first line 0 line 1"));
    CHECK(description.size() <= kMaxAlertTextBytes);
    CHECK(description.size() > kMaxAlertTextBytes - 16);
    CHECK(description.find('\n') == std::string::npos);
}

}  // namespace signage::feed

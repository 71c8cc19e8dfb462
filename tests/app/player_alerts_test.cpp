// CAP alerts through the whole player: a feed file that becomes an alert goes on screen and in
// the journal, and the Cancel that references it takes it off, with why.
#include "player_harness.hpp"

#include <doctest/doctest.h>

#include <string>

namespace signage::app {

namespace {

const std::string featured_seoul = config_text("featured+ticker", "Asia/Seoul");

// A CAP 1.2 alert of the test's morning (kMorning is 10:00 UTC, 19:00 in Seoul).
std::string evacuation(const std::string& identifier, const std::string& msg_type, const std::string& references = "")
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n"
           "  <identifier>" + identifier + "</identifier>\n"
           "  <sender>facilities@agency.go.kr</sender>\n"
           "  <sent>2026-03-02T18:50:00+09:00</sent>\n"
           "  <status>Actual</status>\n"
           "  <msgType>" + msg_type + "</msgType>\n"
           "  <scope>Public</scope>\n" +
           (references.empty() ? std::string() : "  <references>" + references + "</references>\n") +
           "  <info>\n"
           "    <language>ko-KR</language>\n"
           "    <event>화재 대피</event>\n"
           "    <urgency>Immediate</urgency>\n"
           "    <severity>Extreme</severity>\n"
           "    <certainty>Observed</certainty>\n"
           "    <expires>2026-03-02T21:00:00+09:00</expires>\n"
           "    <senderName>본관 시설관리팀</senderName>\n"
           "    <headline>본관 3층 화재 발생, 즉시 대피하십시오</headline>\n"
           "    <instruction>엘리베이터를 이용하지 말고 비상계단으로 대피하십시오.</instruction>\n"
           "    <web>https://agency.go.kr/safety/" + identifier + "</web>\n"
           "    <area><areaDesc>본관</areaDesc></area>\n"
           "  </info>\n"
           "</alert>\n";
}

}  // namespace

TEST_CASE("the player shows an alert its feed carries, logs it, and takes it off at its Cancel, logged with why")
{
    PlayerHarness harness(featured_seoul, 5);
    REQUIRE(harness.step_until([&] { return harness.log.has("<6>feed: \"test\": 5 notices"); }));
    REQUIRE(harness.settle());
    const platform::SurfacePtr before = harness.frame();
    CHECK(harness.player->scene()->alert_count() == 0);

    harness.write_feed(evacuation("HQ-2026-0001", "Alert"));
    REQUIRE(harness.step_until([&] { return harness.log.has("alert: shown: sender \"facilities@agency.go.kr\", identifier \"HQ-2026-0001\""); }));
    REQUIRE(harness.step_until([&] { return harness.player->scene()->alert_count() == 1; }));
    REQUIRE(harness.settle());
    CHECK(harness.log.has("sent 2026-03-02T09:50:00Z, \"본관 3층 화재 발생, 즉시 대피하십시오\""));
    CHECK(differing_pixels(before.get(), harness.frame().get()) > 5000);  // the banner took the upper area

    harness.write_feed(evacuation("HQ-2026-0002", "Cancel", "facilities@agency.go.kr,HQ-2026-0001,2026-03-02T18:50:00+09:00"));
    REQUIRE(harness.step_until([&] { return harness.log.has("alert: left the screen: sender \"facilities@agency.go.kr\", identifier \"HQ-2026-0001\""); }));
    CHECK(harness.log.has("cancel"));
    REQUIRE(harness.step_until([&] { return harness.player->scene()->alert_count() == 0; }));
}

TEST_CASE("an alert leaves the screen when it expires, by the player's wall clock")
{
    PlayerHarness harness(featured_seoul, 5);
    harness.write_feed(evacuation("HQ-2026-0003", "Alert"));
    REQUIRE(harness.step_until([&] { return harness.player->scene() && harness.player->scene()->alert_count() == 1; }));
    harness.wall = kMorning + std::chrono::hours(2) + std::chrono::seconds(1);  // 21:00:01 in Seoul
    harness.next_second();
    REQUIRE(harness.step_until([&] { return harness.log.has("identifier \"HQ-2026-0003\""); }));
    REQUIRE(harness.step_until([&] { return harness.log.has("left the screen") && harness.player->scene()->alert_count() == 0; }));
    CHECK(harness.log.has("expired"));
}

}  // namespace signage::app

#include "model/alert_board.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace signage::model {

namespace {

using namespace std::chrono;

const TimePoint kNow = sys_days{2026y / July / 14} + hours{5};

AlertInfo info(std::string language, std::string headline, std::string severity = "Severe", std::string urgency = "Expected")
{
    AlertInfo i;
    i.language = std::move(language);
    i.event = "호우";
    i.headline = std::move(headline);
    i.severity = std::move(severity);
    i.urgency = std::move(urgency);
    i.certainty = "Likely";
    i.sender_name = "기상청";
    return i;
}

// An Actual, Public alert sent an hour ago, in force for two hours more.
Alert alert(std::string identifier, std::string severity = "Severe", std::string urgency = "Expected")
{
    Alert a;
    a.identifier = std::move(identifier);
    a.sender = "kma@korea.kr";
    a.sent = kNow - hours{1};
    a.status = "Actual";
    a.msg_type = "Alert";
    a.scope = "Public";
    AlertInfo i = info("ko-KR", "서울 호우경보 " + a.identifier, std::move(severity), std::move(urgency));
    i.expires = kNow + hours{2};
    a.infos = {i};
    return a;
}

Alert referring(std::string identifier, std::string msg_type, const Alert& to)
{
    Alert a = alert(std::move(identifier));
    a.msg_type = std::move(msg_type);
    a.sent = kNow;
    a.references = {{to.sender, to.identifier, to.sent}};
    return a;
}

std::vector<std::string> shown_ids(const AlertBoard& board)
{
    std::vector<std::string> ids;
    for (const ShownAlert& s : board.shown())
        ids.push_back(s.alert.identifier);
    return ids;
}

AlertAbsence verdict(const Alert& a, const config::AlertSettings& settings = {}, TimePoint now = kNow)
{
    return judge_alert(a, settings, now).why;
}

}  // namespace

TEST_CASE("alerts: an Actual, Public alert in force is shown")
{
    AlertBoard board;
    const std::vector<AlertChange> changes = board.apply("kma", {alert("a1")}, kNow);
    CHECK(shown_ids(board) == std::vector<std::string>{"a1"});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].shown);
    CHECK(changes[0].identifier == "a1");
    CHECK(changes[0].headline == "서울 호우경보 a1");
    CHECK(board.shown()[0].alert.source_name == "kma");
    CHECK(board.shown()[0].until == kNow + hours{2});
}

TEST_CASE("alerts: only status Actual is shown, whatever its ASCII case")
{
    for (const char* status : {"Exercise", "System", "Test", "Draft", ""}) {
        Alert a = alert("a1");
        a.status = status;
        CAPTURE(status);
        CHECK(verdict(a) == AlertAbsence::not_actual);
        AlertBoard board;
        board.apply("kma", {a}, kNow);
        CHECK(board.shown().empty());
    }
    Alert test = alert("a1");
    test.status = "Test";
    CHECK(describe(AlertAbsence::not_actual, test) == "status Test is not shown");
    Alert shouting = alert("a1");
    shouting.status = "ACTUAL";
    CHECK(verdict(shouting) == AlertAbsence::none);
}

TEST_CASE("alerts: only scope Public is shown")
{
    for (const char* scope : {"Restricted", "Private", ""}) {
        Alert a = alert("a1");
        a.scope = scope;
        CAPTURE(scope);
        CHECK(verdict(a) == AlertAbsence::not_public);
    }
    Alert restricted = alert("a1");
    restricted.scope = "Restricted";
    CHECK(describe(AlertAbsence::not_public, restricted) == "scope Restricted is not shown");
}

TEST_CASE("alerts: Ack, Error and Cancel never show")
{
    for (const char* type : {"Ack", "Error", "Cancel"}) {
        Alert a = alert("a1");
        a.msg_type = type;
        CAPTURE(type);
        CHECK(verdict(a) == AlertAbsence::not_an_alert);
    }
}

TEST_CASE("alerts: an alert shows from its effective time, else from sent")
{
    Alert later = alert("a1");
    later.infos[0].effective = kNow + minutes{30};
    CHECK(verdict(later) == AlertAbsence::not_yet);
    CHECK(verdict(later, {}, kNow + minutes{30}) == AlertAbsence::none);

    Alert future_sent = alert("a2");
    future_sent.sent = kNow + minutes{5};
    CHECK(verdict(future_sent) == AlertAbsence::not_yet);

    // Onset is when the event begins: the warning shows before it.
    Alert onset_later = alert("a3");
    onset_later.infos[0].onset = kNow + hours{1};
    CHECK(verdict(onset_later) == AlertAbsence::none);

    AlertBoard board;
    board.apply("kma", {later}, kNow);
    CHECK(board.shown().empty());
    CHECK(board.set_now(kNow + minutes{29}).empty());
    const std::vector<AlertChange> changes = board.set_now(kNow + minutes{30});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].shown);
    CHECK(shown_ids(board) == std::vector<std::string>{"a1"});
}

TEST_CASE("alerts: an alert leaves at expires")
{
    AlertBoard board;
    board.apply("kma", {alert("a1")}, kNow);
    CHECK(board.set_now(kNow + hours{2} - seconds{1}).empty());
    const std::vector<AlertChange> changes = board.set_now(kNow + hours{2});
    REQUIRE(changes.size() == 1);
    CHECK_FALSE(changes[0].shown);
    CHECK(changes[0].why == AlertAbsence::expired);
    CHECK(board.shown().empty());
    CHECK(verdict(alert("a1"), {}, kNow + hours{3}) == AlertAbsence::expired);
}

TEST_CASE("alerts: without expires an alert leaves max_age after it took effect")
{
    config::AlertSettings settings;
    settings.max_age = hours{6};
    Alert a = alert("a1");
    a.infos[0].expires.reset();
    a.infos[0].effective = kNow - hours{2};
    AlertBoard board(settings);
    board.apply("kma", {a}, kNow);
    REQUIRE(board.shown().size() == 1);
    CHECK(board.shown()[0].until == kNow + hours{4});
    CHECK(board.set_now(kNow + hours{4} - seconds{1}).empty());
    const std::vector<AlertChange> changes = board.set_now(kNow + hours{4});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].why == AlertAbsence::expired);

    // Neither effective nor sent: max_age from when the board first saw it.
    Alert undated = alert("a2");
    undated.sent.reset();
    undated.infos[0].expires.reset();
    AlertBoard fresh(settings);
    fresh.apply("kma", {undated}, kNow);
    fresh.apply("kma", {undated}, kNow + hours{5});
    REQUIRE(fresh.shown().size() == 1);
    CHECK(fresh.shown()[0].until == kNow + hours{6});
    CHECK(fresh.set_now(kNow + hours{6}).size() == 1);
    CHECK(fresh.shown().empty());
}

TEST_CASE("alerts: an Update replaces the alert it references, which does not come back")
{
    AlertBoard board;
    const Alert original = alert("a1");
    board.apply("kma", {original}, kNow);
    const Alert update = referring("a2", "Update", original);
    const std::vector<AlertChange> changes = board.apply("kma", {original, update}, kNow);
    CHECK(shown_ids(board) == std::vector<std::string>{"a2"});
    REQUIRE(changes.size() == 2);
    CHECK_FALSE(changes[0].shown);
    CHECK(changes[0].identifier == "a1");
    CHECK(changes[0].why == AlertAbsence::updated);
    CHECK(changes[1].shown);
    CHECK(changes[1].identifier == "a2");

    // The source drops the Update and sends the original again: it stays off.
    board.apply("kma", {original}, kNow + minutes{1});
    CHECK(board.shown().empty());
}

TEST_CASE("alerts: a Cancel removes the alert for good")
{
    AlertBoard board;
    const Alert original = alert("a1");
    board.apply("kma", {original}, kNow);
    const std::vector<AlertChange> changes = board.apply("kma", {referring("c1", "Cancel", original)}, kNow);
    CHECK(board.shown().empty());
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].why == AlertAbsence::cancelled);
    board.apply("kma", {}, kNow + minutes{1});
    board.apply("kma", {original}, kNow + minutes{2});
    CHECK(board.shown().empty());
}

TEST_CASE("alerts: a Cancel that arrives first, or from another source, still removes the alert")
{
    const Alert original = alert("a1");
    AlertBoard board;
    board.apply("index", {referring("c1", "Cancel", original)}, kNow);
    board.apply("kma", {original}, kNow);
    CHECK(board.shown().empty());

    AlertBoard other;
    other.apply("kma", {original}, kNow);
    const std::vector<AlertChange> changes = other.apply("mirror", {referring("c1", "Cancel", original)}, kNow);
    CHECK(other.shown().empty());
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].why == AlertAbsence::cancelled);

    // A Cancel that is only a Test cancels nothing.
    Alert test_cancel = referring("c2", "Cancel", original);
    test_cancel.status = "Test";
    AlertBoard tested;
    tested.apply("kma", {original, test_cancel}, kNow);
    CHECK(shown_ids(tested) == std::vector<std::string>{"a1"});
}

TEST_CASE("alerts: the same sender and identifier from two sources is one alert, the latest sent")
{
    Alert older = alert("a1");
    Alert newer = alert("a1");
    newer.sent = kNow - minutes{10};
    newer.infos[0].headline = "정정된 호우경보";
    AlertBoard board;
    board.apply("kma", {older, older}, kNow);
    const std::vector<AlertChange> changes = board.apply("mirror", {newer}, kNow);
    CHECK(changes.empty());
    REQUIRE(board.shown().size() == 1);
    CHECK(board.shown()[0].infos[0].headline == "정정된 호우경보");

    // Another sender's alert of the same identifier is another alert.
    Alert other_sender = alert("a1");
    other_sender.sender = "seoul@korea.kr";
    board.apply("city", {other_sender}, kNow);
    CHECK(board.shown().size() == 2);
}

TEST_CASE("alerts: the area filter by areaDesc substring, Korean or ASCII case ignored")
{
    Alert a = alert("a1");
    a.infos[0].areas = {{"서울특별시 강남구", {}}, {"Gyeonggi-do Suwon-si", {}}};
    config::AlertSettings seoul;
    seoul.areas = {"강남구"};
    CHECK(verdict(a, seoul) == AlertAbsence::none);
    config::AlertSettings suwon;
    suwon.areas = {"suwon"};
    CHECK(verdict(a, suwon) == AlertAbsence::none);
    config::AlertSettings busan;
    busan.areas = {"부산"};
    CHECK(verdict(a, busan) == AlertAbsence::not_here);
    CHECK(describe(AlertAbsence::not_here, a) == "not for this area");
}

TEST_CASE("alerts: the area filter by geocode value")
{
    Alert a = alert("a1");
    a.infos[0].areas = {{"서울특별시", {{"행정구역코드", "1100000000"}}}};
    config::AlertSettings seoul;
    seoul.geocodes = {"1100000000"};
    CHECK(verdict(a, seoul) == AlertAbsence::none);
    config::AlertSettings busan;
    busan.geocodes = {"2600000000"};
    busan.areas = {"부산"};
    CHECK(verdict(a, busan) == AlertAbsence::not_here);
    // A prefix of the code is not the code.
    config::AlertSettings partial;
    partial.geocodes = {"11"};
    CHECK(verdict(a, partial) == AlertAbsence::not_here);
}

TEST_CASE("alerts: no filter takes every alert, and an alert without <area> passes any filter")
{
    Alert a = alert("a1");
    a.infos[0].areas = {{"부산광역시", {{"행정구역코드", "2600000000"}}}};
    CHECK(verdict(a) == AlertAbsence::none);
    config::AlertSettings seoul;
    seoul.areas = {"서울"};
    seoul.geocodes = {"1100000000"};
    CHECK(verdict(a, seoul) == AlertAbsence::not_here);
    Alert everywhere = alert("a2");
    REQUIRE(everywhere.infos[0].areas.empty());
    CHECK(verdict(everywhere, seoul) == AlertAbsence::none);
}

TEST_CASE("alerts: infos in the configured languages first, one per language, no language is en-US")
{
    Alert a = alert("a1");
    a.infos = {info("ja", "大雨警報"), info("", "Heavy rain warning"), info("en-US", "second English"),
               info("ko-KR", "호우경보"), info("ko", "두 번째 한국어"), info("zh", "")};
    a.infos[5].event.clear();  // nothing to show
    const AlertVerdict v = judge_alert(a, {}, kNow);
    REQUIRE(v.shown);
    std::vector<std::string> headlines;
    for (const AlertInfo& i : v.shown->infos)
        headlines.push_back(i.headline);
    CHECK(headlines == std::vector<std::string>{"호우경보", "Heavy rain warning", "大雨警報"});

    config::AlertSettings english_first;
    english_first.languages = {"en", "ko"};
    const AlertVerdict en = judge_alert(a, english_first, kNow);
    REQUIRE(en.shown);
    CHECK(en.shown->infos.front().headline == "Heavy rain warning");
    CHECK(en.shown->infos.at(1).headline == "호우경보");

    Alert empty = alert("a2");
    empty.infos[0].headline.clear();
    empty.infos[0].event.clear();
    CHECK(verdict(empty) == AlertAbsence::no_info);
    empty.infos.clear();
    CHECK(verdict(empty) == AlertAbsence::no_info);
}

TEST_CASE("alerts: ordered by severity, then urgency, then newest sent, so none hides a more severe one")
{
    Alert minor = alert("minor", "Minor", "Immediate");
    minor.sent = kNow;  // the newest
    Alert extreme = alert("extreme", "Extreme", "Future");
    Alert severe_immediate = alert("severe-now", "Severe", "Immediate");
    Alert severe_expected = alert("severe-later", "Severe", "Expected");
    Alert severe_expected_newer = alert("severe-later-newer", "Severe", "Expected");
    severe_expected_newer.sent = kNow - minutes{5};
    Alert unknown = alert("unknown", "", "");
    Alert moderate = alert("moderate", "Moderate", "Expected");
    AlertBoard board;
    board.apply("kma", {minor, unknown, severe_expected, moderate, severe_expected_newer, severe_immediate, extreme}, kNow);
    CHECK(shown_ids(board) == std::vector<std::string>{"extreme", "severe-now", "severe-later-newer", "severe-later",
                                                      "moderate", "minor", "unknown"});
    // The same alerts in another order, from two sources: the same screen.
    AlertBoard again;
    again.apply("b", {extreme, moderate, unknown}, kNow);
    again.apply("a", {severe_immediate, minor, severe_expected_newer, severe_expected}, kNow);
    CHECK(shown_ids(again) == shown_ids(board));
}

TEST_CASE("alerts: the severity of an alert is its most severe info")
{
    Alert a = alert("a1", "Moderate", "Future");
    AlertInfo english = info("en", "Heavy rain", "Extreme", "Immediate");
    a.infos.push_back(english);
    const AlertVerdict v = judge_alert(a, {}, kNow);
    REQUIRE(v.shown);
    CHECK(v.shown->severity == AlertSeverity::extreme);
    CHECK(v.shown->urgency == AlertUrgency::immediate);
    CHECK(v.shown->placement == config::AlertPlacement::banner);
}

TEST_CASE("alerts: placement by severity from [alerts], and hidden is not shown")
{
    const config::AlertSettings defaults;
    const auto placed = [](const Alert& a, const config::AlertSettings& settings) {
        const AlertVerdict v = judge_alert(a, settings, kNow);
        REQUIRE(v.shown);
        return v.shown->placement;
    };
    CHECK(placed(alert("a", "Extreme", "Future"), defaults) == config::AlertPlacement::banner);
    CHECK(placed(alert("a", "Severe", "Immediate"), defaults) == config::AlertPlacement::banner);
    CHECK(placed(alert("a", "Severe", "Expected"), defaults) == config::AlertPlacement::band);
    CHECK(placed(alert("a", "Moderate"), defaults) == config::AlertPlacement::crawl);
    CHECK(placed(alert("a", "Minor"), defaults) == config::AlertPlacement::crawl);
    CHECK(placed(alert("a", "Whatever"), defaults) == config::AlertPlacement::crawl);

    config::AlertSettings custom;
    custom.severe_immediate = config::AlertPlacement::band;
    custom.moderate = config::AlertPlacement::band;
    custom.minor = config::AlertPlacement::hidden;
    CHECK(placed(alert("a", "Severe", "Immediate"), custom) == config::AlertPlacement::band);
    CHECK(placed(alert("a", "Moderate"), custom) == config::AlertPlacement::band);
    CHECK(verdict(alert("a", "Minor"), custom) == AlertAbsence::hidden);
    AlertBoard board(custom);
    CHECK(board.apply("kma", {alert("a", "Minor")}, kNow).empty());
    CHECK(board.shown().empty());
}

TEST_CASE("alerts: the changes say what came on and why each one left")
{
    AlertBoard board;
    const Alert stays = alert("stays");
    const Alert updated = alert("updated");
    const Alert cancelled = alert("cancelled");
    const Alert gone = alert("gone");
    Alert expiring = alert("expiring");
    expiring.infos[0].expires = kNow + minutes{1};
    board.apply("kma", {stays, updated, cancelled, gone, expiring}, kNow);
    REQUIRE(board.shown().size() == 5);

    Alert test_again = alert("gone");  // the same alert, now a Test
    const std::vector<AlertChange> changes = board.apply(
        "kma", {stays, updated, cancelled, expiring, referring("u1", "Update", updated), referring("c1", "Cancel", cancelled)},
        kNow + minutes{1});
    std::vector<std::pair<std::string, AlertAbsence>> left;
    std::vector<std::string> came;
    for (const AlertChange& c : changes) {
        if (c.shown)
            came.push_back(c.identifier);
        else
            left.emplace_back(c.identifier, c.why);
    }
    CHECK(came == std::vector<std::string>{"u1"});
    std::ranges::sort(left);
    CHECK(left == std::vector<std::pair<std::string, AlertAbsence>>{{"cancelled", AlertAbsence::cancelled},
                                                                   {"expiring", AlertAbsence::expired},
                                                                   {"gone", AlertAbsence::gone},
                                                                   {"updated", AlertAbsence::updated}});
    CHECK(shown_ids(board) == std::vector<std::string>{"u1", "stays"});

    test_again.status = "Test";
    const std::vector<AlertChange> more = board.apply("kma", {stays, test_again}, kNow + minutes{1});
    REQUIRE(more.size() == 1);  // u1 went: it is gone
    CHECK(more[0].identifier == "u1");
    CHECK(more[0].why == AlertAbsence::gone);
}

TEST_CASE("alerts: the revision moves when the screen changes, and only then")
{
    AlertBoard board;
    const std::uint64_t start = board.revision();
    board.apply("kma", {}, kNow);
    CHECK(board.revision() == start);
    board.apply("kma", {alert("a1")}, kNow);
    const std::uint64_t one = board.revision();
    CHECK(one != start);
    board.apply("kma", {alert("a1")}, kNow);
    board.set_now(kNow + minutes{1});
    board.apply("mirror", {alert("a1")}, kNow + minutes{2});
    CHECK(board.revision() == one);
    Alert corrected = alert("a1");
    corrected.sent = kNow;
    corrected.infos[0].headline = "정정";
    board.apply("kma", {corrected}, kNow + minutes{3});
    CHECK(board.revision() != one);
}

TEST_CASE("alerts: remove_source takes its alerts off as gone, unless another source carries them")
{
    AlertBoard board;
    board.apply("kma", {alert("a1"), alert("a2")}, kNow);
    board.apply("mirror", {alert("a2")}, kNow);
    const std::vector<AlertChange> changes = board.remove_source("kma", kNow);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].identifier == "a1");
    CHECK(changes[0].why == AlertAbsence::gone);
    CHECK(describe(AlertAbsence::gone, alert("a1")) == "gone from the source");
    CHECK(shown_ids(board) == std::vector<std::string>{"a2"});
}

TEST_CASE("alerts: new settings judge the same alerts again, and cancelled ones stay off")
{
    Alert here = alert("here");
    here.infos[0].areas = {{"서울특별시", {}}};
    Alert there = alert("there");
    there.infos[0].areas = {{"부산광역시", {}}};
    const Alert cancelled = alert("cancelled");
    AlertBoard board;
    board.apply("kma", {here, there, cancelled, referring("c1", "Cancel", cancelled)}, kNow);
    config::AlertSettings seoul;
    seoul.areas = {"서울"};
    const std::vector<AlertChange> changes = board.use_settings(seoul, kNow);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].identifier == "there");
    CHECK(changes[0].why == AlertAbsence::not_here);
    CHECK(shown_ids(board) == std::vector<std::string>{"here"});
}

TEST_CASE("alerts: a cancelled alert is remembered a week past max_age after its Cancel was last seen")
{
    config::AlertSettings settings;
    settings.max_age = hours{24};
    Alert original = alert("a1");
    AlertBoard board(settings);
    board.apply("kma", {referring("c1", "Cancel", original)}, kNow);
    board.apply("kma", {}, kNow + hours{1});
    original.sent = kNow + days{7};
    original.infos[0].expires = kNow + days{30};
    board.apply("kma", {original}, kNow + days{7});
    CHECK(board.shown().empty());
    board.apply("kma", {}, kNow + days{7});
    board.apply("kma", {original}, kNow + days{8} + hours{2});
    CHECK(shown_ids(board) == std::vector<std::string>{"a1"});
}

TEST_CASE("alerts: a source of 10,000 alerts and 5,000 Cancels is judged in one pass")
{
    std::vector<Alert> alerts;
    for (int i = 0; i < 10'000; ++i) {
        alerts.push_back(alert("a" + std::to_string(i)));
        if (i % 2 == 0)
            alerts.push_back(referring("c" + std::to_string(i), "Cancel", alerts.back()));
    }
    AlertBoard board;
    const std::vector<AlertChange> changes = board.apply("kma", alerts, kNow);
    CHECK(board.shown().size() == 5'000);
    CHECK(changes.size() == 5'000);
}

TEST_CASE("alerts: alert_key_text names the sender, identifier and sent in UTC")
{
    CHECK(alert_key_text(alert("a1")) == "kma@korea.kr a1 2026-07-14T04:00:00Z");
}

}  // namespace signage::model

// The rules of CAP applied to CAP documents read from files, as the player reads them: the parser
// and the AlertBoard together, on fixtures written from OASIS CAP 1.1 and 1.2.
#include "feed/feed_parser.hpp"
#include "feed/feed_time.hpp"
#include "model/alert_board.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace signage::feed {

namespace {

model::Alert read_alert(const std::string& name)
{
    std::ifstream file(test_data_dir() / "feeds" / "cap" / name, std::ios::binary);
    std::stringstream body;
    body << file.rdbuf();
    FeedContext context;
    context.source_name = "kma";
    context.local_file = true;
    auto parsed = parse_feed(body.str(), context);
    REQUIRE_MESSAGE(parsed, problem(parsed));
    REQUIRE(parsed->alerts_document);
    REQUIRE(parsed->alerts.size() == 1);
    return parsed->alerts.front();
}

model::TimePoint at(const char* iso)
{
    auto time = parse_feed_time(iso);
    REQUIRE(time);
    return *time;
}

std::vector<std::string> shown_identifiers(const model::AlertBoard& board)
{
    std::vector<std::string> identifiers;
    for (const auto& shown : board.shown())
        identifiers.push_back(shown.alert.identifier);
    return identifiers;
}

bool left_because(const std::vector<model::AlertChange>& changes, const std::string& identifier, model::AlertAbsence why)
{
    for (const auto& change : changes)
        if (!change.shown && change.identifier == identifier && change.why == why)
            return true;
    return false;
}

}  // namespace

TEST_CASE("a CAP 1.1 alert, its CAP 1.2 Update and the Cancel of that: each replaces the one before, and none comes back")
{
    const model::Alert warning = read_alert("cap11-prefixed-korean-english.xml");  // RAIN-07, Severe, Expected
    const model::Alert update = read_alert("cap12-update-references.xml");         // RAIN-08 references RAIN-07, Extreme
    const model::Alert cancel = read_alert("cap12-cancel.xml");                    // RAIN-09 cancels RAIN-08
    model::AlertBoard board;
    const auto now = at("2026-12-06T08:00:00Z");

    static_cast<void>(board.apply("kma", {warning}, now));
    REQUIRE(shown_identifiers(board) == std::vector<std::string>{"20261206-SEOUL-RAIN-07"});
    CHECK(board.shown().front().placement == config::AlertPlacement::band);
    // Korean first, then English, as [alerts] languages says by default.
    REQUIRE(board.shown().front().infos.size() == 2);
    CHECK(board.shown().front().infos[0].language == "ko-kr");
    CHECK(board.shown().front().infos[1].language == "en-us");

    auto changes = board.apply("kma", {warning, update}, now);
    CHECK(shown_identifiers(board) == std::vector<std::string>{"20261206-SEOUL-RAIN-08"});
    CHECK(board.shown().front().placement == config::AlertPlacement::banner);
    CHECK(left_because(changes, "20261206-SEOUL-RAIN-07", model::AlertAbsence::updated));

    changes = board.apply("kma", {warning, update, cancel}, now);
    CHECK(board.shown().empty());
    CHECK(left_because(changes, "20261206-SEOUL-RAIN-08", model::AlertAbsence::cancelled));

    // The source drops the Cancel and lists the old alerts again: they stay off.
    static_cast<void>(board.apply("kma", {warning, update}, now));
    CHECK(board.shown().empty());
    static_cast<void>(board.apply("another-source", {update}, now + std::chrono::hours(1)));
    CHECK(board.shown().empty());
}

TEST_CASE("a Test alert is never shown, and dump-feed's verdict says why")
{
    const model::Alert drill = read_alert("cap12-test-status.xml");
    model::AlertBoard board;
    static_cast<void>(board.apply("campus", {drill}, at("2026-12-06T02:00:00Z")));
    CHECK(board.shown().empty());
    const auto verdict = model::judge_alert(drill, {}, at("2026-12-06T02:00:00Z"));
    CHECK(verdict.why == model::AlertAbsence::not_actual);
    CHECK(model::describe(verdict.why, drill).find("Test") != std::string::npos);
}

TEST_CASE("the area filter by geocode and by areaDesc, read from documents, and an alert without <area> passes any filter")
{
    const model::Alert seoul_rain = read_alert("cap11-prefixed-korean-english.xml");  // 서울특별시, 1100000000
    const model::Alert thunderstorm = read_alert("cap12-severe-thunderstorm.xml");    // Seoul, Incheon: 1100000000 and 2800000000
    const auto now = at("2026-12-06T06:00:00Z");

    config::AlertSettings incheon;
    incheon.geocodes = {"2800000000"};
    model::AlertBoard by_geocode(incheon);
    static_cast<void>(by_geocode.apply("kma", {seoul_rain, thunderstorm}, now));
    CHECK(shown_identifiers(by_geocode) == std::vector<std::string>{"KR-KMA-2026-12-06-0001"});
    CHECK(model::judge_alert(seoul_rain, incheon, now).why == model::AlertAbsence::not_here);

    config::AlertSettings korean_name;
    korean_name.areas = {"서울"};
    model::AlertBoard by_name(korean_name);
    static_cast<void>(by_name.apply("kma", {seoul_rain, thunderstorm}, now));
    CHECK(shown_identifiers(by_name) == std::vector<std::string>{"20261206-SEOUL-RAIN-07"});

    model::AlertBoard no_filter;
    static_cast<void>(no_filter.apply("kma", {seoul_rain, thunderstorm}, now));
    CHECK(no_filter.shown().size() == 2);

    // A hospital's alert for its own building names no area: it concerns everyone there.
    const model::Alert no_area = read_alert("cap12-no-area.xml");  // sent 09:15Z
    CHECK(model::judge_alert(no_area, incheon, at("2026-12-06T10:00:00Z")).why == model::AlertAbsence::none);
    CHECK(model::judge_alert(no_area, korean_name, at("2026-12-06T10:00:00Z")).why == model::AlertAbsence::none);
}

TEST_CASE("an alert read from a document shows from its effective time until it expires, and one without expires for max_age")
{
    const model::Alert thunderstorm = read_alert("cap12-severe-thunderstorm.xml");  // effective 05:05Z, expires 09:00Z
    model::AlertBoard board;
    static_cast<void>(board.apply("kma", {thunderstorm}, at("2026-12-06T05:00:00Z")));
    CHECK(board.shown().empty());
    static_cast<void>(board.set_now(at("2026-12-06T05:05:00Z")));
    REQUIRE(board.shown().size() == 1);
    CHECK(board.shown().front().until == at("2026-12-06T09:00:00Z"));
    const auto changes = board.set_now(at("2026-12-06T09:00:01Z"));
    CHECK(board.shown().empty());
    CHECK(left_because(changes, "KR-KMA-2026-12-06-0001", model::AlertAbsence::expired));

    const model::Alert no_expiry = read_alert("cap12-no-area.xml");  // sent 09:15Z, no <expires>
    config::AlertSettings six_hours;
    six_hours.max_age = std::chrono::hours(6);
    model::AlertBoard aged(six_hours);
    static_cast<void>(aged.apply("hospital", {no_expiry}, at("2026-12-06T10:00:00Z")));
    REQUIRE(aged.shown().size() == 1);
    CHECK(aged.shown().front().until == at("2026-12-06T15:15:00Z"));
    static_cast<void>(aged.set_now(at("2026-12-06T15:15:01Z")));
    CHECK(aged.shown().empty());
}

TEST_CASE("[alerts] languages = [\"en\", \"ko\"] puts a document's English info first")
{
    config::AlertSettings english_first;
    english_first.languages = {"en", "ko"};
    model::AlertBoard board(english_first);
    static_cast<void>(board.apply("kma", {read_alert("cap11-prefixed-korean-english.xml")}, at("2026-12-06T08:00:00Z")));
    REQUIRE(board.shown().size() == 1);
    REQUIRE(board.shown().front().infos.size() == 2);
    CHECK(board.shown().front().infos[0].event == "Heavy Rain Warning");
    CHECK(board.shown().front().infos[1].event == "호우경보");
}

}  // namespace signage::feed

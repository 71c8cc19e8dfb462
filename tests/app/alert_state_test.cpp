// The alerts of every alerts source as the player holds them: what goes on screen, and the
// journal's account of each alert's time there (shown, and left with why).
#include "app/alert_state.hpp"

#include "platform/log.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace signage::app {

namespace {

using namespace std::chrono_literals;

const std::chrono::sys_seconds kNoon{std::chrono::sys_days{std::chrono::year{2026} / 7 / 14} + std::chrono::hours(3)};

model::Alert flood_warning(const std::string& identifier, std::chrono::sys_seconds expires)
{
    model::AlertInfo korean;
    korean.language = "ko-kr";
    korean.event = "호우경보";
    korean.urgency = "Immediate";
    korean.severity = "Extreme";
    korean.certainty = "Observed";
    korean.expires = expires;
    korean.sender_name = "기상청";
    korean.headline = "서울 호우경보 발효";
    korean.areas = {{"서울특별시", {{"행정구역코드", "1100000000"}}}};
    model::AlertInfo english = korean;
    english.language = "en-us";
    english.event = "Heavy Rain Warning";
    english.headline = "Heavy rain warning for Seoul";
    model::Alert alert;
    alert.identifier = identifier;
    alert.sender = "kma@korea.kr";
    alert.sent = kNoon - 10min;
    alert.status = "Actual";
    alert.msg_type = "Alert";
    alert.scope = "Public";
    alert.infos = {korean, english};
    return alert;
}

feed::SourceUpdate update_with(const std::string& source, std::vector<model::Alert> alerts)
{
    feed::SourceUpdate update;
    update.source_name = source;
    update.alerts = std::move(alerts);
    return update;
}

struct Journal {
    std::vector<std::string> lines;
    platform::LogSink sink()
    {
        return [this](const platform::LogEntry& entry) { lines.push_back(platform::journal_line(entry)); };
    }
    bool has(const std::string& part) const
    {
        for (const auto& line : lines)
            if (line.find(part) != std::string::npos)
                return true;
        return false;
    }
};

}  // namespace

TEST_CASE("an alert that comes on screen and expires is logged with whose it is and why it left")
{
    Journal journal;
    AlertState state{config::AlertSettings{}};
    CHECK(state.take({update_with("kma", {flood_warning("KMA-2026-0714-01", kNoon + 2h)})}, kNoon, journal.sink()));
    REQUIRE(state.shown().size() == 1);
    CHECK(journal.has("alert: shown: sender \"kma@korea.kr\", identifier \"KMA-2026-0714-01\", sent 2026-07-14T02:50:00Z"));
    CHECK(journal.has("서울 호우경보 발효"));

    // An update without alerts (a 304, a failure) leaves them as they are.
    feed::SourceUpdate status_only;
    status_only.source_name = "kma";
    CHECK_FALSE(state.take({status_only}, kNoon + 1min, journal.sink()));
    CHECK(state.shown().size() == 1);

    CHECK_FALSE(state.set_now(kNoon + 1h, journal.sink()));
    CHECK(state.set_now(kNoon + 2h + 1s, journal.sink()));
    CHECK(state.shown().empty());
    CHECK(journal.has("alert: left the screen: sender \"kma@korea.kr\", identifier \"KMA-2026-0714-01\""));
    CHECK(journal.has("expired"));
}

TEST_CASE("an alerts source that lists nothing, or is no longer configured, takes its alerts off the screen")
{
    Journal journal;
    AlertState state{config::AlertSettings{}};
    CHECK(state.take({update_with("kma", {flood_warning("A", kNoon + 2h)}), update_with("city", {flood_warning("B", kNoon + 2h)})}, kNoon,
                     journal.sink()));
    CHECK(state.shown().size() == 2);
    CHECK(state.take({update_with("city", {})}, kNoon, journal.sink()));
    CHECK(state.shown().size() == 1);
    CHECK(state.remove_source("kma", kNoon, journal.sink()));
    CHECK(state.shown().empty());
    CHECK_FALSE(state.remove_source("kma", kNoon, journal.sink()));
}

TEST_CASE("new [alerts] settings judge the alerts held again: an area filter takes another city's alert off")
{
    Journal journal;
    AlertState state{config::AlertSettings{}};
    CHECK(state.take({update_with("kma", {flood_warning("A", kNoon + 2h)})}, kNoon, journal.sink()));
    config::AlertSettings busan_only;
    busan_only.areas = {"부산"};
    state.use_settings(busan_only, kNoon, journal.sink());
    CHECK(state.shown().empty());
    CHECK(journal.has("alert: left the screen: sender \"kma@korea.kr\", identifier \"A\""));
    CHECK(journal.has("not for this area"));
    const std::size_t lines = journal.lines.size();
    state.use_settings(config::AlertSettings{}, kNoon, journal.sink());
    CHECK(state.shown().size() == 1);
    REQUIRE(journal.lines.size() == lines + 1);
    CHECK(journal.lines.back().find("alert: shown:") != std::string::npos);
}

}  // namespace signage::app

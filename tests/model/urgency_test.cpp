#include "model/urgency.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signage::model {

namespace {

using namespace std::chrono;

const TimePoint kNow = sys_days{2018y / June / 4} + hours{9};

Notice notice(std::string id, std::string title, std::optional<TimePoint> published = kNow - hours{1})
{
    Notice n;
    n.id = std::move(id);
    n.titles = {{"ko", std::move(title)}};
    n.published = published;
    n.source_name = "ministry";
    return n;
}

bool urgent(const Notice& n, const config::UrgentSettings& settings = {})
{
    return is_urgent(n, settings, false, kNow);
}

std::vector<std::string> ids_of(const std::vector<const Notice*>& notices)
{
    std::vector<std::string> ids;
    for (const Notice* n : notices)
        ids.push_back(n->id);
    return ids;
}

}  // namespace

TEST_CASE("is_urgent: an ordinary notice is not urgent")
{
    CHECK_FALSE(urgent(notice("n", "민원실 운영시간 변경 안내")));
}

TEST_CASE("is_urgent: the feed's own flag")
{
    Notice flagged = notice("n", "정전 안내");
    flagged.urgent_flag = true;
    CHECK(urgent(flagged));
}

TEST_CASE("is_urgent: every notice of an alerts feed")
{
    CHECK(is_urgent(notice("n", "정전 안내"), config::UrgentSettings{}, true, kNow));
}

TEST_CASE("is_urgent: a category of the settings, ASCII case and surrounding spaces ignored")
{
    Notice n = notice("n", "Water supply interrupted");
    n.categories = {"Facilities", "URGENT"};
    CHECK(urgent(n));
    n.categories = {"긴급"};
    CHECK(urgent(n));
    n.categories = {" Alert "};
    CHECK(urgent(n));

    // The whole category, not a part of it.
    n.categories = {"Urgent repairs"};
    CHECK_FALSE(urgent(n));
    n.categories = {"non-urgent"};
    CHECK_FALSE(urgent(n));

    config::UrgentSettings settings;
    settings.categories = {" 재난 "};
    n.categories = {"재난"};
    CHECK(urgent(n, settings));
    n.categories = {"urgent"};
    CHECK_FALSE(urgent(n, settings));
    settings.categories.clear();
    CHECK_FALSE(urgent(n, settings));
}

TEST_CASE("is_urgent: a keyword anywhere in any title")
{
    config::UrgentSettings settings;
    settings.keywords = {"[긴급]", "evacuat"};
    CHECK(urgent(notice("n", "[긴급] 청사 정전에 따른 민원실 임시 휴무"), settings));
    CHECK(urgent(notice("n", "오늘 [긴급] 공지"), settings));
    CHECK_FALSE(urgent(notice("n", "긴급 공지"), settings));  // without the brackets

    // In the English title too, ASCII case ignored.
    Notice bilingual = notice("n", "청사 대피 훈련");
    bilingual.titles.push_back({"en", "Building EVACUATION drill"});
    CHECK(urgent(bilingual, settings));

    // An empty keyword would make every notice urgent: it means nothing.
    settings.keywords = {""};
    CHECK_FALSE(urgent(notice("n", "민원실 안내"), settings));
}

TEST_CASE("is_urgent: no longer once older than max_age")
{
    config::UrgentSettings settings;
    settings.max_age = hours{24};
    const auto flagged = [](std::optional<TimePoint> published, std::optional<TimePoint> updated = std::nullopt) {
        Notice n = notice("n", "정전 안내", published);
        n.updated = updated;
        n.urgent_flag = true;
        return n;
    };
    CHECK(urgent(flagged(kNow - hours{24}), settings));
    CHECK_FALSE(urgent(flagged(kNow - hours{24} - seconds{1}), settings));
    CHECK(urgent(flagged(kNow + hours{2}), settings));  // dated ahead: a clock set wrong
    CHECK(urgent(flagged(std::nullopt), settings));      // undated: current
    // The published date counts, the updated one only without it.
    CHECK_FALSE(urgent(flagged(kNow - hours{30}, kNow - hours{1}), settings));
    CHECK(urgent(flagged(std::nullopt, kNow - hours{1}), settings));
    CHECK_FALSE(urgent(flagged(std::nullopt, kNow - hours{30}), settings));

    // An alerts feed's notice expires too.
    CHECK_FALSE(is_urgent(notice("n", "정전 안내", kNow - days{2}), settings, true, kNow));
}

TEST_CASE("urgent_notices: the urgent ones, newest first, undated last in their order")
{
    std::vector<Notice> notices{notice("plain", "민원실 안내"), notice("flag-old", "정전 안내", kNow - hours{5}),
        notice("undated-1", "[긴급] 단수", std::nullopt), notice("alert", "지진 발생", kNow - hours{2}),
        notice("expired", "[긴급] 지난 공지", kNow - days{3}), notice("undated-2", "[긴급] 정전", std::nullopt),
        notice("flag-new", "Fire drill", kNow - minutes{10})};
    notices[1].urgent_flag = true;
    notices[3].source_name = "alerts";
    notices[4].urgent_flag = true;
    notices[6].urgent_flag = true;
    config::UrgentSettings settings;
    settings.keywords = {"[긴급]"};

    const auto is_alert_feed = [](std::string_view source) { return source == "alerts"; };
    const auto found = urgent_notices(notices, settings, is_alert_feed, kNow);
    CHECK(ids_of(found) == std::vector<std::string>{"flag-new", "alert", "flag-old", "undated-1", "undated-2"});
    REQUIRE_FALSE(found.empty());
    CHECK(found.front() == &notices[6]);

    // Without a way to tell alerts feeds, none is one.
    CHECK(ids_of(urgent_notices(notices, settings, {}, kNow))
          == std::vector<std::string>{"flag-new", "flag-old", "undated-1", "undated-2"});
    CHECK(urgent_notices({}, settings, is_alert_feed, kNow).empty());
}

TEST_CASE("is_urgent_flag_text: the words that say yes")
{
    for (const std::string_view yes : {"true", "TRUE", "True", "yes", "Yes", "1", " true "})
        CHECK_MESSAGE(is_urgent_flag_text(yes), yes);
    for (const std::string_view no : {"", "false", "0", "no", "2", "truth", "y"})
        CHECK_FALSE_MESSAGE(is_urgent_flag_text(no), no);
}

}  // namespace signage::model

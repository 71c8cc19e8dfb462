#include "app/settings.hpp"
#include "app/config_checks.hpp"
#include "config/config.hpp"
#include "feed/feed_parser.hpp"
#include "model/notice_board.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <string>
#include <vector>

namespace signage::app {

namespace {

std::vector<std::filesystem::path> paths(const std::vector<text::FontFile>& chain)
{
    std::vector<std::filesystem::path> result;
    for (const auto& file : chain)
        result.push_back(file.path);
    return result;
}

}  // namespace

TEST_CASE("each text role gets the chain of its weight, its configured weight, or its own chain")
{
    const auto fonts = source_dir() / "fonts";
    const auto loaded = config::parse_config("[[feed]]\nname = \"a\"\npath = \"a.xml\"\nlanguage = \"ko\"\n"
                                     "[fonts]\nregular = [\"" + (fonts / "NanumGothic.ttf").string() + "\"]\n"
                                     "crawl = \"bold\"\n"
                                     "date = [\"" + (fonts / "NotoSans-Regular.ttf").string() + "\"]\n",
                                     "config.toml", system_config_checks());
    REQUIRE_MESSAGE(loaded.ok(), problem(loaded));
    const text::FontRoles roles = font_roles(loaded.value(), source_dir());
    const text::BundledFonts bundled = repository_fonts();

    // The configured regular chain replaces the bundled one wherever the regular weight is used;
    // the bundled lazy fallbacks (Old Hangul, Hanja, Hebrew, Arabic) follow it.
    auto then_fallbacks = [&](std::filesystem::path first) {
        std::vector<std::filesystem::path> chain{std::move(first)};
        for (const auto& fallback : bundled.regular_fallbacks())
            chain.push_back(fallback.path);
        return chain;
    };
    CHECK(paths(roles.subtitle) == then_fallbacks(fonts / "NanumGothic.ttf"));
    CHECK(!roles.subtitle.front().lazy);
    CHECK(roles.subtitle.back().lazy);
    // Bold was not configured: the bundled bold chain, for the roles set in bold.
    CHECK(paths(roles.headline) == paths(bundled.bold_chain()));
    CHECK(paths(roles.clock) == paths(bundled.bold_chain()));
    CHECK(paths(roles.crawl) == paths(bundled.bold_chain()));
    CHECK(paths(roles.date) == then_fallbacks(fonts / "NotoSans-Regular.ttf"));
}

TEST_CASE("without [fonts] every role uses the bundled fonts in its usual weight")
{
    const auto loaded = config::parse_config("[[feed]]\nname = \"a\"\npath = \"a.xml\"\nlanguage = \"ko\"\n", "config.toml", system_config_checks());
    REQUIRE(loaded.ok());
    const text::FontRoles roles = font_roles(loaded.value(), source_dir());
    const text::BundledFonts bundled = repository_fonts();
    for (const auto role : {"headline", "label", "clock", "alert"})
        CHECK(paths(*roles.find(role)) == paths(bundled.bold_chain()));
    for (const auto role : {"subtitle", "crawl", "date"})
        CHECK(paths(*roles.find(role)) == paths(bundled.regular_chain()));
}

namespace {

// An RSS 2.0 feed of undated items, each {guid, link, title}.
std::vector<model::Notice> rss_notices(const std::string& source, const std::string& language,
                                const std::vector<std::array<std::string, 3>>& items)
{
    std::string rss = "<rss version=\"2.0\"><channel><title>" + source + "</title>";
    for (const auto& [guid, link, title] : items)
        rss += "<item><guid>" + guid + "</guid><link>" + link + "</link><title>" + title + "</title></item>";
    rss += "</channel></rss>";
    auto feed = feed::parse_feed(rss, {source, language});
    REQUIRE_MESSAGE(feed, problem(feed));
    return feed->notices;
}

}  // namespace

TEST_CASE("a notice an alerts feed carried is urgent, whichever feed's copy the paired notice keeps")
{
    config::Config config;
    config::FeedSource ministry;
    ministry.name = "mois-ko";
    config::FeedSource alerts;
    alerts.name = "safety-alerts";  // after "mois-ko" by name: the ministry's copy is the one kept
    alerts.urgent = true;
    config.feeds = {ministry, alerts};
    config.notice_rules.pair_by = config::PairingKey::link;

    model::NoticeBoard board(config.notice_rules);
    board.apply("mois-ko", rss_notices("mois-ko", "ko", {{"mois-77", "https://www.mois.go.kr/notice/77", "민방위 훈련 안내"},
                                                         {"mois-78", "https://www.mois.go.kr/notice/78", "청사 주차장 공사"}}));
    board.apply("safety-alerts", rss_notices("safety-alerts", "en", {{"alert-5", "https://www.mois.go.kr/notice/77", "Civil defence drill"}}));
    REQUIRE(board.notices().size() == 2);

    const auto now = std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2026} / 11 / 27}};
    const auto urgent = configured_urgent_notices(config, board.notices(), now);
    REQUIRE(urgent.size() == 1);
    CHECK(urgent[0]->link == "https://www.mois.go.kr/notice/77");
    CHECK(urgent[0]->title_in("ko"));
    CHECK(urgent[0]->title_in("en"));

    // Without the alerts feed's copy, nothing is urgent: the ministry's feed is not an alerts feed.
    board.apply("safety-alerts", {});
    CHECK(configured_urgent_notices(config, board.notices(), now).empty());
}

}  // namespace signage::app

// [alerts], a feed's `kind`, and [screen] qr / qr_label.
#include "config_cases.hpp"

#include <chrono>

namespace signage::config {

using namespace std::chrono_literals;

TEST_CASE("A config's [alerts] table sets the area filter, the age, the languages and the places")
{
    const Config config = config_from(with_feed(R"([alerts]
areas = ["서울특별시", "Gangnam"]
geocodes = ["1100000000", "1168000000"]
max_age_hours = 12
languages = ["EN", "ko-kr"]
extreme = "banner"
severe_immediate = "band"
severe = "crawl"
moderate = "hidden"
minor = "hidden"
unknown = "band"
)"));
    const AlertSettings& alerts = config.alerts;
    CHECK(alerts.areas == std::vector<std::string>{"서울특별시", "Gangnam"});
    CHECK(alerts.geocodes == std::vector<std::string>{"1100000000", "1168000000"});
    CHECK(alerts.max_age == 12h);
    CHECK(alerts.languages == std::vector<std::string>{"en", "ko-KR"});
    CHECK(alerts.extreme == AlertPlacement::banner);
    CHECK(alerts.severe_immediate == AlertPlacement::band);
    CHECK(alerts.severe == AlertPlacement::crawl);
    CHECK(alerts.moderate == AlertPlacement::hidden);
    CHECK(alerts.minor == AlertPlacement::hidden);
    CHECK(alerts.unknown == AlertPlacement::band);

    const AlertSettings defaults = config_from(base_feed).alerts;
    CHECK(defaults == AlertSettings{});
    CHECK(defaults.areas.empty());
    CHECK(defaults.max_age == 24h);
    CHECK(defaults.languages == std::vector<std::string>{"ko", "en"});
    CHECK(defaults.extreme == AlertPlacement::banner);
    CHECK(defaults.severe == AlertPlacement::band);
    CHECK(defaults.minor == AlertPlacement::crawl);
    CHECK(config_from(with_feed("[alerts]\nareas = []\nlanguages = []\n")).alerts.languages.empty());
    CHECK(config_from(with_feed("[alerts]\nmax_age_hours = 720\n")).alerts.max_age == 720h);
}

TEST_CASE("A config's [alerts] mistakes are named with their line")
{
    check_errors({
        {"unknown key", with_feed("[alerts]\nregion = \"서울\"\n"), "config.toml:6: alerts.region: unknown key"},
        {"[alerts] as a value", before_feed("alerts = true\n"), "config.toml:1: alerts: expected a table, got boolean"},
        {"areas as one string", with_feed("[alerts]\nareas = \"서울\"\n"),
         "config.toml:6: alerts.areas: expected an array of strings, got string"},
        {"an empty area", with_feed("[alerts]\nareas = [\"서울\", \"\"]\n"), "config.toml:6: alerts.areas[1]: must not be empty"},
        {"a geocode as a number", with_feed("[alerts]\ngeocodes = [1100000000]\n"),
         "config.toml:6: alerts.geocodes[0]: expected a string, got integer"},
        {"a geocode with a space", with_feed("[alerts]\ngeocodes = [\"11 00\"]\n"),
         R"(config.toml:6: alerts.geocodes[0]: "11 00" is not a geocode value like "1100000000": it contains a space or a control character)"},
        {"age zero", with_feed("[alerts]\nmax_age_hours = 0\n"), "config.toml:6: alerts.max_age_hours: 0 is out of range (1..720)"},
        {"age beyond a month", with_feed("[alerts]\nmax_age_hours = 721\n"),
         "config.toml:6: alerts.max_age_hours: 721 is out of range (1..720)"},
        {"not a language", with_feed("[alerts]\nlanguages = [\"korean!\"]\n"),
         R"(config.toml:6: alerts.languages[0]: "korean!" is not a language tag like "ko", "en" or "ko-KR")"},
        {"a place not known", with_feed("[alerts]\nsevere = \"popup\"\n"),
         R"(config.toml:6: alerts.severe: "popup" is not a place for alerts; use "banner", "band", "crawl" or "hidden")"},
        {"a place in capitals", with_feed("[alerts]\nextreme = \"Banner\"\n"),
         R"(config.toml:6: alerts.extreme: "Banner" is not a place for alerts; use "banner", "band", "crawl" or "hidden")"},
        {"a place as a boolean", with_feed("[alerts]\nminor = false\n"), "config.toml:6: alerts.minor: expected a string, got boolean"},
    });
}

TEST_CASE("A config feed's kind is auto or cap")
{
    CHECK(config_from(base_feed).feeds[0].kind == FeedKind::automatic);
    CHECK(config_from(feed_where("kind = \"auto\"")).feeds[0].kind == FeedKind::automatic);
    CHECK(config_from(feed_where("kind = \"cap\"")).feeds[0].kind == FeedKind::alerts);
    check_errors({
        {"kind not known", feed_where("kind = \"atom\""),
         R"(config.toml:5: feed[0].kind: "atom" is not a kind of feed; use "auto" or "cap")"},
        {"kind as a boolean", feed_where("kind = true"), "config.toml:5: feed[0].kind: expected a string, got boolean"},
    });
}

TEST_CASE("A config's [screen] qr and qr_label")
{
    const Config defaults = config_from(base_feed);
    CHECK(defaults.screen.qr);
    CHECK(defaults.screen.qr_label == "자세히 보기 · More");
    const Config set = config_from(with_feed("[screen]\nqr = false\nqr_label = \"QR로 원문 보기\"\n"));
    CHECK_FALSE(set.screen.qr);
    CHECK(set.screen.qr_label == "QR로 원문 보기");
    // 60 characters, not bytes: Korean takes three bytes each.
    const std::string sixty_korean = [] {
        std::string text;
        for (int i = 0; i < 60; ++i)
            text += "가";
        return text;
    }();
    CHECK(config_from(with_feed("[screen]\nqr_label = \"" + sixty_korean + "\"\n")).screen.qr_label == sixty_korean);
    check_errors({
        {"qr as text", with_feed("[screen]\nqr = \"yes\"\n"), "config.toml:6: screen.qr: expected true or false, got string"},
        {"an empty label", with_feed("[screen]\nqr_label = \"\"\n"), "config.toml:6: screen.qr_label: must not be empty"},
        {"a label of two lines", with_feed("[screen]\nqr_label = \"자세히\\n보기\"\n"),
         "config.toml:6: screen.qr_label: contains a line break or another control character; the label is one line"},
        {"a label too long", with_feed("[screen]\nqr_label = \"" + sixty_korean + "가\"\n"),
         "config.toml:6: screen.qr_label: is 61 characters long; at most 60 fit beside the code"},
    });
}

}  // namespace signage::config

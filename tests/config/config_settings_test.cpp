// [screen], [display], [schedule], [urgent], the longer [featured] keys and a feed's `urgent`.
#include "config/config.hpp"
#include "config/config_cases.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

namespace signage::config {

using namespace std::chrono_literals;

namespace {

// A config folder with the pictures a [screen] may name. Only their names and existence are
// checked when the config is read, so empty files do.
struct PictureFolder {
    ScratchDir dir{"signage-config-pictures"};

    PictureFolder()
    {
        for (const char* name : {"logo.png", "logo.svg", "LOGO.JPG", "logo.jpeg", "logo.gif", "lobby.jpg", "lobby.png", "lobby.svg"})
            std::ofstream(dir.path() / name) << "";
        std::filesystem::create_directory(dir.path() / "folder.png");
    }

    std::filesystem::path origin() const { return dir.path() / "config.toml"; }
    std::string at(const char* name) const { return (dir.path() / name).string(); }

    std::string error_from(const std::string& toml) const
    {
        Result<Config> result = parse_config(toml, origin(), app::system_config_checks());
        return result.ok() ? std::string("(loaded without error)") : result.error().message;
    }
};

DayHours hours(int on_h, int on_m, int off_h, int off_m)
{
    return DayHours{std::chrono::hours{on_h} + std::chrono::minutes{on_m}, std::chrono::hours{off_h} + std::chrono::minutes{off_m}};
}

constexpr std::chrono::year_month_day ymd(int y, unsigned m, unsigned d)
{
    return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

}  // namespace

// ---- [screen] --------------------------------------------------------------------------------

TEST_CASE("A config's [screen] table sets the layout, the header, the clock and the theme")
{
    PictureFolder pictures;
    Config config = config_from(with_feed(R"([screen]
layout = "list"
agency_name_ko = "행정안전부"
agency_name_en = "Ministry of the Interior and Safety"
logo = "logo.svg"
clock = "korean"
time_zone = "UTC"
list_page_s = 7.5
transition = "slide"
background = "#102030"
band = "#00000080"
text = "#FAFAFA"
accent = "#ff8800"
background_image = "lobby.jpg"
)"),
                                pictures.origin());
    const ScreenSettings& screen = config.screen;
    CHECK(screen.layout == ScreenLayout::list);
    CHECK(screen.agency_name_ko == "행정안전부");
    CHECK(screen.agency_name_en == "Ministry of the Interior and Safety");
    CHECK(screen.logo == std::filesystem::path(pictures.at("logo.svg")));
    CHECK(screen.clock == ClockStyle::korean);
    CHECK(screen.time_zone == "UTC");
    CHECK(screen.list_page_s == 7.5);
    CHECK(screen.transition == NoticeTransition::slide);
    CHECK(screen.background == RgbaColor{0x10, 0x20, 0x30, 0xFF});
    CHECK(screen.band == RgbaColor{0, 0, 0, 0x80});
    CHECK(screen.text == RgbaColor{0xFA, 0xFA, 0xFA, 0xFF});
    CHECK(screen.accent == RgbaColor{0xFF, 0x88, 0x00, 0xFF});
    CHECK(screen.background_image == std::filesystem::path(pictures.at("lobby.jpg")));
}

TEST_CASE("A config without [screen] gets the documented screen")
{
    const ScreenSettings screen = config_from(base_feed).screen;
    CHECK(screen == ScreenSettings{});
    CHECK(screen.layout == ScreenLayout::featured_ticker);
    CHECK(screen.clock == ClockStyle::both);
    CHECK(screen.time_zone == "Asia/Seoul");
    CHECK(screen.list_page_s == 12.0);
    CHECK(screen.transition == NoticeTransition::crossfade);
    CHECK_FALSE(screen.logo);
    CHECK_FALSE(screen.background_image);
    CHECK(config_from(with_feed("[screen]\n")).screen == ScreenSettings{});
}

TEST_CASE("Every [screen] layout, transition and clock word is understood")
{
    CHECK(config_from(with_feed("[screen]\nlayout = \"featured+ticker\"\n")).screen.layout == ScreenLayout::featured_ticker);
    CHECK(config_from(with_feed("[screen]\nlayout = \"ticker\"\n")).screen.layout == ScreenLayout::ticker);
    CHECK(config_from(with_feed("[screen]\nlayout = \"list\"\n")).screen.layout == ScreenLayout::list);
    CHECK(config_from(with_feed("[screen]\ntransition = \"crossfade\"\n")).screen.transition == NoticeTransition::crossfade);
    CHECK(config_from(with_feed("[screen]\ntransition = \"slide\"\n")).screen.transition == NoticeTransition::slide);
    CHECK(config_from(with_feed("[screen]\ntransition = \"cut\"\n")).screen.transition == NoticeTransition::cut);
    CHECK(config_from(with_feed("[screen]\nclock = \"korean\"\n")).screen.clock == ClockStyle::korean);
    CHECK(config_from(with_feed("[screen]\nclock = \"english\"\n")).screen.clock == ClockStyle::english);
    CHECK(config_from(with_feed("[screen]\nclock = \"both\"\n")).screen.clock == ClockStyle::both);
    CHECK(config_from(with_feed("[screen]\nclock = \"off\"\n")).screen.clock == ClockStyle::off);
}

TEST_CASE("A [screen] time zone is any zone of the system's zone database")
{
    for (const char* zone : {"Asia/Seoul", "UTC", "Europe/London", "America/Argentina/Buenos_Aires", "Etc/GMT+9"}) {
        CAPTURE(zone);
        CHECK(config_from(with_feed(std::string("[screen]\ntime_zone = \"") + zone + "\"\n")).screen.time_zone == zone);
    }
}

TEST_CASE("A [screen] logo and background image are relative to the config file's folder")
{
    PictureFolder pictures;
    for (const char* logo : {"logo.png", "logo.svg", "LOGO.JPG", "logo.jpeg"}) {
        CAPTURE(logo);
        Config config = config_from(with_feed(std::string("[screen]\nlogo = \"") + logo + "\"\n"), pictures.origin());
        CHECK(config.screen.logo == std::filesystem::path(pictures.at(logo)));
    }
    Config absolute = config_from(with_feed("[screen]\nbackground_image = \"" + pictures.at("lobby.png") + "\"\n"));
    CHECK(absolute.screen.background_image == std::filesystem::path(pictures.at("lobby.png")));
}

TEST_CASE("Config [screen] numbers at both ends of their range are accepted")
{
    CHECK(config_from(with_feed("[screen]\nlist_page_s = 3\n")).screen.list_page_s == 3.0);
    CHECK(config_from(with_feed("[screen]\nlist_page_s = 600.0\n")).screen.list_page_s == 600.0);
}

TEST_CASE("A config's [screen] mistakes are named with their line")
{
    check_errors({
        {"unknown key", with_feed("[screen]\nlayuot = \"list\"\n"), "config.toml:6: screen.layuot: unknown key"},
        {"[screen] as a value", before_feed("screen = \"list\"\n"), "config.toml:1: screen: expected a table, got string"},
        {"layout not a string", with_feed("[screen]\nlayout = 2\n"), "config.toml:6: screen.layout: expected a string, got integer"},
        {"unknown layout", with_feed("[screen]\nlayout = \"grid\"\n"),
         R"(config.toml:6: screen.layout: "grid" is not a layout; use "featured+ticker", "ticker" or "list")"},
        {"layout in another case", with_feed("[screen]\nlayout = \"Ticker\"\n"),
         R"(config.toml:6: screen.layout: "Ticker" is not a layout; use "featured+ticker", "ticker" or "list")"},
        {"empty Korean name", with_feed("[screen]\nagency_name_ko = \"\"\n"),
         "config.toml:6: screen.agency_name_ko: is empty; to show no name, remove the key"},
        {"empty English name", with_feed("[screen]\nagency_name_en = \"\"\n"),
         "config.toml:6: screen.agency_name_en: is empty; to show no name, remove the key"},
        {"name not a string", with_feed("[screen]\nagency_name_en = true\n"),
         "config.toml:6: screen.agency_name_en: expected a string, got boolean"},
        {"clock not a string", with_feed("[screen]\nclock = false\n"), "config.toml:6: screen.clock: expected a string, got boolean"},
        {"unknown clock", with_feed("[screen]\nclock = \"24h\"\n"),
         R"(config.toml:6: screen.clock: "24h" is not a clock style; use "korean", "english", "both" or "off")"},
        {"transition not a string", with_feed("[screen]\ntransition = 0.6\n"),
         "config.toml:6: screen.transition: expected a string, got float"},
        {"unknown transition", with_feed("[screen]\ntransition = \"fade\"\n"),
         R"(config.toml:6: screen.transition: "fade" is not a transition; use "crossfade", "slide" or "cut")"},
        {"transition in another case", with_feed("[screen]\ntransition = \"Slide\"\n"),
         R"(config.toml:6: screen.transition: "Slide" is not a transition; use "crossfade", "slide" or "cut")"},
        {"transition in [featured]", with_feed("[featured]\ntransition = \"slide\"\n"),
         "config.toml:6: featured.transition: unknown key"},
        {"list page too short", with_feed("[screen]\nlist_page_s = 2.5\n"),
         "config.toml:6: screen.list_page_s: 2.5 is out of range (3..600)"},
        {"list page too long", with_feed("[screen]\nlist_page_s = 601\n"),
         "config.toml:6: screen.list_page_s: 601 is out of range (3..600)"},
        {"list page as text", with_feed("[screen]\nlist_page_s = \"12\"\n"),
         "config.toml:6: screen.list_page_s: expected a number, got string"},
        {"background by name", with_feed("[screen]\nbackground = \"navy\"\n"),
         R"(config.toml:6: screen.background: "navy" is not a colour; write "#RRGGBB" or "#RRGGBBAA", e.g. "#000000B0")"},
        {"band too short", with_feed("[screen]\nband = \"#123\"\n"),
         R"(config.toml:6: screen.band: "#123" is not a colour; write "#RRGGBB" or "#RRGGBBAA", e.g. "#000000B0")"},
        {"text not hexadecimal", with_feed("[screen]\ntext = \"#GGGGGG\"\n"),
         R"(config.toml:6: screen.text: "#GGGGGG" is not a colour; write "#RRGGBB" or "#RRGGBBAA", e.g. "#000000B0")"},
        {"accent as a number", with_feed("[screen]\naccent = 0xF2B33D\n"),
         "config.toml:6: screen.accent: expected a string, got integer"},
    });
}

TEST_CASE("A [screen] time zone that the zone database does not have is refused")
{
    auto refused = [](const std::string& written) {
        return "config.toml:6: screen.time_zone: \"" + written
            + R"(" is not a time zone; use a name like "Asia/Seoul" (see /usr/share/zoneinfo))";
    };
    check_errors({
        {"a misspelt zone", with_feed("[screen]\ntime_zone = \"Asia/Seol\"\n"), refused("Asia/Seol")},
        {"a zone in the wrong case", with_feed("[screen]\ntime_zone = \"asia/seoul\"\n"), refused("asia/seoul")},
        {"an abbreviation", with_feed("[screen]\ntime_zone = \"KST\"\n"), refused("KST")},
        {"an offset", with_feed("[screen]\ntime_zone = \"+09:00\"\n"), refused("+09:00")},
        {"a folder of zones", with_feed("[screen]\ntime_zone = \"Asia\"\n"), refused("Asia")},
        {"a table beside the zones", with_feed("[screen]\ntime_zone = \"zone.tab\"\n"), refused("zone.tab")},
        {"a way out of the database", with_feed("[screen]\ntime_zone = \"../../../etc/passwd\"\n"), refused("../../../etc/passwd")},
        {"an absolute path", with_feed("[screen]\ntime_zone = \"/usr/share/zoneinfo/Asia/Seoul\"\n"),
         refused("/usr/share/zoneinfo/Asia/Seoul")},
        {"empty", with_feed("[screen]\ntime_zone = \"\"\n"), "config.toml:6: screen.time_zone: must not be empty"},
        {"a number", with_feed("[screen]\ntime_zone = 9\n"), "config.toml:6: screen.time_zone: expected a string, got integer"},
    });
}

TEST_CASE("A [screen] picture must be an existing file of a kind the screen can show")
{
    PictureFolder pictures;
    struct Case {
        const char* what;
        std::string assignment;
        std::string expected;
    };
    const Case cases[] = {
        {"a missing logo", "logo = \"missing.png\"", "screen.logo: \"" + pictures.at("missing.png") + "\" is not a readable file"},
        {"a folder", "logo = \"folder.png\"", "screen.logo: \"" + pictures.at("folder.png") + "\" is not a readable file"},
        {"a GIF logo", "logo = \"logo.gif\"", "screen.logo: \"" + pictures.at("logo.gif") + "\" is not a .png, .svg, .jpg or .jpeg file"},
        {"a logo without extension", "logo = \"logo\"", "screen.logo: \"" + pictures.at("logo") + "\" is not a .png, .svg, .jpg or .jpeg file"},
        {"an empty logo", "logo = \"\"", "screen.logo: must not be empty"},
        {"a logo as a table", "logo = { file = \"logo.png\" }", "screen.logo: expected a string, got table"},
        {"a missing background", "background_image = \"missing.jpg\"",
         "screen.background_image: \"" + pictures.at("missing.jpg") + "\" is not a readable file"},
        {"an SVG background", "background_image = \"lobby.svg\"",
         "screen.background_image: \"" + pictures.at("lobby.svg") + "\" is not a .png, .jpg or .jpeg file"},
        {"an empty background", "background_image = \"\"", "screen.background_image: must not be empty"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        CHECK(pictures.error_from(with_feed("[screen]\n" + c.assignment + "\n")) == pictures.origin().string() + ":6: " + c.expected);
    }
}

// ---- [display] -------------------------------------------------------------------------------

TEST_CASE("A config's [display] table sets the renderer, the rotation and the safe area")
{
    Config config = config_from(with_feed("[display]\nrenderer = \"software\"\nrotation = 270\nsafe_area_percent = 5\n"));
    CHECK(config.display.renderer == RendererChoice::software);
    CHECK(config.display.rotation_degrees == 270);
    CHECK(config.display.safe_area_percent == 5);

    CHECK(config_from(base_feed).display == DisplaySettings{});
    CHECK(config_from(with_feed("[display]\nrenderer = \"auto\"\n")).display.renderer == RendererChoice::automatic);
    CHECK(config_from(with_feed("[display]\nrenderer = \"gpu\"\n")).display.renderer == RendererChoice::gpu);
    for (int degrees : {0, 90, 180, 270}) {
        CAPTURE(degrees);
        CHECK(config_from(with_feed("[display]\nrotation = " + std::to_string(degrees) + "\n")).display.rotation_degrees == degrees);
    }
    CHECK(config_from(with_feed("[display]\nsafe_area_percent = 0\n")).display.safe_area_percent == 0);
    CHECK(config_from(with_feed("[display]\nsafe_area_percent = 10\n")).display.safe_area_percent == 10);
}

TEST_CASE("A config's [display] mode is the native one, or a size with an optional refresh rate")
{
    CHECK(config_from(base_feed).display.mode.native());
    CHECK(config_from(with_feed("[display]\nmode = \"native\"\n")).display.mode == ScreenMode{});
    CHECK(config_from(with_feed("[display]\nmode = \"1920x1080\"\n")).display.mode == ScreenMode{1920, 1080, 0});
    CHECK(config_from(with_feed("[display]\nmode = \"1280x720@50\"\n")).display.mode == ScreenMode{1280, 720, 50});
    const std::string use = R"(is not a mode; use "native", "1920x1080" or "1920x1080@60")";
    check_errors({
        {"no height", with_feed("[display]\nmode = \"1920\"\n"), R"(config.toml:6: display.mode: "1920" )" + use},
        {"a capital X", with_feed("[display]\nmode = \"1920X1080\"\n"), R"(config.toml:6: display.mode: "1920X1080" )" + use},
        {"no refresh after @", with_feed("[display]\nmode = \"1920x1080@\"\n"), R"(config.toml:6: display.mode: "1920x1080@" )" + use},
        {"a fractional refresh", with_feed("[display]\nmode = \"1920x1080@59.94\"\n"),
         R"(config.toml:6: display.mode: "1920x1080@59.94" )" + use},
        {"a zero width", with_feed("[display]\nmode = \"0x1080\"\n"), R"(config.toml:6: display.mode: "0x1080" )" + use},
        {"a sign", with_feed("[display]\nmode = \"+1920x1080\"\n"), R"(config.toml:6: display.mode: "+1920x1080" )" + use},
        {"auto", with_feed("[display]\nmode = \"auto\"\n"), R"(config.toml:6: display.mode: "auto" )" + use},
        {"mode as a number", with_feed("[display]\nmode = 1080\n"), "config.toml:6: display.mode: expected a string, got integer"},
    });
}

TEST_CASE("A config's [display] mistakes are named with their line")
{
    check_errors({
        {"unknown key", with_feed("[display]\nwidth = 1920\n"), "config.toml:6: display.width: unknown key"},
        {"[display] as a value", before_feed("display = 1\n"), "config.toml:1: display: expected a table, got integer"},
        {"unknown renderer", with_feed("[display]\nrenderer = \"opengl\"\n"),
         R"(config.toml:6: display.renderer: "opengl" is not a renderer; use "auto", "gpu" or "software")"},
        {"renderer as a boolean", with_feed("[display]\nrenderer = true\n"),
         "config.toml:6: display.renderer: expected a string, got boolean"},
        {"a quarter that is not one", with_feed("[display]\nrotation = 45\n"),
         "config.toml:6: display.rotation: 45 is not a rotation; use 0, 90, 180 or 270"},
        {"counter-clockwise", with_feed("[display]\nrotation = -90\n"),
         "config.toml:6: display.rotation: -90 is not a rotation; use 0, 90, 180 or 270"},
        {"a full turn", with_feed("[display]\nrotation = 360\n"),
         "config.toml:6: display.rotation: 360 is not a rotation; use 0, 90, 180 or 270"},
        {"rotation as text", with_feed("[display]\nrotation = \"portrait\"\n"),
         "config.toml:6: display.rotation: expected an integer, got string"},
        {"rotation as a float", with_feed("[display]\nrotation = 90.0\n"),
         "config.toml:6: display.rotation: expected an integer, got float"},
        {"safe area too wide", with_feed("[display]\nsafe_area_percent = 11\n"),
         "config.toml:6: display.safe_area_percent: 11 is out of range (0..10)"},
        {"safe area negative", with_feed("[display]\nsafe_area_percent = -1\n"),
         "config.toml:6: display.safe_area_percent: -1 is out of range (0..10)"},
        {"safe area as a float", with_feed("[display]\nsafe_area_percent = 2.5\n"),
         "config.toml:6: display.safe_area_percent: expected an integer, got float"},
    });
}

// ---- [schedule] ------------------------------------------------------------------------------

TEST_CASE("A config's [schedule] table sets each day's hours and the days off")
{
    Config config = config_from(with_feed(R"([schedule]
monday = "08:00-18:00"
tuesday = "07:30-23:59"
wednesday = "00:00-24:00"
thursday = "09:15-24:00"
friday = "on"
saturday = "10:00-13:00"
sunday = "off"
dates_off = [2026-12-25, "2027-01-01", 2028-02-29]
)"));
    const auto& week = config.schedule.week;
    CHECK(week[0] == hours(8, 0, 18, 0));
    CHECK(week[1] == hours(7, 30, 23, 59));
    CHECK(week[2] == hours(0, 0, 24, 0));
    CHECK(week[3] == hours(9, 15, 24, 0));
    CHECK(week[4] == hours(0, 0, 24, 0));
    CHECK(week[5] == hours(10, 0, 13, 0));
    CHECK_FALSE(week[6]);
    CHECK(config.schedule.dates_off == std::vector{ymd(2026, 12, 25), ymd(2027, 1, 1), ymd(2028, 2, 29)});
}

TEST_CASE("A config without [schedule] is on all day, every day")
{
    const ScheduleSettings schedule = config_from(base_feed).schedule;
    CHECK(schedule == ScheduleSettings{});
    for (const auto& day : schedule.week)
        CHECK(day == hours(0, 0, 24, 0));
    CHECK(schedule.dates_off.empty());
    CHECK(config_from(with_feed("[schedule]\ndates_off = []\n")).schedule.dates_off.empty());
    // Days not named keep the default.
    const ScheduleSettings weekend = config_from(with_feed("[schedule]\nsaturday = \"off\"\nsunday = \"off\"\n")).schedule;
    CHECK(weekend.week[0] == hours(0, 0, 24, 0));
    CHECK_FALSE(weekend.week[5]);
    CHECK_FALSE(weekend.week[6]);
}

TEST_CASE("A [schedule] day that is not a time range says how to write one")
{
    auto refused = [](const std::string& day, const std::string& written) {
        return "config.toml:6: schedule." + day + ": \"" + written
            + R"(" is not a time range; write "HH:MM-HH:MM" with the start first, or "off")";
    };
    const char* days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (const char* day : days) {
        CAPTURE(day);
        CHECK(error_from(with_feed(std::string("[schedule]\n") + day + " = \"18:00-08:00\"\n")) == refused(day, "18:00-08:00"));
    }
    std::vector<ErrorCase> cases;
    for (const char* written : {"08:00-08:00", "8:00-18:00", "08:00-18", "08.00-18.00", "08:00 - 18:00", "08:00-24:01", "24:00-24:00",
                                "25:00-26:00", "08:60-09:00", "08:00", "08:00-18:00-20:00", "-", "OFF", "On", "closed", ""}) {
        cases.push_back({written, with_feed(std::string("[schedule]\nmonday = \"") + written + "\"\n"), refused("monday", written)});
    }
    check_errors(cases);
}

TEST_CASE("A config's [schedule] mistakes are named with their line")
{
    check_errors({
        {"unknown key", with_feed("[schedule]\nholidays = []\n"), "config.toml:6: schedule.holidays: unknown key"},
        {"a short day name", with_feed("[schedule]\nmon = \"off\"\n"), "config.toml:6: schedule.mon: unknown key"},
        {"[schedule] as a value", before_feed("schedule = \"office hours\"\n"),
         "config.toml:1: schedule: expected a table, got string"},
        {"a day as a boolean", with_feed("[schedule]\nsunday = false\n"), "config.toml:6: schedule.sunday: expected a string, got boolean"},
        {"a day as a TOML time", with_feed("[schedule]\nmonday = 08:00:00\n"), "config.toml:6: schedule.monday: expected a string, got time"},
        {"dates off as one date", with_feed("[schedule]\ndates_off = 2026-12-25\n"),
         "config.toml:6: schedule.dates_off: expected an array of dates, got date"},
        {"dates off as a string", with_feed("[schedule]\ndates_off = \"2026-12-25\"\n"),
         "config.toml:6: schedule.dates_off: expected an array of dates, got string"},
        {"a date as a number", with_feed("[schedule]\ndates_off = [2026-12-25, 20261226]\n"),
         "config.toml:6: schedule.dates_off[1]: expected a date like 2026-12-25, got integer"},
        {"a date with a time", with_feed("[schedule]\ndates_off = [2026-12-25T09:00:00]\n"),
         "config.toml:6: schedule.dates_off[0]: expected a date like 2026-12-25, got date-time"},
        {"a quoted impossible date", with_feed("[schedule]\ndates_off = [\"2026-02-30\"]\n"),
         R"(config.toml:6: schedule.dates_off[0]: "2026-02-30" is not a date; write YYYY-MM-DD, e.g. 2026-12-25)"},
        {"a quoted month 13", with_feed("[schedule]\ndates_off = [\"2026-13-01\"]\n"),
         R"(config.toml:6: schedule.dates_off[0]: "2026-13-01" is not a date; write YYYY-MM-DD, e.g. 2026-12-25)"},
        {"a quoted date in another order", with_feed("[schedule]\ndates_off = [\"25.12.2026\"]\n"),
         R"(config.toml:6: schedule.dates_off[0]: "25.12.2026" is not a date; write YYYY-MM-DD, e.g. 2026-12-25)"},
        {"a quoted date without zeros", with_feed("[schedule]\ndates_off = [\"2026-1-1\"]\n"),
         R"(config.toml:6: schedule.dates_off[0]: "2026-1-1" is not a date; write YYYY-MM-DD, e.g. 2026-12-25)"},
        {"a date on its own line", with_feed("[schedule]\ndates_off = [\n  2026-12-25,\n  \"someday\",\n]\n"),
         R"(config.toml:8: schedule.dates_off[1]: "someday" is not a date; write YYYY-MM-DD, e.g. 2026-12-25)"},
    });
}

TEST_CASE("A config's [schedule] display commands are a program and its arguments, run without a shell")
{
    const Config config = config_from(with_feed(R"([schedule]
display_off_command = ["cec-ctl", "--to", "0", "--standby"]
display_on_command = ["sh", "-c", "echo 'on' > /tmp/x", ""]
)"));
    CHECK(config.schedule.display_off_command == std::vector<std::string>{"cec-ctl", "--to", "0", "--standby"});
    // An argument may be empty, and shell words stay plain text for the program to read.
    CHECK(config.schedule.display_on_command == std::vector<std::string>{"sh", "-c", "echo 'on' > /tmp/x", ""});
    CHECK(config_from(base_feed).schedule.display_off_command.empty());
    CHECK(config_from(base_feed).schedule.display_on_command.empty());
}

TEST_CASE("A [schedule] display command named with a path is an executable file beside the config")
{
    ScratchDir dir("signage-config-commands");
    std::filesystem::create_directory(dir.path() / "bin");
    const auto panel = dir.path() / "bin" / "panel";
    std::ofstream(panel) << "#!/bin/sh\n";
    std::filesystem::permissions(panel, std::filesystem::perms::owner_all);
    std::ofstream(dir.path() / "bin" / "notes.txt") << "not a program\n";
    const auto origin = dir.path() / "config.toml";

    const Config config = config_from(with_feed(R"([schedule]
display_off_command = ["bin/panel", "off"]
display_on_command = ["./bin/../bin/panel", "on"]
)"), origin);
    CHECK(config.schedule.display_off_command == std::vector<std::string>{panel.string(), "off"});
    CHECK(config.schedule.display_on_command == std::vector<std::string>{panel.string(), "on"});

    const auto refused = [&](const std::string& written) {
        Result<Config> result = parse_config(
            with_feed("[schedule]\ndisplay_off_command = [\"" + written + "\"]\ndisplay_on_command = [\"bin/panel\"]\n"), origin, app::system_config_checks());
        return result ? std::string("(loaded without error)") : result.error().message;
    };
    const std::string where = origin.string() + ":6: schedule.display_off_command[0]: \"";
    CHECK(refused("bin/notes.txt") == where + (dir.path() / "bin" / "notes.txt").string() + "\" is not an executable file");
    CHECK(refused("bin/missing") == where + (dir.path() / "bin" / "missing").string() + "\" is not an executable file");
    CHECK(refused("./bin") == where + (dir.path() / "bin").string() + "\" is not an executable file");
}

TEST_CASE("A config's [schedule] display command mistakes are named with their line and what to write")
{
    const std::string both_from_line_7 = "display_on_command = [\"true\"]\n";
    check_errors({
        {"a shell string", with_feed("[schedule]\ndisplay_off_command = \"cec-ctl --to 0 --standby\"\n" + both_from_line_7),
         R"(config.toml:6: schedule.display_off_command: expected an array of strings (the program, then its arguments), got string; write each word as its own string, e.g. ["cec-ctl", "--to", "0", "--standby"])"},
        {"a boolean", with_feed("[schedule]\ndisplay_off_command = true\n" + both_from_line_7),
         "config.toml:6: schedule.display_off_command: expected an array of strings (the program, then its arguments), got boolean"},
        {"an empty array", with_feed("[schedule]\ndisplay_off_command = []\n" + both_from_line_7),
         R"(config.toml:6: schedule.display_off_command: needs the program to run, then its arguments, e.g. ["cec-ctl", "--to", "0", "--standby"]; to run none, remove the key)"},
        {"an empty program name", with_feed("[schedule]\ndisplay_off_command = [\"\", \"--standby\"]\n" + both_from_line_7),
         "config.toml:6: schedule.display_off_command[0]: must not be empty"},
        {"a program as a number", with_feed("[schedule]\ndisplay_off_command = [42]\n" + both_from_line_7),
         "config.toml:6: schedule.display_off_command[0]: expected a string, got integer"},
        {"an argument as a number", with_feed("[schedule]\ndisplay_off_command = [\"cec-ctl\", \"--to\", 0]\n" + both_from_line_7),
         "config.toml:6: schedule.display_off_command[2]: expected a string, got integer"},
        {"the whole command as one word", with_feed("[schedule]\ndisplay_off_command = [\"cec-ctl --standby\"]\n" + both_from_line_7),
         R"(config.toml:6: schedule.display_off_command[0]: "cec-ctl --standby" is not a program name; the command runs without a shell, so write each word as its own string, e.g. ["cec-ctl", "--to", "0", "--standby"])"},
        {"the on command wrong", with_feed("[schedule]\ndisplay_off_command = [\"true\"]\ndisplay_on_command = \"true\"\n"),
         R"(config.toml:7: schedule.display_on_command: expected an array of strings (the program, then its arguments), got string; write each word as its own string, e.g. ["cec-ctl", "--to", "0", "--standby"])"},
        {"off without on", with_feed("[schedule]\nmonday = \"08:00-18:00\"\ndisplay_off_command = [\"cec-ctl\", \"--standby\"]\n"),
         "config.toml:7: schedule.display_off_command: is set without display_on_command; set both, or neither"},
        {"on without off", with_feed("[schedule]\ndisplay_on_command = [\"cec-ctl\", \"--image-view-on\"]\n"),
         "config.toml:6: schedule.display_on_command: is set without display_off_command; set both, or neither"},
        {"a misspelt command key", with_feed("[schedule]\ndisplay_off_cmd = [\"true\"]\n"),
         "config.toml:6: schedule.display_off_cmd: unknown key"},
    });
}

// ---- [urgent] --------------------------------------------------------------------------------

TEST_CASE("A config's [urgent] table sets what makes a notice urgent and how its banner looks")
{
    Config config = config_from(with_feed(R"([urgent]
categories = ["재난", "Emergency"]
keywords = ["대피", "evacuate", "지진"]
max_age_hours = 6
banner = "#FF0000"
banner_text = "#000000CC"
)"));
    CHECK(config.urgent.categories == std::vector<std::string>{"재난", "Emergency"});
    CHECK(config.urgent.keywords == std::vector<std::string>{"대피", "evacuate", "지진"});
    CHECK(config.urgent.max_age == 6h);
    CHECK(config.urgent.banner == RgbaColor{0xFF, 0, 0, 0xFF});
    CHECK(config.urgent.banner_text == RgbaColor{0, 0, 0, 0xCC});

    CHECK(config_from(base_feed).urgent == UrgentSettings{});
    CHECK(config_from(base_feed).urgent.categories == std::vector<std::string>{"긴급", "urgent", "alert"});
    // No category at all: only keywords (or an urgent feed) make a notice urgent.
    CHECK(config_from(with_feed("[urgent]\ncategories = []\n")).urgent.categories.empty());
    CHECK(config_from(with_feed("[urgent]\nmax_age_hours = 1\n")).urgent.max_age == 1h);
    CHECK(config_from(with_feed("[urgent]\nmax_age_hours = 720\n")).urgent.max_age == 720h);
}

TEST_CASE("A config's [urgent] mistakes are named with their line")
{
    check_errors({
        {"unknown key", with_feed("[urgent]\nwords = [\"fire\"]\n"), "config.toml:6: urgent.words: unknown key"},
        {"[urgent] as a value", before_feed("urgent = true\n"), "config.toml:1: urgent: expected a table, got boolean"},
        {"categories as one string", with_feed("[urgent]\ncategories = \"긴급\"\n"),
         "config.toml:6: urgent.categories: expected an array of strings, got string"},
        {"a category as a number", with_feed("[urgent]\ncategories = [\"긴급\", 119]\n"),
         "config.toml:6: urgent.categories[1]: expected a string, got integer"},
        {"an empty category", with_feed("[urgent]\ncategories = [\"\"]\n"), "config.toml:6: urgent.categories[0]: must not be empty"},
        {"keywords as a table", with_feed("[urgent]\nkeywords = { ko = \"대피\" }\n"),
         "config.toml:6: urgent.keywords: expected an array of strings, got table"},
        {"an empty keyword", with_feed("[urgent]\nkeywords = [\"fire\", \"\"]\n"), "config.toml:6: urgent.keywords[1]: must not be empty"},
        {"a keyword as an array", with_feed("[urgent]\nkeywords = [[\"fire\"]]\n"),
         "config.toml:6: urgent.keywords[0]: expected a string, got array"},
        {"age zero", with_feed("[urgent]\nmax_age_hours = 0\n"), "config.toml:6: urgent.max_age_hours: 0 is out of range (1..720)"},
        {"age beyond a month", with_feed("[urgent]\nmax_age_hours = 721\n"),
         "config.toml:6: urgent.max_age_hours: 721 is out of range (1..720)"},
        {"age as a float", with_feed("[urgent]\nmax_age_hours = 1.5\n"),
         "config.toml:6: urgent.max_age_hours: expected an integer, got float"},
        {"banner by name", with_feed("[urgent]\nbanner = \"red\"\n"),
         R"(config.toml:6: urgent.banner: "red" is not a colour; write "#RRGGBB" or "#RRGGBBAA", e.g. "#000000B0")"},
        {"banner text as a number", with_feed("[urgent]\nbanner_text = 255\n"),
         "config.toml:6: urgent.banner_text: expected a string, got integer"},
    });
}

TEST_CASE("A config feed marked urgent is an alerts source")
{
    CHECK_FALSE(config_from(base_feed).feeds[0].urgent);
    CHECK(config_from(feed_where("urgent = true")).feeds[0].urgent);
    CHECK_FALSE(config_from(feed_where("urgent = false")).feeds[0].urgent);
    const Config two = config_from(with_feed("[[feed]]\nname = \"alerts\"\nurl = \"https://alerts.example.org/cap.xml\"\nlanguage = \"ko\"\n"
                                             "urgent = true\n"));
    CHECK_FALSE(two.feeds[0].urgent);
    CHECK(two.feeds[1].urgent);

    check_errors({
        {"urgent as text", feed_where("urgent = \"yes\""), "config.toml:5: feed[0].urgent: expected true or false, got string"},
        {"urgent as a number", feed_where("urgent = 1"), "config.toml:5: feed[0].urgent: expected true or false, got integer"},
    });
}

// ---- [featured] ------------------------------------------------------------------------------

TEST_CASE("A config's [featured] table sets the longest dwell and the crossfade")
{
    Config config = config_from(with_feed("[featured]\ndwell_s = 6\nmax_dwell_s = 15.5\ntransition_s = 1.2\n"));
    CHECK(config.featured_dwell_s == 6.0);
    CHECK(config.featured_max_dwell_s == 15.5);
    CHECK(config.featured_transition_s == 1.2);

    const Config defaults = config_from(base_feed);
    CHECK(defaults.featured_max_dwell_s == 20.0);
    CHECK(defaults.featured_transition_s == 0.6);

    Config low = config_from(with_feed("[featured]\ndwell_s = 2\nmax_dwell_s = 2\ntransition_s = 0\n"));
    CHECK(low.featured_max_dwell_s == 2.0);
    CHECK(low.featured_transition_s == 0.0);
    Config high = config_from(with_feed("[featured]\nmax_dwell_s = 600\ntransition_s = 5\n"));
    CHECK(high.featured_max_dwell_s == 600.0);
    CHECK(high.featured_transition_s == 5.0);
}

TEST_CASE("A long dwell_s without max_dwell_s raises the longest dwell to it")
{
    // Configs written before max_dwell_s existed keep their meaning: every notice stays dwell_s.
    Config config = config_from(with_feed("[featured]\ndwell_s = 45\n"));
    CHECK(config.featured_dwell_s == 45.0);
    CHECK(config.featured_max_dwell_s == 45.0);
    CHECK(config_from(with_feed("[featured]\ndwell_s = 5\n")).featured_max_dwell_s == 20.0);
}

TEST_CASE("A config's [featured] mistakes are named with their line")
{
    check_errors({
        {"unknown key", with_feed("[featured]\nfade_s = 1\n"), "config.toml:6: featured.fade_s: unknown key"},
        {"max dwell too short", with_feed("[featured]\nmax_dwell_s = 1.5\n"),
         "config.toml:6: featured.max_dwell_s: 1.5 is out of range (2..600)"},
        {"max dwell too long", with_feed("[featured]\nmax_dwell_s = 601\n"),
         "config.toml:6: featured.max_dwell_s: 601 is out of range (2..600)"},
        {"max dwell as text", with_feed("[featured]\nmax_dwell_s = \"20\"\n"),
         "config.toml:6: featured.max_dwell_s: expected a number, got string"},
        {"negative transition", with_feed("[featured]\ntransition_s = -0.5\n"),
         "config.toml:6: featured.transition_s: -0.5 is out of range (0..5)"},
        {"transition too long", with_feed("[featured]\ntransition_s = 5.5\n"),
         "config.toml:6: featured.transition_s: 5.5 is out of range (0..5)"},
        {"transition as a boolean", with_feed("[featured]\ntransition_s = false\n"),
         "config.toml:6: featured.transition_s: expected a number, got boolean"},
    });
}

TEST_CASE("A max_dwell_s below dwell_s is reported on whichever of the two comes second")
{
    check_errors({
        {"max_dwell_s second", with_feed("[featured]\ndwell_s = 10\nmax_dwell_s = 9.5\n"),
         "config.toml:7: featured.max_dwell_s: 9.5 is less than dwell_s (10); it must be dwell_s or more"},
        {"dwell_s second", with_feed("[featured]\nmax_dwell_s = 9.5\ndwell_s = 10\n"),
         "config.toml:7: featured.dwell_s: 10 is more than max_dwell_s (9.5); it must be max_dwell_s or less"},
        {"max_dwell_s alone, below the default dwell_s", with_feed("[featured]\nmax_dwell_s = 5\n"),
         "config.toml:6: featured.max_dwell_s: 5 is less than dwell_s (8); it must be dwell_s or more"},
        {"both on one line", before_feed("featured = { dwell_s = 12, max_dwell_s = 10 }\n"),
         "config.toml:1: featured.max_dwell_s: 10 is less than dwell_s (12); it must be dwell_s or more"},
        {"a dwell_s of the wrong type is the only mistake told", with_feed("[featured]\nmax_dwell_s = 5\ndwell_s = \"8\"\n"),
         "config.toml:7: featured.dwell_s: expected a number, got string"},
        {"a max_dwell_s out of range is the only mistake told", with_feed("[featured]\nmax_dwell_s = 700\ndwell_s = 30\n"),
         "config.toml:6: featured.max_dwell_s: 700 is out of range (2..600)"},
    });
    // Equal is fine: every notice stays the same time.
    CHECK(config_from(with_feed("[featured]\ndwell_s = 10\nmax_dwell_s = 10\n")).featured_max_dwell_s == 10.0);
}

TEST_CASE("The short example of docs/config.md loads")
{
    const std::string doc = read_file(source_dir() / "docs" / "config.md");
    const auto start = doc.find("```toml\n");
    REQUIRE(start != std::string::npos);
    const auto end = doc.find("```\n", start + 8);
    REQUIRE(end != std::string::npos);
    PictureFolder pictures;  // has the logo.svg the example names
    Config config = config_from(doc.substr(start + 8, end - start - 8), pictures.origin());
    REQUIRE(config.feeds.size() == 3);
    CHECK(config.feeds[2].urgent);
    CHECK(config.display.rotation_degrees == 90);
    CHECK_FALSE(config.schedule.week[6]);
    CHECK(config.schedule.dates_off.size() == 2);
}

}  // namespace signage::config

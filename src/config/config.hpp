#pragma once
// The player's settings. load_config() is the one place that knows the TOML keys.
#include "model/notice_board.hpp"
#include "util/result.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// An extra HTTP request header, as configured: a valid token name, a value without line breaks.
struct HeaderField {
    std::string name;
    std::string value;

    bool operator==(const HeaderField&) const = default;
};

// A font file of a text role's fallback chain, as configured.
struct FontFileSetting {
    std::filesystem::path path;  // absolute
    unsigned face_index = 0;     // the face in a collection (.ttc): pick its Korean face explicitly

    bool operator==(const FontFileSetting&) const = default;
};

enum class FontWeight { regular, bold };

// [fonts]: ordered fallback chains of font files. Empty chains and roles not named keep the
// bundled fonts.
struct FontSettings {
    std::vector<FontFileSetting> regular;  // the regular weight's chain, for every role set in it
    std::vector<FontFileSetting> bold;
    // Per text role (font_role_names): the weight it is set in, or a chain of its own.
    std::map<std::string, FontWeight> role_weights;
    std::map<std::string, std::vector<FontFileSetting>> role_chains;

    bool operator==(const FontSettings&) const = default;
};

struct RgbaColor {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;

    bool operator==(const RgbaColor&) const = default;
};

// [text]: how text is drawn and how much of it is kept rasterized.
struct TextSettings {
    int outline_px = 0;  // 0: no outline
    RgbaColor outline_color{0, 0, 0, 255};
    int shadow_px = 0;  // 0: no shadow
    RgbaColor shadow_color{0, 0, 0, 160};
    std::size_t cache_bytes = 32u * 1024u * 1024u;

    bool operator==(const TextSettings&) const = default;
};

struct FeedSource {
    std::string name;      // shown in log lines: feed "ministry-en": ...
    std::string location;  // a URL: file://, http:// or https://
    std::string language;  // "ko", "en": the language of titles that do not say
    std::chrono::seconds poll_interval{300};
    // HTTP(S) only. Defaults here are the documented config defaults.
    std::vector<HeaderField> headers{};  // sent to the feed's own server only
    std::string ca_file{};               // an absolute path; empty: the system's CAs
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds total_timeout{30'000};
    std::size_t max_body_bytes = 8u * 1024u * 1024u;
    bool urgent = false;  // an alerts source: every notice of this feed is urgent
};

// [screen]: what the screen shows and how it looks.
enum class ScreenLayout {
    featured_ticker,  // "featured+ticker": one notice large, the crawl along the bottom (default)
    ticker,           // "ticker": the crawl band only, over the background
    list,             // "list": a page of the latest notices, turning every list_page_s
};
enum class ClockStyle { korean, english, both, off };  // "korean" 2018년 6월 4일 (월) 14:05, "english" Mon 4 Jun 2018 14:05
// How the featured notice (and a page of the list) gives way to the next, over [featured]
// transition_s.
enum class NoticeTransition {
    crossfade,  // "crossfade": the old one fades out as the new one fades in (default)
    slide,      // "slide": the new one pushes the old one out to the left
    cut,        // "cut": the new one replaces the old one at once
};

struct ScreenSettings {
    ScreenLayout layout = ScreenLayout::featured_ticker;
    std::string agency_name_ko;               // empty: none shown
    std::string agency_name_en;
    std::optional<std::filesystem::path> logo;  // absolute; PNG, SVG or JPEG, checked to exist
    ClockStyle clock = ClockStyle::both;
    std::string time_zone = "Asia/Seoul";       // an IANA name, checked against the zone database
    double list_page_s = 12.0;                  // 3..600
    NoticeTransition transition = NoticeTransition::crossfade;
    // Colours of the theme.
    RgbaColor background{11, 31, 58, 255};
    RgbaColor band{5, 18, 38, 255};  // the crawl band and the header
    RgbaColor text{255, 255, 255, 255};
    RgbaColor accent{242, 179, 61, 255};
    std::optional<std::filesystem::path> background_image;  // absolute; PNG or JPEG, scaled to cover

    bool operator==(const ScreenSettings&) const = default;
};

// [display]: how the picture reaches the panel.
enum class RendererChoice {
    automatic,  // "auto": the GPU when there is one; SDL's software renderer when OpenGL is itself software (llvmpipe)
    gpu,        // "gpu"
    software,   // "software"
};
struct DisplaySettings {
    RendererChoice renderer = RendererChoice::automatic;
    int rotation_degrees = 0;  // 0, 90, 180 or 270, clockwise: for portrait-mounted screens
    int safe_area_percent = 0;  // 0..10 on each side, for TVs that overscan

    bool operator==(const DisplaySettings&) const = default;
};

// [schedule]: when the screen is on. Outside the on hours it is black and the display may sleep.
struct DayHours {
    std::chrono::minutes on{0};   // since midnight, local time
    std::chrono::minutes off{0};  // after `on`; may be 24:00 (1440)

    bool operator==(const DayHours&) const = default;
};
struct ScheduleSettings {
    // Index 0 = Monday ... 6 = Sunday. nullopt: off all day. Default: on all day, every day.
    std::array<std::optional<DayHours>, 7> week{DayHours{std::chrono::minutes{0}, std::chrono::minutes{1440}},
                                                DayHours{std::chrono::minutes{0}, std::chrono::minutes{1440}},
                                                DayHours{std::chrono::minutes{0}, std::chrono::minutes{1440}},
                                                DayHours{std::chrono::minutes{0}, std::chrono::minutes{1440}},
                                                DayHours{std::chrono::minutes{0}, std::chrono::minutes{1440}},
                                                DayHours{std::chrono::minutes{0}, std::chrono::minutes{1440}},
                                                DayHours{std::chrono::minutes{0}, std::chrono::minutes{1440}}};
    std::vector<std::chrono::year_month_day> dates_off;  // public holidays: off all day
    // A program and its arguments, run without a shell when the off hours begin and end to put
    // the display to sleep and wake it (HDMI-CEC, wlr-randr). Both set, or both empty: then the
    // player tries X11 DPMS.
    std::vector<std::string> display_off_command;
    std::vector<std::string> display_on_command;

    bool operator==(const ScheduleSettings&) const = default;
};

// [urgent]: which notices preempt the rotation with a full-width banner.
struct UrgentSettings {
    std::vector<std::string> categories{"긴급", "urgent", "alert"};  // a notice in one of these (any case)
    std::vector<std::string> keywords;                              // or whose title contains one
    std::chrono::hours max_age{24};  // an urgent notice older than this is no longer urgent
    RgbaColor banner{196, 30, 45, 255};
    RgbaColor banner_text{255, 255, 255, 255};

    bool operator==(const UrgentSettings&) const = default;
};

struct Config {
    std::vector<FeedSource> feeds;
    double crawl_speed_px_per_s = 120.0;
    double featured_dwell_s = 8.0;
    // [cache] directory, absolute; nullopt: default_cache_directory() (feed/feed_cache.hpp).
    std::optional<std::filesystem::path> cache_directory;
    // [notices]: how notices of all feeds are merged and limited, and when the screen says
    // that its notices may be out of date.
    BoardRules notice_rules;
    FontSettings fonts;
    TextSettings text;
    ScreenSettings screen;
    DisplaySettings display;
    ScheduleSettings schedule;
    UrgentSettings urgent;
    // [featured] also: dwell_s is for a short title; longer ones stay longer, up to max_dwell_s.
    double featured_max_dwell_s = 20.0;
    double featured_transition_s = 0.6;  // a change of notice takes this ([screen] transition says how); 0: a cut
    std::chrono::seconds stale_after{std::chrono::minutes{30}};
    // Not a config key: off for a one-off `--feed` preview, whose notices must not linger in
    // the cache and show up at the next preview of another feed.
    bool offline_cache = true;
};

// Reads and validates a TOML file. Errors read "path:line: key: what is wrong".
Result<Config> load_config(const std::filesystem::path& path);
// The same for text already in memory; `origin` names it in errors and anchors relative paths.
Result<Config> parse_config(std::string_view toml_text, const std::filesystem::path& origin);

// What the player shows with no --config: the bundled sample feed.
Config default_config(const std::filesystem::path& data_dir);

// A feed location as written in a config (a path, relative to `base_dir`, or a URL) as a URL.
std::string feed_location_to_url(std::string_view location, const std::filesystem::path& base_dir);

#pragma once
// The player's settings. load_config() is the one place that knows the TOML keys.
#include "model/notice_board.hpp"
#include "util/result.hpp"

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

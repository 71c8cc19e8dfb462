#pragma once
// The values a config writes as text, parsed without TOML: language tags, URLs, colours, times
// of day, dates, paths. Pure, so each is tested on its own through the loader's errors.
#include "config/rgba_color.hpp"
#include "config/schedule_settings.hpp"
#include "util/result.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace signage::config {

// `text` between double quotes, as errors show what was written, with quotes, backslashes and
// control characters escaped as TOML writes them (so an error is always one line).
std::string in_quotes(std::string_view text);

// BCP 47 in the shape feeds use: a 2-3 letter language, then 1-8 character subtags. Returned in
// the canonical case ("ko-KR", "zh-Hant-TW") because the rest of the player compares tags as
// plain strings and feeds write them in lower case.
std::optional<std::string> canonical_language_tag(std::string_view tag);

// A feed URL with its scheme (http, https or file) in lower case, so that code that looks for
// "file://" stays simple; the error says what is wrong with it and what to write.
Result<std::string> feed_url(std::string_view url);

// An HTTP token (RFC 9110): what a header name may be made of.
bool is_header_token(std::string_view name);
bool has_space_or_control(std::string_view text);
// A line break would end a header and start another: a header injection. Tabs are allowed.
bool has_line_break_or_control(std::string_view text);

// "#RRGGBB" or "#RRGGBBAA", as web pages and design tools write colours.
std::optional<RgbaColor> parse_hex_color(std::string_view text);

// "HH:MM", 00:00 to 24:00, as minutes since midnight.
std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text);
// "on", "off" or "HH:MM-HH:MM" with the start first. The outer optional is empty when the text
// is none of these; the inner one when the screen is off all day.
std::optional<std::optional<DayHours>> parse_day_hours(std::string_view text);
// "2026-12-25": what a TOML date looks like, for those who quote it.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);

// A path as written in the config, relative to the config file's folder, made absolute.
std::filesystem::path config_relative_path(std::string_view written, const std::filesystem::path& base_dir);
// A path's bytes as a URL's path: unreserved characters and '/' stay, the rest is %XX.
std::string percent_encode_path(std::string_view path);

}  // namespace signage::config

#pragma once
// Dates as feeds write them -> UTC.
#include "model/notice.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace signage::feed {

// Korea Standard Time, the zone of dates written in Korean (no daylight saving since 1988).
inline constexpr std::chrono::minutes kKoreaOffset{9 * 60};

// RFC 822 / RFC 1123 ("Mon, 04 Jun 2018 14:05:00 +0900", named zones incl. KST),
// RFC 3339 / ISO 8601 ("2018-06-04T14:05:00+09:00"), the dotted and slashed dates of Korean
// sites ("2018.06.04", "2018/06/04 14:05") and the Korean forms "2018년 06월 04일 14:05:00" and
// "2018-06-04 오후 2:05:00". nullopt when it is none of these.
//
// A time that names no zone is read at `zoneless_offset` east of UTC (an unknown RFC 822 zone
// name counts as none, as RFC 2822 section 4.3 says); the caller knows whose clock the feed
// keeps. The Korean forms name Korea by their script and are always read as +09:00 unless they
// state a zone. A date before 1970 (a placeholder such as "0000-00-00") or in the year 9999
// or later reads as no date.
std::optional<model::TimePoint> parse_feed_time(std::string_view text, std::chrono::minutes zoneless_offset = std::chrono::minutes{0});

// "2018-06-04T05:05:00Z": how dump-feed (and the tests) write a time.
std::string format_iso8601_utc(model::TimePoint time);

}  // namespace signage::feed

#pragma once
// Dates as feeds write them -> UTC.
#include "model/notice.hpp"

#include <optional>
#include <string_view>

// RFC 822 / RFC 1123 ("Mon, 04 Jun 2018 14:05:00 +0900", named zones incl. KST) and
// RFC 3339 / ISO 8601 ("2018-06-04T14:05:00+09:00"). nullopt when it is neither.
std::optional<TimePoint> parse_feed_time(std::string_view text);

#pragma once
// When the feeds have not been confirmed for a while, the screen says since when, so a
// passer-by (and the IT officer) can tell the notices may be out of date.
#include "model/notice.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace signage::app {

// Empty while fresh (or before anything was ever fetched); else "업데이트 14:05 · Updated 14:05",
// with the date too once it is a day old. Times in the screen's time zone (use_time_zone).
std::string freshness_note(std::optional<model::TimePoint> last_confirmed, model::TimePoint now, std::chrono::seconds stale_after);

}  // namespace signage::app

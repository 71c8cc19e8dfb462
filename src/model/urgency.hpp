#pragma once
// Which notices are urgent now, by the [urgent] rules of the config: those preempt the rotation
// with a banner. Pure: the time is given.
#include "config/urgent_settings.hpp"
#include "model/notice.hpp"

#include <chrono>
#include <functional>
#include <string_view>
#include <vector>

namespace signage::model {

// Urgent when the feed says so (urgent_flag), when it comes from an alerts feed, when one of
// its categories is one of the settings' (ASCII case ignored, spaces around ignored), or when
// one of its titles, in any language, contains one of the keywords (ASCII case ignored). And
// only while it is not older than max_age, by its published date, else its updated one: an
// undated notice stays urgent, and so does one dated ahead of `now` (a clock set wrong).
bool is_urgent(const Notice& notice, const config::UrgentSettings& settings, bool from_urgent_feed, std::chrono::sys_seconds now);

// The urgent notices among `notices`, newest first, undated ones last in their order.
// `is_alert_feed` says whether a source is an alerts feed; empty: none is. A notice is from an
// alerts feed when any source that carried it is one (Notice::source_name or also_from).
// The pointers point into `notices`.
std::vector<const Notice*> urgent_notices(const std::vector<Notice>& notices, const config::UrgentSettings& settings,
    const std::function<bool(std::string_view source_name)>& is_alert_feed, std::chrono::sys_seconds now);

// Whether the text of a feed's urgent flag (sp:urgent, _signage_player.urgent) says yes:
// "true", "yes" or "1", ASCII case and spaces around ignored.
bool is_urgent_flag_text(std::string_view text);

}  // namespace signage::model

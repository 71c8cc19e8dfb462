#pragma once
// The rules of CAP for one alert on its own (model/alert_board.hpp has the whole set): which
// <info>s to show and in what order, whether the area filter takes it, when it shows, where it
// goes. Used by AlertBoard and judge_alert.
#include "config/alert_settings.hpp"
#include "model/alert.hpp"
#include "model/alert_board.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signage::model {

// A CAP code as written ("Actual", " actual "): CAP's codes are case-sensitive, but a sender
// writing "ACTUAL" means Actual.
bool is_cap_code(std::string_view written, std::string_view code);

// The <info>s to show: those with a headline, event or description; the configured languages
// first, in their order ("ko" matches "ko-KR"; no language is "en-US"), one per language (the
// first), then one of each other language in document order.
std::vector<AlertInfo> pick_infos(const std::vector<AlertInfo>& infos, const std::vector<std::string>& languages);

// Whether the area filter takes the alert: no filter, no <area> at all, an <areaDesc>
// containing one of `areas` (ASCII case ignored) or a <geocode> value among `geocodes`.
bool alert_in_area(const std::vector<AlertInfo>& infos, const config::AlertSettings& settings);

// Where an alert of this severity and urgency goes.
config::AlertPlacement placement_for(AlertSeverity severity, AlertUrgency urgency, const config::AlertSettings& settings);

// Whether `a` goes before `b` on screen: severity, urgency, newest sent first, then identifier
// and sender (a total order: the same alerts always show in the same order).
bool shows_before(const ShownAlert& a, const ShownAlert& b);

// One alert judged on its own at `now`. `first_seen` stands in for the time it took effect when
// it has neither effective nor sent (judge_alert: now). `next_change` is the next time after
// `now` at which the verdict changes by the clock alone (it takes effect or expires).
struct AlertJudgement {
    AlertAbsence why = AlertAbsence::none;
    std::optional<ShownAlert> shown;
    std::optional<TimePoint> next_change;
};
AlertJudgement judge(const Alert& alert, const config::AlertSettings& settings, TimePoint now, TimePoint first_seen);

// "2026-12-06T12:25:35Z".
std::string utc_text(TimePoint time);

}  // namespace signage::model

#include "model/alert_rules.hpp"

#include "util/ascii.hpp"

#include <algorithm>
#include <ctime>
#include <tuple>

namespace signage::model {

namespace {

bool has_content(const AlertInfo& info)
{
    return !ascii_trim(info.headline).empty() || !ascii_trim(info.event).empty() || !ascii_trim(info.description).empty();
}

std::string info_language(const AlertInfo& info)
{
    const std::string_view written = ascii_trim(info.language);
    return written.empty() ? std::string(kCapDefaultLanguage) : ascii_lower(written);
}

// "ko" matches "ko" and "ko-KR"; "en-US" matches "en-us" only.
bool language_matches(std::string_view language, std::string_view wanted)
{
    if (wanted.empty())
        return false;
    if (ascii_iequals(language, wanted))
        return true;
    return language.size() > wanted.size() && ascii_istarts_with(language, wanted) && language[wanted.size()] == '-';
}

bool contains_ignoring_ascii_case(std::string_view text, std::string_view part)
{
    return !part.empty() && ascii_lower(text).find(ascii_lower(part)) != std::string::npos;
}

bool area_matches(const AlertArea& area, const config::AlertSettings& settings)
{
    for (const std::string& wanted : settings.areas) {
        if (contains_ignoring_ascii_case(area.description, ascii_trim(wanted)))
            return true;
    }
    for (const AlertGeocode& code : area.geocodes) {
        const std::string_view value = ascii_trim(code.value);
        if (!value.empty() && std::ranges::find(settings.geocodes, value) != settings.geocodes.end())
            return true;
    }
    return false;
}

// When the alert shows, and until when: the earliest start and the latest end of its infos.
struct TimeWindow {
    std::optional<TimePoint> from;  // none: at once
    TimePoint until;
};

TimeWindow time_window(const Alert& alert, const std::vector<AlertInfo>& infos, std::chrono::hours max_age,
                       TimePoint first_seen)
{
    TimeWindow window{std::nullopt, TimePoint::min()};
    bool any_start = false;
    for (const AlertInfo& info : infos) {
        const std::optional<TimePoint> start = info.effective ? info.effective : alert.sent;
        if (start) {
            window.from = any_start ? std::min(*window.from, *start) : *start;
            any_start = true;
        }
        const TimePoint end = info.expires ? *info.expires : start.value_or(first_seen) + max_age;
        window.until = std::max(window.until, end);
    }
    return window;
}

// The verdict before the clock is asked: the codes, the infos, the area.
AlertAbsence judge_codes(const Alert& alert, const std::vector<AlertInfo>& infos, const config::AlertSettings& settings)
{
    if (is_cap_code(alert.msg_type, "Ack") || is_cap_code(alert.msg_type, "Error"))
        return AlertAbsence::not_an_alert;
    if (!is_cap_code(alert.status, "Actual"))
        return AlertAbsence::not_actual;
    if (!is_cap_code(alert.scope, "Public"))
        return AlertAbsence::not_public;
    if (is_cap_code(alert.msg_type, "Cancel"))
        return AlertAbsence::not_an_alert;
    if (infos.empty())
        return is_cap_code(alert.msg_type, "Update") ? AlertAbsence::not_an_alert : AlertAbsence::no_info;
    if (!alert_in_area(infos, settings))
        return AlertAbsence::not_here;
    return AlertAbsence::none;
}

ShownAlert make_shown(const Alert& alert, std::vector<AlertInfo> infos, TimePoint until, const config::AlertSettings& settings)
{
    ShownAlert shown;
    shown.alert = alert;
    for (const AlertInfo& info : infos) {
        shown.severity = std::min(shown.severity, info.severity_level());
        shown.urgency = std::min(shown.urgency, info.urgency_level());
    }
    shown.infos = std::move(infos);
    shown.placement = placement_for(shown.severity, shown.urgency, settings);
    shown.until = until;
    return shown;
}

}  // namespace

bool is_cap_code(std::string_view written, std::string_view code)
{
    return ascii_iequals(ascii_trim(written), code);
}

std::vector<AlertInfo> pick_infos(const std::vector<AlertInfo>& infos, const std::vector<std::string>& languages)
{
    std::vector<bool> taken(infos.size(), false);
    for (std::size_t i = 0; i < infos.size(); ++i)
        taken[i] = !has_content(infos[i]);
    std::vector<AlertInfo> picked;
    for (const std::string& wanted : languages) {
        bool first = true;
        for (std::size_t i = 0; i < infos.size(); ++i) {
            if (taken[i] || !language_matches(info_language(infos[i]), ascii_trim(wanted)))
                continue;
            if (first)
                picked.push_back(infos[i]);
            first = false;
            taken[i] = true;
        }
    }
    std::vector<std::string> others;
    for (std::size_t i = 0; i < infos.size(); ++i) {
        if (taken[i])
            continue;
        std::string language = info_language(infos[i]);
        if (std::ranges::find(others, language) == others.end()) {
            others.push_back(std::move(language));
            picked.push_back(infos[i]);
        }
    }
    return picked;
}

bool alert_in_area(const std::vector<AlertInfo>& infos, const config::AlertSettings& settings)
{
    if (settings.areas.empty() && settings.geocodes.empty())
        return true;
    bool any_area = false;
    for (const AlertInfo& info : infos) {
        for (const AlertArea& area : info.areas) {
            any_area = true;
            if (area_matches(area, settings))
                return true;
        }
    }
    return !any_area;
}

config::AlertPlacement placement_for(AlertSeverity severity, AlertUrgency urgency, const config::AlertSettings& settings)
{
    switch (severity) {
    case AlertSeverity::extreme:
        return settings.extreme;
    case AlertSeverity::severe:
        return urgency == AlertUrgency::immediate ? settings.severe_immediate : settings.severe;
    case AlertSeverity::moderate:
        return settings.moderate;
    case AlertSeverity::minor:
        return settings.minor;
    case AlertSeverity::unknown:
        break;
    }
    return settings.unknown;
}

bool shows_before(const ShownAlert& a, const ShownAlert& b)
{
    // Newest first: an alert without sent goes after those with one.
    const auto newest = [](const ShownAlert& s) { return s.alert.sent ? -s.alert.sent->time_since_epoch().count() : 0; };
    const auto key = [&](const ShownAlert& s) {
        return std::tuple(s.severity, s.urgency, !s.alert.sent.has_value(), newest(s), std::string_view(s.alert.identifier),
                          std::string_view(s.alert.sender));
    };
    return key(a) < key(b);
}

AlertJudgement judge(const Alert& alert, const config::AlertSettings& settings, TimePoint now, TimePoint first_seen)
{
    std::vector<AlertInfo> infos = pick_infos(alert.infos, settings.languages);
    AlertJudgement judgement;
    judgement.why = judge_codes(alert, infos, settings);
    if (judgement.why != AlertAbsence::none)
        return judgement;
    const TimeWindow window = time_window(alert, infos, settings.max_age, first_seen);
    if (now >= window.until) {
        judgement.why = AlertAbsence::expired;
        return judgement;
    }
    judgement.next_change = window.until;
    if (window.from && now < *window.from) {
        judgement.why = AlertAbsence::not_yet;
        judgement.next_change = window.from;
        return judgement;
    }
    ShownAlert shown = make_shown(alert, std::move(infos), window.until, settings);
    if (shown.placement == config::AlertPlacement::hidden)
        judgement.why = AlertAbsence::hidden;
    else
        judgement.shown = std::move(shown);
    return judgement;
}

std::string utc_text(TimePoint time)
{
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm parts{};
    char text[40] = "";
    if (gmtime_r(&seconds, &parts))
        std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

}  // namespace signage::model

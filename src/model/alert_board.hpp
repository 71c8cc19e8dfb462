#pragma once
// The emergency alerts on screen, by the rules of CAP and the [alerts] settings. Pure: the time
// is given, nothing is read or written; what changed is returned for the caller to log.
//
// The rules: only status Actual and scope Public are shown; an alert shows from its effective
// time (CAP: its sent time when absent; onset is when the event begins, and a warning shows
// before that) until expires (without expires, for AlertSettings::max_age after effective);
// an Update replaces the alerts it references and a Cancel removes them, for good (a
// referenced alert that comes back from a source stays off); the same sender + identifier is
// one alert, whichever source carried it; the area filter; the <info>s in the configured
// languages first. Alerts on screen are ordered by severity, then urgency, then time (newest
// first), so none hides a more severe one.
#include "config/alert_settings.hpp"
#include "model/alert.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace signage::model {

// An alert as the screen shows it: the alert, the <info>s to show (the configured languages
// first, one per language, those of other languages after), and where it goes.
struct ShownAlert {
    Alert alert;
    std::vector<AlertInfo> infos;  // never empty
    AlertSeverity severity = AlertSeverity::unknown;  // the most severe of its infos
    AlertUrgency urgency = AlertUrgency::unknown;     // the most urgent of its infos
    config::AlertPlacement placement = config::AlertPlacement::crawl;
    std::optional<TimePoint> until;  // when it leaves the screen (expires, or the maximum age)

    bool operator==(const ShownAlert&) const = default;
};

// Why an alert does not show, or no longer does.
enum class AlertAbsence {
    none,          // it shows
    not_actual,    // status Exercise, System, Test or Draft (or missing)
    not_public,    // scope Restricted or Private
    not_yet,       // before its effective / onset time
    expired,       // after expires, or the maximum age without one
    cancelled,     // a Cancel referenced it
    updated,       // an Update referenced it
    not_here,      // no area matches the filter
    gone,          // no source carries it any more
    no_info,       // no <info>, or none with a headline, event or description to show
    not_an_alert,  // msg_type Ack or Error, or itself an Update/Cancel with nothing to show
    hidden,        // [alerts] places its severity nowhere
};
// A few words for logs and dump-feed: "expired", "status Test is not shown", ...
std::string describe(AlertAbsence why, const Alert& alert);

// "sender identifier sent" as in log lines: whose alert it is.
std::string alert_key_text(const Alert& alert);

// An alert that came on screen or left it.
struct AlertChange {
    bool shown = false;          // true: first shown; false: left the screen
    AlertAbsence why = AlertAbsence::none;  // for one that left
    std::string sender;
    std::string identifier;
    std::optional<TimePoint> sent;
    std::string headline;  // the first info's, for the log
};

class AlertBoard {
public:
    explicit AlertBoard(config::AlertSettings settings = {}) : m_settings(std::move(settings)) {}

    // One source's alerts, all it carries now (replacing what it carried before). Returns what
    // came on or left the screen.
    std::vector<AlertChange> apply(const std::string& source_name, std::vector<Alert> alerts, TimePoint now);
    // The clock moved: alerts take effect and expire. Returns what came on or left the screen.
    std::vector<AlertChange> set_now(TimePoint now);
    // A source no longer configured: its alerts leave (gone).
    std::vector<AlertChange> remove_source(const std::string& source_name, TimePoint now);
    // New [alerts] settings (a reload): the same alerts judged again. Cancelled and updated
    // alerts stay off.
    std::vector<AlertChange> use_settings(config::AlertSettings settings, TimePoint now);

    // On screen now, most severe first (severity, urgency, then newest sent first).
    const std::vector<ShownAlert>& shown() const { return m_shown; }
    // Moves each time shown() changes.
    std::uint64_t revision() const { return m_revision; }

private:
    using Key = std::pair<std::string, std::string>;  // sender, identifier
    // An alert an Update or Cancel referenced: why it is off, and when a source last carried
    // the Update or Cancel (kept a week past max_age after that, so the map stays bounded).
    struct Superseded {
        AlertAbsence why = AlertAbsence::updated;
        TimePoint seen;
    };

    std::vector<AlertChange> recompute(TimePoint now, AlertAbsence default_leave_reason);
    std::map<Key, const Alert*> merged() const;
    void note_references(TimePoint now);
    void forget_superseded(TimePoint now);

    config::AlertSettings m_settings;
    std::map<std::string, std::vector<Alert>> m_by_source;
    // sender + identifier of every alert an Update or Cancel referenced, with which: they never
    // come back while the player runs (within the bound above).
    std::map<Key, Superseded> m_superseded;
    // When each alert carried now was first seen: the start of its maximum age when it has
    // neither effective nor sent.
    std::map<Key, TimePoint> m_first_seen;
    std::vector<ShownAlert> m_shown;
    std::uint64_t m_revision = 0;
    // set_now has nothing to do before this (an alert takes effect or expires), unless the
    // clock went back before m_last_now.
    std::optional<TimePoint> m_next_change;
    std::optional<TimePoint> m_last_now;
};

// Whether one alert, on its own, would show at `now` under `settings` (no other alert
// referencing it is known): what dump-feed reports for each alert of a document. With the
// ShownAlert it would be when it shows.
struct AlertVerdict {
    AlertAbsence why = AlertAbsence::none;
    std::optional<ShownAlert> shown;
};
AlertVerdict judge_alert(const Alert& alert, const config::AlertSettings& settings, TimePoint now);

}  // namespace signage::model

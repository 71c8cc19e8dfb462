#pragma once
// One emergency alert as the player knows it: the fields of an OASIS CAP 1.1 / 1.2 <alert> that
// a screen needs, whichever document carried it (a CAP file, or an entry of an Atom or RSS
// index of alerts). Codes are kept as written (trimmed), so dump-feed shows what the sender
// said; the rules (model/alert_board.hpp) read them.
#include "model/notice.hpp"

#include <optional>
#include <string>
#include <vector>

namespace signage::model {

// CAP's <severity>, most severe first; unknown: absent or not a CAP value.
enum class AlertSeverity { extreme, severe, moderate, minor, unknown };
// CAP's <urgency>, most urgent first.
enum class AlertUrgency { immediate, expected, future, past, unknown };

// One entry of <references>: "sender,identifier,sent".
struct AlertReference {
    std::string sender;
    std::string identifier;
    std::optional<TimePoint> sent;

    bool operator==(const AlertReference&) const = default;
};

// A <geocode>: <valueName> and <value> ("SAME" "006113", "행정구역코드" "1100000000").
struct AlertGeocode {
    std::string name;
    std::string value;

    bool operator==(const AlertGeocode&) const = default;
};

struct AlertArea {
    std::string description;  // <areaDesc>
    std::vector<AlertGeocode> geocodes;

    bool operator==(const AlertArea&) const = default;
};

// One <info>: the alert in one language.
struct AlertInfo {
    std::string language;  // <language> as written, lower case; empty when absent (CAP: "en-US")
    std::string event;
    std::string urgency;    // as written: "Immediate", "Expected", "Future", "Past", "Unknown"
    std::string severity;   // "Extreme", "Severe", "Moderate", "Minor", "Unknown"
    std::string certainty;  // "Observed", "Likely", "Possible", "Unlikely", "Unknown"
    std::optional<TimePoint> effective;
    std::optional<TimePoint> onset;
    std::optional<TimePoint> expires;
    std::string sender_name;  // <senderName>: the sender as people know it; may be empty
    std::string headline;
    std::string description;
    std::string instruction;
    std::string web;  // an absolute http(s) URL, or empty
    std::vector<AlertArea> areas;

    AlertSeverity severity_level() const;
    AlertUrgency urgency_level() const;

    bool operator==(const AlertInfo&) const = default;
};

struct Alert {
    std::string identifier;
    std::string sender;
    std::optional<TimePoint> sent;
    std::string status;    // "Actual", "Exercise", "System", "Test", "Draft"
    std::string msg_type;  // "Alert", "Update", "Cancel", "Ack", "Error"
    std::string scope;     // "Public", "Restricted", "Private"
    std::vector<AlertReference> references;
    std::vector<AlertInfo> infos;  // in document order
    std::string source_name;       // the [[feed]] it came from (not part of the CAP message)

    bool operator==(const Alert&) const = default;
};

// CAP's "en-US" when an <info> has no <language>.
inline constexpr const char* kCapDefaultLanguage = "en-us";

}  // namespace signage::model

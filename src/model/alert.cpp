#include "model/alert.hpp"

#include "util/ascii.hpp"

namespace signage::model {

// CAP's code values are case-sensitive, but a sender writing "EXTREME" means Extreme: reading
// it as Unknown would put a life-threatening warning at the bottom of the crawl.
AlertSeverity AlertInfo::severity_level() const
{
    if (ascii_iequals(severity, "Extreme"))
        return AlertSeverity::extreme;
    if (ascii_iequals(severity, "Severe"))
        return AlertSeverity::severe;
    if (ascii_iequals(severity, "Moderate"))
        return AlertSeverity::moderate;
    if (ascii_iequals(severity, "Minor"))
        return AlertSeverity::minor;
    return AlertSeverity::unknown;
}

AlertUrgency AlertInfo::urgency_level() const
{
    if (ascii_iequals(urgency, "Immediate"))
        return AlertUrgency::immediate;
    if (ascii_iequals(urgency, "Expected"))
        return AlertUrgency::expected;
    if (ascii_iequals(urgency, "Future"))
        return AlertUrgency::future;
    if (ascii_iequals(urgency, "Past"))
        return AlertUrgency::past;
    return AlertUrgency::unknown;
}

}  // namespace signage::model

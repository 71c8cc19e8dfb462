// PLACEHOLDER until the CAP rules land (issue 16): no alert is shown.
#include "model/alert_board.hpp"

namespace signage::model {

std::string describe(AlertAbsence, const Alert&) { return "not yet implemented"; }
std::string alert_key_text(const Alert& alert) { return alert.sender + " " + alert.identifier; }

std::vector<AlertChange> AlertBoard::apply(const std::string& source_name, std::vector<Alert> alerts, TimePoint)
{
    m_by_source[source_name] = std::move(alerts);
    return {};
}
std::vector<AlertChange> AlertBoard::set_now(TimePoint) { return {}; }
std::vector<AlertChange> AlertBoard::remove_source(const std::string& source_name, TimePoint)
{
    m_by_source.erase(source_name);
    return {};
}
std::vector<AlertChange> AlertBoard::recompute(TimePoint, AlertAbsence) { return {}; }

AlertVerdict judge_alert(const Alert&, const config::AlertSettings&, TimePoint) { return {AlertAbsence::no_info, std::nullopt}; }

}  // namespace signage::model

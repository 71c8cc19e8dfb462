#include "model/alert_board.hpp"

#include "model/alert_rules.hpp"

#include <algorithm>

namespace signage::model {

namespace {

// An Update or Cancel stays in force this long past max_age after a source last carried it.
constexpr std::chrono::days kSupersededKept{7};
// And the map of superseded alerts never holds more than this: the oldest go first.
constexpr std::size_t kMaxSuperseded = 100'000;

std::string code_or_missing(const std::string& written, const char* what)
{
    return written.empty() ? std::string(what) + " is missing" : std::string(what) + " " + written;
}

std::string first_headline(const std::vector<AlertInfo>& infos)
{
    for (const AlertInfo& info : infos) {
        if (!info.headline.empty())
            return info.headline;
    }
    return infos.empty() ? std::string() : infos.front().event;
}

AlertChange change_of(const ShownAlert& shown, bool on, AlertAbsence why)
{
    return {on, why, shown.alert.sender, shown.alert.identifier, shown.alert.sent, first_headline(shown.infos)};
}

// Of two copies of one alert, whether `candidate` is the one to keep: the later sent.
bool later(const Alert& candidate, const Alert& kept)
{
    return candidate.sent && (!kept.sent || *candidate.sent > *kept.sent);
}

}  // namespace

std::string describe(AlertAbsence why, const Alert& alert)
{
    switch (why) {
    case AlertAbsence::none:
        return "shown";
    case AlertAbsence::not_actual:
        return code_or_missing(alert.status, "status") + " is not shown";
    case AlertAbsence::not_public:
        return code_or_missing(alert.scope, "scope") + " is not shown";
    case AlertAbsence::not_yet:
        return "not yet in effect";
    case AlertAbsence::expired:
        return "expired";
    case AlertAbsence::cancelled:
        return "cancelled";
    case AlertAbsence::updated:
        return "updated";
    case AlertAbsence::not_here:
        return "not for this area";
    case AlertAbsence::gone:
        return "gone from the source";
    case AlertAbsence::no_info:
        return "no info to show";
    case AlertAbsence::not_an_alert:
        return is_cap_code(alert.msg_type, "Update") ? "an Update with no info to show"
                                                      : code_or_missing(alert.msg_type, "msgType") + " is not shown";
    case AlertAbsence::hidden:
        return "hidden by [alerts]";
    }
    return "not shown";
}

std::string alert_key_text(const Alert& alert)
{
    return alert.sender + " " + alert.identifier + " " + (alert.sent ? utc_text(*alert.sent) : std::string("(no sent)"));
}

std::vector<AlertChange> AlertBoard::apply(const std::string& source_name, std::vector<Alert> alerts, TimePoint now)
{
    for (Alert& alert : alerts)
        alert.source_name = source_name;
    m_by_source[source_name] = std::move(alerts);
    return recompute(now, AlertAbsence::gone);
}

std::vector<AlertChange> AlertBoard::set_now(TimePoint now)
{
    const bool clock_went_back = m_last_now && now < *m_last_now;
    if (!clock_went_back && (!m_next_change || now < *m_next_change)) {
        m_last_now = now;
        return {};
    }
    return recompute(now, AlertAbsence::gone);
}

std::vector<AlertChange> AlertBoard::remove_source(const std::string& source_name, TimePoint now)
{
    m_by_source.erase(source_name);
    return recompute(now, AlertAbsence::gone);
}

std::vector<AlertChange> AlertBoard::use_settings(config::AlertSettings settings, TimePoint now)
{
    m_settings = std::move(settings);
    return recompute(now, AlertAbsence::gone);
}

std::map<AlertBoard::Key, const Alert*> AlertBoard::merged() const
{
    std::map<Key, const Alert*> alerts;
    for (const auto& [source, carried] : m_by_source) {
        for (const Alert& alert : carried) {
            auto [at, inserted] = alerts.try_emplace(Key{alert.sender, alert.identifier}, &alert);
            if (!inserted && later(alert, *at->second))
                at->second = &alert;
        }
    }
    return alerts;
}

void AlertBoard::note_references(TimePoint now)
{
    for (const auto& [source, carried] : m_by_source) {
        for (const Alert& alert : carried) {
            const bool cancel = is_cap_code(alert.msg_type, "Cancel");
            if (!is_cap_code(alert.status, "Actual") || (!cancel && !is_cap_code(alert.msg_type, "Update")))
                continue;
            for (const AlertReference& reference : alert.references) {
                if (reference.sender == alert.sender && reference.identifier == alert.identifier)
                    continue;
                Superseded& entry = m_superseded[Key{reference.sender, reference.identifier}];
                if (cancel)
                    entry.why = AlertAbsence::cancelled;
                entry.seen = now;
            }
        }
    }
}

void AlertBoard::forget_superseded(TimePoint now)
{
    const auto kept = std::chrono::duration_cast<std::chrono::seconds>(m_settings.max_age + kSupersededKept);
    std::erase_if(m_superseded, [&](const auto& entry) { return entry.second.seen + kept < now; });
    if (m_superseded.size() <= kMaxSuperseded)
        return;
    std::vector<std::pair<TimePoint, Key>> by_age;
    by_age.reserve(m_superseded.size());
    for (const auto& [key, entry] : m_superseded)
        by_age.emplace_back(entry.seen, key);
    const auto excess = static_cast<std::ptrdiff_t>(by_age.size() - kMaxSuperseded);
    std::nth_element(by_age.begin(), by_age.begin() + excess, by_age.end());
    for (auto it = by_age.begin(); it != by_age.begin() + excess; ++it)
        m_superseded.erase(it->second);
}

std::vector<AlertChange> AlertBoard::recompute(TimePoint now, AlertAbsence default_leave_reason)
{
    note_references(now);
    forget_superseded(now);
    const std::map<Key, const Alert*> alerts = merged();
    std::erase_if(m_first_seen, [&](const auto& entry) { return !alerts.contains(entry.first); });

    std::vector<ShownAlert> shown;
    std::map<Key, AlertAbsence> absent;
    m_next_change.reset();
    for (const auto& [key, alert] : alerts) {
        if (auto off = m_superseded.find(key); off != m_superseded.end()) {
            absent.emplace(key, off->second.why);
            continue;
        }
        const TimePoint first_seen = m_first_seen.try_emplace(key, now).first->second;
        AlertJudgement judgement = judge(*alert, m_settings, now, first_seen);
        if (judgement.next_change && (!m_next_change || *judgement.next_change < *m_next_change))
            m_next_change = judgement.next_change;
        if (judgement.shown)
            shown.push_back(std::move(*judgement.shown));
        else
            absent.emplace(key, judgement.why);
    }
    std::ranges::sort(shown, shows_before);
    m_last_now = now;

    std::vector<AlertChange> changes;
    std::set<Key> now_on;
    for (const ShownAlert& s : shown)
        now_on.emplace(s.alert.sender, s.alert.identifier);
    std::set<Key> was_on;
    for (const ShownAlert& s : m_shown) {
        const Key key{s.alert.sender, s.alert.identifier};
        was_on.insert(key);
        if (now_on.contains(key))
            continue;
        // Not carried any more: a Cancel or Update that came instead of it says why.
        AlertAbsence why = default_leave_reason;
        if (const auto judged = absent.find(key); judged != absent.end())
            why = judged->second;
        else if (const auto off = m_superseded.find(key); off != m_superseded.end())
            why = off->second.why;
        changes.push_back(change_of(s, false, why));
    }
    for (const ShownAlert& s : shown) {
        if (!was_on.contains(Key{s.alert.sender, s.alert.identifier}))
            changes.push_back(change_of(s, true, AlertAbsence::none));
    }
    if (shown != m_shown) {
        m_shown = std::move(shown);
        ++m_revision;
    }
    return changes;
}

AlertVerdict judge_alert(const Alert& alert, const config::AlertSettings& settings, TimePoint now)
{
    AlertJudgement judgement = judge(alert, settings, now, now);
    return {judgement.why, std::move(judgement.shown)};
}

}  // namespace signage::model

#include "model/urgency.hpp"

#include "util/ascii.hpp"

#include <algorithm>
#include <optional>
#include <string>

namespace signage::model {

namespace {

bool has_urgent_category(const Notice& notice, const config::UrgentSettings& settings)
{
    return std::any_of(notice.categories.begin(), notice.categories.end(), [&](const std::string& category) {
        const std::string_view name = ascii_trim(category);
        return !name.empty() && std::any_of(settings.categories.begin(), settings.categories.end(),
            [&](const std::string& wanted) { return ascii_iequals(name, ascii_trim(wanted)); });
    });
}

bool has_urgent_keyword(const Notice& notice, const config::UrgentSettings& settings)
{
    // Lower-casing ASCII leaves UTF-8 sequences whole, so a plain find still only matches on
    // character boundaries ("긴급" inside "[긴급]").
    return std::any_of(settings.keywords.begin(), settings.keywords.end(), [&](const std::string& keyword) {
        if (keyword.empty())
            return false;  // would match every title
        const std::string wanted = ascii_lower(keyword);
        return std::any_of(notice.titles.begin(), notice.titles.end(), [&](const LocalizedTitle& title) {
            return ascii_lower(title.text).find(wanted) != std::string::npos;
        });
    });
}

std::optional<TimePoint> dated(const Notice& notice)
{
    return notice.published ? notice.published : notice.updated;
}

}  // namespace

bool is_urgent(const Notice& notice, const config::UrgentSettings& settings, bool from_urgent_feed, std::chrono::sys_seconds now)
{
    if (const auto date = dated(notice); date && now - *date > settings.max_age)
        return false;
    return notice.urgent_flag || from_urgent_feed || has_urgent_category(notice, settings)
        || has_urgent_keyword(notice, settings);
}

std::vector<const Notice*> urgent_notices(const std::vector<Notice>& notices, const config::UrgentSettings& settings,
    const std::function<bool(std::string_view source_name)>& is_alert_feed, std::chrono::sys_seconds now)
{
    std::vector<const Notice*> urgent;
    for (const Notice& notice : notices) {
        const bool from_alert_feed = is_alert_feed
            && (is_alert_feed(notice.source_name) || std::any_of(notice.also_from.begin(), notice.also_from.end(), is_alert_feed));
        if (is_urgent(notice, settings, from_alert_feed, now))
            urgent.push_back(&notice);
    }
    std::stable_sort(urgent.begin(), urgent.end(), [](const Notice* a, const Notice* b) {
        const auto date_a = dated(*a);
        const auto date_b = dated(*b);
        if (date_a && date_b)
            return *date_a > *date_b;
        return date_a.has_value() && !date_b.has_value();
    });
    return urgent;
}

bool is_urgent_flag_text(std::string_view text)
{
    const std::string_view word = ascii_trim(text);
    return ascii_iequals(word, "true") || ascii_iequals(word, "yes") || word == "1";
}

}  // namespace signage::model

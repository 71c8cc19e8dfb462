// [alerts]: which CAP emergency alerts the screen shows, and where each severity goes.
#include "config/section_keys.hpp"

#include "util/ascii.hpp"

#include <algorithm>
#include <utility>

namespace signage::config {

namespace {

// An array of non-empty strings, each checked by `check` (nullopt: fine; else what is wrong),
// or nothing when one is wrong.
template <typename Check>
std::optional<std::vector<std::string>> read_strings(ConfigReader& reader, const toml::node& value, const std::string& key,
                                                     Check check)
{
    const toml::array* entries = reader.array(value, key, "an array of strings");
    if (!entries)
        return std::nullopt;
    std::vector<std::string> strings;
    bool all_good = true;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const std::string entry_key = element_key(key, i);
        std::optional<std::string> text = reader.non_empty_string(*entries->get(i), entry_key);
        if (text) {
            if (std::optional<std::string> problem = check(*text)) {
                reader.report(entries->get(i)->source(), entry_key, *problem);
                text.reset();
            }
        }
        if (text)
            strings.push_back(std::move(*text));
        else
            all_good = false;
    }
    return all_good ? std::optional(std::move(strings)) : std::nullopt;
}

std::optional<std::string> no_control(const std::string& text)
{
    if (has_line_break_or_control(text))
        return std::string("contains a line break or another control character");
    return std::nullopt;
}

std::optional<std::string> geocode_problem(const std::string& text)
{
    if (has_space_or_control(text))
        return in_quotes(text) + R"( is not a geocode value like "1100000000": it contains a space or a control character)";
    return std::nullopt;
}

void read_languages(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    auto tags = read_strings(reader, value, key, [](const std::string& tag) -> std::optional<std::string> {
        if (!canonical_language_tag(tag))
            return in_quotes(tag) + R"( is not a language tag like "ko", "en" or "ko-KR")";
        return std::nullopt;
    });
    if (!tags)
        return;
    for (std::string& tag : *tags)
        tag = *canonical_language_tag(tag);
    config.alerts.languages = std::move(*tags);
}

constexpr Word<AlertPlacement> placement_words[] = {
    {"banner", AlertPlacement::banner},
    {"band", AlertPlacement::band},
    {"crawl", AlertPlacement::crawl},
    {"hidden", AlertPlacement::hidden},
};

template <auto member>
void read_placement(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    read_word(reader, value, key, "a place for alerts", placement_words, config.alerts.*member);
}

constexpr KeyRule<Config> alert_keys[] = {
    {"areas", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto areas = read_strings(reader, value, key, no_control))
             config.alerts.areas = std::move(*areas);
     }},
    {"geocodes", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto codes = read_strings(reader, value, key, geocode_problem))
             config.alerts.geocodes = std::move(*codes);
     }},
    {"max_age_hours", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto hours = reader.integer(value, key, {1, 720}))
             config.alerts.max_age = std::chrono::hours{*hours};
     }},
    {"languages", read_languages},
    {"extreme", read_placement<&AlertSettings::extreme>},
    {"severe_immediate", read_placement<&AlertSettings::severe_immediate>},
    {"severe", read_placement<&AlertSettings::severe>},
    {"moderate", read_placement<&AlertSettings::moderate>},
    {"minor", read_placement<&AlertSettings::minor>},
    {"unknown", read_placement<&AlertSettings::unknown>},
};

}  // namespace

void read_alerts(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    read_table(reader, value, key, alert_keys, config);
}

}  // namespace signage::config

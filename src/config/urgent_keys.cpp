// [urgent]: which notices preempt the rotation with a banner, and how it looks.
#include "config/section_keys.hpp"

#include <utility>

namespace signage::config {

namespace {

// Words to match notices by: an empty one would match every notice.
std::optional<std::vector<std::string>> read_words(ConfigReader& reader, const toml::node& value, const std::string& key)
{
    const toml::array* entries = reader.array(value, key, "an array of strings");
    if (!entries)
        return std::nullopt;
    std::vector<std::string> words;
    bool all_good = true;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        if (auto word = reader.non_empty_string(*entries->get(i), element_key(key, i)))
            words.push_back(std::move(*word));
        else
            all_good = false;
    }
    return all_good ? std::optional(std::move(words)) : std::nullopt;
}

constexpr KeyRule<Config> urgent_keys[] = {
    {"categories", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto words = read_words(reader, value, key))
             config.urgent.categories = std::move(*words);
     }},
    {"keywords", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto words = read_words(reader, value, key))
             config.urgent.keywords = std::move(*words);
     }},
    {"max_age_hours", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto hours = reader.integer(value, key, {1, 720}))
             config.urgent.max_age = std::chrono::hours{*hours};
     }},
    {"banner", read_color_of<&Config::urgent, &UrgentSettings::banner>},
    {"banner_text", read_color_of<&Config::urgent, &UrgentSettings::banner_text>},
};

}  // namespace

void read_urgent(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    read_table(reader, value, key, urgent_keys, config);
}

}  // namespace signage::config

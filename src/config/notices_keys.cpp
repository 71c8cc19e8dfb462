// [notices], [cache], [crawl] and [featured]: which notices the board keeps, where their cache
// lives, and how they move on the screen.
#include "config/section_keys.hpp"

#include <algorithm>
#include <utility>

namespace signage::config {

namespace {

constexpr Word<PairingKey> pairing_words[] = {
    {"id", PairingKey::id},
    {"link", PairingKey::link},
    {"pair", PairingKey::pair},
};

constexpr KeyRule<Config> notices_keys[] = {
    {"max_count", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto count = reader.integer(value, key, {1, 100}))
             config.notice_rules.max_notices = static_cast<std::size_t>(*count);
     }},
    {"max_age_days", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto days = reader.integer(value, key, {1, 3650}))
             config.notice_rules.max_age = std::chrono::days{*days};
     }},
    {"pair_by", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_word(reader, value, key, "a pairing key", pairing_words, config.notice_rules.pair_by);
     }},
    {"stale_after_min", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto minutes = reader.integer(value, key, {1, 10080}))
             config.stale_after = std::chrono::minutes{*minutes};
     }},
};

constexpr KeyRule<Config> cache_keys[] = {
    {"directory", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (std::optional<std::filesystem::path> path = reader.path(value, key))
             config.cache_directory = std::move(*path);
     }},
};

constexpr KeyRule<Config> crawl_keys[] = {
    {"speed_px_per_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto speed = reader.number(value, key, {10, 2000}))
             config.crawl_speed_px_per_s = *speed;
     }},
};

// dwell_s and max_dwell_s are checked against each other once both are read, so the draft keeps
// where each valid one was written: the mistake is the one of the two that comes second.
struct FeaturedDraft {
    double dwell_s;
    double max_dwell_s;
    double transition_s;
    std::optional<toml::source_region> dwell_at;
    std::optional<toml::source_region> max_dwell_at;
};

constexpr KeyRule<FeaturedDraft> featured_keys[] = {
    {"dwell_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeaturedDraft& featured) {
         if (auto dwell = reader.number(value, key, {2, 600})) {
             featured.dwell_s = *dwell;
             featured.dwell_at = value.source();
         }
     }},
    {"max_dwell_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeaturedDraft& featured) {
         if (auto dwell = reader.number(value, key, {2, 600})) {
             featured.max_dwell_s = *dwell;
             featured.max_dwell_at = value.source();
         }
     }},
    {"transition_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeaturedDraft& featured) {
         if (auto seconds = reader.number(value, key, {0, 5}))
             featured.transition_s = *seconds;
     }},
};

// Both dwells were written and are valid, and the longest is shorter than the shortest: the
// one written second is the mistake.
void report_dwell_order(ConfigReader& reader, const FeaturedDraft& featured, const std::string& key)
{
    auto position = [](const toml::source_region& where) { return std::pair{where.begin.line, where.begin.column}; };
    if (featured.dwell_at && position(*featured.dwell_at) > position(*featured.max_dwell_at))
        reader.report(*featured.dwell_at, join_key(key, "dwell_s"),
                      format_number(featured.dwell_s) + " is more than max_dwell_s (" + format_number(featured.max_dwell_s)
                          + "); it must be max_dwell_s or less");
    else
        reader.report(*featured.max_dwell_at, join_key(key, "max_dwell_s"),
                      format_number(featured.max_dwell_s) + " is less than dwell_s (" + format_number(featured.dwell_s)
                          + "); it must be dwell_s or more");
}

}  // namespace

void read_notices(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    read_table(reader, value, key, notices_keys, config);
}

void read_cache(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    read_table(reader, value, key, cache_keys, config);
}

void read_crawl(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    read_table(reader, value, key, crawl_keys, config);
}

void read_featured(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    const toml::table* table = reader.table(value, key);
    if (!table)
        return;
    FeaturedDraft featured{config.featured_dwell_s, config.featured_max_dwell_s, config.featured_transition_s, {}, {}};
    const PresentKeys present = read_keys(reader, *table, key, featured_keys, featured);
    config.featured_dwell_s = featured.dwell_s;
    config.featured_transition_s = featured.transition_s;
    // A dwell_s already wrong has its own error; comparing its default would add a false one.
    const bool dwell_usable = featured.dwell_at || !contains(present, "dwell_s");
    if (!featured.max_dwell_at) {
        // Configs written before max_dwell_s existed may set a long dwell_s: they keep working.
        if (!contains(present, "max_dwell_s"))
            config.featured_max_dwell_s = std::max(featured.max_dwell_s, featured.dwell_s);
        return;
    }
    config.featured_max_dwell_s = featured.max_dwell_s;
    if (dwell_usable && featured.max_dwell_s < featured.dwell_s)
        report_dwell_order(reader, featured, key);
}

}  // namespace signage::config

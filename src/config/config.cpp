// The loader's entry points: reads the file, parses the TOML, and hands each top-level key to
// its section's reader (section_keys.hpp).
#include "config/config.hpp"

#include "config/config_file.hpp"
#include "config/section_keys.hpp"
#include "util/ascii.hpp"

#include <exception>

namespace signage::config {

namespace {

constexpr KeyRule<Config> top_level_keys[] = {
    {"feed", read_feeds},
    {"crawl", read_crawl},
    {"featured", read_featured},
    {"cache", read_cache},
    {"notices", read_notices},
    {"fonts", read_fonts},
    {"text", read_text},
    {"screen", read_screen},
    {"display", read_display},
    {"schedule", read_schedule},
    {"urgent", read_urgent},
    {"alerts", read_alerts},
    {"status", read_status},
};

}  // namespace

Result<Config> load_config(const std::filesystem::path& path, const ConfigChecks& checks)
{
    auto text = read_config_file(path);
    if (!text)
        return text.error();
    return parse_config(text.value(), path, checks);
}

Result<Config> parse_config(std::string_view toml_text, const std::filesystem::path& origin, const ConfigChecks& checks)
{
    const std::string origin_text = origin.empty() ? std::string("config") : origin.string();

    if (auto deep = check_key_depth(toml_text, origin_text); !deep)
        return deep.error();
    toml::table root;
    try {
        root = toml::parse(toml_text, std::string_view(origin_text));
    } catch (const toml::parse_error& error) {
        std::string description(error.description());
        std::ranges::replace(description, '\n', ' ');  // errors are one line, whatever toml++ says
        const toml::source_position& at = error.source().begin;
        return Error{origin_text + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": "
                     + description};
    } catch (const std::exception& error) {  // std::bad_alloc, say: the running player goes on
        return Error{origin_text + ": cannot be read as TOML (" + error.what() + ")"};
    }

    ConfigReader reader(origin_text, origin.parent_path(), checks);
    Config config;
    PresentKeys present = read_keys(reader, root, "", top_level_keys, config);
    if (!contains(present, "feed"))
        reader.report_unplaced("feed", "at least one [[feed]] is required");

    if (std::optional<Error> error = reader.first_error())
        return *std::move(error);
    return config;
}

Config default_config(const std::filesystem::path& data_dir)
{
    Config config;
    FeedSource sample;
    sample.name = "sample";
    sample.location = feed_location_to_url((data_dir / "assets" / "sample-feed.xml").string(), {});
    sample.language = "ko";
    config.feeds.push_back(std::move(sample));
    return config;
}

std::string feed_location_to_url(std::string_view location, const std::filesystem::path& base_dir)
{
    for (std::string_view scheme : {"http://", "https://", "file://"}) {
        if (ascii_istarts_with(location, scheme))
            return std::string(location);
    }
    return "file://" + percent_encode_path(config_relative_path(location, base_dir).generic_string());
}

}  // namespace signage::config

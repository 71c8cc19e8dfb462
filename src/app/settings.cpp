#include "app/settings.hpp"

Result<Config> resolve_config(const CommandLine& command_line, const std::filesystem::path& data_dir)
{
    Config config = default_config(data_dir);
    if (command_line.config_path) {
        auto loaded = load_config(*command_line.config_path);
        if (!loaded)
            return loaded.error();
        config = std::move(loaded.value());
    }
    if (command_line.feed) {
        // A feed given on the command line is previewed alone, as Korean unless it says otherwise.
        const auto base_dir = std::filesystem::current_path();
        FeedSource preview;
        preview.name = "feed";
        preview.location = feed_location_to_url(*command_line.feed, base_dir);
        preview.language = "ko";
        config.feeds = {preview};
        config.offline_cache = false;
    }
    return config;
}

SceneSettings scene_settings(const Config& config)
{
    return SceneSettings{config.crawl_speed_px_per_s, config.featured_dwell_s};
}

FontRoles font_roles(const Config& config, const std::filesystem::path& data_dir)
{
    FontRoles roles = FontRoles::bundled(BundledFonts::in(data_dir));
    for (const auto& [role, files] : config.fonts) {
        if (auto* chain = roles.find(role)) {
            chain->clear();
            for (const auto& file : files)
                chain->push_back(FontFile{file.path, file.face_index});
        }
    }
    return roles;
}

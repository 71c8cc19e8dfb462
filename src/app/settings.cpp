#include "app/settings.hpp"

#include "app/config_checks.hpp"
#include "model/urgency.hpp"

#include <algorithm>

namespace signage::app {

Result<config::Config> resolve_config(const CommandLine& command_line, const std::filesystem::path& data_dir)
{
    config::Config config = config::default_config(data_dir);
    if (command_line.config_path) {
        auto loaded = load_checked_config(*command_line.config_path);
        if (!loaded)
            return loaded.error();
        config = std::move(loaded.value());
    }
    if (command_line.feed) {
        // A feed given on the command line is previewed alone, as Korean unless it says otherwise.
        const auto base_dir = std::filesystem::current_path();
        config::FeedSource preview;
        preview.name = "feed";
        preview.location = config::feed_location_to_url(*command_line.feed, base_dir);
        preview.language = "ko";
        config.feeds = {preview};
        config.offline_cache = false;
    }
    return config;
}

render::SceneSettings scene_settings(const config::Config& config)
{
    using render::sdl_color;
    render::SceneSettings settings;
    settings.crawl_speed_px_per_s = config.crawl_speed_px_per_s;
    settings.featured_dwell_s = config.featured_dwell_s;
    settings.featured_max_dwell_s = config.featured_max_dwell_s;
    settings.featured_transition_s = config.featured_transition_s;
    settings.text_effects = render::text_effects_of(config.text);
    settings.text_cache_bytes = config.text.cache_bytes;
    settings.screen = config.screen;
    settings.alert_background = sdl_color(config.urgent.banner);
    settings.alert_text = sdl_color(config.urgent.banner_text);
    settings.theme = render::Theme::from(sdl_color(config.screen.background), sdl_color(config.screen.band),
                                         sdl_color(config.screen.text), sdl_color(config.screen.accent));
    return settings;
}

namespace {

// A chain from the config, followed by the bundled lazy fallbacks (Old Hangul, Hanja, Hebrew,
// Arabic): they cost nothing until text needs them.
std::vector<text::FontFile> font_files(const std::vector<config::FontFileSetting>& settings, const std::vector<text::FontFile>& fallbacks)
{
    std::vector<text::FontFile> files;
    for (const auto& setting : settings)
        files.push_back(text::FontFile{setting.path, setting.face_index});
    files.insert(files.end(), fallbacks.begin(), fallbacks.end());
    return files;
}

}  // namespace

text::FontRoles font_roles(const config::Config& config, const std::filesystem::path& data_dir)
{
    const text::BundledFonts bundled = text::BundledFonts::in(data_dir);
    const auto regular = config.fonts.regular.empty() ? bundled.regular_chain() : font_files(config.fonts.regular, bundled.regular_fallbacks());
    const auto bold = config.fonts.bold.empty() ? bundled.bold_chain() : font_files(config.fonts.bold, bundled.bold_fallbacks());
    text::FontRoles roles = text::FontRoles::in_weights(regular, bold);
    for (const auto& [role, weight] : config.fonts.role_weights)
        if (auto* chain = roles.find(role))
            *chain = weight == config::FontWeight::bold ? bold : regular;
    for (const auto& [role, files] : config.fonts.role_chains)
        if (auto* chain = roles.find(role))
            *chain = font_files(files, bundled.regular_fallbacks());
    return roles;
}

std::vector<const model::Notice*> configured_urgent_notices(const config::Config& config, const std::vector<model::Notice>& notices,
                                                     std::chrono::sys_seconds now)
{
    const auto is_alert_feed = [&](std::string_view source) {
        return std::any_of(config.feeds.begin(), config.feeds.end(),
                           [&](const config::FeedSource& feed) { return feed.urgent && feed.name == source; });
    };
    return model::urgent_notices(notices, config.urgent, is_alert_feed, now);
}

}  // namespace signage::app

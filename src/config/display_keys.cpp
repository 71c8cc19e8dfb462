// [display]: how the picture reaches the panel.
#include "config/section_keys.hpp"

namespace signage::config {

namespace {

constexpr Word<RendererChoice> renderer_words[] = {
    {"auto", RendererChoice::automatic},
    {"gpu", RendererChoice::gpu},
    {"software", RendererChoice::software},
};

// Quarter turns only: a screen is mounted upright, upside down or on either side.
void read_rotation(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    const auto* degrees = value.as_integer();
    if (!degrees) {
        reader.report(value.source(), key, "expected an integer, got " + std::string(type_name(value.type())));
        return;
    }
    const std::int64_t written = degrees->get();
    if (written == 0 || written == 90 || written == 180 || written == 270)
        config.display.rotation_degrees = static_cast<int>(written);
    else
        reader.report(value.source(), key, std::to_string(written) + " is not a rotation; use 0, 90, 180 or 270");
}

constexpr KeyRule<Config> display_keys[] = {
    {"renderer", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_word(reader, value, key, "a renderer", renderer_words, config.display.renderer);
     }},
    {"rotation", read_rotation},
    {"safe_area_percent", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto percent = reader.integer(value, key, {0, 10}))
             config.display.safe_area_percent = static_cast<int>(*percent);
     }},
};

}  // namespace

void read_display(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    read_table(reader, value, key, display_keys, config);
}

}  // namespace signage::config

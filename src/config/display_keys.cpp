// [display]: how the picture reaches the panel.
#include "config/section_keys.hpp"

#include <charconv>
#include <optional>
#include <string_view>

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

// A whole number in `text`, within 1..`most`.
std::optional<int> whole_number(std::string_view text, int most)
{
    int number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || number < 1 || number > most)
        return std::nullopt;
    return number;
}

// "native", "1920x1080" or "1920x1080@60".
std::optional<ScreenMode> parse_screen_mode(std::string_view text)
{
    if (text == "native")
        return ScreenMode{};
    const auto at = text.find('@');
    const std::string_view size = text.substr(0, at);
    const auto x = size.find('x');
    if (x == std::string_view::npos)
        return std::nullopt;
    const auto width = whole_number(size.substr(0, x), 16384);
    const auto height = whole_number(size.substr(x + 1), 16384);
    const auto refresh = at == std::string_view::npos ? std::optional<int>(0) : whole_number(text.substr(at + 1), 1000);
    if (!width || !height || !refresh)
        return std::nullopt;
    return ScreenMode{*width, *height, *refresh};
}

void read_mode(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    const std::optional<std::string> written = reader.string(value, key);
    if (!written)
        return;
    if (const auto mode = parse_screen_mode(*written))
        config.display.mode = *mode;
    else
        reader.report(value.source(), key, in_quotes(*written) + " is not a mode; use \"native\", \"1920x1080\" or \"1920x1080@60\"");
}

constexpr KeyRule<Config> display_keys[] = {
    {"renderer", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_word(reader, value, key, "a renderer", renderer_words, config.display.renderer);
     }},
    {"rotation", read_rotation},
    {"mode", read_mode},
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

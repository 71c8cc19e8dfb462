// [screen]: what the screen shows and how it looks.
#include "config/section_keys.hpp"

#include "util/ascii.hpp"

#include <algorithm>
#include <span>
#include <utility>

namespace signage::config {

namespace {

bool has_extension(const std::filesystem::path& path, std::span<const std::string_view> extensions)
{
    const std::string extension = ascii_lower(path.extension().string());
    return std::ranges::find(extensions, extension) != extensions.end();
}

// A picture the screen shows, relative to the config file's folder. Checked now: a missing or
// unreadable picture would otherwise be a blank corner, weeks later, on a screen nobody watches.
std::optional<std::filesystem::path> read_picture(ConfigReader& reader, const toml::node& value, const std::string& key,
                                                  std::span<const std::string_view> extensions)
{
    const std::optional<std::filesystem::path> path = reader.path(value, key);
    if (!path)
        return std::nullopt;
    if (!has_extension(*path, extensions)) {
        reader.report(value.source(), key,
                      in_quotes(path->string()) + " is not a " + listed(std::vector<std::string>(extensions.begin(), extensions.end())) + " file");
        return std::nullopt;
    }
    if (!reader.is_readable_file(value, key, *path))
        return std::nullopt;
    return path;
}

constexpr std::string_view logo_extensions[] = {".png", ".svg", ".jpg", ".jpeg"};
constexpr std::string_view background_extensions[] = {".png", ".jpg", ".jpeg"};

// An empty name would leave a gap in the header where the name was meant to be; leaving the
// key out says "no name" plainly.
void read_agency_name(ConfigReader& reader, const toml::node& value, const std::string& key, std::string& name)
{
    const std::optional<std::string> written = reader.string(value, key);
    if (!written)
        return;
    if (written->empty())
        reader.report(value.source(), key, "is empty; to show no name, remove the key");
    else
        name = *written;
}

// Whether the zone is in the system's database is for the layer that keeps the clock to say
// (ConfigChecks::time_zone_exists).
void read_time_zone(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    constexpr std::string_view zoneinfo_dir = "/usr/share/zoneinfo";
    const std::optional<std::string> name = reader.non_empty_string(value, key);
    if (!name)
        return;
    const auto& exists = reader.checks().time_zone_exists;
    if (!exists || exists(*name))
        config.screen.time_zone = *name;
    else
        reader.report(value.source(), key,
                      in_quotes(*name) + R"( is not a time zone; use a name like "Asia/Seoul" (see )" + std::string(zoneinfo_dir) + ")");
}

constexpr Word<ScreenLayout> layout_words[] = {
    {"featured+ticker", ScreenLayout::featured_ticker},
    {"ticker", ScreenLayout::ticker},
    {"list", ScreenLayout::list},
};
constexpr Word<NoticeTransition> transition_words[] = {
    {"crossfade", NoticeTransition::crossfade},
    {"slide", NoticeTransition::slide},
    {"cut", NoticeTransition::cut},
};
constexpr Word<ClockStyle> clock_words[] = {
    {"korean", ClockStyle::korean},
    {"english", ClockStyle::english},
    {"both", ClockStyle::both},
    {"off", ClockStyle::off},
};

// The words beside the QR code: short, on one line.
void read_qr_label(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    constexpr std::size_t max_chars = 60;
    const std::optional<std::string> label = reader.non_empty_string(value, key);
    if (!label)
        return;
    const auto chars = static_cast<std::size_t>(std::ranges::count_if(*label, [](char c) { return (c & 0xC0) != 0x80; }));
    if (has_line_break_or_control(*label))
        reader.report(value.source(), key, "contains a line break or another control character; the label is one line");
    else if (chars > max_chars)
        reader.report(value.source(), key, "is " + std::to_string(chars) + " characters long; at most " + std::to_string(max_chars) + " fit beside the code");
    else
        config.screen.qr_label = *label;
}

constexpr KeyRule<Config> screen_keys[] = {
    {"layout", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_word(reader, value, key, "a layout", layout_words, config.screen.layout);
     }},
    {"agency_name_ko", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_agency_name(reader, value, key, config.screen.agency_name_ko);
     }},
    {"agency_name_en", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_agency_name(reader, value, key, config.screen.agency_name_en);
     }},
    {"logo", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto path = read_picture(reader, value, key, logo_extensions))
             config.screen.logo = std::move(*path);
     }},
    {"clock", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_word(reader, value, key, "a clock style", clock_words, config.screen.clock);
     }},
    {"time_zone", read_time_zone},
    {"list_page_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto seconds = reader.number(value, key, {3, 600}))
             config.screen.list_page_s = *seconds;
     }},
    {"transition", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_word(reader, value, key, "a transition", transition_words, config.screen.transition);
     }},
    {"qr", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto qr = reader.boolean(value, key))
             config.screen.qr = *qr;
     }},
    {"qr_label", read_qr_label},
    {"background", read_color_of<&Config::screen, &ScreenSettings::background>},
    {"band", read_color_of<&Config::screen, &ScreenSettings::band>},
    {"text", read_color_of<&Config::screen, &ScreenSettings::text>},
    {"accent", read_color_of<&Config::screen, &ScreenSettings::accent>},
    {"background_image", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto path = read_picture(reader, value, key, background_extensions))
             config.screen.background_image = std::move(*path);
     }},
};

}  // namespace

void read_screen(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    read_table(reader, value, key, screen_keys, config);
}

}  // namespace signage::config

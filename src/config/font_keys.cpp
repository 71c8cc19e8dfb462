// [fonts] and [text]: the font files of each text role, and how text is drawn.
#include "config/section_keys.hpp"

#include <utility>

namespace signage::config {

namespace {

// An entry of a fallback chain as written: a path, or { file = "...", face = N } to pick one
// face of a collection, or { file = "...", language = "ko" } to pick the face for a language.
struct FontEntry {
    const toml::node* file = nullptr;
    std::optional<unsigned> face;
    const toml::node* face_node = nullptr;
    std::string language{default_font_face_language};
};

// The fields of an entry written as a table; without "file", nothing.
std::optional<FontEntry> read_font_table(ConfigReader& reader, const toml::table& table, const toml::node& entry,
                                         const std::string& entry_key)
{
    FontEntry font;
    for (auto&& [name, field] : table) {
        if (name.str() == "face") {
            font.face_node = &field;
            if (auto index = reader.integer(field, entry_key + ".face", {0, 255}))
                font.face = static_cast<unsigned>(*index);
        } else if (name.str() == "language") {
            if (auto tag = reader.non_empty_string(field, entry_key + ".language"))
                font.language = *tag;
            if (table.contains("face"))
                reader.report(field.source(), entry_key, R"(has both "face" and "language"; keep one)");
        } else if (name.str() != "file") {
            reader.report(field.source(), join_key(entry_key, name.str()), "unknown key");
        }
    }
    font.file = table.get("file");
    if (!font.file) {
        reader.report(entry.source(), entry_key, R"(needs "file")");
        return std::nullopt;
    }
    return font;
}

// The file of an entry, checked now: a font that is missing or that the player cannot draw with
// would otherwise stop the player at start on a screen nobody watches, with the config looking
// fine. The font layer opens it (ConfigChecks::font_file); its answer is named with the line.
std::optional<FontFileSetting> read_font_file(ConfigReader& reader, const FontEntry& font, const std::string& entry_key)
{
    const std::optional<std::filesystem::path> path = reader.path(*font.file, entry_key);
    if (!path || !reader.is_readable_file(*font.file, entry_key, *path))
        return std::nullopt;
    FontFileSetting file{*path, font.face.value_or(0)};
    if (!reader.checks().font_file)
        return file;
    const FontFileCheck check = reader.checks().font_file(file.path, font.face, font.language);
    switch (check.fault) {
    case FontFileCheck::Fault::none: file.face_index = check.face_index; return file;
    case FontFileCheck::Fault::file: reader.report(font.file->source(), entry_key, check.problem); break;
    case FontFileCheck::Fault::face:
        reader.report((font.face_node ? font.face_node : font.file)->source(), entry_key + ".face", check.problem);
        break;
    }
    return std::nullopt;
}

// A fallback chain: font files in order.
std::optional<std::vector<FontFileSetting>> read_font_files(ConfigReader& reader, const toml::node& value, const std::string& key)
{
    const toml::array* entries = reader.array(value, key, "an array of font files");
    if (!entries)
        return std::nullopt;
    if (entries->empty()) {
        reader.report(value.source(), key, "needs at least one font file");
        return std::nullopt;
    }
    std::vector<FontFileSetting> chain;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const toml::node& entry = *entries->get(i);
        const std::string entry_key = element_key(key, i);
        std::optional<FontEntry> font = FontEntry{};
        font->file = &entry;
        if (const toml::table* table = entry.as_table())
            font = read_font_table(reader, *table, entry, entry_key);
        if (!font)
            continue;
        if (std::optional<FontFileSetting> file = read_font_file(reader, *font, entry_key))
            chain.push_back(std::move(*file));
    }
    return chain;
}

std::string last_key_part(const std::string& key) { return key.substr(key.rfind('.') + 1); }

void read_weight_chain(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    if (auto chain = read_font_files(reader, value, key))
        (last_key_part(key) == "bold" ? config.fonts.bold : config.fonts.regular) = std::move(*chain);
}

constexpr Word<FontWeight> weight_words[] = {
    {"regular", FontWeight::regular},
    {"bold", FontWeight::bold},
};

// A role is set in a weight ("regular", "bold") or in a chain of its own.
void read_role_fonts(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    const std::string role = last_key_part(key);
    if (const auto* weight = value.as_string()) {
        auto word = std::ranges::find(weight_words, weight->get(), &Word<FontWeight>::text);
        if (word != std::end(weight_words))
            config.fonts.role_weights[role] = word->value;
        else
            reader.report(value.source(), key, in_quotes(weight->get()) + R"( is not a weight; use "regular", "bold" or an array of font files)");
        return;
    }
    if (auto chain = read_font_files(reader, value, key))
        config.fonts.role_chains[role] = std::move(*chain);
}

constexpr KeyRule<Config> fonts_keys[] = {
    {"regular", read_weight_chain},
    {"bold", read_weight_chain},
    {"headline", read_role_fonts},
    {"subtitle", read_role_fonts},
    {"crawl", read_role_fonts},
    {"date", read_role_fonts},
    {"label", read_role_fonts},
    {"clock", read_role_fonts},
    {"alert", read_role_fonts},
};

constexpr KeyRule<Config> text_keys[] = {
    {"outline_px", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto px = reader.integer(value, key, {0, 8}))
             config.text.outline_px = static_cast<int>(*px);
     }},
    {"outline_color", read_color_of<&Config::text, &TextSettings::outline_color>},
    {"shadow_px", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto px = reader.integer(value, key, {0, 16}))
             config.text.shadow_px = static_cast<int>(*px);
     }},
    {"shadow_color", read_color_of<&Config::text, &TextSettings::shadow_color>},
    {"cache_mb", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto bytes = reader.megabytes(value, key, {4, 1024}))
             config.text.cache_bytes = *bytes;
     }},
};

}  // namespace

void read_fonts(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    read_table(reader, value, key, fonts_keys, config);
}

void read_text(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    read_table(reader, value, key, text_keys, config);
}

}  // namespace signage::config

#include "app/config_checks.hpp"

#include "config/value_parsers.hpp"
#include "platform/local_time.hpp"
#include "text/font.hpp"
#include "text/font_collection.hpp"

#include <memory>
#include <optional>
#include <string>

namespace signage::app {

namespace {

config::FontFileCheck file_fault(std::string problem)
{
    return {config::FontFileCheck::Fault::file, std::move(problem), 0};
}

std::string in_quotes(const std::filesystem::path& path)
{
    return config::in_quotes(path.string());
}

// The face asked for, else the one designed for `language`; then opened once, so that a font
// the player cannot draw with is named with its line.
config::FontFileCheck check_font_file(const text::FreeTypeLibrary* library, const std::filesystem::path& file, std::optional<unsigned> face,
                              const std::string& language)
{
    const auto face_count = library ? text::font_face_count(*library, file) : Result<unsigned>(Error{"FreeType did not start"});
    if (!face_count)
        return file_fault(in_quotes(file) + " is not a font file FreeType can open");
    const unsigned faces = face_count.value();
    if (face && *face >= faces)
        return {config::FontFileCheck::Fault::face,
                std::to_string(*face) + " is not a face of " + in_quotes(file) + ", which has " + std::to_string(faces)
                    + (faces == 1 ? " face" : " faces"),
                0};
    unsigned chosen = 0;
    if (face) {
        chosen = *face;
    } else {
        // A collection's face 0 is often Japanese: pick the face designed for the language.
        const Result<unsigned> for_language = text::face_for_language(*library, file, language);
        if (!for_language)
            return file_fault(for_language.error().message);
        chosen = for_language.value();
    }
    if (auto usable = text::Font::open(*library, text::FontFile{file, chosen}, 16); !usable)
        return file_fault(usable.error().message);
    return {config::FontFileCheck::Fault::none, {}, chosen};
}

}  // namespace

config::ConfigChecks system_config_checks()
{
    config::ConfigChecks checks;
    checks.time_zone_exists = [](const std::string& name) { return platform::check_time_zone(name).ok(); };
    auto library = std::make_shared<std::optional<text::FreeTypeLibrary>>();
    checks.font_file = [library](const std::filesystem::path& file, std::optional<unsigned> face, const std::string& language) {
        if (!*library) {
            if (auto created = text::FreeTypeLibrary::create())
                library->emplace(std::move(created.value()));
        }
        return check_font_file(*library ? &**library : nullptr, file, face, language);
    };
    return checks;
}

Result<config::Config> load_checked_config(const std::filesystem::path& path)
{
    return config::load_config(path, system_config_checks());
}

}  // namespace signage::app

#pragma once
// [fonts]: ordered fallback chains of font files. Empty chains and roles not named keep the
// bundled fonts.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace signage::config {

// A font file of a text role's fallback chain, as configured.
struct FontFileSetting {
    std::filesystem::path path;  // absolute
    unsigned face_index = 0;     // the face in a collection (.ttc): pick its Korean face explicitly

    bool operator==(const FontFileSetting&) const = default;
};

// The language whose face of a collection an entry takes when it names neither a face nor a
// language: the screen is Korean first.
constexpr std::string_view default_font_face_language = "ko";

enum class FontWeight { regular, bold };

struct FontSettings {
    std::vector<FontFileSetting> regular;  // the regular weight's chain, for every role set in it
    std::vector<FontFileSetting> bold;
    // Per text role (font_role_names): the weight it is set in, or a chain of its own.
    std::map<std::string, FontWeight> role_weights;
    std::map<std::string, std::vector<FontFileSetting>> role_chains;

    bool operator==(const FontSettings&) const = default;
};

}  // namespace signage::config

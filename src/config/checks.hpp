#pragma once
// What the loader asks of the layers that own a thing it cannot judge itself: whether a time
// zone is in the system's database, whether a font file opens. The loader reports their answers
// as its own mistakes, "path:line: key: message", so the config stays the one place that knows
// the lines; the app layer hands it the real checks (app/config_checks.hpp).
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace signage::config {

// What a font layer found out about a font file named in [fonts].
struct FontFileCheck {
    enum class Fault {
        none,
        file,  // the file cannot be used: reported at the file's entry
        face,  // the face asked for is not in the file: reported at the entry's face
    };
    Fault fault = Fault::none;
    std::string problem;      // what is wrong, when there is a fault
    unsigned face_index = 0;  // the face to draw with, when there is none
};

struct ConfigChecks {
    // Whether `name` ("Asia/Seoul") is a zone of the time zone database. Empty: every name is.
    std::function<bool(const std::string& name)> time_zone_exists;
    // Opens the face `face` of a font file, or with none asked for, the face designed for
    // `language` (a collection's face 0 is often Japanese). Empty: every file is a font, and its
    // face is the one asked for, else 0.
    std::function<FontFileCheck(const std::filesystem::path& file, std::optional<unsigned> face, const std::string& language)>
        font_file;
};

}  // namespace signage::config

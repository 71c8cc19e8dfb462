#pragma once
// The fonts shipped in fonts/ (see fonts/README.md), found under the player's data folder.
#include "text/font.hpp"

#include <filesystem>
#include <vector>

namespace signage::text {

struct BundledFonts {
    FontFile latin_regular;
    FontFile latin_bold;
    FontFile korean_regular;
    FontFile korean_bold;

    static BundledFonts in(const std::filesystem::path& data_dir);

    // Fallback chains: Latin first so Latin letters take the Latin face; Hangul, Han and the
    // punctuation between them fall through to (or stay in) the Korean face.
    std::vector<FontFile> regular_chain() const { return {latin_regular, korean_regular}; }
    std::vector<FontFile> bold_chain() const { return {latin_bold, korean_bold}; }
};

}  // namespace signage::text

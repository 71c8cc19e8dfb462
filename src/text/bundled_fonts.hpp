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
    FontFile emoji;  // colour emoji, last in both chains

    static BundledFonts in(const std::filesystem::path& data_dir);

    // Fallback chains: Latin first so Latin letters take the Latin face; Hangul, Han and the
    // punctuation between them fall through to (or stay in) the Korean face; emoji go to the
    // colour emoji font (the itemizer sends them there even when a face before it has a glyph).
    std::vector<FontFile> regular_chain() const { return {latin_regular, korean_regular, emoji}; }
    std::vector<FontFile> bold_chain() const { return {latin_bold, korean_bold, emoji}; }
};

}  // namespace signage::text

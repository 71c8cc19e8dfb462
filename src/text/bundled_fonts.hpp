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
    // Lazy fallbacks (FontFile::lazy): opened only by text that needs them.
    FontFile old_hangul_hanja_regular;  // Old Hangul jamo composition, Hanja beyond Nanum Gothic's
    FontFile old_hangul_bold;           // Old Hangul jamo composition only
    FontFile hebrew_regular;
    FontFile hebrew_bold;
    FontFile arabic_regular;
    FontFile arabic_bold;
    FontFile emoji;  // colour emoji (lazy), last in both chains

    static BundledFonts in(const std::filesystem::path& data_dir);

    // Fallback chains: Latin first so Latin letters take the Latin face; Hangul, Han and the
    // punctuation between them fall through to (or stay in) the Korean face; then the lazy
    // fallbacks, which a screen of Hangul and Latin never opens, the colour emoji font last (the
    // itemizer sends emoji there even when a face before it has a text glyph).
    std::vector<FontFile> regular_chain() const;
    std::vector<FontFile> bold_chain() const;
    // The lazy fallbacks alone, to follow a chain given in the config.
    std::vector<FontFile> regular_fallbacks() const { return {old_hangul_hanja_regular, hebrew_regular, arabic_regular, emoji}; }
    // Hanja beyond Nanum Gothic's take the regular file: the bold one has only the jamo.
    std::vector<FontFile> bold_fallbacks() const { return {old_hangul_bold, old_hangul_hanja_regular, hebrew_bold, arabic_bold, emoji}; }
};

}  // namespace signage::text

#pragma once
// Splits a UTF-8 string into runs that share a script and a font, the units HarfBuzz shapes.
#include <hb.h>

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace signage::text {

struct TextRun {
    std::size_t begin = 0;  // byte offsets into the string, [begin, end)
    std::size_t end = 0;
    std::size_t font_index = 0;  // into the fallback chain
    hb_script_t script = HB_SCRIPT_COMMON;
    hb_direction_t direction = HB_DIRECTION_LTR;
    int bidi_level = 0;  // UAX #9 embedding level: odd is right-to-left; orders runs on the line
    hb_language_t language = nullptr;
    // No font of the chain has this run's characters: it is drawn as replacement marks, one per
    // grapheme cluster (see shape_line), and font_index means nothing.
    bool missing = false;
};

// What the itemizer needs to know of a font chain: how many fonts, which code points each has,
// which draw emoji in colour (none when `draws_emoji` is null) and which compose conjoining jamo
// into syllable blocks (null: none does). Asked in chain order, so a lazy fallback is asked, and
// opened, only for a cluster no font before it covers (or, an emoji font, for an emoji).
struct FontCoverage {
    std::size_t font_count = 0;
    std::function<bool(std::size_t font_index, char32_t code_point)> covers;
    std::function<bool(std::size_t font_index)> draws_emoji;
    std::function<bool(std::size_t font_index)> composes_jamo;
};

// Whether a cluster holds conjoining jamo (U+1100-11FF, A960-A97F, D7B0-D7FF) that do not
// compose by Unicode into one modern syllable (U+AC00-D7A3): Old Hangul, or a jamo alone. Only a
// font that composes jamo draws such a cluster as one syllable block.
bool needs_jamo_composition(std::string_view cluster);

// Every byte lands in exactly one run; runs never split a grapheme cluster, and a run has one
// bidi level, so one direction (runs stay in text order; visual_run_order gives the line's). Characters of no
// script of their own (spaces, digits, punctuation, marks) take the script of the text before
// them. Each cluster of a script of its own, and each digit, takes the first font that covers
// it; spaces and punctuation stay in their neighbour's font, so the punctuation of Korean text
// is set in the Korean face. A cluster shown as an emoji (see wants_emoji_presentation) takes
// the first emoji font that covers it, even when an earlier font has a text glyph for its
// base. A cluster that needs jamo composition takes the first font that covers it and composes
// jamo. Clusters no font covers form runs of their own, marked missing.
std::vector<TextRun> itemize(std::string_view text, const FontCoverage& coverage);

// Whether a grapheme cluster is shown as a colour emoji (UTS #51): it has VS16 (U+FE0F), a
// keycap (U+20E3), a skin tone modifier or a ZWJ after an emoji base, or its base has
// Emoji_Presentation (📢, ☔, regional indicators); VS15 (U+FE0E) keeps it text.
bool wants_emoji_presentation(std::string_view cluster);

// The direction of a paragraph by its first strong letter (UAX #9 rules P2, P3), as the
// itemizer takes it; HB_DIRECTION_INVALID when it has none (digits, punctuation).
hb_direction_t paragraph_direction(std::string_view text);

// Byte offsets where grapheme clusters start, plus text.size() at the end.
std::vector<std::size_t> grapheme_cluster_starts(std::string_view text);

// Indexes into `runs` from left to right on the line (UAX #9 rule L2: from the highest level
// down to the lowest odd one, reverse every sequence of runs at that level or higher).
std::vector<std::size_t> visual_run_order(const std::vector<TextRun>& runs);

}  // namespace signage::text

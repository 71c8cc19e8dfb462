#pragma once
// Breaking a headline into lines that fit a width, at Unicode (UAX #14) line-break opportunities.
#include "text/font.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace signage::text {

// At most `max_lines` lines, each no wider than `max_width_px` when shaped with `chain`.
// Korean text keeps its words (eojeol) whole: lines break at spaces where there are any, and
// between syllables only when one word alone is wider than the line. Text that does not fit
// ends with "…" after the last whole grapheme cluster that does.
std::vector<std::string> wrap_text(std::string_view text, const FontChain& chain, int max_width_px, int max_lines);

struct WrappedText {
    std::vector<std::string> lines;
    bool truncated = false;  // the text did not fit in max_lines: the last line ends with "…"
};
WrappedText wrap_paragraph(std::string_view text, const FontChain& chain, int max_width_px, int max_lines);

}  // namespace signage::text

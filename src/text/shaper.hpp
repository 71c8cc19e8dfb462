#pragma once
// Itemized, HarfBuzz-shaped text: which glyph of which font goes where.
#include "text/font.hpp"
#include "text/itemizer.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace signage::text {

struct PositionedGlyph {
    std::size_t font_index = 0;
    hb_codepoint_t glyph_id = 0;
    std::uint32_t cluster = 0;  // byte offset into the shaped string
    // As HarfBuzz reports them, in 26.6 fixed-point pixels.
    hb_position_t x_advance = 0, y_advance = 0, x_offset = 0, y_offset = 0;
    // Where the glyph's origin lands: pen position plus offset, y up from the baseline.
    hb_position_t x = 0, y = 0;
};

struct ShapedLine {
    std::vector<TextRun> runs;
    std::vector<PositionedGlyph> glyphs;  // left to right, as they stand on the line
    hb_position_t advance = 0;            // total width, 26.6
};

FontCoverage coverage_of(const FontChain& chain);

// Shapes each run with its own font, script, language and direction, and the whole string as
// context, so neighbouring runs still influence shaping at their edges.
ShapedLine shape_line(std::string_view text, const FontChain& chain);

// The pen x (26.6) at which each byte offset's cluster starts; text.size() maps to the advance.
// Offsets inside a cluster map to its start.
std::vector<hb_position_t> cluster_positions(std::string_view text, const ShapedLine& line);

}  // namespace signage::text

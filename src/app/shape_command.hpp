#pragma once
// `signage-player shape`: what the text layer does to a string, as JSON, so it can be checked
// against HarfBuzz's own hb-shape.
#include "text/font_roles.hpp"

#include <optional>
#include <string>
#include <vector>

namespace signage::app {

// Prints the runs (byte range, font file and face, script, language, direction) and their
// glyphs (g, cl, ax, ay, dx, dy) in 1/64 px: the numbers `hb-shape --font-size=<PX*64>` prints
// for each run's text. cl is a byte offset into TEXT (hb-shape on the run alone prints cl minus
// the run's start). Returns the exit code.
int run_shape_command(const std::string& text, int font_px, const std::string& role, const text::FontRoles& fonts);

}  // namespace signage::app

// Fuzz target: feed text on its way to the screen, random and invalid UTF-8 included, through the
// itemizer (scripts, bidi levels, font fallback, grapheme clusters), HarfBuzz shaping with the
// bundled fonts of fonts/, the cluster positions, line wrapping and the rasterizer.
// The first byte picks the face (regular or bold) and the wrap width and line count.
#include "text/bundled_fonts.hpp"
#include "text/font.hpp"
#include "text/itemizer.hpp"
#include "text/raster.hpp"
#include "text/shaper.hpp"
#include "text/wrap.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using namespace signage::text;

struct Fonts {
    FreeTypeLibrary library;
    FontChain regular;
    FontChain bold;
};

// Opened once: a fuzz run shapes millions of strings with the same faces, as the player does.
const Fonts& fonts()
{
    static const Fonts opened = [] {
        FreeTypeLibrary library = FreeTypeLibrary::create().value();
        const BundledFonts files = BundledFonts::in(SIGNAGE_SOURCE_DIR);
        FontChain regular = FontChain::open(library, files.regular_chain(), 16).value();
        FontChain bold = FontChain::open(library, files.bold_chain(), 20).value();
        return Fonts{std::move(library), std::move(regular), std::move(bold)};
    }();
    return opened;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::uint8_t choice = data[0];
    const FontChain& chain = (choice & 1) != 0 ? fonts().bold : fonts().regular;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    const std::vector<TextRun> runs = itemize(text, coverage_of(chain));
    std::size_t covered = 0;
    for (const TextRun& run : runs) {
        if (run.begin != covered || run.end <= run.begin)
            std::abort();  // every byte in exactly one run, in order
        covered = run.end;
    }
    if (covered != text.size())
        std::abort();
    const std::vector<std::size_t> clusters = grapheme_cluster_starts(text);
    if (clusters.empty() || clusters.back() != text.size())
        std::abort();
    (void)visual_run_order(runs);

    const ShapedLine line = shape_line(text, chain);
    const std::vector<hb_position_t> positions = cluster_positions(text, line);
    (void)positions;
    (void)rasterize_line(line, chain);

    const int width_px = 40 + ((choice >> 1) & 7) * 60;
    const int max_lines = 1 + ((choice >> 4) & 3);
    (void)wrap_paragraph(text, chain, width_px, max_lines);
    return 0;
}

#include "text/shaper.hpp"

#include "platform/log.hpp"
#include "text/utf8.hpp"
#include "util/work_counters.hpp"

#include <cstdio>
#include <mutex>
#include <set>

namespace signage::text {

namespace {

constexpr char32_t replacement_character = 0xFFFD;

// Says once per character, for the life of the process, that no bundled font has it: a feed
// with such a character is re-shaped at every update, and the log must not fill with it.
void log_missing_once(std::string_view cluster)
{
    static std::mutex mutex;
    static std::set<char32_t> logged;
    const char32_t first = decode_utf8(cluster, 0).value;
    std::lock_guard lock(mutex);
    if (!logged.insert(first).second)
        return;
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(first));
    platform::log({platform::LogLevel::warning, "text",
                   std::string("no font has ") + code + " (\"" + std::string(cluster) +
                       "\"): it is shown as a replacement mark; add a font that has it to the chain"});
}

// One replacement mark per grapheme cluster of a run no font covers: U+FFFD from the first font
// that has it, else that font's .notdef box. Always one visible, same-looking mark.
void append_replacements(std::string_view text, const TextRun& run, const FontChain& chain, hb_position_t& pen_x,
                         std::vector<PositionedGlyph>& glyphs)
{
    std::size_t font_index = 0;
    hb_codepoint_t glyph_id = 0;
    for (std::size_t i = 0; i < chain.size(); ++i)
        // Only fonts already open: a fallback is not opened for a mark the first font has.
        if (chain.is_open(i) && hb_font_get_nominal_glyph(chain.font(i).shaping_font(), replacement_character, &glyph_id)) {
            font_index = i;
            break;
        }
    const hb_position_t advance = hb_font_get_glyph_h_advance(chain.font(font_index).shaping_font(), glyph_id);
    const auto starts = grapheme_cluster_starts(text.substr(run.begin, run.end - run.begin));
    const std::size_t count = starts.size() - 1;
    for (std::size_t visual = 0; visual < count; ++visual) {
        // Right-to-left text puts its first cluster rightmost.
        const std::size_t k = run.direction == HB_DIRECTION_RTL ? count - 1 - visual : visual;
        log_missing_once(text.substr(run.begin + starts[k], starts[k + 1] - starts[k]));
        PositionedGlyph glyph;
        glyph.font_index = font_index;
        glyph.glyph_id = glyph_id;
        glyph.cluster = static_cast<std::uint32_t>(run.begin + starts[k]);
        glyph.x_advance = advance;
        glyph.x = pen_x;
        glyphs.push_back(glyph);
        pen_x += advance;
    }
}

}  // namespace

FontCoverage coverage_of(const FontChain& chain)
{
    return FontCoverage{chain.size(), [&chain](std::size_t font, char32_t cp) { return chain.covers(font, cp); },
                        [&chain](std::size_t font) { return chain.draws_emoji(font); },
                        [&chain](std::size_t font) { return chain.font(font).composes_jamo(); }};
}

ShapedLine shape_line(std::string_view text, const FontChain& chain)
{
    WorkCounters::line_shaped();
    ShapedLine line;
    line.runs = itemize(text, coverage_of(chain));
    HbBufferPtr buffer(hb_buffer_create());
    hb_position_t pen_x = 0;
    for (const std::size_t run_index : visual_run_order(line.runs)) {
        const TextRun& run = line.runs[run_index];
        if (run.missing) {
            append_replacements(text, run, chain, pen_x, line.glyphs);
            continue;
        }
        hb_buffer_clear_contents(buffer.get());
        hb_buffer_add_utf8(buffer.get(), text.data(), static_cast<int>(text.size()), static_cast<unsigned>(run.begin),
                           static_cast<int>(run.end - run.begin));
        hb_buffer_set_script(buffer.get(), run.script);
        hb_buffer_set_direction(buffer.get(), run.direction);
        hb_buffer_set_language(buffer.get(), run.language);
        // Kerning and standard ligatures are on by default in HarfBuzz; no features to add.
        hb_shape(chain.font(run.font_index).shaping_font(), buffer.get(), nullptr, 0);

        unsigned count = 0;
        const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer.get(), &count);
        const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer.get(), &count);
        for (unsigned i = 0; i < count; ++i) {
            PositionedGlyph glyph;
            glyph.font_index = run.font_index;
            glyph.glyph_id = infos[i].codepoint;
            glyph.cluster = infos[i].cluster;
            glyph.x_advance = positions[i].x_advance;
            glyph.y_advance = positions[i].y_advance;
            glyph.x_offset = positions[i].x_offset;
            glyph.y_offset = positions[i].y_offset;
            glyph.x = pen_x + positions[i].x_offset;
            glyph.y = positions[i].y_offset;
            line.glyphs.push_back(glyph);
            pen_x += positions[i].x_advance;
        }
    }
    line.advance = pen_x;
    return line;
}

std::vector<hb_position_t> cluster_positions(std::string_view text, const ShapedLine& line)
{
    constexpr hb_position_t unset = -1;
    std::vector<hb_position_t> positions(text.size() + 1, unset);
    for (const auto& glyph : line.glyphs) {
        auto& slot = positions[glyph.cluster];
        const hb_position_t origin = glyph.x - glyph.x_offset;
        if (slot == unset || origin < slot)
            slot = origin;
    }
    positions[text.size()] = line.advance;
    // Bytes inside a cluster have no glyph of their own: they sit where their cluster starts.
    hb_position_t last = 0;
    for (auto& position : positions) {
        if (position == unset)
            position = last;
        last = position;
    }
    return positions;
}

}  // namespace signage::text

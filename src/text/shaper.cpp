#include "text/shaper.hpp"

FontCoverage coverage_of(const FontChain& chain)
{
    return FontCoverage{chain.size(), [&chain](std::size_t font, char32_t cp) { return chain.font(font).covers(cp); }};
}

ShapedLine shape_line(std::string_view text, const FontChain& chain)
{
    ShapedLine line;
    line.runs = itemize(text, coverage_of(chain));
    HbBufferPtr buffer(hb_buffer_create());
    hb_position_t pen_x = 0;
    for (const auto& run : line.runs) {
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

#include "text/font.hpp"

#include <algorithm>

namespace signage::text {

Result<FreeTypeLibrary> FreeTypeLibrary::create()
{
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0)
        return Error{"unable to initialize FreeType"};
    return FreeTypeLibrary(FreeTypeLibraryPtr(library));
}

Result<std::unique_ptr<Font>> Font::open(const FreeTypeLibrary& library, const FontFile& file, int pixel_size)
{
    const std::string path = file.path.string();
    auto font = std::unique_ptr<Font>(new Font());  // private constructor: make_unique cannot reach it
    font->m_file = file;
    font->m_pixel_size = pixel_size;

    FT_Face face = nullptr;
    if (FT_New_Face(library.get(), path.c_str(), static_cast<FT_Long>(file.face_index), &face) != 0)
        return Error{"font " + path + ": cannot open (missing or not a font file); reinstall the fonts/ folder"};
    font->m_ft_face.reset(face);
    // Glyphs are drawn from outlines at any size, or from the colour images of an emoji font,
    // scaled; a font of grey bitmaps only would be chosen for its characters and draw them badly.
    if (!FT_IS_SCALABLE(face)) {
        if (!FT_HAS_COLOR(face) || !FT_HAS_FIXED_SIZES(face))
            return Error{"font " + path + ": has no outlines and no colour images (a bitmap font); use an outline font (.ttf, .otf)"};
        if (auto selected = font->select_strike(); !selected)
            return selected.error();
    } else if (FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(pixel_size)) != 0) {
        return Error{"font " + path + ": cannot be set to " + std::to_string(pixel_size) + " px"};
    }

    HbBlobPtr blob(hb_blob_create_from_file_or_fail(path.c_str()));
    if (!blob)
        return Error{"font " + path + ": cannot read"};
    HbFacePtr hb_face(hb_face_create(blob.get(), file.face_index));
    font->m_hb_font.reset(hb_font_create(hb_face.get()));
    // A scale of pixel size x 64 makes HarfBuzz report positions in 26.6 fixed-point pixels,
    // FreeType's own unit, so shaping and drawing agree without conversion.
    hb_font_set_scale(font->m_hb_font.get(), pixel_size * 64, pixel_size * 64);

    hb_font_extents_t extents{};
    hb_font_get_h_extents(font->m_hb_font.get(), &extents);
    font->m_ascender = extents.ascender;
    font->m_descender = -extents.descender;
    return font;
}

// The strike drawn from: the smallest at least the pixel size (scaling down keeps detail), else
// the largest. Noto Color Emoji has one, 109 px.
Status Font::select_strike()
{
    FT_Face face = m_ft_face.get();
    int chosen = 0;
    for (int i = 0; i < face->num_fixed_sizes; ++i) {
        const FT_Pos size = face->available_sizes[i].y_ppem;
        const FT_Pos best = face->available_sizes[chosen].y_ppem;
        const FT_Pos wanted = static_cast<FT_Pos>(m_pixel_size) * 64;
        if ((best < wanted && size > best) || (size >= wanted && size < best))
            chosen = i;
    }
    if (FT_Select_Size(face, chosen) != 0)
        return Error{"font " + m_file.path.string() + ": cannot select its colour images"};
    m_bitmap_scale = static_cast<double>(m_pixel_size) * 64.0 / static_cast<double>(face->available_sizes[chosen].y_ppem);
    return Done{};
}

bool Font::covers(char32_t code_point) const
{
    hb_codepoint_t glyph = 0;
    return hb_font_get_nominal_glyph(m_hb_font.get(), code_point, &glyph) && glyph != 0;
}

Result<FontChain> FontChain::open(const FreeTypeLibrary& library, const std::vector<FontFile>& files, int pixel_size)
{
    FontChain chain;
    chain.m_pixel_size = pixel_size;
    for (const auto& file : files) {
        auto font = Font::open(library, file, pixel_size);
        if (!font)
            return font.error();
        chain.m_ascender = std::max(chain.m_ascender, font.value()->ascender());
        chain.m_descender = std::max(chain.m_descender, font.value()->descender());
        chain.m_fonts.push_back(std::move(font.value()));
    }
    if (chain.m_fonts.empty())
        return Error{"font chain: no font files given"};
    return chain;
}

}  // namespace signage::text

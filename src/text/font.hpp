#pragma once
// A font file opened at one pixel size, for both shaping (HarfBuzz) and rasterizing
// (FreeType), so the glyph ids HarfBuzz reports are the ones FreeType draws.
#include "platform/c_deleter.hpp"
#include "util/result.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace signage::text {

using FreeTypeLibraryPtr = std::unique_ptr<FT_LibraryRec_, platform::CDeleter<FT_Done_FreeType>>;
using FreeTypeFacePtr = std::unique_ptr<FT_FaceRec_, platform::CDeleter<FT_Done_Face>>;
using HbBlobPtr = std::unique_ptr<hb_blob_t, platform::CDeleter<hb_blob_destroy>>;
using HbFacePtr = std::unique_ptr<hb_face_t, platform::CDeleter<hb_face_destroy>>;
using HbFontPtr = std::unique_ptr<hb_font_t, platform::CDeleter<hb_font_destroy>>;
using HbBufferPtr = std::unique_ptr<hb_buffer_t, platform::CDeleter<hb_buffer_destroy>>;

// The FreeType library instance; lives longer than every Font made from it.
class FreeTypeLibrary {
public:
    static Result<FreeTypeLibrary> create();
    FT_Library get() const { return m_library.get(); }

private:
    explicit FreeTypeLibrary(FreeTypeLibraryPtr library) : m_library(std::move(library)) {}
    FreeTypeLibraryPtr m_library;
};

struct FontFile {
    std::filesystem::path path;
    unsigned face_index = 0;  // the face in a collection (.ttc); 0 for a plain font file
};

class Font {
public:
    static Result<std::unique_ptr<Font>> open(const FreeTypeLibrary& library, const FontFile& file, int pixel_size);

    bool covers(char32_t code_point) const;
    hb_font_t* shaping_font() const { return m_hb_font.get(); }
    FT_Face raster_face() const { return m_ft_face.get(); }
    const FontFile& file() const { return m_file; }
    int pixel_size() const { return m_pixel_size; }
    // Extents in 26.6 fixed point (1/64 px), from the font's horizontal metrics.
    hb_position_t ascender() const { return m_ascender; }
    hb_position_t descender() const { return m_descender; }  // positive: below the baseline
    // A colour bitmap font (CBDT/sbix, such as Noto Color Emoji): its glyphs are drawn from
    // images of one fixed size (its strike), which `bitmap_scale` scales to the pixel size.
    bool colour_bitmaps() const { return m_bitmap_scale != 0.0; }
    double bitmap_scale() const { return m_bitmap_scale; }  // 0 for an outline font

private:
    Font() = default;
    Status select_strike();

    FontFile m_file;
    int m_pixel_size = 0;
    FreeTypeFacePtr m_ft_face;
    HbFontPtr m_hb_font;
    hb_position_t m_ascender = 0;
    hb_position_t m_descender = 0;
    double m_bitmap_scale = 0.0;
};

// Fonts tried in order for each grapheme cluster: the first that covers it draws it.
class FontChain {
public:
    static Result<FontChain> open(const FreeTypeLibrary& library, const std::vector<FontFile>& files, int pixel_size);

    std::size_t size() const { return m_fonts.size(); }
    const Font& font(std::size_t index) const { return *m_fonts[index]; }
    int pixel_size() const { return m_pixel_size; }
    // One ascent and descent for the whole chain, so Hangul and Latin lines share a baseline
    // and a height whatever their content.
    hb_position_t ascender() const { return m_ascender; }
    hb_position_t descender() const { return m_descender; }

private:
    std::vector<std::unique_ptr<Font>> m_fonts;
    int m_pixel_size = 0;
    hb_position_t m_ascender = 0;
    hb_position_t m_descender = 0;
};

}  // namespace signage::text

#pragma once
// A font file opened at one pixel size, for both shaping (HarfBuzz) and rasterizing
// (FreeType), so the glyph ids HarfBuzz reports are the ones FreeType draws.
#include "platform/c_deleter.hpp"
#include "util/result.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
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

struct CodeRange {
    char32_t first = 0;
    char32_t last = 0;  // inclusive
};

struct FontFile {
    FontFile() = default;
    FontFile(std::filesystem::path path, unsigned face_index = 0) : path(std::move(path)), face_index(face_index) {}
    // A lazy fallback, opened for a cluster no earlier font covers with a character in `ranges`.
    static FontFile lazy_fallback(std::filesystem::path path, std::vector<CodeRange> ranges)
    {
        FontFile file(std::move(path));
        file.lazy = true;
        file.opens_for = std::move(ranges);
        return file;
    }

    // A lazy colour emoji font: the itemizer may send an emoji to it before it is open.
    static FontFile lazy_emoji(std::filesystem::path path, std::vector<CodeRange> ranges)
    {
        FontFile file = lazy_fallback(std::move(path), std::move(ranges));
        file.colour_emoji = true;
        return file;
    }

    std::filesystem::path path;
    unsigned face_index = 0;  // the face in a collection (.ttc); 0 for a plain font file
    // A fallback opened only when some text needs it (see FontChain), so a screen that never
    // needs it pays neither the opening nor the memory.
    bool lazy = false;
    // What opens a lazy font: a grapheme cluster that no font before it in the chain covers,
    // with a character in one of these ranges. Empty: any such cluster.
    std::vector<CodeRange> opens_for;
    bool colour_emoji = false;  // declared so by lazy_emoji; an open font says so itself

    bool may_open_for(char32_t code_point) const;
};

class Font {
public:
    static Result<std::unique_ptr<Font>> open(const FreeTypeLibrary& library, const FontFile& file, int pixel_size);

    bool covers(char32_t code_point) const;
    // Whether its GSUB composes sequences of conjoining jamo (Old Hangul) into syllable blocks
    // (the 'ljmo', 'vjmo' and 'tjmo' features); a font without them draws each jamo apart.
    // Read on first asking, as only Old Hangul asks: HarfBuzz builds a font's whole GSUB lookup
    // cache to answer, memory a screen of Latin and modern Hangul need not pay.
    bool composes_jamo() const;
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
    friend class FontChain;  // opens lazy fonts with the library's handle
    Font() = default;
    Status select_strike();
    static Result<std::unique_ptr<Font>> open_with(FT_Library library, const FontFile& file, int pixel_size);

    FontFile m_file;
    int m_pixel_size = 0;
    HbBlobPtr m_file_data;  // the file's one mapping; outlives the FreeType face made from it
    FreeTypeFacePtr m_ft_face;
    HbFontPtr m_hb_font;
    hb_position_t m_ascender = 0;
    hb_position_t m_descender = 0;
    double m_bitmap_scale = 0.0;
    mutable std::once_flag m_jamo_checked;
    mutable bool m_composes_jamo = false;
};

// Fonts tried in order for each grapheme cluster: the first that covers it draws it.
// Files marked lazy are not opened with the chain: covers() opens one the first time it is asked
// about a character in its opens_for ranges (the itemizer asks only when no font before it in
// the chain covers the cluster). A chain is used by one thread at a time, as FreeType wants;
// the opening itself is done once (std::call_once) and serialized with other lazy openings, so
// it is also safe if two threads shape with one chain. A lazy font that fails to open is logged
// once and covers nothing.
class FontChain {
public:
    static Result<FontChain> open(const FreeTypeLibrary& library, const std::vector<FontFile>& files, int pixel_size);

    std::size_t size() const { return m_entries.size(); }
    // Whether the font at `index` covers the code point, opening a lazy font if it may.
    bool covers(std::size_t index, char32_t code_point) const;
    // Whether a lazy font has been opened (an eager one always is). Never opens it.
    bool is_open(std::size_t index) const;
    // Whether the font at `index` draws colour emoji, as declared or as found when it opened.
    // Never opens it.
    bool draws_emoji(std::size_t index) const;
    // The font at `index`, opened if it was not (the first font, should a lazy one fail).
    const Font& font(std::size_t index) const;
    int pixel_size() const { return m_pixel_size; }
    // One ascent and descent for the whole chain, so Hangul and Latin lines share a baseline
    // and a height whatever their content. From the fonts opened with the chain only: a line
    // keeps its height when a fallback opens.
    hb_position_t ascender() const { return m_ascender; }
    hb_position_t descender() const { return m_descender; }

private:
    struct Entry {
        FontFile file;
        std::unique_ptr<Font> font;  // null until a lazy one opens, and if it fails to
        std::once_flag opening;
        std::atomic<bool> opened{false};
    };
    const Font* open_lazy(Entry& entry) const;

    FT_Library m_library = nullptr;  // the FreeTypeLibrary outlives the chain, as it does every Font
    std::vector<std::unique_ptr<Entry>> m_entries;
    int m_pixel_size = 0;
    hb_position_t m_ascender = 0;
    hb_position_t m_descender = 0;
};

}  // namespace signage::text

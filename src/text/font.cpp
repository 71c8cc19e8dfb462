#include "text/font.hpp"

#include "platform/log.hpp"

#include <hb-ot.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include <sys/stat.h>

namespace signage::text {

Result<FreeTypeLibrary> FreeTypeLibrary::create()
{
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0)
        return Error{"unable to initialize FreeType"};
    return FreeTypeLibrary(FreeTypeLibraryPtr(library));
}

bool FontFile::may_open_for(char32_t code_point) const
{
    return opens_for.empty() || std::any_of(opens_for.begin(), opens_for.end(), [&](const CodeRange& range) {
               return code_point >= range.first && code_point <= range.last;
           });
}

namespace {

bool has_jamo_features(hb_face_t* face)
{
    for (const hb_tag_t feature : {HB_TAG('l', 'j', 'm', 'o'), HB_TAG('v', 'j', 'm', 'o'), HB_TAG('t', 'j', 'm', 'o')}) {
        unsigned index = 0;
        if (!hb_ot_layout_language_find_feature(face, HB_OT_TAG_GSUB, 0, HB_OT_LAYOUT_DEFAULT_LANGUAGE_INDEX, feature, &index)) {
            // Not under the first script: look in the Hangul script's default language system.
            unsigned script = 0;
            const hb_tag_t hangul = HB_TAG('h', 'a', 'n', 'g');
            if (!hb_ot_layout_table_find_script(face, HB_OT_TAG_GSUB, hangul, &script) ||
                !hb_ot_layout_language_find_feature(face, HB_OT_TAG_GSUB, script, HB_OT_LAYOUT_DEFAULT_LANGUAGE_INDEX, feature, &index))
                return false;
        }
    }
    return true;
}

// Each font file is mapped once for the whole process, and every Font of it, in every chain and
// at every size, shapes (HarfBuzz) and draws (FreeType) from that one mapping: a chain per role
// and size would otherwise map a file twice each, dozens of times for the 11 MB emoji font,
// hundreds of megabytes of address space that a 32-bit Raspberry Pi OS does not have. The
// mappings live as long as the process; the player opens a dozen files at most.
HbBlobPtr mapped_file(const std::string& path)
{
    // A file replaced at the same path (a font changed before a config reload) is a new file.
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0)
        return nullptr;
    const std::string key = path + '\n' + std::to_string(status.st_ino) + ':' + std::to_string(status.st_size) + ':' +
                            std::to_string(status.st_mtim.tv_sec) + '.' + std::to_string(status.st_mtim.tv_nsec);
    static std::mutex mutex;
    static std::map<std::string, HbBlobPtr> files;
    std::lock_guard lock(mutex);
    auto found = files.find(key);
    if (found == files.end()) {
        HbBlobPtr blob(hb_blob_create_from_file_or_fail(path.c_str()));
        if (!blob)
            return nullptr;
        found = files.emplace(key, std::move(blob)).first;
    }
    return HbBlobPtr(hb_blob_reference(found->second.get()));
}

}  // namespace

Result<std::unique_ptr<Font>> Font::open(const FreeTypeLibrary& library, const FontFile& file, int pixel_size)
{
    return open_with(library.get(), file, pixel_size);
}

Result<std::unique_ptr<Font>> Font::open_with(FT_Library library, const FontFile& file, int pixel_size)
{
    const std::string path = file.path.string();
    auto font = std::unique_ptr<Font>(new Font());  // private constructor: make_unique cannot reach it
    font->m_file = file;
    font->m_pixel_size = pixel_size;

    font->m_file_data = mapped_file(path);
    unsigned size = 0;
    const char* data = font->m_file_data ? hb_blob_get_data(font->m_file_data.get(), &size) : nullptr;
    FT_Face face = nullptr;
    if (!data || FT_New_Memory_Face(library, reinterpret_cast<const FT_Byte*>(data), static_cast<FT_Long>(size),
                                    static_cast<FT_Long>(file.face_index), &face) != 0)
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

    HbFacePtr hb_face(hb_face_create(font->m_file_data.get(), file.face_index));
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

bool Font::composes_jamo() const
{
    std::call_once(m_jamo_checked, [this] { m_composes_jamo = has_jamo_features(hb_font_get_face(m_hb_font.get())); });
    return m_composes_jamo;
}

bool Font::covers(char32_t code_point) const
{
    hb_codepoint_t glyph = 0;
    return hb_font_get_nominal_glyph(m_hb_font.get(), code_point, &glyph) && glyph != 0;
}

Result<FontChain> FontChain::open(const FreeTypeLibrary& library, const std::vector<FontFile>& files, int pixel_size)
{
    FontChain chain;
    chain.m_library = library.get();
    chain.m_pixel_size = pixel_size;
    for (const auto& file : files) {
        auto entry = std::make_unique<Entry>();
        entry->file = file;
        // The first font is the chain's own: its metrics, its replacement mark.
        if (!file.lazy || chain.m_entries.empty()) {
            auto font = Font::open(library, file, pixel_size);
            if (!font)
                return font.error();
            chain.m_ascender = std::max(chain.m_ascender, font.value()->ascender());
            chain.m_descender = std::max(chain.m_descender, font.value()->descender());
            entry->font = std::move(font.value());
            std::call_once(entry->opening, [] {});
            entry->opened = true;
        }
        chain.m_entries.push_back(std::move(entry));
    }
    if (chain.m_entries.empty())
        return Error{"font chain: no font files given"};
    return chain;
}

const Font* FontChain::open_lazy(Entry& entry) const
{
    std::call_once(entry.opening, [&] {
        // Lazy fonts of chains that share a FreeType library may open on different threads.
        static std::mutex library_mutex;
        std::lock_guard lock(library_mutex);
        auto font = Font::open_with(m_library, entry.file, m_pixel_size);
        if (font) {
            entry.font = std::move(font.value());
            entry.opened = true;
            return;
        }
        static std::set<std::string> logged;  // under library_mutex
        if (logged.insert(entry.file.path.string()).second)
            platform::log({platform::LogLevel::warning, "text", "fallback " + font.error().message + "; its characters are shown as replacement marks"});
    });
    return entry.font.get();
}

bool FontChain::covers(std::size_t index, char32_t code_point) const
{
    Entry& entry = *m_entries[index];
    if (!entry.opened.load(std::memory_order_acquire)) {
        if (!entry.file.may_open_for(code_point))
            return false;
        if (!open_lazy(entry))
            return false;
    }
    return entry.font->covers(code_point);
}

bool FontChain::is_open(std::size_t index) const
{
    return m_entries[index]->opened.load(std::memory_order_acquire);
}

bool FontChain::draws_emoji(std::size_t index) const
{
    const Entry& entry = *m_entries[index];
    if (!is_open(index))
        return entry.file.colour_emoji;
    return entry.font ? entry.font->colour_bitmaps() : false;
}

const Font& FontChain::font(std::size_t index) const
{
    Entry& entry = *m_entries[index];
    if (!entry.opened.load(std::memory_order_acquire) && !open_lazy(entry))
        return *m_entries.front()->font;
    return *entry.font;
}

}  // namespace signage::text

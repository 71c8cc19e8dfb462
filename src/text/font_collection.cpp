#include "text/font_collection.hpp"

#include "util/ascii.hpp"

#include FT_TRUETYPE_TABLES_H
#include <hb-ot.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace signage::text {

namespace {

using HbSetPtr = std::unique_ptr<hb_set_t, platform::CDeleter<hb_set_destroy>>;

// The languages whose faces a pan-CJK collection tells apart. Hong Kong is apart from Taiwan:
// both write Traditional Chinese, but with different standard forms of many characters.
enum class Variety { korean, japanese, simplified_chinese, traditional_chinese, hong_kong_chinese };

struct VarietyTraits {
    const char* name;
    const char* script;     // what a face designed for the variety cannot lack
    char32_t first;         // a block of that script
    char32_t last;
    std::uint32_t code_pages;  // OS/2 ulCodePageRange1 bits of the variety's legacy code pages
};

const VarietyTraits& traits(Variety variety)
{
    // Kana rather than Han for Japanese, and Hangul for Korean, because Chinese fonts have no
    // Hangul and often no kana while every CJK font has Han. Hong Kong shares Big5's bit: no
    // code page of its own.
    static constexpr VarietyTraits table[] = {
        {"Korean", "Hangul", 0xAC00, 0xD7A3, (1u << 19) | (1u << 21)},  // Wansung, Johab
        {"Japanese", "kana", 0x3041, 0x30FF, 1u << 17},
        {"Simplified Chinese", "Han", 0x4E00, 0x9FFF, 1u << 18},
        {"Traditional Chinese", "Han", 0x4E00, 0x9FFF, 1u << 20},
        {"Hong Kong Chinese", "Han", 0x4E00, 0x9FFF, 1u << 20},
    };
    return table[static_cast<std::size_t>(variety)];
}

bool all_of_class(std::string_view text, bool (*in_class)(char))
{
    return !text.empty() && std::all_of(text.begin(), text.end(), in_class);
}

// The variety a BCP 47 tag denotes ("ko", "zh-Hant-HK", "zh_TW"), also in the forms a 'meta'
// table and a name record use: a ScriptLangTag may be a bare script ("Kore", "Hant-HK"), and
// HarfBuzz spells name record languages in lower case ("zh-tw"). nullopt for anything else.
std::optional<Variety> variety_of(std::string_view tag)
{
    std::string language;
    std::string script;
    std::string region;
    bool first = true;
    for (std::size_t start = 0; start <= tag.size();) {
        std::size_t end = tag.find_first_of("-_", start);
        if (end == std::string_view::npos)
            end = tag.size();
        const std::string_view subtag = tag.substr(start, end - start);
        start = end + 1;
        if (subtag.size() == 1)
            break;  // an extension or private use follows: nothing about the variety
        if (subtag.size() == 4 && all_of_class(subtag, is_ascii_letter) && script.empty())
            script = ascii_lower(subtag);
        else if (first)
            language = ascii_lower(subtag);
        else if ((subtag.size() == 2 && all_of_class(subtag, is_ascii_letter)) || (subtag.size() == 3 && all_of_class(subtag, is_ascii_digit)))
            region = ascii_lower(subtag);
        first = false;
    }

    if (script == "kore" || script == "hang")
        return Variety::korean;
    if (script == "jpan" || script == "hira" || script == "kana" || script == "hrkt")
        return Variety::japanese;
    const bool hong_kong = region == "hk" || region == "mo";
    if (script == "hans")
        return Variety::simplified_chinese;
    if (script == "hant")
        return hong_kong ? Variety::hong_kong_chinese : Variety::traditional_chinese;
    if (!script.empty() && script != "hani")
        return std::nullopt;  // e.g. romanized: no CJK face is designed for it
    if (language == "ko")
        return Variety::korean;
    if (language == "ja")
        return Variety::japanese;
    if (language != "zh" && language != "cmn" && language != "yue")
        return std::nullopt;
    if (hong_kong)
        return Variety::hong_kong_chinese;
    if (region == "tw")
        return Variety::traditional_chinese;
    if (region == "cn" || region == "sg")
        return Variety::simplified_chinese;
    // Unicode CLDR's likely subtags: zh is zh-Hans-CN, yue is yue-Hant-HK.
    return language == "yue" ? Variety::hong_kong_chinese : Variety::simplified_chinese;
}

// The variety a family name's last word names: the convention of pan-CJK families ("Noto Sans
// CJK KR", "Source Han Sans K", "Source Han Sans HC" for Hong Kong).
std::optional<Variety> variety_of_family(std::string_view family)
{
    const std::size_t space = family.find_last_of(" -_");
    const std::string_view token = space == std::string_view::npos ? family : family.substr(space + 1);
    // One letter only in capitals: a lone lower-case letter is more likely a word than a region.
    if (token == "K")
        return Variety::korean;
    if (token == "J")
        return Variety::japanese;
    const std::string word = ascii_lower(token);
    if (word == "kr")
        return Variety::korean;
    if (word == "jp")
        return Variety::japanese;
    if (word == "sc" || word == "cn")
        return Variety::simplified_chinese;
    if (word == "tc" || word == "tw")
        return Variety::traditional_chinese;
    if (word == "hk" || word == "hc")
        return Variety::hong_kong_chinese;
    return std::nullopt;
}

// Evidence at one level for one face, compared across faces: higher is better.
constexpr int exact = 2;
constexpr int compatible = 1;
constexpr int silent = 0;
constexpr int other = -1;  // the face says it is designed for something else

int match(Variety declared, Variety wanted)
{
    if (declared == wanted)
        return exact;
    // Hong Kong text in a Taiwanese face keeps Traditional forms, closer than any other face's.
    if (wanted == Variety::hong_kong_chinese && declared == Variety::traditional_chinese)
        return compatible;
    return other;
}

// Levels of evidence, strongest first. Only the OS/2 code pages never count against a face:
// pan-CJK fonts set the bits of every code page they cover, not just their own.
enum Level { meta_level, family_token_level, family_language_level, code_page_level, level_count };

struct FaceFacts {
    unsigned index = 0;
    std::string name;  // family and style, for messages
    std::string design_languages;  // the 'meta' dlng text, as written
    // What the face declares at each level but the code pages; nullopt: something not CJK.
    std::array<std::vector<std::optional<Variety>>, code_page_level> declared;
    std::uint32_t code_pages = 0;
    bool monospaced = false;
    HbSetPtr code_points;
};

std::string name_text(hb_face_t* face, hb_ot_name_id_t name_id, hb_language_t language)
{
    const unsigned length = hb_ot_name_get_utf8(face, name_id, language, nullptr, nullptr);
    if (length == 0)
        return {};
    std::string text(length + 1, '\0');
    unsigned size = length + 1;
    hb_ot_name_get_utf8(face, name_id, language, &size, text.data());
    text.resize(size);
    return text;
}

// Noto Sans Mono CJK sets no fixed-pitch flag, so its Latin advances say it.
bool is_monospaced(FT_Face ft_face, hb_font_t* font)
{
    if (FT_IS_FIXED_WIDTH(ft_face))
        return true;
    hb_codepoint_t narrow = 0;
    hb_codepoint_t wide = 0;
    if (!hb_font_get_nominal_glyph(font, 'i', &narrow) || !hb_font_get_nominal_glyph(font, 'M', &wide))
        return false;
    return hb_font_get_glyph_h_advance(font, narrow) == hb_font_get_glyph_h_advance(font, wide);
}

FaceFacts examine(unsigned index, FT_Face ft_face, hb_face_t* face)
{
    FaceFacts facts;
    facts.index = index;

    std::string family = name_text(face, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY, HB_LANGUAGE_INVALID);
    if (family.empty())
        family = name_text(face, HB_OT_NAME_ID_FONT_FAMILY, HB_LANGUAGE_INVALID);
    std::string style = name_text(face, HB_OT_NAME_ID_TYPOGRAPHIC_SUBFAMILY, HB_LANGUAGE_INVALID);
    if (style.empty())
        style = name_text(face, HB_OT_NAME_ID_FONT_SUBFAMILY, HB_LANGUAGE_INVALID);
    // With the style, faces of one family (Regular, Bold) are told apart in a message.
    facts.name = style.empty() ? family : family + " " + style;

    HbBlobPtr meta(hb_ot_meta_reference_entry(face, HB_OT_META_TAG_DESIGN_LANGUAGES));
    unsigned meta_length = 0;
    const char* meta_data = hb_blob_get_data(meta.get(), &meta_length);
    facts.design_languages.assign(meta_data ? meta_data : "", meta_data ? meta_length : 0);
    for (std::size_t start = 0; start < facts.design_languages.size();) {
        std::size_t end = facts.design_languages.find(',', start);
        if (end == std::string::npos)
            end = facts.design_languages.size();
        std::string_view tag = std::string_view(facts.design_languages).substr(start, end - start);
        start = end + 1;
        while (!tag.empty() && tag.front() == ' ')
            tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ')
            tag.remove_suffix(1);
        if (!tag.empty())
            facts.declared[meta_level].push_back(variety_of(tag));
    }

    unsigned entry_count = 0;
    const hb_ot_name_entry_t* entries = hb_ot_name_list_names(face, &entry_count);
    for (unsigned i = 0; i < entry_count; ++i) {
        const hb_ot_name_entry_t& entry = entries[i];
        if (entry.name_id != HB_OT_NAME_ID_FONT_FAMILY && entry.name_id != HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY)
            continue;
        // A family name lacking a region word, or in a language outside CJK (every font has
        // English names), says nothing either way.
        if (const auto variety = variety_of_family(name_text(face, entry.name_id, entry.language)))
            facts.declared[family_token_level].push_back(variety);
        if (const char* language = hb_language_to_string(entry.language)) {
            if (const auto variety = variety_of(language))
                facts.declared[family_language_level].push_back(variety);
        }
    }

    if (const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(ft_face, FT_SFNT_OS2)); os2 && os2->version >= 1 && os2->version != 0xFFFF)
        facts.code_pages = static_cast<std::uint32_t>(os2->ulCodePageRange1);

    HbFontPtr font(hb_font_create(face));
    facts.monospaced = is_monospaced(ft_face, font.get());
    facts.code_points.reset(hb_set_create());
    hb_face_collect_unicodes(face, facts.code_points.get());
    return facts;
}

bool has_script(const FaceFacts& face, Variety wanted)
{
    hb_codepoint_t code_point = traits(wanted).first - 1;
    return hb_set_next(face.code_points.get(), &code_point) && code_point <= traits(wanted).last;
}

std::array<int, level_count> evidence(const FaceFacts& face, Variety wanted)
{
    std::array<int, level_count> result{};
    for (int level = 0; level < code_page_level; ++level) {
        const auto& declared = face.declared[static_cast<std::size_t>(level)];
        int best = declared.empty() ? silent : other;
        for (const auto& variety : declared) {
            if (variety)
                best = std::max(best, match(*variety, wanted));
        }
        result[static_cast<std::size_t>(level)] = best;
    }
    result[code_page_level] = (face.code_pages & traits(wanted).code_pages) != 0 ? exact : silent;
    return result;
}

// The strongest evidence decides: a face whose strongest evidence is for another language is
// out, whatever weaker evidence says, and so is one without any evidence for the wanted one.
bool is_candidate(const FaceFacts& face, Variety wanted)
{
    if (!has_script(face, wanted))
        return false;
    for (const int level_evidence : evidence(face, wanted)) {
        if (level_evidence != silent)
            return level_evidence > silent;
    }
    return false;
}

// What the face was taken for, for a message: "Korean", "no Hangul", "Japanese/Korean".
std::string verdict(const FaceFacts& face, Variety wanted)
{
    if (!has_script(face, wanted))
        return std::string("no ") + traits(wanted).script;
    const auto found = evidence(face, wanted);
    for (std::size_t level = 0; level < level_count; ++level) {
        if (found[level] > silent)
            return traits(wanted).name;
        if (found[level] == other) {
            std::string names;
            for (const auto& variety : face.declared[level]) {
                const std::string name = variety ? traits(*variety).name : "";
                if (!name.empty() && names.find(name) == std::string::npos)
                    names += (names.empty() ? "" : "/") + name;
            }
            return names.empty() ? "designed for " + face.design_languages : names;
        }
    }
    return "language unknown";
}

std::string face_list(const std::vector<FaceFacts>& faces, std::optional<Variety> wanted)
{
    std::string list;
    for (const auto& face : faces) {
        list += (list.empty() ? "" : ", ") + std::to_string(face.index) + " \"" + face.name + "\"";
        if (wanted)
            list += " (" + verdict(face, *wanted) + ")";
    }
    return list;
}

const char* const set_face_advice = "; set face = N in its { file = \"...\", face = N } font entry to the face to use";

}  // namespace

Result<unsigned> font_face_count(const FreeTypeLibrary& library, const std::filesystem::path& file)
{
    const std::string path = file.string();
    FT_Face face = nullptr;
    // Face index -1 asks FreeType only whether it reads the file, and how many faces it has.
    if (FT_New_Face(library.get(), path.c_str(), -1, &face) != 0)
        return Error{"font " + path + ": cannot open (missing or not a font file)"};
    const FreeTypeFacePtr owned(face);
    if (face->num_faces < 1)
        return Error{"font " + path + ": holds no font"};
    return static_cast<unsigned>(face->num_faces);
}

Result<unsigned> face_for_language(const FreeTypeLibrary& library, const std::filesystem::path& file, std::string_view language)
{
    const auto count = font_face_count(library, file);
    if (!count)
        return count.error();
    if (count.value() == 1)
        return 0u;

    const std::string path = file.string();
    const HbBlobPtr blob(hb_blob_create_from_file_or_fail(path.c_str()));
    if (!blob)
        return Error{"font " + path + ": cannot read"};
    std::vector<FaceFacts> faces;
    for (unsigned index = 0; index < count.value(); ++index) {
        FT_Face ft_face = nullptr;
        if (FT_New_Face(library.get(), path.c_str(), static_cast<FT_Long>(index), &ft_face) != 0)
            return Error{"font " + path + ": face " + std::to_string(index) + " of its " + std::to_string(count.value())
                + " cannot be opened; the collection is damaged"};
        const FreeTypeFacePtr owned_ft_face(ft_face);
        const HbFacePtr hb_face(hb_face_create(blob.get(), index));
        faces.push_back(examine(index, ft_face, hb_face.get()));
    }

    const std::string prefix = "font " + path + ": ";
    const auto wanted = variety_of(language);
    if (!wanted)
        return Error{prefix + "cannot tell which face of this collection is designed for \"" + std::string(language)
            + "\", only Korean, Japanese and Chinese ones; its faces: " + face_list(faces, std::nullopt) + set_face_advice};

    const std::string wanted_text = std::string(traits(*wanted).name) + " (\"" + std::string(language) + "\")";
    std::vector<const FaceFacts*> best;
    std::array<int, level_count> best_evidence{};
    for (const auto& face : faces) {
        if (!is_candidate(face, *wanted))
            continue;
        const auto face_evidence = evidence(face, *wanted);
        if (best.empty() || best_evidence < face_evidence) {
            best = {&face};
            best_evidence = face_evidence;
        }
        else if (face_evidence == best_evidence) {
            best.push_back(&face);
        }
    }
    if (best.empty())
        return Error{prefix + "no face of this collection is identifiable as designed for " + wanted_text + "; its faces: "
            + face_list(faces, wanted) + set_face_advice};

    if (std::any_of(best.begin(), best.end(), [](const FaceFacts* face) { return !face->monospaced; }))
        std::erase_if(best, [](const FaceFacts* face) { return face->monospaced; });
    if (best.size() == 1)
        return best.front()->index;

    std::string tied;
    for (const FaceFacts* face : best)
        tied += (tied.empty() ? "" : ", ") + std::to_string(face->index);
    return Error{prefix + "faces " + tied + " of this collection are equally likely to be designed for " + wanted_text
        + "; its faces: " + face_list(faces, wanted) + set_face_advice};
}

}  // namespace signage::text

#pragma once
// Font collections (.ttc/.otc): which face to draw a language with. A pan-CJK collection such as
// Noto Sans CJK holds one face per language that share code points but draw Han characters and
// punctuation in each language's own forms, and its face 0 is usually the Japanese one; Korean
// text set in it would look foreign to Korean readers. So the face is picked by what the font
// says it was designed for, never by a default index.
#include "text/font.hpp"
#include "util/result.hpp"

#include <filesystem>
#include <string_view>

namespace signage::text {

// How many faces a font file holds: 1 for a plain .ttf/.otf. An error naming the file when
// FreeType cannot open it.
Result<unsigned> font_face_count(const FreeTypeLibrary& library, const std::filesystem::path& file);

// The face of `file` designed for `language`, a BCP 47 tag of Korean, Japanese or Chinese ("ko",
// "ko-KR", "ja", "zh-Hans", "zh-CN", "zh-Hant", "zh-TW", "zh-HK", ...). A plain font file (one
// face) is 0 whatever the language: there is nothing to choose. In a collection, the evidence,
// strongest first, is the 'meta' table's design languages, a family name ending in a region
// token ("Noto Sans CJK KR", "Source Han Sans K"), a family name recorded in that language, and
// the OS/2 code pages; a face without any character of the language's own script (Hangul for
// Korean, kana for Japanese, Han for Chinese) is never chosen. Among faces with equal evidence a
// proportional face beats a monospaced one (Noto Sans CJK KR over Noto Sans Mono CJK KR), since
// signs set running text. An error, on one line naming the file and listing its faces with their
// indexes and family names, when no face can be identified, when several are equally likely,
// or when the language is not one this can tell apart: the user then sets face = N.
Result<unsigned> face_for_language(
    const FreeTypeLibrary& library, const std::filesystem::path& file, std::string_view language);

}  // namespace signage::text

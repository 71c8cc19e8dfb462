#include "text/bundled_fonts.hpp"

namespace signage::text {

namespace {

// Conjoining jamo, and the modern syllables: a syllable followed by an old final jamo
// (U+D558 U+11EB) is one cluster Nanum Gothic cannot compose.
const std::vector<CodeRange> old_hangul = {{0x1100, 0x11FF}, {0xA960, 0xA97F}, {0xD7B0, 0xD7FF}, {0xAC00, 0xD7A3}};
// Radicals, strokes, CJK Unified Ideographs and Extension A, compatibility ideographs,
// Extensions B and on (and the compatibility supplement).
const std::vector<CodeRange> han = {{0x2E80, 0x2FDF}, {0x31C0, 0x31EF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x2FFFF}};
const std::vector<CodeRange> hebrew = {{0x0590, 0x05FF}, {0xFB1D, 0xFB4F}};
// Arabic, its Supplement and Extended-A, and the presentation forms.
const std::vector<CodeRange> arabic = {{0x0600, 0x06FF}, {0x0750, 0x077F}, {0x08A0, 0x08FF}, {0xFB50, 0xFDFF}, {0xFE70, 0xFEFF}};

// What emoji sequences are made of: keycap bases, ©, ®, the symbol blocks from U+203C (arrows,
// dingbats, misc symbols) to U+3299, the emoji planes' blocks, ZWJ, VS16, the keycap mark and
// the tags of subdivision flags. The itemizer asks the emoji font for every emoji cluster, and
// for a cluster no earlier font covers only when it has one of these.
const std::vector<CodeRange> emoji_sequences = {{0x0023, 0x0023}, {0x002A, 0x002A}, {0x0030, 0x0039}, {0x00A9, 0x00A9}, {0x00AE, 0x00AE},
                                                {0x200D, 0x200D}, {0x203C, 0x3299}, {0xFE0F, 0xFE0F}, {0x1F000, 0x1FAFF}, {0xE0020, 0xE007F}};

std::vector<CodeRange> joined(std::vector<CodeRange> first, const std::vector<CodeRange>& second)
{
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

}  // namespace

BundledFonts BundledFonts::in(const std::filesystem::path& data_dir)
{
    const auto fonts = data_dir / "fonts";
    return BundledFonts{
        {fonts / "NotoSans-Regular.ttf", 0},
        {fonts / "NotoSans-Bold.ttf", 0},
        {fonts / "NanumGothic.ttf", 0},
        {fonts / "NanumGothicBold.ttf", 0},
        FontFile::lazy_fallback(fonts / "NotoSansKR-Fallback-Regular.otf", joined(old_hangul, han)),
        FontFile::lazy_fallback(fonts / "NotoSansKR-Fallback-Bold.otf", old_hangul),
        FontFile::lazy_fallback(fonts / "NotoSansHebrew-Regular.ttf", hebrew),
        FontFile::lazy_fallback(fonts / "NotoSansHebrew-Bold.ttf", hebrew),
        FontFile::lazy_fallback(fonts / "NotoSansArabic-Regular.ttf", arabic),
        FontFile::lazy_fallback(fonts / "NotoSansArabic-Bold.ttf", arabic),
        FontFile::lazy_emoji(fonts / "NotoColorEmoji.ttf", emoji_sequences),
    };
}

std::vector<FontFile> BundledFonts::regular_chain() const
{
    std::vector<FontFile> chain{latin_regular, korean_regular};
    for (auto& fallback : regular_fallbacks())
        chain.push_back(std::move(fallback));
    return chain;
}

std::vector<FontFile> BundledFonts::bold_chain() const
{
    std::vector<FontFile> chain{latin_bold, korean_bold};
    for (auto& fallback : bold_fallbacks())
        chain.push_back(std::move(fallback));
    return chain;
}

}  // namespace signage::text

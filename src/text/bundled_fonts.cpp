#include "text/bundled_fonts.hpp"

namespace signage::text {

BundledFonts BundledFonts::in(const std::filesystem::path& data_dir)
{
    const auto fonts = data_dir / "fonts";
    return BundledFonts{
        {fonts / "NotoSans-Regular.ttf", 0},
        {fonts / "NotoSans-Bold.ttf", 0},
        {fonts / "NanumGothic.ttf", 0},
        {fonts / "NanumGothicBold.ttf", 0},
        {fonts / "NotoColorEmoji.ttf", 0},
    };
}

}  // namespace signage::text

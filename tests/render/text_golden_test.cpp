// Golden images of the hard cases of bilingual text, drawn the way the screen draws them:
// shaped, rasterized, uploaded as (tiled) textures and blended over the background.
#include "golden.hpp"
#include "render/text_sprite.hpp"
#include "text/raster.hpp"
#include "text/shaper.hpp"
#include "text/wrap.hpp"

#include <doctest/doctest.h>

namespace signage::render {

namespace {

constexpr SDL_Color background{11, 31, 58, 255};
constexpr SDL_Color ink{255, 255, 255, 255};

struct TextCanvas {
    text::FreeTypeLibrary library = text::FreeTypeLibrary::create().value();
    text::FontChain chain;
    platform::SurfacePtr surface;
    platform::RendererPtr renderer;

    TextCanvas(int px, int width, int lines)
        : chain(text::FontChain::open(library, repository_fonts().bold_chain(), px).value())
    {
        const int line_height = static_cast<int>((chain.ascender() + chain.descender() + 63) / 64);
        surface.reset(SDL_CreateRGBSurfaceWithFormat(0, width, line_height * lines + 16, 32, SDL_PIXELFORMAT_ARGB8888));
        renderer.reset(SDL_CreateSoftwareRenderer(surface.get()));
        REQUIRE(renderer);
        SDL_SetRenderDrawColor(renderer.get(), background.r, background.g, background.b, 255);
        SDL_RenderClear(renderer.get());
    }

    void draw_lines(const std::vector<std::string>& lines)
    {
        const int line_height = static_cast<int>((chain.ascender() + chain.descender() + 63) / 64);
        int top = 8;
        for (const auto& line : lines) {
            const auto sprite = TextSprite::create(renderer.get(), text::rasterize_line(text::shape_line(line, chain), chain), ink);
            sprite.draw(renderer.get(), 8, top + static_cast<int>((chain.ascender() + 63) / 64));
            top += line_height;
        }
        SDL_RenderPresent(renderer.get());
    }
};

}  // namespace

TEST_CASE("golden: mixed Hangul, Latin and digits sit on one baseline")
{
    TextCanvas canvas(48, 1320, 1);
    canvas.draw_lines({"MOIS 장관, 2018.06.04 Lima 방문 — e-Government 협력"});
    check_against_golden(canvas.surface.get(), "text-mixed.png");
}

TEST_CASE("golden: conjoining jamo and hanja")
{
    TextCanvas canvas(48, 900, 1);
    canvas.draw_lines({"\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xB3\xE1\x86\xAF · 韓國 電子政府 · 한글"});
    check_against_golden(canvas.surface.get(), "text-jamo-hanja.png");
}

TEST_CASE("golden: colour emoji beside Hangul and Latin on one baseline")
{
    TextCanvas canvas(48, 1240, 1);
    canvas.draw_lines({"📢 태풍 ⚠️ 경보 🇰🇷 1️⃣ 안내 · 가족 👨‍👩‍👧 👍🏽 OK"});
    check_against_golden(canvas.surface.get(), "text-emoji.png");
}

TEST_CASE("golden: a long Korean headline wrapped to three lines with an ellipsis")
{
    TextCanvas canvas(40, 620, 3);
    const auto lines = text::wrap_text("산이시드로 '스마트 안전도시' 사업, 한-페루 전자정부협력센터 통해 지속 지원하고 관계기관 120명 참석한 "
                                 "리마 전자정부·스마트시티 포럼 결과를 공유",
                                 canvas.chain, 600, 3);
    REQUIRE(lines.size() == 3);
    CHECK(lines.back().ends_with("…"));
    canvas.draw_lines(lines);
    check_against_golden(canvas.surface.get(), "text-wrapped-ellipsis.png");
}

TEST_CASE("golden: a line wider than 4096 px is drawn whole across texture tiles")
{
    std::string text;
    for (int i = 0; i < 4; ++i)
        text += "행정안전부·외교부, 페루·파라과이와 전자정부 협력 강화 — Korea fosters e-government cooperation ";
    TextCanvas canvas(40, 1, 1);
    const auto image = text::rasterize_line(text::shape_line(text, canvas.chain), canvas.chain);
    REQUIRE(image.width > 4096 + 500);
    TextCanvas wide(40, image.width + 16, 1);
    wide.draw_lines({text});
    // No seam: across the tile edge the drawn pixels follow the coverage image exactly.
    const int baseline_top = 8;
    for (int x = 4090; x < 4102; ++x)
        for (int y = 0; y < image.height; ++y) {
            Uint8 r, g, b;
            SDL_GetRGB(argb_pixel(wide.surface.get(), 8 - image.origin_x + x, baseline_top + y), wide.surface->format, &r, &g, &b);
            CAPTURE(x);
            CAPTURE(y);
            if (image.at(x, y) == 255)
                CHECK(r == 255);
            else if (image.at(x, y) == 0)
                CHECK(r == background.r);
        }
    check_against_golden(wide.surface.get(), "text-wider-than-4096.png");
}

TEST_CASE("golden: Old Hangul in a line of Korean, each jamo sequence one syllable block")
{
    // 훈민정음 ᄒᆞᆫ ᄉᆞᆼ 하ᇫ 옛글: the middle three from the lazy Old Hangul fallback.
    TextCanvas canvas(48, 760, 1);
    canvas.draw_lines({"훈민정음 \xE1\x84\x92\xE1\x86\x9E\xE1\x86\xAB \xE1\x84\x89\xE1\x86\x9E\xE1\x86\xBC "
                       "\xED\x95\x98\xE1\x87\xAB 옛글 \xE3\x90\x80"});
    check_against_golden(canvas.surface.get(), "text-old-hangul.png");
}

TEST_CASE("golden: Hebrew and Arabic names in Korean and English, right to left and joined")
{
    TextCanvas canvas(48, 1100, 2);
    canvas.draw_lines({"환영합니다 محمد علي 님, 국제협력과 שרה כהן", "Welcome, سلام and שלום from Seoul"});
    check_against_golden(canvas.surface.get(), "text-rtl-names.png");
}

TEST_CASE("golden: characters no font has show one replacement mark each")
{
    TextCanvas canvas(48, 700, 1);
    canvas.draw_lines({"안내 ሰ 점검 ⴰ\xCC\x81 완료 \xEE\x80\x80"});  // Ethiopic, Tifinagh, private use
    check_against_golden(canvas.surface.get(), "text-missing-glyph.png");
}

}  // namespace signage::render

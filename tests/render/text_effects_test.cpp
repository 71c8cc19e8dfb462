// How text sprites blend: anti-aliased coverage over the background, and the outline and
// shadow that keep text legible over busy backgrounds.
#include "golden.hpp"
#include "render/text_sprite.hpp"
#include "text/raster.hpp"
#include "text/shaper.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

namespace signage::render {

namespace {

struct Rgb {
    int r, g, b;
};

struct Canvas {
    platform::SurfacePtr surface;
    platform::RendererPtr renderer;

    Canvas(int width, int height, SDL_Color background)
        : surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888))
        , renderer(SDL_CreateSoftwareRenderer(surface.get()))
    {
        REQUIRE(renderer);
        SDL_SetRenderDrawColor(renderer.get(), background.r, background.g, background.b, 255);
        SDL_RenderClear(renderer.get());
    }

    Rgb at(int x, int y) const
    {
        Uint8 r, g, b;
        SDL_GetRGB(argb_pixel(surface.get(), x, y), surface->format, &r, &g, &b);
        return {r, g, b};
    }
};

// A 20 x 20 coverage image with a solid 4 x 4 square of ink at (8, 8), baseline at row 20.
text::CoverageImage square()
{
    text::CoverageImage image;
    image.width = 20;
    image.height = 20;
    image.baseline = 20;
    image.advance = 20;
    image.alpha.assign(400, 0);
    for (int y = 8; y < 12; ++y)
        for (int x = 8; x < 12; ++x)
            image.alpha[static_cast<std::size_t>(y * 20 + x)] = 255;
    return image;
}

}  // namespace

TEST_CASE("anti-aliased text blends over the background in proportion to its coverage")
{
    constexpr SDL_Color background{10, 20, 30, 255};
    Canvas canvas(8, 4, background);
    text::CoverageImage image;
    image.width = 3;
    image.height = 1;
    image.baseline = 1;
    image.alpha = {0, 128, 255};
    const auto sprite = TextSprite::create(canvas.renderer.get(), image, {250, 200, 100, 255});
    sprite.draw(canvas.renderer.get(), 2, 2);  // the row above the baseline is row 1
    auto expected = [](int text, int under, double alpha) { return static_cast<int>(std::lround(text * alpha + under * (1 - alpha))); };
    CHECK(canvas.at(2, 1).r == 10);
    const Rgb half = canvas.at(3, 1);
    CHECK(std::abs(half.r - expected(250, 10, 128 / 255.0)) <= 2);
    CHECK(std::abs(half.g - expected(200, 20, 128 / 255.0)) <= 2);
    CHECK(std::abs(half.b - expected(100, 30, 128 / 255.0)) <= 2);
    CHECK(canvas.at(4, 1).r == 250);
    CHECK(canvas.at(4, 1).b == 100);
}

TEST_CASE("a sprite drawn at an opacity blends that much of itself, and is opaque again at its next draw")
{
    constexpr SDL_Color background{10, 20, 30, 255};
    Canvas canvas(40, 20, background);
    const auto sprite = TextSprite::create(canvas.renderer.get(), square(), {250, 200, 100, 255});
    sprite.draw(canvas.renderer.get(), 0, 20, 64);   // a quarter
    sprite.draw(canvas.renderer.get(), 20, 20);      // then plainly, beside it
    SDL_RenderFlush(canvas.renderer.get());          // both copies queued before either is drawn
    const Rgb quarter = canvas.at(9, 9);
    auto expected = [](int text, int under) { return static_cast<int>(std::lround(text * 64 / 255.0 + under * (1 - 64 / 255.0))); };
    CHECK(std::abs(quarter.r - expected(250, 10)) <= 2);
    CHECK(std::abs(quarter.g - expected(200, 20)) <= 2);
    CHECK(std::abs(quarter.b - expected(100, 30)) <= 2);
    CHECK(canvas.at(29, 9).r == 250);
    CHECK(canvas.at(29, 9).b == 100);
    sprite.draw(canvas.renderer.get(), 0, 20, 255);  // opaque: the same as without an opacity
    SDL_RenderFlush(canvas.renderer.get());
    CHECK(canvas.at(9, 9).r == 250);
}

TEST_CASE("a sprite's texture holds only its ink, and draws it where the whole line box would")
{
    constexpr SDL_Color background{10, 20, 30, 255};
    Canvas canvas(40, 30, background);
    const auto sprite = TextSprite::create(canvas.renderer.get(), square(), {250, 200, 100, 255});
    CHECK(sprite.bytes() == 4 * 4 * 4);  // the 4 x 4 square, not the 20 x 20 box
    CHECK(sprite.height() == 20);        // the line box still measures the line
    CHECK(sprite.baseline() == 20);
    CHECK(sprite.advance() == 20);
    sprite.draw(canvas.renderer.get(), 5, 25);  // the box's top left at (5, 5): the ink at (13, 13)
    SDL_RenderFlush(canvas.renderer.get());
    for (int y = 0; y < 30; ++y)
        for (int x = 0; x < 40; ++x) {
            const bool ink = x >= 13 && x < 17 && y >= 13 && y < 17;
            CAPTURE(x);
            CAPTURE(y);
            CHECK(canvas.at(x, y).r == (ink ? 250 : 10));
        }

    text::CoverageImage blank = square();
    std::fill(blank.alpha.begin(), blank.alpha.end(), std::uint8_t{0});
    const auto spaces = TextSprite::create(canvas.renderer.get(), blank, {250, 200, 100, 255});
    CHECK_FALSE(spaces.empty());  // a line of spaces is text, of one transparent pixel
    CHECK(spaces.bytes() == 4);
}

TEST_CASE("an outline surrounds each letter without moving it")
{
    constexpr SDL_Color background{0, 0, 255, 255};
    Canvas plain(40, 40, background);
    Canvas outlined(40, 40, background);
    TextSprite::create(plain.renderer.get(), square(), {255, 255, 255, 255}).draw(plain.renderer.get(), 10, 30);
    const auto sprite = TextSprite::create(outlined.renderer.get(), square(), {255, 255, 255, 255},
                                           TextEffects{2, {255, 0, 0, 255}, 0, {}});
    sprite.draw(outlined.renderer.get(), 10, 30);
    CHECK(sprite.advance() == 20);  // effects do not change where the next text goes
    // The square lands on the same pixels: (18..21, 18..21).
    for (int i = 18; i < 22; ++i) {
        CHECK(plain.at(i, 19).g == 255);
        CHECK(outlined.at(i, 19).g == 255);
    }
    // One and two pixels out: outline red. Four out: the background.
    CHECK(outlined.at(17, 19).r == 255);
    CHECK(outlined.at(17, 19).g == 0);
    CHECK(outlined.at(16, 19).r == 255);
    CHECK(outlined.at(23, 20).r == 255);
    CHECK(outlined.at(14, 19).b == 255);
    CHECK(outlined.at(14, 19).r == 0);
    CHECK(plain.at(17, 19).b == 255);
}

TEST_CASE("a shadow falls down and to the right, soft, under the letter")
{
    constexpr SDL_Color background{200, 200, 200, 255};
    Canvas canvas(40, 40, background);
    const auto sprite =
        TextSprite::create(canvas.renderer.get(), square(), {255, 255, 255, 255}, TextEffects{0, {}, 4, {0, 0, 0, 255}});
    sprite.draw(canvas.renderer.get(), 10, 30);
    CHECK(canvas.at(19, 19).r == 255);      // the letter, on top
    CHECK(canvas.at(24, 24).r < 150);       // under the shadow's middle (square + 4 px)
    CHECK(canvas.at(14, 14).r == 200);      // up and to the left: untouched
    const int edge = canvas.at(27, 24).r;   // the shadow's edge fades
    CHECK(edge > canvas.at(24, 24).r);
    CHECK(edge < 200);
}

TEST_CASE("the outline and the shadow follow an emoji's shape, and the emoji keeps its colours")
{
    const text::FreeTypeLibrary library = text::FreeTypeLibrary::create().value();
    const text::FontChain chain = text::FontChain::open(library, repository_fonts().bold_chain(), 48).value();
    const auto image = text::rasterize_line(text::shape_line("☔", chain), chain);
    REQUIRE(image.has_colour());
    const ComposedText plain = compose_text(image, {255, 255, 255, 255});
    const ComposedText outlined = compose_text(image, {255, 255, 255, 255}, TextEffects{3, {0, 0, 255, 255}, 0, {}});
    const int margin = (outlined.width - plain.width) / 2;
    REQUIRE(margin > 0);
    int coloured = 0, outline_only = 0;
    for (int y = 0; y < outlined.height; ++y)
        for (int x = 0; x < outlined.width; ++x) {
            const Uint32 pixel = outlined.pixels[static_cast<std::size_t>(y * outlined.width + x)];
            const int a = static_cast<int>(pixel >> 24), r = static_cast<int>((pixel >> 16) & 255), g = static_cast<int>((pixel >> 8) & 255),
                      b = static_cast<int>(pixel & 255);
            const int px = x - margin, py = y - margin;
            const bool in_emoji = px >= 0 && py >= 0 && px < image.width && py < image.height && image.colour_alpha_at(px, py) > 0;
            if (!in_emoji && a == 255 && b == 255 && r == 0 && g == 0)
                ++outline_only;  // the outline colour, beside the emoji
            if (in_emoji && a == 255 && std::max({r, g, b}) - std::min({r, g, b}) > 60 && !(b == 255 && r == 0 && g == 0))
                ++coloured;
        }
    CHECK(outline_only > 100);
    CHECK(coloured > 300);
    // Without effects the emoji is still drawn, in its own colours.
    int plain_coloured = 0;
    for (const Uint32 pixel : plain.pixels) {
        const int r = static_cast<int>((pixel >> 16) & 255), g = static_cast<int>((pixel >> 8) & 255), b = static_cast<int>(pixel & 255);
        if ((pixel >> 24) == 255 && std::max({r, g, b}) - std::min({r, g, b}) > 60)
            ++plain_coloured;
    }
    CHECK(plain_coloured > 300);
}

TEST_CASE("golden: outlined and shadowed text over a busy background")
{
    const text::FreeTypeLibrary library = text::FreeTypeLibrary::create().value();
    const text::FontChain chain = text::FontChain::open(library, repository_fonts().bold_chain(), 48).value();
    Canvas canvas(900, 150, {255, 255, 255, 255});
    // Stripes of light and dark, as a photo behind the text might be.
    for (int x = 0; x < 900; x += 60) {
        SDL_SetRenderDrawColor(canvas.renderer.get(), 240, 200, 60, 255);
        const SDL_Rect stripe{x, 0, 30, 150};
        SDL_RenderFillRect(canvas.renderer.get(), &stripe);
    }
    const auto image = text::rasterize_line(text::shape_line("공지사항 Notices 2024 · 전자정부", chain), chain);
    TextSprite::create(canvas.renderer.get(), image, {255, 255, 255, 255}, TextEffects{3, {0, 0, 0, 255}, 0, {}})
        .draw(canvas.renderer.get(), 20, 60);
    TextSprite::create(canvas.renderer.get(), image, {255, 255, 255, 255}, TextEffects{0, {}, 4, {0, 0, 0, 200}})
        .draw(canvas.renderer.get(), 20, 130);
    SDL_RenderPresent(canvas.renderer.get());
    check_against_golden(canvas.surface.get(), "text-outline-shadow.png");
}

}  // namespace signage::render

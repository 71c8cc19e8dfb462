// The screen transform turns the upright scene onto the panel: exactly (each pixel where a
// clockwise turn puts it, inside the safe area), only what changed, and on SDL's software
// renderer without allocating anything per frame.
#include "render/screen_transform.hpp"
#include "support/sdl_allocations.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>

namespace signage::render {

namespace {

// An output of the software renderer, as the player's window surface or a still's surface.
struct Canvas {
    platform::SurfacePtr surface;
    platform::RendererPtr renderer;

    Canvas(int width, int height)
        : surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888))
        , renderer(SDL_CreateSoftwareRenderer(surface.get()))
    {
        REQUIRE(renderer);
    }

    Uint32 pixel(int x, int y) const
    {
        Uint32 value = 0;
        std::memcpy(&value, static_cast<const Uint8*>(surface->pixels) + static_cast<std::ptrdiff_t>(y) * surface->pitch + x * 4, 4);
        return value;
    }

    std::string pixels() const
    {
        return std::string(static_cast<const char*>(surface->pixels), static_cast<std::size_t>(surface->pitch) * surface->h);
    }
};

ScreenTransform make_transform(const Canvas& canvas, int degrees, int safe_area_percent)
{
    auto transform = ScreenTransform::create(canvas.renderer.get(),
                                             screen_geometry(canvas.surface->w, canvas.surface->h, degrees, safe_area_percent));
    REQUIRE(transform);
    return std::move(transform.value());
}

void fill(SDL_Renderer* renderer, const SDL_Rect& rect, Uint32 argb)
{
    SDL_SetRenderDrawColor(renderer, (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff, 255);
    SDL_RenderFillRect(renderer, &rect);
}

constexpr Uint32 black = 0xff000000;
constexpr Uint32 grey = 0xff808080;
constexpr Uint32 red = 0xffff0000;
constexpr Uint32 green = 0xff00ff00;
constexpr Uint32 blue = 0xff0000ff;

// A pattern in which every pixel differs from its neighbours, so any misplaced pixel shows.
void draw_pattern(SDL_Renderer* renderer, int width, int height)
{
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            SDL_SetRenderDrawColor(renderer, static_cast<Uint8>(x * 7 + y), static_cast<Uint8>(y * 5), static_cast<Uint8>(x ^ y), 255);
            SDL_RenderDrawPoint(renderer, x, y);
        }
}

}  // namespace

TEST_CASE("a turned picture puts each corner of the scene where a clockwise turn takes it, inside the safe area")
{
    struct Case {
        int degrees;
        int safe_area_percent;
    };
    for (const Case c : {Case{90, 0}, Case{180, 0}, Case{270, 0}, Case{90, 10}, Case{180, 10}, Case{270, 10}}) {
        CAPTURE(c.degrees);
        CAPTURE(c.safe_area_percent);
        Canvas canvas(64, 48);
        ScreenTransform transform = make_transform(canvas, c.degrees, c.safe_area_percent);
        const ScreenGeometry& geometry = transform.geometry();
        const int w = geometry.scene_width;
        const int h = geometry.scene_height;
        transform.begin_frame();
        fill(canvas.renderer.get(), {0, 0, w, h}, grey);
        fill(canvas.renderer.get(), {0, 0, 1, 1}, red);      // the scene's top left
        fill(canvas.renderer.get(), {w - 1, 0, 1, 1}, green);  // top right
        fill(canvas.renderer.get(), {0, h - 1, 1, 1}, blue);   // bottom left
        CHECK(transform.end_frame() == std::nullopt);
        SDL_RenderPresent(canvas.renderer.get());

        const SDL_Rect& a = geometry.area;
        const SDL_Point top_left{a.x, a.y}, top_right{a.x + a.w - 1, a.y};
        const SDL_Point bottom_left{a.x, a.y + a.h - 1}, bottom_right{a.x + a.w - 1, a.y + a.h - 1};
        // Turned clockwise, the scene's top left goes a quarter round the panel's corners per 90°.
        const SDL_Point corners[] = {top_left, top_right, bottom_right, bottom_left};
        const int quarters = c.degrees / 90;
        const SDL_Point red_at = corners[quarters % 4];
        const SDL_Point green_at = corners[(quarters + 1) % 4];
        const SDL_Point blue_at = corners[(quarters + 3) % 4];
        CHECK(canvas.pixel(red_at.x, red_at.y) == red);
        CHECK(canvas.pixel(green_at.x, green_at.y) == green);
        CHECK(canvas.pixel(blue_at.x, blue_at.y) == blue);

        // Everything else in the safe area is the scene's grey; outside it, black.
        int grey_pixels = 0;
        int black_pixels = 0;
        for (int y = 0; y < canvas.surface->h; ++y)
            for (int x = 0; x < canvas.surface->w; ++x) {
                const SDL_Point p{x, y};
                grey_pixels += SDL_PointInRect(&p, &a) && canvas.pixel(x, y) == grey;
                black_pixels += !SDL_PointInRect(&p, &a) && canvas.pixel(x, y) == black;
            }
        CHECK(grey_pixels == a.w * a.h - 3);
        CHECK(black_pixels == canvas.surface->w * canvas.surface->h - a.w * a.h);
    }
}

TEST_CASE("a turned picture has the very pixels SDL_RenderCopyEx gives it")
{
    for (const int degrees : {90, 180, 270}) {
        CAPTURE(degrees);
        // The area's sides differ by an even number of pixels, so that a turn about the centre
        // lands on whole pixels for SDL_RenderCopyEx too.
        Canvas canvas(96, 64);
        ScreenTransform transform = make_transform(canvas, degrees, 0);
        const int w = transform.geometry().scene_width;
        const int h = transform.geometry().scene_height;
        transform.begin_frame();
        draw_pattern(canvas.renderer.get(), w, h);
        transform.end_frame();
        SDL_RenderPresent(canvas.renderer.get());

        Canvas reference(96, 64);
        platform::TexturePtr upright(SDL_CreateTexture(reference.renderer.get(), SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h));
        REQUIRE(upright);
        SDL_SetRenderTarget(reference.renderer.get(), upright.get());
        draw_pattern(reference.renderer.get(), w, h);
        SDL_SetRenderTarget(reference.renderer.get(), nullptr);
        const SDL_Rect centred{(96 - w) / 2, (64 - h) / 2, w, h};
        SDL_RenderCopyEx(reference.renderer.get(), upright.get(), nullptr, &centred, degrees, nullptr, SDL_FLIP_NONE);
        SDL_RenderPresent(reference.renderer.get());

        CHECK(canvas.pixels() == reference.pixels());
    }
}

TEST_CASE("a rectangle of the scene maps to where it is on the turned output")
{
    // A 64x48 panel with a 10% safe area: the area is 52x40 at (6, 4); turned a quarter, the
    // scene is 40x52. A rectangle 3 px in from the left of the scene, on its bottom edge:
    struct Case {
        int degrees;
        SDL_Rect expected;
    };
    for (const Case c : {Case{0, {9, 34, 8, 10}},     // where it is, moved into the safe area
                         Case{90, {6, 7, 10, 8}},     // at the left edge, 3 px down
                         Case{180, {47, 4, 8, 10}},   // at the top edge, 3 px in from the right
                         Case{270, {48, 33, 10, 8}}}) {  // at the right edge, 3 px up
        CAPTURE(c.degrees);
        Canvas canvas(64, 48);
        const ScreenTransform transform = make_transform(canvas, c.degrees, 10);
        const auto on_output = transform.on_output(SDL_Rect{3, transform.geometry().scene_height - 10, 8, 10});
        REQUIRE(on_output);
        CHECK(on_output->x == c.expected.x);
        CHECK(on_output->y == c.expected.y);
        CHECK(on_output->w == c.expected.w);
        CHECK(on_output->h == c.expected.h);
        CHECK(transform.on_output(std::nullopt) == std::nullopt);
    }
}

TEST_CASE("turning only the rectangle that changed gives the same pixels as turning whole frames, and changes nothing outside it")
{
    for (const int degrees : {90, 180, 270}) {
        CAPTURE(degrees);
        Canvas partial(160, 90), whole(160, 90);
        ScreenTransform partial_transform = make_transform(partial, degrees, 5);
        ScreenTransform whole_transform = make_transform(whole, degrees, 5);
        const int w = partial_transform.geometry().scene_width;
        const int h = partial_transform.geometry().scene_height;
        const SDL_Rect band{0, h - 20, w, 20};
        // A crawl: a marker moving along the band, over a background that stays.
        const auto draw_band = [&](SDL_Renderer* renderer, int frame) {
            fill(renderer, band, blue);
            fill(renderer, {(frame * 3) % w, band.y + 4, 6, 12}, green);
        };
        std::string before = partial.pixels();
        for (int frame = 0; frame < 60; ++frame) {
            CAPTURE(frame);
            // The first frame draws everything, as the scene's first frame does.
            partial_transform.begin_frame(false);
            std::optional<SDL_Rect> changed;
            if (frame == 0) {
                draw_pattern(partial.renderer.get(), w, h);
                draw_band(partial.renderer.get(), frame);
            } else {
                draw_band(partial.renderer.get(), frame);
                changed = band;
            }
            const auto pushed = partial_transform.end_frame(changed);
            SDL_RenderPresent(partial.renderer.get());

            whole_transform.begin_frame(true);
            draw_pattern(whole.renderer.get(), w, h);
            draw_band(whole.renderer.get(), frame);
            whole_transform.end_frame();
            SDL_RenderPresent(whole.renderer.get());

            const std::string after = partial.pixels();
            REQUIRE(after == whole.pixels());
            if (frame == 0) {
                CHECK(pushed == std::nullopt);
            } else {
                REQUIRE(pushed);
                const auto expected = partial_transform.on_output(band);
                REQUIRE(expected);
                CHECK(SDL_RectEquals(&*pushed, &*expected));
                // What the player pushes to the screen is all that changed.
                int outside = 0;
                int inside = 0;
                for (int y = 0; y < partial.surface->h; ++y)
                    for (int x = 0; x < partial.surface->w; ++x) {
                        const std::size_t at = static_cast<std::size_t>(y) * partial.surface->pitch + static_cast<std::size_t>(x) * 4;
                        const bool differs = std::memcmp(before.data() + at, after.data() + at, 4) != 0;
                        const SDL_Point p{x, y};
                        (SDL_PointInRect(&p, &*pushed) ? inside : outside) += differs;
                    }
                CHECK(outside == 0);
                CHECK(inside > 0);
            }
            before = after;
        }
    }
}

TEST_CASE("a turned picture on the software renderer allocates nothing per frame")
{
    count_sdl_allocations();
    for (const int degrees : {90, 180, 270}) {
        CAPTURE(degrees);
        Canvas canvas(640, 360);
        ScreenTransform transform = make_transform(canvas, degrees, 5);
        const int w = transform.geometry().scene_width;
        const int h = transform.geometry().scene_height;
        platform::TexturePtr sprite(SDL_CreateTexture(canvas.renderer.get(), SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, 200, 40));
        REQUIRE(sprite);
        const SDL_Rect band{0, h - 60, w, 60};
        // Mostly the crawl band alone, as the player draws on the window surface, with a whole
        // frame now and then (a featured notice changing).
        const auto frame = [&](int index) {
            const bool whole = index % 50 == 0;
            transform.begin_frame(whole);
            if (whole)
                fill(canvas.renderer.get(), {0, 0, w, h}, grey);
            fill(canvas.renderer.get(), band, blue);
            const SDL_Rect at{w - (index * 2) % (w + 200), band.y + 10, 200, 40};
            SDL_RenderCopy(canvas.renderer.get(), sprite.get(), nullptr, &at);
            transform.end_frame(whole ? std::nullopt : std::optional<SDL_Rect>(band));
            SDL_RenderPresent(canvas.renderer.get());
        };
        // The first frames may grow SDL's command queue to its working size.
        for (int i = 0; i < 60; ++i)
            frame(i);
        const std::uint64_t before = sdl_allocations();
        for (int i = 60; i < 360; ++i)
            frame(i);
        CHECK(sdl_allocations() == before);
    }
}

TEST_CASE("the allocation count sees SDL_RenderCopyEx turning a picture on the software renderer")
{
    // What the turned picture did before: the counter above must be able to see it.
    count_sdl_allocations();
    Canvas canvas(160, 90);
    platform::TexturePtr upright(SDL_CreateTexture(canvas.renderer.get(), SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, 90, 160));
    REQUIRE(upright);
    const SDL_Rect centred{35, -35, 90, 160};
    const auto frame = [&] {
        SDL_RenderCopyEx(canvas.renderer.get(), upright.get(), nullptr, &centred, 90, nullptr, SDL_FLIP_NONE);
        SDL_RenderPresent(canvas.renderer.get());
    };
    for (int i = 0; i < 10; ++i)
        frame();
    const std::uint64_t before = sdl_allocations();
    frame();
    CHECK(sdl_allocations() > before);
}

}  // namespace signage::render

#include "render/text_cache.hpp"

#include <doctest/doctest.h>

namespace signage::render {

namespace {

struct SoftwareCanvas {
    platform::SurfacePtr surface{SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888)};
    platform::RendererPtr renderer{SDL_CreateSoftwareRenderer(surface.get())};
};

// A block whose texture is exactly `width` x 10 pixels: width * 40 bytes.
TextBlock block_of_width(SDL_Renderer* renderer, int width)
{
    text::CoverageImage image;
    image.width = width;
    image.height = 10;
    image.alpha.assign(static_cast<std::size_t>(width) * 10, 255);
    TextBlock block;
    block.lines.push_back(TextSprite::create(renderer, image, {255, 255, 255, 255}));
    return block;
}

}  // namespace

TEST_CASE("the text cache answers repeated text from memory and counts its hit rate")
{
    SoftwareCanvas canvas;
    TextCache cache(1024 * 1024);
    int made = 0;
    auto make = [&] {
        ++made;
        return block_of_width(canvas.renderer.get(), 10);
    };
    const auto first = cache.get("title\x1f공지", make);
    const auto again = cache.get("title\x1f공지", make);
    cache.get("crawl\x1f공지", make);
    CHECK(made == 2);
    CHECK(first == again);
    CHECK(cache.stats().hits == 1);
    CHECK(cache.stats().misses == 2);
    CHECK(cache.stats().hit_rate() == doctest::Approx(1.0 / 3.0));
    CHECK(cache.stats().entries == 2);
    CHECK(cache.stats().bytes == 2 * 10 * 10 * 4);
    CHECK(describe(cache.stats()) == "text cache: 1 hits, 2 misses (33% hits), 0 of 1024 KiB, 0 evicted");
}

TEST_CASE("over its byte budget the text cache drops the least recently used text nobody shows")
{
    SoftwareCanvas canvas;
    const std::size_t block_bytes = 100 * 10 * 4;
    TextCache cache(3 * block_bytes);
    auto make = [&] { return block_of_width(canvas.renderer.get(), 100); };
    cache.get("a", make);
    cache.get("b", make);
    cache.get("c", make);
    cache.get("a", make);  // a is now more recent than b
    cache.get("d", make);
    CHECK(cache.stats().entries == 4);  // a lookup never evicts
    cache.trim();                       // over budget: b goes
    CHECK(cache.stats().entries == 3);
    CHECK(cache.stats().bytes == 3 * block_bytes);
    CHECK(cache.stats().evictions == 1);
    const std::size_t misses = cache.stats().misses;
    cache.get("a", make);
    cache.get("c", make);
    cache.get("d", make);
    CHECK(cache.stats().misses == misses);  // all still there
    cache.get("b", make);
    CHECK(cache.stats().misses == misses + 1);  // b was the one dropped
}

TEST_CASE("text on screen stays in the cache even when the screen alone needs more than the budget")
{
    SoftwareCanvas canvas;
    const std::size_t block_bytes = 100 * 10 * 4;
    TextCache cache(block_bytes);
    auto make = [&] { return block_of_width(canvas.renderer.get(), 100); };
    auto shown_a = cache.get("a", make);
    auto shown_b = cache.get("b", make);
    cache.trim();
    CHECK(cache.stats().entries == 2);  // both on screen: neither may go
    CHECK(cache.stats().bytes == 2 * block_bytes);
    shown_a.reset();  // a leaves the screen
    cache.trim();
    CHECK(cache.stats().entries == 1);
    CHECK(cache.stats().bytes == block_bytes);
    CHECK(shown_b->bytes() == block_bytes);
}

}  // namespace signage::render

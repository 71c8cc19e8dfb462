// A texture that cannot be made (on a Raspberry Pi: GPU memory running out) must not leave a
// headline blank for good. SDL's software renderer keeps a texture's pixels in memory from
// SDL's allocator, so failing SDL's large allocations fails SDL_CreateTexture as a GPU would.
#include "render/scene.hpp"
#include "util/work_counters.hpp"
#include "captured_log.hpp"
#include "sample_notices.hpp"
#include "scene_on_surface.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cstring>
#include <vector>

namespace signage::render {

namespace {

std::atomic<std::size_t> failing_from{0};  // 0: nothing fails
SDL_malloc_func next_malloc = nullptr;
SDL_calloc_func next_calloc = nullptr;
SDL_realloc_func next_realloc = nullptr;
SDL_free_func next_free = nullptr;

bool fails(std::size_t size)
{
    const std::size_t from = failing_from.load();
    return from != 0 && size >= from;
}
void* failing_malloc(size_t size) { return fails(size) ? nullptr : next_malloc(size); }
void* failing_calloc(size_t items, size_t size) { return fails(items * size) ? nullptr : next_calloc(items, size); }
void* failing_realloc(void* memory, size_t size) { return fails(size) ? nullptr : next_realloc(memory, size); }
void forwarding_free(void* memory) { next_free(memory); }

// While it lives, SDL cannot allocate blocks of `bytes` or more: no texture of a line of text.
class FailingTextures {
public:
    explicit FailingTextures(std::size_t bytes)
    {
        if (!next_malloc) {
            SDL_GetMemoryFunctions(&next_malloc, &next_calloc, &next_realloc, &next_free);
            REQUIRE(SDL_SetMemoryFunctions(failing_malloc, failing_calloc, failing_realloc, forwarding_free) == 0);
        }
        failing_from = bytes;
    }
    ~FailingTextures() { failing_from = 0; }
    FailingTextures(const FailingTextures&) = delete;
    FailingTextures& operator=(const FailingTextures&) = delete;
};

bool same_pixels(const SceneOnSurface& a, const SceneOnSurface& b) { return a.pixels() == b.pixels(); }

// Frames at `seconds` until the scene has nothing left to prepare: the worker's speed decides
// how many, never the outcome.
void draw_until_prepared(SceneOnSurface& view, double seconds)
{
    do
        view.scene->draw(seconds);
    while (view.scene->preparing());
    view.scene->draw(seconds);
}

}  // namespace

TEST_CASE("text whose texture could not be uploaded is logged once, not kept, and drawn once uploads work again")
{
    const auto notices = sample_notices();
    SceneOnSurface expected(960, 540);
    expected.scene->set_notices(notices);
    SceneOnSurface view(960, 540);

    CapturedLog log;
    {
        const FailingTextures failing(16 * 1024);
        view.scene->set_notices(notices);
    }
    view.scene->draw(3.0);
    expected.scene->draw(3.0);
    CHECK_FALSE(same_pixels(view, expected));  // the headline and the crawl are missing

    // Later, with memory again, the text is made anew rather than taken blank from the cache.
    for (double seconds : {3.5, 9.0, 16.0})
        draw_until_prepared(view, seconds);
    expected.scene->draw(16.0);
    CHECK(same_pixels(view, expected));
    const std::string logged = log.text();
    CHECK(occurrences(logged, "cannot be uploaded") == 1);
    CHECK(occurrences(logged, "\n") == 1);
}

TEST_CASE("text that keeps failing to upload is made again after waits that double, and no retry counts as a new board")
{
    const auto notices = sample_notices();
    SceneOnSurface view(960, 540);
    CapturedLog log;
    const FailingTextures failing(16 * 1024);
    view.scene->set_notices(notices);
    REQUIRE(view.scene->boards_shown() == 1);

    // A retry rasterizes the failed text again (on the worker): the seconds at which that happens.
    std::vector<int> retried_at;
    std::uint64_t rasterized = WorkCounters::now().lines_rasterized;
    for (int seconds = 1; seconds <= 160; ++seconds) {
        draw_until_prepared(view, seconds);
        if (WorkCounters::now().lines_rasterized != rasterized)
            retried_at.push_back(seconds);
        rasterized = WorkCounters::now().lines_rasterized;
    }
    CAPTURE(retried_at.size());
    REQUIRE(retried_at.size() >= 3);
    for (std::size_t i = 2; i < retried_at.size(); ++i) {
        CAPTURE(i);
        const int wait = retried_at[i] - retried_at[i - 1];
        const int wait_before = retried_at[i - 1] - retried_at[i - 2];
        CHECK(wait >= 2 * wait_before - 2);  // whole seconds here: a second either way
    }
    CHECK(retried_at.size() <= 6);  // 5, 10, 20, 40, 80 s: not every 5 s
    CHECK(view.scene->boards_shown() == 1);
    CHECK(occurrences(log.text(), "cannot be uploaded") == 1);
}

}  // namespace signage::render

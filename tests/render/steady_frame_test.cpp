// A steady frame (nothing changed but time) only copies textures: no shaping, no rasterizing,
// no texture upload and no heap allocation, ours or SDL's. Counted over 600 frames, 10 s at
// 60 Hz, which include a change of the featured notice, crossfaded, slid or cut: the frames of
// a change allocate nothing either.
#include "render/playback.hpp"
#include "render/scene.hpp"
#include "sample_notices.hpp"
#include "support/sdl_allocations.hpp"
#include "util/work_counters.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <cstdlib>
#include <new>
#include <string>
#include <utility>

namespace signage::render {

namespace {

std::atomic<std::uint64_t> heap_allocations{0};

struct Work {
    WorkCounts counts;
    std::uint64_t allocations;
};

// C++ allocations of the whole test program and SDL's.
Work work_now() { return {WorkCounters::now(), heap_allocations.load() + sdl_allocations()}; }

}  // namespace

}  // namespace signage::render

// Every C++ allocation of the test program is counted (cheaply); the test reads the difference.
void* operator new(std::size_t size)
{
    signage::render::heap_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* memory = std::malloc(size == 0 ? 1 : size))
        return memory;
    throw std::bad_alloc();
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }

namespace signage::render {

namespace {

void check_steady_frames(config::NoticeTransition transition)
{
    platform::SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, 960, 540, 32, SDL_PIXELFORMAT_ARGB8888));
    platform::RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    REQUIRE(renderer);
    SceneSettings settings;
    settings.screen.transition = transition;
    auto scene = Scene::create(renderer.get(), repository_roles(), 960, 540, settings);
    REQUIRE(scene);
    scene.value()->set_notices(sample_notices());
    scene.value()->set_freshness_note("업데이트 14:05 · Updated 14:05");

    Playback playback(60.0, 2);
    auto frame = [&](int index) {
        playback.frame(2.0 + index / 60.0);
        scene.value()->draw(2.0 + playback.scene_seconds(), playback.crawl_travelled(), FrameExtent::whole);
        SDL_RenderPresent(renderer.get());
    };
    // The first frames may grow SDL's command queue to its working size.
    for (int i = 0; i < 60; ++i)
        frame(i);

    const Work before = work_now();
    const std::size_t first_featured = scene.value()->featured_index_at(2.0 + 60 / 60.0);
    for (int i = 60; i < 660; ++i)
        frame(i);
    const Work after = work_now();
    CHECK(scene.value()->featured_index_at(2.0 + 659 / 60.0) != first_featured);  // the rotation moved on
    CHECK(after.counts.lines_shaped == before.counts.lines_shaped);
    CHECK(after.counts.lines_rasterized == before.counts.lines_rasterized);
    CHECK(after.counts.textures_uploaded == before.counts.textures_uploaded);
    CHECK(after.allocations == before.allocations);

    // The counters do see work: a new note is shaped, rasterized, uploaded and allocated.
    scene.value()->set_freshness_note("업데이트 14:06 · Updated 14:06");
    const Work changed = work_now();
    CHECK(changed.counts.lines_shaped > after.counts.lines_shaped);
    CHECK(changed.counts.lines_rasterized > after.counts.lines_rasterized);
    CHECK(changed.counts.textures_uploaded > after.counts.textures_uploaded);
    CHECK(changed.allocations > after.allocations);
}

}  // namespace

TEST_CASE("600 steady frames shape, rasterize, upload and allocate nothing")
{
    count_sdl_allocations();
    // Whichever way the featured notice changes within them.
    for (const auto& [name, transition] : {std::pair{std::string("crossfade"), config::NoticeTransition::crossfade},
                                           std::pair{std::string("slide"), config::NoticeTransition::slide},
                                           std::pair{std::string("cut"), config::NoticeTransition::cut}}) {
        CAPTURE(name);
        check_steady_frames(transition);
    }
}

namespace {

void check_changes_only_frames(config::NoticeTransition transition)
{
    struct Canvas {
        platform::SurfacePtr surface{SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_ARGB8888)};
        platform::RendererPtr renderer{SDL_CreateSoftwareRenderer(surface.get())};
        std::unique_ptr<Scene> scene;
    };
    Canvas partial, whole;
    for (Canvas* canvas : {&partial, &whole}) {
        REQUIRE(canvas->renderer);
        SceneSettings settings;
        settings.screen.transition = transition;
        auto scene = Scene::create(canvas->renderer.get(), repository_roles(), 640, 360, settings);
        REQUIRE(scene);
        canvas->scene = std::move(scene.value());
    }
    // The partial canvas keeps its frames, as a window surface does: the crawl moves its pixels.
    partial.scene->set_kept_surface(partial.surface.get());
    const auto notices = sample_notices();
    int band_only_frames = 0;
    int moved_frames = 0;  // only the rows the notices move in
    int upper_only_frames = 0;
    int crossfade_steps = 0;
    const int band_top = 360 - SceneMetrics(640, 360).band_height;
    const std::size_t bytes = static_cast<std::size_t>(whole.surface->pitch) * 360;
    for (int frame = 0; frame < 600; ++frame) {
        const double seconds = frame / 60.0;
        if (frame == 90) {  // the first notices arrive after 1.5 s
            partial.scene->set_notices(notices);
            whole.scene->set_notices(notices);
        }
        if (frame == 400) {  // and a freshness note later
            partial.scene->set_freshness_note("업데이트 14:05 · Updated 14:05");
            whole.scene->set_freshness_note("업데이트 14:05 · Updated 14:05");
        }
        // 2 px a refresh, with a late frame now and then (3 px more) and a frame that did not
        // move at all.
        const std::int64_t travelled = frame * 2 + frame / 37 * 3 - (frame % 53 == 52 ? 2 : 0);
        const auto changed = partial.scene->draw(seconds, travelled, FrameExtent::changes_only);
        whole.scene->draw(seconds, travelled, FrameExtent::whole);
        SDL_RenderPresent(partial.renderer.get());
        SDL_RenderPresent(whole.renderer.get());
        if (changed && changed->y < band_top) {
            ++upper_only_frames;  // the header kept: all below it, or a crossfade's rows and the crawl's
            CHECK(changed->y > 0);
            CHECK(changed->y + changed->h <= 360);
            CHECK(changed->w == 640);
            crossfade_steps += changed->y + changed->h < 360;
        } else if (changed) {
            ++band_only_frames;
            CHECK(changed->y + changed->h <= 360);  // within the crawl band, along the bottom
            CHECK((changed->w == 640 || changed->h == 0));
            moved_frames += changed->h > 0 && changed->h < 360 - band_top;
        }
        CAPTURE(frame);
        REQUIRE(std::memcmp(partial.surface->pixels, whole.surface->pixels, bytes) == 0);
    }
    // All but the frames where the upper area changed: the start, the empty-state message at 2 s,
    // the notices, the note and the changes between featured notices (0.6 s each).
    CHECK(band_only_frames > 520);
    CHECK(moved_frames > 400);
    CHECK(upper_only_frames > 0);  // the changes of featured notice
    CHECK((crossfade_steps > 0) == (transition == config::NoticeTransition::crossfade));
}

}  // namespace

TEST_CASE("drawing only what changed gives the same pixels as drawing whole frames")
{
    for (const auto& [name, transition] : {std::pair{std::string("crossfade"), config::NoticeTransition::crossfade},
                                           std::pair{std::string("slide"), config::NoticeTransition::slide},
                                           std::pair{std::string("cut"), config::NoticeTransition::cut}}) {
        CAPTURE(name);
        check_changes_only_frames(transition);
    }
}

}  // namespace signage::render

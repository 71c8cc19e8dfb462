// What a frame drawn with FrameExtent::changes_only redraws: a change of the clock or the notes
// has the whole frame drawn, a change of the upper area alone (the board, the banner, a change of
// notice) everything below the header; a frame where only time passed draws the crawl band alone.
#include "render/scene.hpp"
#include "sample_notices.hpp"
#include "scene_on_surface.hpp"

#include <doctest/doctest.h>

namespace signage::render {

namespace {

constexpr int width = 960;
constexpr int height = 540;

bool band_only(const std::optional<SDL_Rect>& drawn)
{
    return drawn && drawn->x == 0 && drawn->w == width && drawn->y + drawn->h == height && drawn->y > height / 2;
}

// What a change of the upper area alone redraws: everything below the header.
bool below_header(const std::optional<SDL_Rect>& drawn)
{
    return drawn && drawn->x == 0 && drawn->w == width && drawn->y + drawn->h == height && drawn->y > 0 && drawn->y < height / 2;
}

std::optional<SDL_Rect> frame(Scene& scene, double seconds)
{
    return scene.draw(seconds, static_cast<std::int64_t>(seconds * 120), FrameExtent::changes_only);
}

}  // namespace

TEST_CASE("a frame where only time passed redraws the crawl band alone, the upper area what lies below the header, the clock or notes the frame")
{
    SceneOnSurface view(width, height);
    Scene& scene = *view.scene;
    const auto notices = sample_notices();
    scene.set_notices(notices);
    CHECK_FALSE(frame(scene, 1.0));  // the first frame is whole
    CHECK(band_only(frame(scene, 1.1)));

    scene.set_time(platform::to_local(std::chrono::sys_days{std::chrono::year{2018} / 6 / 4} + std::chrono::hours{5}));
    CHECK_FALSE(frame(scene, 1.2));
    CHECK(band_only(frame(scene, 1.3)));

    scene.set_freshness_note("업데이트 14:05 · Updated 14:05");
    CHECK_FALSE(frame(scene, 1.4));
    scene.set_overlay({});  // hidden, and stays so: nothing to redraw
    CHECK(band_only(frame(scene, 1.5)));
    scene.set_overlay({"fps 60"});
    CHECK_FALSE(frame(scene, 1.6));

    scene.set_urgent({&notices[0]});
    CHECK(below_header(frame(scene, 1.7)));
    CHECK(band_only(frame(scene, 1.8)));
    scene.set_urgent({});
    CHECK(below_header(frame(scene, 1.9)));

    scene.set_notices(notices);
    CHECK(below_header(frame(scene, 2.0)));
    CHECK(band_only(frame(scene, 2.1)));
    scene.invalidate();
    CHECK_FALSE(frame(scene, 2.2));
}

TEST_CASE("during a change of notice every frame draws all below the header, and after it only the band moves again")
{
    SceneOnSurface view(width, height);
    Scene& scene = *view.scene;
    scene.set_notices(sample_notices());
    CHECK_FALSE(frame(scene, 0.5));
    // The first notice's stay ends at `next`; its last 0.6 s are the change to the second.
    double next = 0.5;
    while (scene.featured_index_at(next) == 0)
        next += 0.01;
    CHECK(band_only(frame(scene, next - 0.8)));
    CHECK(below_header(frame(scene, next - 0.3)));
    CHECK(below_header(frame(scene, next - 0.25)));
    CHECK(below_header(frame(scene, next + 0.05)));  // the new notice, first drawn whole
    CHECK(band_only(frame(scene, next + 0.1)));
}

}  // namespace signage::render

// A board change or a reloaded look must not stall the crawl: the text a new board needs is
// made on the scene's worker thread, and the frames meanwhile go on drawing the old board.
#include "render/scene.hpp"
#include "sample_alerts.hpp"
#include "sample_notices.hpp"
#include "scene_on_surface.hpp"
#include "util/work_counters.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <thread>

namespace signage::render {

namespace {

// Draws frames, as the player does, until the scene has no text left to wait for and has drawn
// the frame that shows it. Returns what this thread shaped meanwhile.
std::uint64_t draw_until_prepared(SceneOnSurface& canvas, double seconds)
{
    const WorkCounts before = WorkCounters::on_this_thread();
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    do {
        canvas.scene->draw(seconds);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    } while (canvas.scene->preparing() && std::chrono::steady_clock::now() < give_up);
    canvas.scene->draw(seconds);  // the frame in which the last of it shows
    REQUIRE_FALSE(canvas.scene->preparing());
    return WorkCounters::on_this_thread().lines_shaped - before.lines_shaped;
}

}  // namespace

TEST_CASE("a board prepared on the worker shows the same pixels as one set at once, and no frame meanwhile shapes text")
{
    const auto notices = sample_notices();
    SceneOnSurface at_once(960, 540), prepared(960, 540);
    at_once.scene->set_notices(notices);
    at_once.scene->draw(3.0);

    const WorkCounts before = WorkCounters::now();
    const WorkCounts before_here = WorkCounters::on_this_thread();
    prepared.scene->prepare_notices(notices);
    CHECK(WorkCounters::on_this_thread().lines_shaped == before_here.lines_shaped);  // handed over, not done here
    CHECK(draw_until_prepared(prepared, 3.0) == 0);
    CHECK(WorkCounters::now().lines_shaped > before.lines_shaped);  // the worker did it
    CHECK(WorkCounters::on_this_thread().textures_uploaded > before_here.textures_uploaded);  // uploads stay here

    CHECK(prepared.scene->boards_shown() == 1);
    CHECK(prepared.scene->text_stats().notices_rasterized == notices.size());
    CHECK(prepared.scene->text_stats().cache.misses == at_once.scene->text_stats().cache.misses);
    CHECK(prepared.pixels() == at_once.pixels());
}

TEST_CASE("while a new board is prepared each frame shows the old board or the new one, whole")
{
    auto old_board = sample_notices();
    auto new_board = old_board;
    for (auto& notice : new_board)
        notice.titles.front().text += " (변경)";
    SceneOnSurface expected_old(640, 360), expected_new(640, 360), prepared(640, 360);
    expected_old.scene->set_notices(old_board);
    expected_new.scene->set_notices(new_board);
    prepared.scene->set_notices(old_board);
    expected_old.scene->draw(3.0);
    expected_new.scene->draw(3.0);
    const auto old_pixels = expected_old.pixels();
    const auto new_pixels = expected_new.pixels();
    REQUIRE(old_pixels != new_pixels);

    prepared.scene->prepare_notices(new_board);
    int old_frames = 0;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
        const bool was_preparing = prepared.scene->preparing();
        prepared.scene->draw(3.0);
        const auto shown = prepared.pixels();
        const bool is_old = shown == old_pixels;
        REQUIRE((is_old || shown == new_pixels));
        old_frames += is_old;
        if (!is_old) {
            CHECK_FALSE(prepared.scene->preparing());
            break;
        }
        CHECK(was_preparing);  // the old board stays only while the new one's text is being made
        REQUIRE(std::chrono::steady_clock::now() < give_up);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    MESSAGE(old_frames << " frames showed the old board while the new one was prepared");
    // The text of the old board that the new one shares (dates, counters) came from the cache.
    CHECK(prepared.scene->text_stats().notices_rasterized == new_board.size());
    CHECK(prepared.scene->text_stats().cache.hits > 0);
}

TEST_CASE("a newer board replaces one still being prepared")
{
    auto first = sample_notices();
    auto second = first;
    second.erase(second.begin() + 1, second.end());
    SceneOnSurface expected(640, 360), prepared(640, 360);
    expected.scene->set_notices(second);
    expected.scene->draw(2.0);

    prepared.scene->prepare_notices(first);
    prepared.scene->prepare_notices(second);
    draw_until_prepared(prepared, 2.0);
    CHECK(prepared.scene->boards_shown() == 1);
    CHECK(prepared.scene->notice_count() == 1);
    CHECK(prepared.pixels() == expected.pixels());
}

TEST_CASE("an urgent banner prepared on the worker shows as one set at once")
{
    const auto notices = sample_notices();
    SceneOnSurface at_once(640, 360), prepared(640, 360);
    at_once.scene->set_notices(notices);
    at_once.scene->set_urgent({&notices[2]});
    prepared.scene->set_notices(notices);
    at_once.scene->draw(4.0);

    prepared.scene->prepare_urgent({notices[2]});
    CHECK(draw_until_prepared(prepared, 4.0) == 0);
    CHECK(prepared.scene->urgent_count() == 1);
    CHECK(prepared.pixels() == at_once.pixels());

    // And it leaves the same way.
    prepared.scene->prepare_urgent({});
    draw_until_prepared(prepared, 4.0);
    CHECK(prepared.scene->urgent_count() == 0);
}

TEST_CASE("alerts prepared on the worker show as ones set at once, and no frame meanwhile shapes text")
{
    const auto notices = sample_notices();
    const std::vector<model::ShownAlert> alerts{extreme_rain(), severe_wind(), moderate_heat(), minor_dust()};
    SceneOnSurface at_once(640, 360), prepared(640, 360);
    for (auto* canvas : {&at_once, &prepared}) {
        canvas->scene->set_notices(notices);
        canvas->scene->set_time(platform::to_local(alert_shown_time));
    }
    at_once.scene->set_alerts(alerts);
    at_once.scene->draw(4.0);

    const WorkCounts before_here = WorkCounters::on_this_thread();
    prepared.scene->prepare_alerts(alerts);
    CHECK(prepared.scene->alert_count() == 0);  // not shown yet
    CHECK(WorkCounters::on_this_thread().lines_shaped == before_here.lines_shaped);
    CHECK(draw_until_prepared(prepared, 4.0) == 0);
    CHECK(prepared.scene->alert_count() == alerts.size());
    CHECK(prepared.pixels() == at_once.pixels());

    prepared.scene->prepare_alerts({});
    draw_until_prepared(prepared, 4.0);
    CHECK(prepared.scene->alert_count() == 0);
}

TEST_CASE("while the first board is being prepared the screen does not say there are no notices")
{
    SceneOnSurface empty(640, 360), preparing(640, 360);
    empty.scene->set_notices({});
    empty.scene->draw(5.0);  // after the first fetch's grace: "no notices"
    preparing.scene->prepare_notices(sample_notices());
    preparing.scene->draw(5.0);
    CHECK(preparing.pixels() != empty.pixels());
}

TEST_CASE("the clock's new minute is made on the worker and shows as one set at once")
{
    const platform::LocalTime five_past{std::chrono::year{2018} / 6 / 4, std::chrono::Monday, std::chrono::minutes(14 * 60 + 5), 0, 540};
    platform::LocalTime six_past = five_past;
    six_past.time_of_day += std::chrono::minutes(1);
    SceneOnSurface at_once(640, 360), prepared(640, 360);
    at_once.scene->set_time(six_past);
    prepared.scene->set_time(five_past);
    at_once.scene->draw(1.0);
    prepared.scene->draw(1.0);
    REQUIRE(prepared.pixels() != at_once.pixels());

    prepared.scene->prepare_time(six_past);
    CHECK(draw_until_prepared(prepared, 1.0) == 0);
    CHECK(prepared.pixels() == at_once.pixels());
}

TEST_CASE("a scene loaded on another thread and created here draws as one created at once")
{
    const auto notices = sample_notices();
    SceneOnSurface at_once(640, 360);
    at_once.scene->set_notices(notices);
    at_once.scene->draw(3.0);

    platform::SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_ARGB8888));
    platform::RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    auto loading = std::async(std::launch::async, [] { return Scene::load(repository_roles(), 640, 360, SceneSettings{}); });
    auto assets = loading.get();
    REQUIRE(assets);
    const WorkCounts before = WorkCounters::on_this_thread();
    auto scene = Scene::create(renderer.get(), *assets.value());
    CHECK(WorkCounters::on_this_thread().lines_shaped == before.lines_shaped);  // only uploads here
    scene->set_notices(notices);
    scene->draw(3.0);
    const auto bytes = static_cast<std::size_t>(surface->pitch) * 360;
    CHECK(std::memcmp(surface->pixels, at_once.surface->pixels, bytes) == 0);
}

TEST_CASE("a board that changes during a crossfade fades to the coming notice as the new board has it")
{
    SceneSettings settings;
    settings.featured_dwell_s = 8.0;
    settings.featured_max_dwell_s = 8.0;
    settings.featured_transition_s = 0.6;
    settings.screen.transition = config::NoticeTransition::crossfade;
    auto old_board = sample_notices();
    auto new_board = old_board;
    new_board[1].titles.back().text += " (corrected)";  // the coming notice's English line only
    SceneOnSurface changed(960, 540, settings), expected(960, 540, settings);
    changed.scene->set_notices(old_board);
    expected.scene->set_notices(new_board);
    for (double seconds : {7.0, 7.5}) {  // the crossfade to the second notice runs from 7.4 s
        changed.scene->draw(seconds);
        expected.scene->draw(seconds);
    }
    changed.scene->set_notices(new_board);
    changed.scene->draw(7.7);
    expected.scene->draw(7.7);
    CHECK(changed.pixels() == expected.pixels());
}

}  // namespace signage::render

// The player's main loop, stepped on SDL's dummy video driver with clocks the test sets: what
// the panel shows through a feed update, reloads good and bad, the schedule and a resize.
#include "player_harness.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <string_view>

namespace signage::app {

namespace {

const std::string featured_seoul = config_text("featured+ticker", "Asia/Seoul");
const std::string list_utc = config_text("list", "UTC");

}  // namespace

TEST_CASE("the player's loop shows a feed update, a reload, the schedule and a resize")
{
    PlayerHarness harness(featured_seoul, 5);
    REQUIRE(harness.step_until([&] { return harness.log.has("<6>feed: \"test\": 5 notices"); }));
    REQUIRE(harness.settle());
    CHECK(differing_pixels(harness.frame().get(), harness.still(featured_seoul).get(), kAboveCrawl) == 0);

    // The feed file rewritten: the fetcher reads it again within its poll interval.
    harness.write_feed(feed_of(3, "Update"));
    REQUIRE(harness.step_until([&] { return harness.log.has("<6>feed: \"test\": 3 notices"); }));
    REQUIRE(harness.settle());
    const platform::SurfacePtr updated = harness.frame();
    CHECK(differing_pixels(updated.get(), harness.still(featured_seoul).get(), kAboveCrawl) == 0);
    harness.write_feed(feed_of(5));
    CHECK(differing_pixels(updated.get(), harness.still(featured_seoul).get(), kAboveCrawl) > 500);
    harness.write_feed(feed_of(3, "Update"));

    // A new zone and layout: the list of three rows, its clock at the new zone's hour.
    harness.write_config(list_utc);
    harness.player->reload("R");
    REQUIRE(harness.step_until([&] { return harness.log.has("reload (R): "); }));
    CHECK(harness.log.has(" applied"));
    REQUIRE(harness.settle());
    const platform::SurfacePtr listed = harness.frame();
    CHECK(harness.player->config().screen.layout == config::ScreenLayout::list);
    CHECK(differing_pixels(listed.get(), harness.still(list_utc).get()) == 0);
    REQUIRE(platform::use_time_zone("Asia/Seoul").ok());
    const platform::SurfacePtr seoul_clock = harness.still(list_utc);
    REQUIRE(platform::use_time_zone("UTC").ok());
    CHECK(differing_pixels(listed.get(), seoul_clock.get()) > 50);  // the clock's digits

    // A file with a mistake: the running configuration and the screen stay.
    harness.write_config(config_text("bogus", "UTC"));
    harness.player->reload("SIGHUP");
    REQUIRE(harness.step_until([&] { return harness.log.has("<4>config: reload (SIGHUP): kept the running configuration"); }));
    REQUIRE(harness.settle());
    CHECK(harness.player->config().screen.layout == config::ScreenLayout::list);
    CHECK(differing_pixels(harness.frame().get(), harness.still(list_utc).get()) == 0);

    // 23:00 UTC is off hours: a black screen, and no frames; 07:00 the next day, on again.
    harness.write_config(list_utc);  // back as it was, so that the file's change reloads nothing new
    harness.wall = kMorning + std::chrono::hours(13);
    harness.next_second();
    REQUIRE(harness.step_until([&] { return harness.log.has("<6>schedule: off"); }));
    CHECK(all_black(harness.frame().get()));
    harness.wall = kMorning + std::chrono::hours(21);
    harness.next_second();
    REQUIRE(harness.step_until([&] { return harness.log.has("schedule: on"); }));
    REQUIRE(harness.settle());
    const platform::SurfacePtr morning = harness.frame();
    CHECK_FALSE(all_black(morning.get()));
    CHECK(differing_pixels(morning.get(), harness.still(list_utc).get()) == 0);

    // A smaller window: the list laid out again for it.
    SDL_SetWindowSize(harness.player->display().window(), 480, 300);
    SDL_Event resized{};
    resized.type = SDL_WINDOWEVENT;
    resized.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
    resized.window.data1 = 480;
    resized.window.data2 = 300;
    SDL_PushEvent(&resized);
    REQUIRE(harness.step_until([&] { return harness.frame()->w == 480; }));
    REQUIRE(harness.settle());
    CHECK(differing_pixels(harness.frame().get(), harness.still(list_utc, 480, 300).get()) == 0);
}

TEST_CASE("a reload names the keys that change only at the next start, applies the rest, and survives a hostile file")
{
    PlayerHarness harness(featured_seoul, 5);
    REQUIRE(harness.settle());
    harness.reload_with(config_text("list", "Asia/Seoul", "[display]\nmode = \"1920x1080\"\n\n[status]\nhttp_port = 9464\n"));
    REQUIRE(harness.step_until([&] { return harness.log.has(" applied"); }));
    REQUIRE(harness.step_until([&] { return harness.log.has("[status] http_port changes at the next start"); }));
    CHECK(harness.log.has("<5>config: reload ("));
    CHECK(harness.log.has("): [display] mode changes at the next start: sudo systemctl restart signage-player"));
    CHECK(harness.player->config().screen.layout == config::ScreenLayout::list);
    // Read again unchanged: nothing is said to wait for a restart any more.
    const auto count = [&](std::string_view part) {
        std::lock_guard lock(harness.log.mutex);
        return std::count_if(harness.log.lines.begin(), harness.log.lines.end(),
                             [&](const std::string& line) { return line.find(part) != std::string::npos; });
    };
    // (The file's own watch may read it too: whichever reading comes first applies the change,
    // and says so once.)
    const auto applied = count(" applied");
    harness.player->reload("R");
    REQUIRE(harness.step_until([&] { return count(" applied") > applied; }));
    CHECK(count("next start") == 2);
    // A file made to exhaust the TOML parser's stack (it killed the player on reload): refused in
    // one line, and the running configuration stays.
    std::string deep = "a";
    for (int part = 0; part < 50000; ++part)
        deep += ".a";
    harness.reload_with(config_text("featured+ticker", "Asia/Seoul", deep + " = 1\n"));
    // (The file's watch may also read it half-written, with an error of its own: R's reading
    // comes after the write.)
    REQUIRE(harness.step_until([&] { return harness.log.has("a key or table name of more than 64 parts"); }));
    CHECK(harness.log.has("<4>config: reload (R): kept the running configuration: "));
    CHECK(harness.player->config().screen.layout == config::ScreenLayout::list);
}

}  // namespace signage::app

namespace signage::app {

TEST_CASE("a window shown or uncovered is drawn whole at the next frame, not only what moved")
{
    PlayerHarness harness(featured_seoul, 5);
    REQUIRE(harness.step_until([&] { return harness.log.has("<6>feed: \"test\": 5 notices"); }));
    REQUIRE(harness.settle());
    SDL_Surface* kept = harness.player->display().kept_surface();
    REQUIRE(kept);
    // What the window system shows of a window it just mapped or uncovered: not our pixels.
    auto lose_the_picture = [&] {
        SDL_Rect clip{};
        SDL_GetClipRect(kept, &clip);  // the renderer's, left on its surface
        SDL_SetClipRect(kept, nullptr);
        REQUIRE(SDL_FillRect(kept, nullptr, SDL_MapRGB(kept->format, 0, 0, 0)) == 0);
        SDL_SetClipRect(kept, &clip);
    };
    auto next_frame = [&] {
        harness.monotonic += std::chrono::milliseconds(17);
        REQUIRE_FALSE(harness.player->step(0).has_value());
    };

    // Unasked, a frame where only the crawl moved leaves the rest as it was.
    lose_the_picture();
    next_frame();
    CHECK(differing_pixels(harness.frame().get(), harness.still(featured_seoul).get(), kAboveCrawl) > 10000);

    for (const auto kind : {SDL_WINDOWEVENT_EXPOSED, SDL_WINDOWEVENT_SHOWN}) {
        CAPTURE(static_cast<int>(kind));
        lose_the_picture();
        SDL_Event event{};
        event.type = SDL_WINDOWEVENT;
        event.window.event = static_cast<Uint8>(kind);
        event.window.windowID = SDL_GetWindowID(harness.player->display().window());
        REQUIRE(SDL_PushEvent(&event) == 1);
        next_frame();
        CHECK(differing_pixels(harness.frame().get(), harness.still(featured_seoul).get(), kAboveCrawl) == 0);
    }
}

}  // namespace signage::app

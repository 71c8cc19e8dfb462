// The display going away while the player runs, and coming back: on SDL's dummy driver the
// renderer's device is reset (the event SDL sends for it), the display cannot be opened for a
// while (the test's reopen, which fails until it lets it), and the fetcher goes on meanwhile.
#include "player_harness.hpp"

#include <doctest/doctest.h>

#include <atomic>

namespace signage::app {

namespace {

const std::string featured_seoul = config_text("featured+ticker", "Asia/Seoul");

}  // namespace

TEST_CASE("a display lost while running: the feeds go on, the player waits, then shows the notices of now again")
{
    std::atomic<bool> display_there{false};
    std::atomic<int> tries{0};
    PlayerParts parts;
    parts.display_retry = std::chrono::seconds(1);
    parts.reopen_display = [&](config::RendererChoice renderer) -> Result<OpenedDisplay> {
        ++tries;
        if (!display_there)
            return Error{"no display yet (the test's)"};
        auto sdl = std::make_unique<platform::SdlSubsystems>(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        auto display = platform::Display::open({640, 360}, renderer);
        if (!display)
            return display.error();
        return OpenedDisplay{std::move(sdl), std::move(display.value())};
    };
    PlayerHarness harness(featured_seoul, 5, std::move(parts));
    REQUIRE(harness.step_until([&] { return harness.log.has("feed: \"test\": 5 notices"); }));
    REQUIRE(harness.settle());

    SDL_Event reset{};
    reset.type = SDL_RENDER_DEVICE_RESET;
    REQUIRE(SDL_PushEvent(&reset) == 1);
    REQUIRE(harness.step_until([&] { return harness.player->waiting_for_display(); }));
    CHECK(harness.log.has("display: lost (the renderer's device was reset"));
    CHECK(harness.player->display().renderer() == nullptr);

    // The fetcher goes on: a feed update arrives while there is no display.
    harness.write_feed(feed_of(3, "Update"));
    REQUIRE(harness.step_until([&] { return harness.log.has("feed: \"test\": 3 notices"); }));
    harness.next_second();
    REQUIRE(harness.step_until([&] { return tries.load() >= 1; }));
    CHECK(harness.player->waiting_for_display());
    harness.next_second();
    REQUIRE(harness.step_until([&] { return tries.load() >= 2; }));
    CHECK(harness.player->waiting_for_display());

    display_there = true;
    harness.next_second();
    REQUIRE(harness.step_until([&] { return !harness.player->waiting_for_display(); }));
    CHECK(harness.log.has("display: back after "));
    REQUIRE(harness.settle());
    // Frames again, with what arrived during the outage.
    CHECK(differing_pixels(harness.frame().get(), harness.still(featured_seoul).get(), kAboveCrawl) == 0);
    CHECK(harness.crawl_moves());
}

TEST_CASE("a display lost with no way to open it again stops the player with exit code 1")
{
    PlayerHarness harness(featured_seoul, 5);
    REQUIRE(harness.settle());
    SDL_Event reset{};
    reset.type = SDL_RENDER_DEVICE_RESET;
    REQUIRE(SDL_PushEvent(&reset) == 1);
    CHECK(harness.player->step(0) == std::optional<int>(1));
    CHECK(harness.log.has("display: lost (the renderer's device was reset"));
    CHECK(harness.log.has("the player stops (exit code 1)"));
}

TEST_CASE("a quit with the display still there is a quit, not a lost display")
{
    PlayerHarness harness(featured_seoul, 5);
    REQUIRE(harness.settle());
    SDL_Event quit{};
    quit.type = SDL_QUIT;  // the preview window closed, or SIGTERM: the connection is fine
    REQUIRE(SDL_PushEvent(&quit) == 1);
    CHECK(harness.player->step(0) == std::optional<int>(0));
    CHECK(!harness.log.has("display: lost"));
}

}  // namespace signage::app

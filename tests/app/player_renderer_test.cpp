// A reload that changes `[display] renderer` replaces the renderer of the running player on the
// same window, the probe of "auto" awaited beside the loop, and the screen is built again for it.
#include "player_harness.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace signage::app {

namespace {

std::string featured_on(const std::string& renderer)
{
    return config_text("featured+ticker", "Asia/Seoul", "\n[display]\nrenderer = \"" + renderer + "\"\n");
}

// A probe that answers `answer` once `gate` is open.
RendererSwitch::Probe probe_after(std::shared_ptr<Gate> gate, platform::RendererProbe answer)
{
    return [gate, answer] {
        gate->wait();
        return answer;
    };
}

// The running player shows the test feed as the headless renderer does.
void check_shows_the_feed(PlayerHarness& harness, const std::string& config)
{
    REQUIRE(harness.step_until([&] { return harness.log.has("<6>feed: \"test\": 4 notices"); }));
    REQUIRE(harness.settle());
    CHECK(differing_pixels(harness.frame().get(), harness.still(config).get(), kAboveCrawl) == 0);
}

}  // namespace

TEST_CASE("a reload to the GPU renderer where there is none keeps the software renderer and says so in one line")
{
    // SDL's dummy video driver has no accelerated renderer.
    PlayerHarness harness(featured_on("software"), 4);
    check_shows_the_feed(harness, featured_on("software"));

    harness.reload_with(featured_on("gpu"));
    REQUIRE(harness.step_until([&] { return harness.log.has("reload (R): [display] renderer = \"gpu\": "); }));
    CHECK(harness.log.has("reload (R): [display] renderer = \"gpu\": no accelerated renderer here ("));
    CHECK_FALSE(harness.log.has("needs a restart"));
    CHECK(std::string(harness.player->display().renderer_name()) == "software");
    check_shows_the_feed(harness, featured_on("gpu"));
}

TEST_CASE("a reload to the automatic renderer awaits the probe beside the loop, which draws on meanwhile")
{
    using Outcome = platform::RendererProbe::Outcome;
    auto gate = std::make_shared<Gate>();
    PlayerParts parts;
    parts.probe_renderer = probe_after(gate, {Outcome::no_accelerated, "Couldn't find matching render driver"});
    PlayerHarness harness(featured_on("software"), 4, std::move(parts));
    check_shows_the_feed(harness, featured_on("software"));
    GateWatchdog watchdog(*gate);

    harness.reload_with(featured_on("auto"));
    CHECK(harness.crawl_moves());  // while the probe runs: the loop draws
    CHECK_FALSE(harness.player->settled());
    watchdog.finish();
    CHECK_FALSE(watchdog.was_needed());

    gate->open();
    REQUIRE(harness.step_until([&] { return harness.log.has("reload (R): [display] renderer = \"auto\": "); }));
    CHECK(harness.log.has("reload (R): [display] renderer = \"auto\": the software renderer stays"));
    harness.scene_seconds = 0.5;
    check_shows_the_feed(harness, featured_on("auto"));
}

TEST_CASE("a reload switches the running player from SDL's software renderer to the GPU's and back")
{
    // SDL's offscreen video driver has OpenGL through EGL (Mesa's llvmpipe without a GPU).
    using Outcome = platform::RendererProbe::Outcome;
    auto gate = std::make_shared<Gate>();
    gate->open();
    PlayerParts parts;
    parts.probe_renderer = probe_after(gate, {Outcome::software_opengl, "llvmpipe (LLVM 15.0.6, 256 bits)"});
    PlayerHarness harness(featured_on("software"), 4, std::move(parts), true, "offscreen");
    check_shows_the_feed(harness, featured_on("software"));

    harness.reload_with(featured_on("gpu"));
    REQUIRE(harness.step_until([&] { return harness.log.has("display: reload (R): ") || harness.log.has("reload (R): [display]"); }));
    if (harness.log.has("no accelerated renderer here")) {
        skip_test("SDL's offscreen driver has no OpenGL here (Debian packages libegl-mesa0 libgl1-mesa-dri)");
        return;
    }
    const std::string gpu_name = harness.player->display().renderer_name();
    CHECK(gpu_name != "software");
    CHECK(harness.log.has("display: reload (R): 640x360 at 60 Hz, " + gpu_name + " renderer"));
    check_shows_the_feed(harness, featured_on("gpu"));

    // "auto", and the probe finds OpenGL drawn in software: SDL's software renderer again.
    harness.write_config(featured_on("auto"));
    harness.player->reload("SIGHUP");
    REQUIRE(harness.step_until([&] { return harness.log.has("display: reload (SIGHUP): 640x360"); }));
    CHECK(harness.log.has("display: reload (SIGHUP): OpenGL is drawn in software here (llvmpipe"));
    CHECK(harness.log.has("display: reload (SIGHUP): 640x360 at 60 Hz, software renderer, vsync off"));
    CHECK(std::string(harness.player->display().renderer_name()) == "software");
    check_shows_the_feed(harness, featured_on("auto"));
}

// A start that opened on SDL's software renderer without waiting for the probe (renderer_memory.hpp).
TEST_CASE("a player opened before the probe asks it once the first board is on screen, and keeps the software renderer it confirms")
{
    using Outcome = platform::RendererProbe::Outcome;
    auto gate = std::make_shared<Gate>();
    auto asked = std::make_shared<std::atomic<int>>(0);
    PlayerParts parts;
    parts.probe_after_first_board = true;
    parts.probe_renderer = [gate, asked]() -> platform::RendererProbe {
        ++*asked;
        gate->wait();
        return {Outcome::software_opengl, "llvmpipe (LLVM 15.0.6, 256 bits)"};
    };
    PlayerHarness harness(featured_on("auto"), 4, std::move(parts));
    GateWatchdog watchdog(*gate);
    CHECK(*asked == 0);
    REQUIRE(harness.step_until([&] { return *asked > 0; }));
    CHECK(harness.player->scene()->boards_shown() > 0);  // the probe never takes the CPU from the first board's text
    CHECK(harness.log.has("<6>feed: \"test\": 4 notices"));
    CHECK(harness.crawl_moves());  // while the probe runs: the loop draws
    watchdog.finish();
    CHECK_FALSE(watchdog.was_needed());

    gate->open();
    REQUIRE(harness.step_until([&] { return harness.log.has("after start: [display] renderer = \"auto\": "); }));
    CHECK(harness.log.has("display: after start: OpenGL is drawn in software here (llvmpipe"));
    CHECK(harness.log.has("after start: [display] renderer = \"auto\": the software renderer stays"));
    CHECK(std::string(harness.player->display().renderer_name()) == "software");
    harness.scene_seconds = 0.5;
    check_shows_the_feed(harness, featured_on("auto"));
    CHECK(*asked == 1);
}

TEST_CASE("a player opened before the probe switches to the GPU's renderer on the same window when the probe finds one")
{
    using Outcome = platform::RendererProbe::Outcome;
    PlayerParts parts;
    parts.probe_after_first_board = true;
    parts.probe_renderer = []() -> platform::RendererProbe { return {Outcome::gpu, "V3D 4.2"}; };
    PlayerHarness harness(featured_on("auto"), 4, std::move(parts), true, "offscreen");
    CHECK(std::string(harness.player->display().renderer_name()) == "software");
    REQUIRE(harness.step_until([&] { return harness.log.has("display: after start: "); }));
    if (harness.log.has("no accelerated renderer here")) {
        skip_test("SDL's offscreen driver has no OpenGL here (Debian packages libegl-mesa0 libgl1-mesa-dri)");
        return;
    }
    const std::string gpu_name = harness.player->display().renderer_name();
    CHECK(gpu_name != "software");
    CHECK(harness.log.has("display: after start: 640x360 at 60 Hz, " + gpu_name + " renderer"));
    check_shows_the_feed(harness, featured_on("auto"));
}

TEST_CASE("a renderer probe that throws counts as one that gave no answer, gpu and software are decided at once")
{
    RendererSwitch renderers([]() -> platform::RendererProbe { throw std::runtime_error("boom"); });
    renderers.request(config::RendererChoice::automatic, "reload (R): ");
    std::optional<RendererSwitch::Decided> decided;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);  // a guard, not a measure
    while (!decided && std::chrono::steady_clock::now() < give_up) {
        CHECK_NOTHROW(decided = renderers.take_decision());
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    REQUIRE(decided);
    CHECK(decided->why == "reload (R): ");
    CHECK(decided->decision.path == platform::RendererPath::check_here);
    CHECK(decided->decision.log == "the renderer probe failed: boom, so OpenGL was checked in this process");
    CHECK_FALSE(renderers.deciding());

    renderers.request(config::RendererChoice::gpu, "reload (SIGHUP): ");
    CHECK(renderers.deciding());
    decided = renderers.take_decision();
    REQUIRE(decided);
    CHECK(decided->decision.path == platform::RendererPath::gpu);
    CHECK(renderer_key(decided->choice) == "[display] renderer = \"gpu\"");
    CHECK_FALSE(renderers.take_decision());
}

}  // namespace signage::app

// A reload that changes `[display] renderer` replaces the renderer of the running player on the
// same window, the probe of "auto" awaited beside the loop, and the screen is built again for it.
#include "player_harness.hpp"

#include <doctest/doctest.h>

#include <string>

namespace signage::app {

namespace {

std::string featured_on(const std::string& renderer)
{
    return config_text("featured+ticker", "Asia/Seoul", "\n[display]\nrenderer = \"" + renderer + "\"\n");
}

// The running player shows the test feed as the headless renderer does.
void check_shows_the_feed(PlayerHarness& harness, const std::string& config)
{
    REQUIRE(harness.settle());
    CHECK(differing_pixels(harness.frame().get(), harness.still(config).get(), kAboveCrawl) == 0);
}

}  // namespace

TEST_CASE("a reload to the GPU renderer where there is none keeps the software renderer and says so in one line")
{
    // SDL's dummy video driver has no accelerated renderer.
    PlayerHarness harness(featured_on("software"), 4);
    REQUIRE(harness.step_until([&] { return harness.log.has("feed \"test\": 4 notices"); }));
    check_shows_the_feed(harness, featured_on("software"));

    harness.write_config(featured_on("gpu"));
    harness.player->reload("R");
    REQUIRE(harness.step_until([&] { return harness.log.has("reload (R): [display] renderer = \"gpu\": "); }));
    CHECK(harness.log.has("reload (R): [display] renderer = \"gpu\": no accelerated renderer here ("));
    CHECK_FALSE(harness.log.has("needs a restart"));
    CHECK(std::string(harness.player->display().renderer_name()) == "software");
    check_shows_the_feed(harness, featured_on("gpu"));
}

}  // namespace signage::app

// The player keeps its status file current: after a feed update and the next second, the file
// the writer's thread wrote says so, read back as `signage-player status` reads it.
#include "app/status_command.hpp"
#include "player_harness.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace signage::app {

namespace {

std::optional<HealthSnapshot> read_status(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto snapshot = from_json_text(text.str());
    return snapshot ? std::optional(std::move(snapshot.value())) : std::nullopt;
}

}  // namespace

TEST_CASE("after a feed update and a second's tick the player's state reaches its status file")
{
    ScratchDir dir("signage-player-status");
    const auto path = dir.path() / "status.json";
    PlayerParts parts;
    parts.status_file = path;
    PlayerHarness harness(config_text("featured+ticker", "UTC"), 5, std::move(parts));
    REQUIRE(harness.step_until([&] { return harness.log.has("<6>feed: \"test\": 5 notices"); }));
    for (int frame = 0; frame < 30; ++frame) {
        harness.monotonic += std::chrono::microseconds(16667);
        harness.player->step(0);
    }
    harness.next_second();
    harness.player->step(0);
    // The writer's thread writes soon after; each step offers again once a second.
    std::optional<HealthSnapshot> snapshot;
    REQUIRE(harness.step_until([&] {
        snapshot = read_status(path);
        return snapshot && !snapshot->sources.empty() && snapshot->sources[0].result == "ok" && snapshot->frames_total > 30;
    }));
    CHECK(snapshot->sources[0].name == "test");
    CHECK(snapshot->sources[0].items == 5);
    CHECK(snapshot->sources[0].last_success.has_value());  // the fetcher's own clock: the real one
    CHECK_FALSE(snapshot->sources[0].stale);
    CHECK(snapshot->notices_shown == 5);
    CHECK(snapshot->written_at == kMorning.time_since_epoch().count());
    CHECK(snapshot->crawl_pixels_total > 0);
    CHECK(snapshot->schedule_on);
    CHECK(snapshot->display_on);
    CHECK(snapshot->renderer == "software");
    CHECK(snapshot->width == 640);
    CHECK(snapshot->resident_memory_bytes > 0);
    CHECK(health_problems(snapshot.value()).empty());
    // The writer replaces the metrics file just after the status file.
    CHECK(harness.step_until([&] { return std::filesystem::exists(metrics_path_for(path)); }));
}

}  // namespace signage::app

// The player as a systemd service (deploy/signage-player.service, Type=notify): READY once its
// first frame is up, watchdog pings from the loop itself, a one-line STATUS. Read from a real
// datagram socket passed as NOTIFY_SOCKET, with the loop's clocks set by the test.
#include "player_harness.hpp"
#include "support/notify_socket.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace signage::app {

namespace {

using namespace std::chrono_literals;

long count_of(const std::vector<std::string>& messages, const std::string& wanted)
{
    return std::count(messages.begin(), messages.end(), wanted);
}

// The status systemd shows after `messages`: the last STATUS= sent, alone or with READY=1.
std::string last_status(const std::vector<std::string>& messages)
{
    std::string status;
    for (const auto& message : messages)
        if (const auto at = message.find("STATUS="); at != std::string::npos)
            status = message.substr(at + 7);
    return status;
}

}  // namespace

TEST_CASE("as a service the player says READY after its first frame, and only its loop keeps the watchdog fed")
{
    NotifySocket manager(3s);
    PlayerHarness harness(config_text("featured+ticker", "UTC"), 5);
    CHECK(harness.log.has("service: systemd's watchdog wants a sign of life every 3000 ms; the frame loop sends one every 1000 ms"));
    CHECK(manager.take().empty());  // nothing drawn yet: not ready

    harness.player->step(0);
    std::vector<std::string> sent = manager.take();
    REQUIRE(!sent.empty());
    CHECK(count_of(sent, "WATCHDOG=1") == 1);
    CHECK(sent.back().starts_with("READY=1\nSTATUS="));

    // The feed answers (maybe already before READY, which then carries it): the status says so
    // within a second.
    REQUIRE(harness.step_until([&] { return harness.log.has("<6>feed: \"test\": 5 notices"); }));
    harness.next_second();
    harness.player->step(0);
    for (auto& message : manager.take())
        sent.push_back(std::move(message));
    CHECK(last_status(sent) == "5 notices on screen, 1 of 1 feeds current");

    // A loop that does not turn sends nothing, however long it stalls; once it turns, it pings.
    harness.monotonic += 10s;
    CHECK(manager.take().empty());
    harness.player->step(0);
    CHECK(count_of(manager.take(), "WATCHDOG=1") == 1);

    // Ten seconds of frames at 60 Hz: a ping a second, never one a frame.
    long pings = 0;
    for (int frame = 0; frame < 600; ++frame) {
        harness.monotonic += 16667us;
        harness.player->step(0);
        pings += count_of(manager.take(), "WATCHDOG=1");
    }
    CHECK(pings >= 9);
    CHECK(pings <= 11);
}

TEST_CASE("as a service the player keeps the watchdog fed through the off hours, and its status says the screen is black")
{
    NotifySocket manager(3s);
    PlayerHarness harness(config_text("featured+ticker", "UTC"), 5);
    REQUIRE(harness.step_until([&] { return harness.log.has("<6>feed: \"test\": 5 notices"); }));
    harness.wall = kMorning + 13h;  // 23:00 UTC: off hours
    harness.next_second();
    REQUIRE(harness.step_until([&] { return harness.log.has("schedule: off"); }));
    const auto turning_off = manager.take();
    CHECK(std::any_of(turning_off.begin(), turning_off.end(),
                      [](const std::string& message) { return message.starts_with("STATUS=off hours: the screen is black"); }));
    long pings = 0;
    for (int second = 0; second < 10; ++second) {
        harness.next_second();
        harness.player->step(0);
        pings += count_of(manager.take(), "WATCHDOG=1");
    }
    CHECK(pings >= 3);
}

}  // namespace signage::app

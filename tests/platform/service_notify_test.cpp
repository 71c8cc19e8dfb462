// What the player tells systemd, read from a real datagram socket passed as NOTIFY_SOCKET.
#include "platform/service_notify.hpp"

#include "support/notify_socket.hpp"

#include <doctest/doctest.h>

namespace signage::platform {

using namespace std::chrono_literals;

TEST_CASE("service: READY once with its status, a STATUS only when the line changes, STOPPING on the way out")
{
    NotifySocket manager;
    ServiceNotifier notifier;
    CHECK_FALSE(notifier.watchdog_interval().has_value());
    notifier.ready("5 notices on screen, 1 of 1 feeds current");
    notifier.ready("again");
    notifier.status("5 notices on screen, 1 of 1 feeds current");
    notifier.status("3 notices on screen,\n1 of 1 feeds current");
    notifier.stopping();
    CHECK(manager.take() == std::vector<std::string>{"READY=1\nSTATUS=5 notices on screen, 1 of 1 feeds current",
                                                      "STATUS=3 notices on screen, 1 of 1 feeds current", "STOPPING=1"});
}

TEST_CASE("service: a status before READY waits for it")
{
    NotifySocket manager;
    ServiceNotifier notifier;
    notifier.status("starting");
    CHECK(manager.take().empty());
    notifier.ready("5 notices on screen, 1 of 1 feeds current");
    CHECK(manager.take() == std::vector<std::string>{"READY=1\nSTATUS=5 notices on screen, 1 of 1 feeds current"});
}

TEST_CASE("service: watchdog pings come at a third of WatchdogSec however often the loop turns")
{
    NotifySocket manager(30s);
    ServiceNotifier notifier;
    REQUIRE(notifier.watchdog_interval() == std::chrono::microseconds(30s));
    const ServiceNotifier::TimePoint start{};
    int pings = 0;
    for (auto now = start; now <= start + 60s; now += 16ms) {  // a minute of frames at 60 Hz
        notifier.alive(now);
        pings += static_cast<int>(manager.take().size());
    }
    CHECK(pings == 7);  // at 0, 10, 20, 30, 40, 50 and 60 s
}

TEST_CASE("service: no pings when the watchdog is meant for another process, or there is none")
{
    {
        NotifySocket manager(30s);
        ::setenv("WATCHDOG_PID", "1", 1);
        ServiceNotifier notifier;
        CHECK_FALSE(notifier.watchdog_interval().has_value());
        notifier.alive(ServiceNotifier::TimePoint{});
        CHECK(manager.take().empty());
    }
    NotifySocket manager;
    ServiceNotifier notifier;
    notifier.alive(ServiceNotifier::TimePoint{});
    CHECK(manager.take().empty());
}

}  // namespace signage::platform

#pragma once
// Telling systemd how the player is doing (a Type=notify service): READY=1 once the first frame
// is up, WATCHDOG=1 pings from the frame loop itself (a loop that freezes stops them, and systemd
// restarts the service after WatchdogSec), and a one-line STATUS= for `systemctl status`.
// Without NOTIFY_SOCKET (a desktop preview, a test) every call does nothing.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace signage::platform {

class ServiceNotifier {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    // Reads the environment systemd sets: NOTIFY_SOCKET, and WATCHDOG_USEC with WATCHDOG_PID.
    ServiceNotifier();

    // The watchdog's interval (WatchdogSec=), when systemd asks this process for pings.
    std::optional<std::chrono::microseconds> watchdog_interval() const { return m_watchdog; }
    // Once: the service is up; `status` says what it shows.
    void ready(std::string_view status);
    bool ready_sent() const { return m_ready; }
    // Each turn of the loop: a ping when a third of the watchdog's interval has passed since
    // the last, so a late turn or two never lets it expire.
    void alive(TimePoint now);
    // A line for `systemctl status`, sent only when it differs from the last one (and, before
    // READY, kept for it).
    void status(std::string_view line);
    // On the way out: systemd then knows the stop is meant.
    void stopping();

private:
    void send(const std::string& state);

    std::optional<std::chrono::microseconds> m_watchdog;
    std::optional<TimePoint> m_last_ping;
    std::string m_status;
    bool m_ready = false;
    bool m_failure_logged = false;
};

}  // namespace signage::platform

#include "platform/service_notify.hpp"

#include "platform/log.hpp"

#include <systemd/sd-daemon.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace signage::platform {

namespace {

// A status line must stay one line: systemd shows it as it is.
std::string one_line(std::string_view text)
{
    std::string line(text);
    for (char& c : line)
        if (c == '\n' || c == '\r')
            c = ' ';
    return line;
}

}  // namespace

ServiceNotifier::ServiceNotifier()
{
    std::uint64_t usec = 0;
    // > 0 only when WATCHDOG_USEC is set and WATCHDOG_PID (if set) names this process.
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
        m_watchdog = std::chrono::microseconds(usec);
}

void ServiceNotifier::ready(std::string_view status)
{
    if (m_ready)
        return;
    m_ready = true;
    m_status = one_line(status);
    send("READY=1\nSTATUS=" + m_status);
}

void ServiceNotifier::alive(TimePoint now)
{
    if (!m_watchdog)
        return;
    if (m_last_ping && now - *m_last_ping < *m_watchdog / 3)
        return;
    m_last_ping = now;
    send("WATCHDOG=1");
}

void ServiceNotifier::status(std::string_view line)
{
    std::string next = one_line(line);
    if (next == m_status)
        return;
    m_status = std::move(next);
    if (m_ready)  // before, READY=1 carries it
        send("STATUS=" + m_status);
}

void ServiceNotifier::stopping()
{
    send("STOPPING=1");
}

void ServiceNotifier::send(const std::string& state)
{
    // 0: no NOTIFY_SOCKET, not a service: nothing to say. A failure is said once: the service
    // manager then restarts a watchdog service anyway, and the log tells why.
    if (const int sent = sd_notify(0, state.c_str()); sent < 0 && !m_failure_logged) {
        m_failure_logged = true;
        log({LogLevel::warning, "service", std::string("cannot notify systemd (") + std::strerror(-sent) + "); check NotifyAccess= in the unit"});
    }
}

}  // namespace signage::platform

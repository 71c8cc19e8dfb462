#pragma once
// A service manager's end of sd_notify for a test: a datagram socket bound to a fresh path,
// named by NOTIFY_SOCKET (and, with a watchdog, WATCHDOG_USEC and WATCHDOG_PID) while it lives,
// as systemd sets them for a Type=notify service.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

class NotifySocket {
public:
    explicit NotifySocket(std::optional<std::chrono::microseconds> watchdog = std::nullopt);
    ~NotifySocket();
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    // The datagrams received since the last call, each as sent ("READY=1\nSTATUS=...").
    std::vector<std::string> take();

private:
    std::string m_path;
    int m_fd = -1;
};

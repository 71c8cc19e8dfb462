#include "support/notify_socket.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

NotifySocket::NotifySocket(std::optional<std::chrono::microseconds> watchdog)
{
    static int count = 0;
    m_path = (std::filesystem::temp_directory_path() / ("signage-notify-" + std::to_string(::getpid()) + "-" + std::to_string(++count)))
                 .string();
    std::filesystem::remove(m_path);
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(m_fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(m_path.size() < sizeof address.sun_path);
    std::memcpy(address.sun_path, m_path.c_str(), m_path.size() + 1);
    REQUIRE(::bind(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    ::setenv("NOTIFY_SOCKET", m_path.c_str(), 1);
    if (watchdog) {
        ::setenv("WATCHDOG_USEC", std::to_string(watchdog->count()).c_str(), 1);
        ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    }
}

NotifySocket::~NotifySocket()
{
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    ::unsetenv("WATCHDOG_PID");
    ::close(m_fd);
    std::filesystem::remove(m_path);
}

std::vector<std::string> NotifySocket::take()
{
    std::vector<std::string> received;
    std::array<char, 4096> buffer{};
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
        if (n < 0)
            return received;
        received.emplace_back(buffer.data(), static_cast<std::size_t>(n));
    }
}

#pragma once
// Starts tests/soak/soak_server.py on a folder and stops it: the feeds and faults of a soak.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>

#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace signage::soak {

class SoakServer {
public:
    // nullopt when it did not start or name its port within 10 s.
    static std::optional<SoakServer> start(const std::filesystem::path& script, const std::filesystem::path& dir)
    {
        int out[2];
        if (::pipe(out) != 0)
            return std::nullopt;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        std::string python = "python3", path = script.string(), folder = dir.string();
        char* argv[] = {python.data(), path.data(), folder.data(), nullptr};
        pid_t pid = 0;
        const int spawned = posix_spawnp(&pid, "python3", &actions, nullptr, argv, environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        SoakServer server;
        if (spawned == 0)
            server.m_pid = pid;
        std::string line;
        pollfd wait{out[0], POLLIN, 0};
        while (spawned == 0 && line.find('\n') == std::string::npos && ::poll(&wait, 1, 10'000) > 0) {
            char buffer[64];
            const ssize_t got = ::read(out[0], buffer, sizeof buffer);
            if (got <= 0)
                break;
            line.append(buffer, static_cast<std::size_t>(got));
        }
        ::close(out[0]);
        server.m_port = std::atoi(line.c_str());
        if (server.m_port <= 0)
            return std::nullopt;
        return server;
    }
    SoakServer(SoakServer&& other) noexcept : m_pid(std::exchange(other.m_pid, 0)), m_port(other.m_port) {}
    SoakServer& operator=(SoakServer&&) = delete;
    ~SoakServer()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            int status = 0;
            ::waitpid(m_pid, &status, 0);
        }
    }
    int port() const { return m_port; }

private:
    SoakServer() = default;
    pid_t m_pid = 0;
    int m_port = 0;
};

}  // namespace signage::soak

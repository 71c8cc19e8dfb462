#pragma once
// Starts tests/support/feed_server.py, a loopback HTTP(S) server of fixtures and faults, for
// one test or benchmark, and kills it when done. No doctest here: the benchmarks use it too.
#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace signage::feed {

namespace feed_test {

struct LoggedRequest {
    std::string path;          // as requested, with the query; the path part of an absolute URI
    std::string request_line;  // "GET /feed/x.xml HTTP/1.1"
    std::map<std::string, std::string> headers;  // names in lower case
    int status = 0;            // the status the server answered with; 0 if none (a reset)

    std::string header(const std::string& lower_case_name) const
    {
        auto found = headers.find(lower_case_name);
        return found == headers.end() ? std::string{} : found->second;
    }
    bool has_header(const std::string& lower_case_name) const { return headers.contains(lower_case_name); }
};

// Runs a program to completion with its output discarded. Returns its exit status, or -1.
inline int run_quietly(const std::vector<std::string>& arguments)
{
    std::vector<char*> argv;
    for (const std::string& argument : arguments)
        argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return -1;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A self-signed certificate (and its key) valid for 127.0.0.1 only, made with the openssl
// command. False when openssl is missing or fails.
inline bool make_self_signed_certificate(const std::filesystem::path& cert, const std::filesystem::path& key)
{
    return run_quietly({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", key.string(), "-out", cert.string(), "-days", "2", "-subj",
                        "/CN=signage-test", "-addext", "subjectAltName=IP:127.0.0.1"})
        == 0;
}

class FeedServer {
public:
    struct Tls {
        std::filesystem::path certificate;
        std::filesystem::path key;
    };

    explicit FeedServer(std::optional<Tls> tls = std::nullopt) : m_tls(tls.has_value())
    {
        const std::string python = ::access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
        std::vector<std::string> arguments = {python, SIGNAGE_SOURCE_DIR "/tests/support/feed_server.py", "--fixtures",
                                              SIGNAGE_TEST_DATA_DIR "/feeds"};
        if (tls) {
            arguments.insert(arguments.end(), {"--tls", tls->certificate.string(), tls->key.string()});
        }
        std::vector<char*> argv;
        for (const std::string& argument : arguments)
            argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);

        int out[2];
        if (::pipe2(out, O_CLOEXEC) != 0) {
            m_error = std::string("pipe: ") + std::strerror(errno);
            return;
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        const int spawned = posix_spawnp(&m_pid, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        if (spawned != 0) {
            m_pid = 0;
            ::close(out[0]);
            m_error = "cannot start " + python + ": " + std::strerror(spawned);
            return;
        }
        m_port = read_port(out[0]);
        ::close(out[0]);
        if (m_port == 0 && m_error.empty())
            m_error = "feed_server.py printed no port";
    }

    ~FeedServer()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            int status = 0;
            while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
            }
        }
    }
    FeedServer(const FeedServer&) = delete;
    FeedServer& operator=(const FeedServer&) = delete;

    bool ok() const { return m_port != 0; }
    const std::string& error() const { return m_error; }
    int port() const { return m_port; }
    std::string origin() const { return std::string(m_tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(m_port); }
    std::string url(std::string_view path) const { return origin() + std::string(path); }

    // Every request so far (plain HTTP servers only), oldest first.
    std::vector<LoggedRequest> requests() const
    {
        std::vector<LoggedRequest> result;
        const std::string body = get("/log");
        const auto parsed = nlohmann::json::parse(body, nullptr, false);
        if (!parsed.is_array())
            return result;
        for (const auto& entry : parsed) {
            LoggedRequest request;
            request.path = entry.value("path", "");
            request.request_line = entry.value("request_line", "");
            if (entry.contains("status") && entry.at("status").is_number_integer())
                request.status = entry.at("status").get<int>();
            for (const auto& [name, value] : entry.at("headers").items())
                request.headers[name] = value.get<std::string>();
            result.push_back(std::move(request));
        }
        return result;
    }
    std::vector<LoggedRequest> requests_to(std::string_view path) const
    {
        std::vector<LoggedRequest> matching;
        for (LoggedRequest& request : requests()) {
            if (request.path == path)
                matching.push_back(std::move(request));
        }
        return matching;
    }
    std::size_t count(std::string_view path) const { return requests_to(path).size(); }
    void clear_log() const { get("/log/clear"); }

private:
    int read_port(int fd)
    {
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
        while (line.find('\n') == std::string::npos) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                m_error = "feed_server.py did not print its port within 20 s";
                return 0;
            }
            pollfd waiting{fd, POLLIN, 0};
            if (::poll(&waiting, 1, static_cast<int>(left.count())) <= 0)
                continue;
            char buffer[64];
            const ssize_t got = ::read(fd, buffer, sizeof buffer);
            if (got <= 0) {
                m_error = "feed_server.py exited before printing its port";
                return 0;
            }
            line.append(buffer, static_cast<std::size_t>(got));
        }
        try {
            return std::stoi(line);
        }
        catch (const std::exception&) {
            m_error = "feed_server.py printed \"" + line + "\" instead of a port";
            return 0;
        }
    }

    // A plain HTTP/1.0 GET by hand: what the tests check must not depend on the client under test.
    std::string get(const std::string& path) const
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return {};
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(m_port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        std::string response;
        if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
            const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
            if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
                char buffer[65536];
                ssize_t got = 0;
                while ((got = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
                    response.append(buffer, static_cast<std::size_t>(got));
            }
        }
        ::close(fd);
        const std::size_t body = response.find("\r\n\r\n");
        return body == std::string::npos ? std::string{} : response.substr(body + 4);
    }

    bool m_tls = false;
    pid_t m_pid = 0;
    int m_port = 0;
    std::string m_error;
};

}  // namespace feed_test

}  // namespace signage::feed

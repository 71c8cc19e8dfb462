// The status port: answers on 127.0.0.1, and refuses a connection to any other address of the
// machine, because it is bound to the loopback address alone.
#include "platform/loopback_http.hpp"
#include "util/unique_fd.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <optional>
#include <string>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace signage::platform {

namespace {

// Connects to `address`:`port`; the errno when it cannot, 0 with the socket when it can.
int connect_to(in_addr address, int port, UniqueFd& socket_fd)
{
    socket_fd = UniqueFd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    REQUIRE(socket_fd.get() >= 0);
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(static_cast<std::uint16_t>(port));
    target.sin_addr = address;
    return ::connect(socket_fd.get(), reinterpret_cast<const sockaddr*>(&target), sizeof target) == 0 ? 0 : errno;
}

// One GET on 127.0.0.1 and the whole response.
std::string get(int port, const std::string& request)
{
    UniqueFd fd;
    REQUIRE(connect_to(in_addr{htonl(INADDR_LOOPBACK)}, port, fd) == 0);
    REQUIRE(::send(fd.get(), request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
    std::string response;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd.get(), buffer, sizeof buffer, 0)) > 0;)
        response.append(buffer, static_cast<std::size_t>(n));
    return response;
}

// An IPv4 address of this machine other than loopback, if it has one.
std::optional<in_addr> outside_address()
{
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0)
        return std::nullopt;
    std::optional<in_addr> found;
    for (ifaddrs* entry = list; entry && !found; entry = entry->ifa_next)
        if (entry->ifa_addr && entry->ifa_addr->sa_family == AF_INET) {
            const in_addr address = reinterpret_cast<const sockaddr_in*>(entry->ifa_addr)->sin_addr;
            if ((ntohl(address.s_addr) >> 24) != 127)
                found = address;
        }
    ::freeifaddrs(list);
    return found;
}

}  // namespace

TEST_CASE("the loopback server answers GET on 127.0.0.1 with the handler's reply, and other methods with 405")
{
    auto server = LoopbackHttpServer::start(0, [](std::string_view path) {
        return path == "/metrics" ? HttpReply{200, "text/plain; version=0.0.4", "signage_x 1\n"} : HttpReply{404, "text/plain", "no\n"};
    });
    REQUIRE_MESSAGE(server, problem(server));
    REQUIRE(server->port() > 0);
    const std::string metrics = get(server->port(), "GET /metrics HTTP/1.0\r\n\r\n");
    CHECK(metrics.starts_with("HTTP/1.1 200"));
    CHECK(metrics.find("Content-Type: text/plain; version=0.0.4\r\n") != std::string::npos);
    CHECK(metrics.ends_with("\r\n\r\nsignage_x 1\n"));
    CHECK(get(server->port(), "GET /other HTTP/1.0\r\n\r\n").starts_with("HTTP/1.1 404"));
    CHECK(get(server->port(), "POST /metrics HTTP/1.0\r\nContent-Length: 0\r\n\r\n").starts_with("HTTP/1.1 405"));
}

TEST_CASE("the loopback server refuses connections to the machine's other addresses")
{
    auto server = LoopbackHttpServer::start(0, [](std::string_view) { return HttpReply{200, "text/plain", "x"}; });
    REQUIRE_MESSAGE(server, problem(server));
    const auto outside = outside_address();
    if (!outside) {
        skip_test("this machine has no IPv4 address but loopback");
        return;
    }
    UniqueFd fd;
    CHECK(connect_to(*outside, server->port(), fd) == ECONNREFUSED);
    CHECK(connect_to(in_addr{htonl(INADDR_LOOPBACK)}, server->port(), fd) == 0);  // the same port does answer on loopback
}

TEST_CASE("a port another server holds gives one line naming it and what to do")
{
    auto first = LoopbackHttpServer::start(0, [](std::string_view) { return HttpReply{}; });
    REQUIRE_MESSAGE(first, problem(first));
    auto second = LoopbackHttpServer::start(first->port(), [](std::string_view) { return HttpReply{}; });
    REQUIRE_FALSE(second);
    CHECK(second.error().message ==
          "cannot serve on 127.0.0.1:" + std::to_string(first->port()) + " (another program uses the port?); choose another [status] http_port");
}

}  // namespace signage::platform

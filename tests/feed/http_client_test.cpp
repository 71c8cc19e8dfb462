#include "feed/http_client.hpp"

#include "feed_fixtures.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stop_token>
#include <string>
#include <string_view>

namespace signage::feed {

using feed_test::file_url;
using feed_test::fixture_path;
using feed_test::read_fixture;

namespace {

// A port on 127.0.0.1 that refuses connections: bound, so nothing else takes it meanwhile,
// but never listening.
class RefusingPort {
public:
    RefusingPort() : m_fd(::socket(AF_INET, SOCK_STREAM, 0))
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof address;
        if (m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), size) == 0
            && ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &size) == 0)
            m_port = ntohs(address.sin_port);
    }
    ~RefusingPort()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    RefusingPort(const RefusingPort&) = delete;
    RefusingPort& operator=(const RefusingPort&) = delete;

    int port() const { return m_port; }

private:
    int m_fd;
    int m_port = 0;
};

}  // namespace

TEST_CASE("fetch_url reads a feed fixture through a file:// URL")
{
    const CurlGlobal curl;
    const std::string url = file_url(fixture_path("rss2-euc-kr.xml"));
    auto fetched = fetch_url(url);
    REQUIRE_MESSAGE(fetched.ok(), (fetched.ok() ? std::string{} : fetched.error().message));
    // Bytes as stored: decoding is the parser's job, not the transport's.
    CHECK(fetched->bytes == read_fixture("rss2-euc-kr.xml"));
    CHECK(fetched->status == 0);
    CHECK(fetched->content_type.empty());
}

TEST_CASE("fetch_url names the URL when a file:// feed is missing")
{
    const CurlGlobal curl;
    const std::string url = file_url(fixture_path("no-such-feed.xml"));
    auto fetched = fetch_url(url);
    REQUIRE_FALSE(fetched.ok());
    const std::string& message = fetched.error().message;
    CAPTURE(message);
    CHECK(message.starts_with(url + ": "));
    CHECK(message.size() > url.size() + 2);
    CHECK(message.find('\n') == std::string::npos);
    CHECK(message.back() != '.');
}

TEST_CASE("fetch_url fails when the feed body is larger than max_body_bytes")
{
    const CurlGlobal curl;
    const std::string url = file_url(fixture_path("rss2-bilingual.xml"));
    const std::size_t size = read_fixture("rss2-bilingual.xml").size();
    REQUIRE(size > 1000);

    FetchLimits limits;
    limits.max_body_bytes = 1000;
    auto too_large = fetch_url(url, limits);
    REQUIRE_FALSE(too_large.ok());
    CHECK(too_large.error().message == url + ": body larger than 1000 bytes");

    limits.max_body_bytes = size;  // exactly at the limit is still fine
    auto at_limit = fetch_url(url, limits);
    REQUIRE(at_limit.ok());
    CHECK(at_limit->bytes.size() == size);
}

TEST_CASE("fetch_url refuses protocols other than file, http and https")
{
    const CurlGlobal curl;
    constexpr std::string_view urls[] = {
        "ftp://127.0.0.1/feed.xml",
        "gopher://127.0.0.1/feed",
        "dict://127.0.0.1/d:feed",
        "telnet://127.0.0.1",
        "ldap://127.0.0.1/o=feed",
        "smb://127.0.0.1/share/feed.xml",
    };
    for (const auto url : urls) {
        CAPTURE(url);
        auto fetched = fetch_url(std::string(url));
        REQUIRE_FALSE(fetched.ok());
        CHECK(fetched.error().message.starts_with(std::string(url) + ": "));
        CHECK(fetched.error().message.find("not supported") != std::string::npos);
    }
}

TEST_CASE("fetch_url reports a refused http connection without the elapsed time")
{
    const CurlGlobal curl;
    const RefusingPort refusing;
    REQUIRE(refusing.port() != 0);
    const std::string url = "http://127.0.0.1:" + std::to_string(refusing.port()) + "/feed.xml";

    auto fetched = fetch_url(url);
    REQUIRE_FALSE(fetched.ok());
    const std::string& message = fetched.error().message;
    CAPTURE(message);
    CHECK(message.starts_with(url + ": "));
    // Two failures in a row read the same, so the fetcher logs the reason once.
    CHECK(message.find(" ms") == std::string::npos);
    auto again = fetch_url(url);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message == message);
}

TEST_CASE("fetch_url stops a transfer once a stop is requested")
{
    const CurlGlobal curl;
    const std::string url = file_url(fixture_path("rss2-bilingual.xml"));
    std::stop_source stop;
    stop.request_stop();
    auto fetched = fetch_url(url, FetchLimits{}, stop.get_token());
    REQUIRE_FALSE(fetched.ok());
    CHECK(fetched.error().message == url + ": cancelled");
}

}  // namespace signage::feed

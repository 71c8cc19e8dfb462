// The HTTP client against a real server on 127.0.0.1 (tests/support/feed_server.py): conditional
// GET, compression, redirects, limits, timeouts, TLS, proxies and faults of every kind.
#include "feed/http_client.hpp"
#include "feed/http_transfer.hpp"

#include "feed_fixtures.hpp"
#include "feed_server.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace signage::feed {

using feed_test::FeedServer;
using feed_test::read_fixture;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

#define REQUIRE_SERVER(server) REQUIRE_MESSAGE((server).ok(), (server).error())

std::string message_of(const Result<FetchedBody>& result)
{
    return result.ok() ? std::string("(no error: HTTP ") + std::to_string(result->status) + ")" : result.error().message;
}

FetchRequest request_to(const std::string& url)
{
    FetchRequest request;
    request.url = url;
    return request;
}

// Sets (or with nullopt, removes) an environment variable for one scope. Only used while no
// other thread of the test reads the environment.
class ScopedEnv {
public:
    ScopedEnv(const char* name, std::optional<std::string> value) : m_name(name)
    {
        if (const char* old = std::getenv(name))
            m_old = old;
        if (value)
            ::setenv(name, value->c_str(), 1);
        else
            ::unsetenv(name);
    }
    ~ScopedEnv()
    {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

}  // namespace

TEST_CASE("fetch over HTTP gives the body, its validators, and sends the player's User-Agent")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const std::string url = server.url("/feed/rss2-bilingual.xml");

    auto fetched = fetch(request_to(url));
    REQUIRE_MESSAGE(fetched.ok(), message_of(fetched));
    CHECK(fetched->status == 200);
    CHECK(fetched->bytes == read_fixture("rss2-bilingual.xml"));
    CHECK(fetched->content_type == "application/xml");
    CHECK(fetched->etag.starts_with("\""));
    CHECK(fetched->last_modified == "Mon, 04 Jun 2018 09:00:00 GMT");
    CHECK(fetched->effective_url == url);
    CHECK(fetched->permanent_url.empty());
    CHECK(fetched->redirects == 0);

    const auto sent = server.requests_to("/feed/rss2-bilingual.xml");
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].header("user-agent") == std::string("signage-player/") + SIGNAGE_VERSION);
    CHECK(sent[0].header("user-agent") == user_agent());
    CHECK(sent[0].header("accept-encoding").find("gzip") != std::string::npos);
    CHECK(sent[0].header("accept").find("application/rss+xml") != std::string::npos);
    CHECK_FALSE(sent[0].has_header("if-none-match"));
    CHECK_FALSE(sent[0].has_header("if-modified-since"));
}

TEST_CASE("fetch sends validators for a conditional GET, and a 304 carries no body")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);

    SUBCASE("ETag and Last-Modified")
    {
        const std::string url = server.url("/feed/rss2-bilingual.xml");
        auto first = fetch(request_to(url));
        REQUIRE_MESSAGE(first.ok(), message_of(first));
        FetchRequest again = request_to(url);
        again.etag = first->etag;
        again.last_modified = first->last_modified;
        again.validators_url = first->effective_url;
        auto second = fetch(again);
        REQUIRE_MESSAGE(second.ok(), message_of(second));
        CHECK(second->status == 304);
        CHECK(second->bytes.empty());
        CHECK(second->etag == first->etag);

        const auto sent = server.requests_to("/feed/rss2-bilingual.xml");
        REQUIRE(sent.size() == 2);
        CHECK(sent[1].header("if-none-match") == first->etag);
        CHECK(sent[1].header("if-modified-since") == "Mon, 04 Jun 2018 09:00:00 GMT");
        CHECK(sent[1].status == 304);
    }
    SUBCASE("Last-Modified alone")
    {
        const std::string url = server.url("/feed/rss2-bilingual.xml?etag=0");
        auto first = fetch(request_to(url));
        REQUIRE_MESSAGE(first.ok(), message_of(first));
        CHECK(first->etag.empty());
        FetchRequest again = request_to(url);
        again.last_modified = first->last_modified;
        again.validators_url = url;
        auto second = fetch(again);
        REQUIRE_MESSAGE(second.ok(), message_of(second));
        CHECK(second->status == 304);
        const auto sent = server.requests_to("/feed/rss2-bilingual.xml?etag=0");
        REQUIRE(sent.size() == 2);
        CHECK_FALSE(sent[1].has_header("if-none-match"));
        CHECK(sent[1].header("if-modified-since") == first->last_modified);
    }
    SUBCASE("validators of another URL are not sent")
    {
        const std::string url = server.url("/feed/rss2-bilingual.xml");
        auto first = fetch(request_to(url));
        REQUIRE(first.ok());
        FetchRequest other = request_to(server.url("/feed/atom1-korean.xml"));
        other.etag = first->etag;
        other.last_modified = first->last_modified;
        other.validators_url = url;
        auto fetched = fetch(other);
        REQUIRE_MESSAGE(fetched.ok(), message_of(fetched));
        CHECK(fetched->status == 200);
        const auto sent = server.requests_to("/feed/atom1-korean.xml");
        REQUIRE(sent.size() == 1);
        CHECK_FALSE(sent[0].has_header("if-none-match"));
        CHECK_FALSE(sent[0].has_header("if-modified-since"));
    }
}

TEST_CASE("fetch decodes a gzip body")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    auto fetched = fetch(request_to(server.url("/gzip/rss2-bilingual.xml")));
    REQUIRE_MESSAGE(fetched.ok(), message_of(fetched));
    CHECK(fetched->status == 200);
    CHECK(fetched->bytes == read_fixture("rss2-bilingual.xml"));
    CHECK(fetched->body_wire_bytes < fetched->bytes.size());
    CHECK(server.requests_to("/gzip/rss2-bilingual.xml").at(0).header("accept-encoding").find("gzip")
          != std::string::npos);
}

TEST_CASE("fetch follows redirects and reports where permanent ones lead")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    struct Case {
        const char* path;
        const char* permanent;  // "" when nothing is to be remembered
        int redirects;
    };
    const Case cases[] = {
        {"/r/301/feed/rss2-bilingual.xml", "/feed/rss2-bilingual.xml", 1},
        {"/r/308/feed/rss2-bilingual.xml", "/feed/rss2-bilingual.xml", 1},
        {"/r/302/feed/rss2-bilingual.xml", "", 1},
        {"/r/307/feed/rss2-bilingual.xml", "", 1},
        {"/r/303/feed/rss2-bilingual.xml", "", 1},
        {"/r/301/r/308/feed/rss2-bilingual.xml", "/feed/rss2-bilingual.xml", 2},
        // The permanent move is of the first address; the temporary one after it is not kept.
        {"/r/301/r/302/feed/rss2-bilingual.xml", "/r/302/feed/rss2-bilingual.xml", 2},
        // After a temporary hop, a permanent one moves the temporary address, not the feed's.
        {"/r/302/r/301/feed/rss2-bilingual.xml", "", 2},
        {"/r/301/r/301/r/301/r/301/r/301/feed/rss2-bilingual.xml", "/feed/rss2-bilingual.xml", 5},
    };
    for (const Case& c : cases) {
        CAPTURE(c.path);
        auto fetched = fetch(request_to(server.url(c.path)));
        REQUIRE_MESSAGE(fetched.ok(), message_of(fetched));
        CHECK(fetched->status == 200);
        CHECK(fetched->bytes == read_fixture("rss2-bilingual.xml"));
        CHECK(fetched->effective_url == server.url("/feed/rss2-bilingual.xml"));
        CHECK(fetched->permanent_url == (*c.permanent ? server.url(c.permanent) : std::string{}));
        CHECK(fetched->redirects == c.redirects);
    }
}

TEST_CASE("fetch refuses redirect loops, chains longer than five and redirects away from http")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);

    const std::string loop = server.url("/loop/302");
    auto looped = fetch(request_to(loop));
    REQUIRE_FALSE(looped.ok());
    CHECK(looped.error().message == loop + ": redirect loop: HTTP 302 Found back to " + loop);
    CHECK(server.count("/loop/302") == 1);

    const std::string six = server.url("/r/302/r/302/r/302/r/302/r/302/r/302/feed/rss2-bilingual.xml");
    auto too_many = fetch(request_to(six));
    REQUIRE_FALSE(too_many.ok());
    CAPTURE(too_many.error().message);
    CHECK(too_many.error().message.starts_with(six + ": too many redirects (more than 5) (redirected to "));
    CHECK(server.count("/feed/rss2-bilingual.xml") == 0);

    const std::string to_file = server.url("/to?url=file:///etc/passwd&code=301");
    auto file_redirect = fetch(request_to(to_file));
    REQUIRE_FALSE(file_redirect.ok());
    CHECK(file_redirect.error().message
          == to_file + ": HTTP 301 Moved Permanently to file:///etc/passwd refused: only http and https are followed");
}

TEST_CASE("fetch sends configured headers to the feed's own server only")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);

    FetchRequest request = request_to(server.url("/feed/rss2-bilingual.xml"));
    request.headers = {{"Authorization", "Bearer secret-token"}, {"X-Screen", "lobby-3"}, {"Accept", "application/rss+xml"}};
    auto fetched = fetch(request);
    REQUIRE_MESSAGE(fetched.ok(), message_of(fetched));
    auto sent = server.requests_to("/feed/rss2-bilingual.xml");
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].header("authorization") == "Bearer secret-token");
    CHECK(sent[0].header("x-screen") == "lobby-3");
    CHECK(sent[0].header("accept") == "application/rss+xml");  // replaces the player's own

    SUBCASE("not after a redirect to another host")
    {
        server.clear_log();
        // localhost and 127.0.0.1 are the same server here, but different origins to a client.
        const std::string elsewhere = "http://localhost:" + std::to_string(server.port()) + "/feed/atom1-korean.xml";
        FetchRequest redirected = request;
        redirected.url = server.url("/to?url=" + elsewhere);
        redirected.header_origin_url = redirected.url;
        auto result = fetch(redirected);
        REQUIRE_MESSAGE(result.ok(), message_of(result));
        CHECK(result->effective_url == elsewhere);
        const auto log = server.requests();
        REQUIRE(log.size() == 2);
        CHECK(log[0].header("authorization") == "Bearer secret-token");
        CHECK_FALSE(log[1].has_header("authorization"));
        CHECK_FALSE(log[1].has_header("x-screen"));
        CHECK(log[1].header("user-agent") == user_agent());
    }
    SUBCASE("not after a redirect to another port")
    {
        const FeedServer other;
        REQUIRE_SERVER(other);
        FetchRequest redirected = request;
        redirected.url = server.url("/to?url=" + other.url("/feed/atom1-korean.xml"));
        redirected.header_origin_url = redirected.url;
        auto result = fetch(redirected);
        REQUIRE_MESSAGE(result.ok(), message_of(result));
        const auto log = other.requests();
        REQUIRE(log.size() == 1);
        CHECK_FALSE(log[0].has_header("authorization"));
    }
}

TEST_CASE("fetch returns HTTP error statuses with Retry-After, fetch_url makes them errors")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);

    auto unavailable = fetch(request_to(server.url("/status/503?retry_after=120")));
    REQUIRE_MESSAGE(unavailable.ok(), message_of(unavailable));
    CHECK(unavailable->status == 503);
    CHECK(unavailable->retry_after == 120s);
    CHECK(unavailable->bytes.empty());  // an error page is never kept

    auto gone = fetch(request_to(server.url("/gone")));
    REQUIRE(gone.ok());
    CHECK(gone->status == 410);

    const std::string missing = server.url("/feed/no-such-feed.xml");
    auto not_found = fetch_url(missing);
    REQUIRE_FALSE(not_found.ok());
    CHECK(not_found.error().message == missing + ": HTTP 404 Not Found");
    const std::string failing = server.url("/status/500");
    CHECK(message_of(fetch_url(failing)) == failing + ": HTTP 500 Internal Server Error");
    const std::string odd = server.url("/status/599");
    CHECK(message_of(fetch_url(odd)) == odd + ": HTTP 599");
}

TEST_CASE("fetch reports resets, empty replies and truncated bodies as one stable line")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    struct Case {
        const char* path;
        const char* reason;
    };
    const Case cases[] = {
        {"/reset", "Connection reset by peer"},
        {"/close", "Empty reply from server"},
        {"/truncate/rss2-bilingual.xml", "bytes remaining to read"},
    };
    for (const Case& c : cases) {
        const std::string url = server.url(c.path);
        CAPTURE(url);
        auto first = fetch(request_to(url));
        REQUIRE_FALSE(first.ok());
        const std::string& message = first.error().message;
        CAPTURE(message);
        CHECK(message.starts_with(url + ": "));
        CHECK(message.find(c.reason) != std::string::npos);
        CHECK(message.find('\n') == std::string::npos);
        // The same failure reads the same the next time, so it is logged once.
        CHECK(message_of(fetch(request_to(url))) == message);
    }
}

TEST_CASE("fetch gives up on a server that is too slow")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    for (const char* path : {"/slow/5/feed/rss2-bilingual.xml", "/trickle/0.3/rss2-bilingual.xml"}) {
        CAPTURE(path);
        FetchRequest request = request_to(server.url(path));
        request.limits.total_timeout = 1000ms;
        const auto start = Clock::now();
        auto fetched = fetch(request);
        const auto took = Clock::now() - start;
        REQUIRE_FALSE(fetched.ok());
        CHECK(fetched.error().message == request.url + ": timed out before the response was complete (total limit 1 s)");
        CHECK(took >= 900ms);
        CHECK(took < 4s);
    }
}

TEST_CASE("fetch gives up on a server that never accepts the connection")
{
    const CurlGlobal curl;
    // A listening socket whose queue is full: the kernel drops further connection attempts,
    // as a firewall that swallows packets would.
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(listener >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), size) == 0);
    REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    REQUIRE(::listen(listener, 0) == 0);
    std::vector<int> fillers;
    for (int i = 0; i < 4; ++i) {
        const int filler = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        ::connect(filler, reinterpret_cast<sockaddr*>(&address), size);
        fillers.push_back(filler);
    }
    std::this_thread::sleep_for(100ms);

    FetchRequest request = request_to("http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/feed.xml");
    request.limits.connect_timeout = 1000ms;
    request.limits.total_timeout = 5000ms;
    const auto start = Clock::now();
    auto fetched = fetch(request);
    const auto took = Clock::now() - start;
    for (const int filler : fillers)
        ::close(filler);
    ::close(listener);
    REQUIRE_FALSE(fetched.ok());
    CHECK(fetched.error().message == request.url + ": timed out connecting (connect limit 1 s, total 5 s)");
    CHECK(took >= 900ms);
    CHECK(took < 4s);
}

TEST_CASE("fetch refuses bodies over the limit, compressed or not")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    FetchRequest request;
    request.limits.max_body_bytes = 1u << 20;

    for (const char* path : {"/huge/1048577", "/huge/3000000?length=0", "/bomb/20000000"}) {
        CAPTURE(path);
        request.url = server.url(path);
        auto fetched = fetch(request);
        REQUIRE_FALSE(fetched.ok());
        CHECK(fetched.error().message == request.url + ": body larger than 1048576 bytes");
    }
    request.url = server.url("/huge/1048576");
    auto at_limit = fetch(request);
    REQUIRE_MESSAGE(at_limit.ok(), message_of(at_limit));
    CHECK(at_limit->bytes.size() == 1048576);

    // The default limit is 8 MiB.
    request.limits = FetchLimits{};
    request.url = server.url("/bomb/9000000");
    CHECK(message_of(fetch(request)) == request.url + ": body larger than 8388608 bytes");
}

TEST_CASE("fetch reports an unknown host")
{
    const CurlGlobal curl;
    const std::string url = "http://nonexistent.invalid/feed.xml";
    auto fetched = fetch(request_to(url));
    REQUIRE_FALSE(fetched.ok());
    CAPTURE(fetched.error().message);
    CHECK(fetched.error().message.starts_with(url + ": "));
    CHECK(fetched.error().message.find("nonexistent.invalid") != std::string::npos);
}

TEST_CASE("fetch over https to a plain HTTP port fails with a TLS error")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const std::string url = "https://127.0.0.1:" + std::to_string(server.port()) + "/feed/rss2-bilingual.xml";
    auto fetched = fetch(request_to(url));
    REQUIRE_FALSE(fetched.ok());
    const std::string& message = fetched.error().message;
    CAPTURE(message);
    CHECK(message.starts_with(url + ": TLS error: "));
    CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("fetch verifies certificates: a self-signed server needs ca_file, and the name must match")
{
    const CurlGlobal curl;
    const ScratchDir scratch("signage-tls-test");
    const auto certificate = scratch.path() / "cert.pem";
    const auto key = scratch.path() / "key.pem";
    if (!feed_test::make_self_signed_certificate(certificate, key)) {
        skip_test("openssl (Debian package openssl) could not make a certificate for the TLS server");
        return;
    }
    const FeedServer server(FeedServer::Tls{certificate, key});
    REQUIRE_SERVER(server);
    const std::string url = server.url("/feed/rss2-bilingual.xml");
    REQUIRE(url.starts_with("https://127.0.0.1:"));

    // Not trusted: checking the peer is on.
    auto untrusted = fetch(request_to(url));
    REQUIRE_FALSE(untrusted.ok());
    CAPTURE(untrusted.error().message);
    CHECK(untrusted.error().message.starts_with(url + ": TLS error: "));
    CHECK(untrusted.error().message.find("certificate") != std::string::npos);

    FetchRequest trusted = request_to(url);
    trusted.ca_file = certificate.string();
    auto fetched = fetch(trusted);
    REQUIRE_MESSAGE(fetched.ok(), message_of(fetched));
    CHECK(fetched->status == 200);
    CHECK(fetched->bytes == read_fixture("rss2-bilingual.xml"));

    // Trusted, but issued for 127.0.0.1 only: checking the host name is on.
    FetchRequest wrong_name = trusted;
    wrong_name.url = "https://localhost:" + std::to_string(server.port()) + "/feed/rss2-bilingual.xml";
    auto mismatched = fetch(wrong_name);
    REQUIRE_FALSE(mismatched.ok());
    CAPTURE(mismatched.error().message);
    CHECK(mismatched.error().message.starts_with(wrong_name.url + ": TLS error: "));
    CHECK(mismatched.error().message.find("localhost") != std::string::npos);

    SUBCASE("configured headers do not follow a move from http to https on another port of the same host")
    {
        const FeedServer plain;
        REQUIRE_SERVER(plain);
        FetchRequest upgraded = trusted;
        upgraded.url = plain.url("/to?code=301&url=" + url);
        upgraded.headers = {{"Authorization", "Bearer upgrade-token"}};
        auto result = fetch(upgraded);
        REQUIRE_MESSAGE(result.ok(), message_of(result));
        CHECK(result->permanent_url == url);
        // The TLS server's request log, read over TLS.
        FetchRequest log_request = trusted;
        log_request.url = server.url("/log");
        auto log = fetch(log_request);
        REQUIRE_MESSAGE(log.ok(), message_of(log));
        const auto entries = nlohmann::json::parse(log->bytes);
        REQUIRE(entries.size() >= 1);
        // Another port may be another program: an origin is scheme, host and port.
        CHECK_FALSE(entries.back().at("headers").contains("authorization"));
    }

    FetchRequest missing_ca = trusted;
    missing_ca.ca_file = (scratch.path() / "no-such-ca.pem").string();
    auto no_ca = fetch(missing_ca);
    REQUIRE_FALSE(no_ca.ok());
    CAPTURE(no_ca.error().message);
    CHECK(no_ca.error().message.starts_with(url + ": TLS error: "));
    CHECK(no_ca.error().message.find("no-such-ca.pem") != std::string::npos);
}

TEST_CASE("fetch uses the proxy named by http_proxy")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const ScopedEnv proxy("http_proxy", server.origin());
    const ScopedEnv no_proxy("no_proxy", std::nullopt);
    const ScopedEnv no_proxy_upper("NO_PROXY", std::nullopt);

    // A host that does not exist: only the proxy can answer for it.
    const std::string url = "http://feeds.example.invalid/feed/rss2-bilingual.xml";
    auto fetched = fetch(request_to(url));
    REQUIRE_MESSAGE(fetched.ok(), message_of(fetched));
    CHECK(fetched->bytes == read_fixture("rss2-bilingual.xml"));
    const auto sent = server.requests_to("/feed/rss2-bilingual.xml");
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].request_line == "GET " + url + " HTTP/1.1");
    CHECK(sent[0].header("host") == "feeds.example.invalid");
}

TEST_CASE("A 304 poll costs fewer bytes on the wire than a 200")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const std::string url = server.url("/feed/rss2-bilingual.xml");
    auto full = fetch(request_to(url));
    REQUIRE(full.ok());
    FetchRequest conditional = request_to(url);
    conditional.etag = full->etag;
    conditional.validators_url = url;
    auto not_modified = fetch(conditional);
    REQUIRE(not_modified.ok());
    REQUIRE(not_modified->status == 304);
    const auto wire = [](const FetchedBody& b) { return b.request_bytes + b.header_bytes + b.body_wire_bytes; };
    CHECK(full->body_wire_bytes == full->bytes.size());
    CHECK(not_modified->body_wire_bytes == 0);
    CHECK(not_modified->request_bytes > full->request_bytes);  // it carries If-None-Match
    CHECK(wire(not_modified.value()) < wire(full.value()) / 2);
}

TEST_CASE("FetchPool runs transfers at once: a stalled server holds up no other")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const auto start = Clock::now();
    {
        FetchPool pool;
        pool.start(1000, request_to(server.url("/slow/30/feed/rss2-bilingual.xml")));
        for (FetchPool::TransferId id = 0; id < 20; ++id)
            pool.start(id, request_to(server.url("/feed/rss2-bilingual.xml?copy=" + std::to_string(id))));
        std::vector<bool> done(20, false);
        std::size_t finished = 0;
        while (finished < 20 && Clock::now() - start < 10s) {
            for (auto& [id, result] : pool.run_until(Clock::now() + 1s)) {
                REQUIRE(id < 20);
                REQUIRE_MESSAGE(result.ok(), message_of(result));
                CHECK(result->status == 200);
                CHECK_FALSE(done[id]);
                done[id] = true;
                ++finished;
            }
        }
        CHECK(finished == 20);
        CHECK(Clock::now() - start < 5s);
        CHECK(pool.in_flight() == 1);  // the stalled one
    }
    // The pool abandons the stalled transfer rather than waiting for it.
    CHECK(Clock::now() - start < 8s);
}

TEST_CASE("FetchPool::wake cuts a wait short from another thread")
{
    const CurlGlobal curl;
    FetchPool pool;
    const auto start = Clock::now();
    std::thread waker([&pool] {
        std::this_thread::sleep_for(100ms);
        pool.wake();
    });
    auto finished = pool.run_until(Clock::now() + 20s);
    waker.join();
    CHECK(finished.empty());
    CHECK(Clock::now() - start < 10s);
}

TEST_CASE("fetch is cancelled promptly while a server stalls")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const std::string url = server.url("/slow/30/feed/rss2-bilingual.xml");
    std::stop_source stop;
    std::thread stopper([&stop] {
        std::this_thread::sleep_for(200ms);
        stop.request_stop();
    });
    const auto start = Clock::now();
    auto fetched = fetch(request_to(url), stop.get_token());
    stopper.join();
    REQUIRE_FALSE(fetched.ok());
    CHECK(fetched.error().message == url + ": cancelled");
    CHECK(Clock::now() - start < 5s);
}

TEST_CASE("configured headers go to their own origin, and to https on 443 when http on 80 moved there")
{
    const auto origin = origin_of("http://notices.example.org/rss.xml");
    REQUIRE(origin);
    CHECK(origin->port == "80");
    CHECK(may_receive_headers(origin, "http://notices.example.org/other.xml"));
    CHECK(may_receive_headers(origin, "http://NOTICES.example.org:80/rss.xml"));
    CHECK(may_receive_headers(origin, "https://notices.example.org/rss.xml"));      // the upgrade
    CHECK(may_receive_headers(origin, "https://notices.example.org:443/rss.xml"));
    CHECK_FALSE(may_receive_headers(origin, "https://notices.example.org:8443/rss.xml"));
    CHECK_FALSE(may_receive_headers(origin, "http://notices.example.org:8080/rss.xml"));
    CHECK_FALSE(may_receive_headers(origin, "https://cdn.example.org/rss.xml"));
    CHECK_FALSE(may_receive_headers(origin_of("https://notices.example.org/rss.xml"), "http://notices.example.org/rss.xml"));
    CHECK_FALSE(may_receive_headers(origin_of("http://notices.example.org:8080/rss.xml"), "https://notices.example.org/rss.xml"));
    CHECK_FALSE(may_receive_headers(std::nullopt, "https://notices.example.org/rss.xml"));
}

}  // namespace signage::feed

#pragma once
// The one place that talks to libcurl. Reads file://, http:// and https:// URLs the same way,
// so a local sample feed goes through the code that will fetch remote ones.
//
// FetchPool runs many transfers at once on the calling thread (curl's multi interface), so a
// slow server delays only its own feeds; fetch() and fetch_url() are the blocking one-shot form.
#include "config/feed_settings.hpp"
#include "util/result.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

namespace signage::feed {

// The defaults are a feed source's (config's FeedSource), written there once.
struct FetchLimits {
    std::chrono::milliseconds connect_timeout = config::FeedSource{}.connect_timeout;
    std::chrono::milliseconds total_timeout = config::FeedSource{}.total_timeout;  // for the whole fetch, redirects included
    std::size_t max_body_bytes = config::FeedSource{}.max_body_bytes;               // counted after decompression
};

// Redirects followed per fetch; one more is an error.
inline constexpr int kMaxRedirects = 5;

struct FetchRequest {
    std::string url;
    FetchLimits limits;
    // Sent only to the origin (scheme, host, port) of `header_origin_url`, or of `url` when that
    // is empty: a redirect to another server must not carry an Authorization token there.
    std::vector<config::HeaderField> headers;
    std::string header_origin_url;
    std::string ca_file;  // trust only these certificate authorities; empty: the system's
    // Validators of an earlier response from `validators_url`; sent only to that URL, so a 304
    // always answers for the body it was given for.
    std::string etag;
    std::string last_modified;
    std::string validators_url;
};

struct FetchedBody {
    std::string bytes;          // decompressed; empty for a 304 and for error statuses
    std::string content_type;   // empty for file://
    long status = 0;            // HTTP status of the last response; 0 for file://
    std::string etag;           // validators of this response; empty when it sent none
    std::string last_modified;
    std::string effective_url;  // where the body came from, after redirects
    // Where the permanent redirects (301, 308) at the start of the chain lead: the address to
    // use from now on. Empty when the first response was not a permanent redirect.
    std::string permanent_url;
    int redirects = 0;
    std::chrono::seconds retry_after{0};  // from a 429 or 503; 0 when none
    // On the wire, over every hop: request line and headers sent, response headers received
    // and body bytes received (before decompression).
    std::size_t request_bytes = 0;
    std::size_t header_bytes = 0;
    std::size_t body_wire_bytes = 0;
};

// "HTTP 503 Service Unavailable": the standard reason phrase, never the server's own (which may
// change from one reply to the next and defeat logging a lasting failure once).
std::string describe_status(long status);

// Many fetches at once, driven by the one thread that calls run_until(). Only wake() may be
// called from another thread.
class FetchPool {
public:
    using TransferId = std::uint64_t;
    struct Finished {
        TransferId id;
        // An error is a failure to get any HTTP response (or a file): "<url>: <reason>". Any
        // HTTP status, 4xx and 5xx too, arrives as a body so the caller can act on it (410).
        Result<FetchedBody> result;
    };

    FetchPool();
    ~FetchPool();  // abandons the transfers still running
    FetchPool(const FetchPool&) = delete;
    FetchPool& operator=(const FetchPool&) = delete;

    // `id` is the caller's, returned with the result; at most one transfer per id at a time.
    void start(TransferId id, const FetchRequest& request);
    // Moves transfers along until one or more finish, `deadline` passes or wake() is called,
    // and returns the finished ones (possibly none).
    std::vector<Finished> run_until(std::chrono::steady_clock::time_point deadline);
    void wake();
    std::size_t in_flight() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Blocking: call them off the render thread. They give up with "<url>: cancelled" soon after
// `stop` is requested, so a shutdown need not wait out a slow server.
// fetch() returns every HTTP status as a body; fetch_url() makes a status of 300 or more an
// error ("<url>: HTTP 404 Not Found").
Result<FetchedBody> fetch(const FetchRequest& request, std::stop_token stop = {});
Result<FetchedBody> fetch_url(const std::string& url, const FetchLimits& limits = {});
Result<FetchedBody> fetch_url(const std::string& url, const FetchLimits& limits, std::stop_token stop);

// The User-Agent sent with every request: the player and its version.
const char* user_agent();

// Process-wide curl setup; one instance, declared before any fetch and outliving them all.
class CurlGlobal {
public:
    CurlGlobal();
    ~CurlGlobal();
    CurlGlobal(const CurlGlobal&) = delete;
    CurlGlobal& operator=(const CurlGlobal&) = delete;
};

}  // namespace signage::feed

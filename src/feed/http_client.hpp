#pragma once
// The one place that talks to libcurl. Reads file://, http:// and https:// URLs the same way,
// so a local sample feed goes through the code that will fetch remote ones.
#include "util/result.hpp"

#include <chrono>
#include <cstddef>
#include <stop_token>
#include <string>

struct FetchLimits {
    std::chrono::seconds connect_timeout{10};
    std::chrono::seconds total_timeout{30};
    std::size_t max_body_bytes = 8u * 1024u * 1024u;
};

struct FetchedBody {
    std::string bytes;
    std::string content_type;  // empty for file://
    long status = 0;           // HTTP status; 0 for file://
};

// Blocking: call it off the render thread. Errors read "<url>: <reason>".
Result<FetchedBody> fetch_url(const std::string& url, const FetchLimits& limits = {});
// The same, giving up with "<url>: cancelled" soon after `stop` is requested, so a shutdown
// need not wait out a slow server.
Result<FetchedBody> fetch_url(const std::string& url, const FetchLimits& limits, std::stop_token stop);

// Process-wide curl setup; one instance, declared before any fetch and outliving them all.
class CurlGlobal {
public:
    CurlGlobal();
    ~CurlGlobal();
    CurlGlobal(const CurlGlobal&) = delete;
    CurlGlobal& operator=(const CurlGlobal&) = delete;
};

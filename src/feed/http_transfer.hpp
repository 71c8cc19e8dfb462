#pragma once
// One HTTP fetch on a curl easy handle, hop by hop: what FetchPool needs to set a hop up, to
// read its outcome and to follow a redirect by hand. Internal to the feed's HTTP client.
#include "feed/http_client.hpp"
#include "platform/c_deleter.hpp"

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace signage::feed {

using CurlPtr = std::unique_ptr<CURL, platform::CDeleter<curl_easy_cleanup>>;
using CurlMultiPtr = std::unique_ptr<CURLM, platform::CDeleter<curl_multi_cleanup>>;
using CurlSlistPtr = std::unique_ptr<curl_slist, platform::CDeleter<curl_slist_free_all>>;

// Scheme, host and port: what decides whether configured headers may go to a URL.
struct UrlOrigin {
    std::string scheme;
    std::string host;
    std::string port;

    bool operator==(const UrlOrigin&) const = default;
};

// One fetch: the first request and every redirect after it, on one easy handle.
struct HttpTransfer {
    FetchPool::TransferId id = 0;
    FetchRequest request;
    CurlPtr easy;
    CurlSlistPtr header_list;  // must outlive the hop that uses it
    std::optional<UrlOrigin> request_origin;  // where request.headers may go
    std::string current_url;
    std::vector<std::string> visited;
    bool only_permanent_so_far = true;
    std::chrono::steady_clock::time_point deadline;
    FetchedBody fetched;
    char error_buffer[CURL_ERROR_SIZE] = {};
    // Per hop, for the write callback.
    bool body_checked = false;
    bool keep_body = false;
    bool too_large = false;
    bool out_of_memory = false;
};

// Scheme, host and port of `url`; nullopt when it has none.
std::optional<UrlOrigin> origin_of(const std::string& url);
// Whether the configured headers (a token) may go to `url`: its own origin, or an upgrade from
// http://host (port 80) to https://host (port 443).
bool may_receive_headers(const std::optional<UrlOrigin>& configured, const std::string& url);

// Sets the easy handle up for a request to transfer.current_url. Returns an error reason.
std::optional<std::string> prepare_hop(HttpTransfer& transfer);
// Adds the finished hop's bytes on the wire to transfer.fetched.
void add_wire_counts(HttpTransfer& transfer);

bool is_redirect(long status);
// curl says "Timeout was reached" for both limits; which one it was tells a dead or filtered
// server from a slow one.
std::string timeout_reason(bool connected, const FetchLimits& limits);
// curl's reason for `code`, without elapsed times (a lasting failure reads the same each time).
std::string curl_reason(CURLcode code, const char* error_buffer);
// The value of the last response's header `name`; empty when it sent none.
std::string response_header(CURL* easy, const char* name);

}  // namespace signage::feed

#include "feed/http_client.hpp"

#include "platform/c_deleter.hpp"

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <new>
#include <string>
#include <stop_token>
#include <string_view>

namespace {

using CurlPtr = std::unique_ptr<CURL, CDeleter<curl_easy_cleanup>>;

constexpr int kMaxRedirects = 5;

struct Transfer {
    std::string* body = nullptr;
    std::size_t max_bytes = 0;
    bool too_large = false;
    bool out_of_memory = false;
    std::stop_token stop;
};

// Called by curl with each decoded chunk. Checking the size here, after decompression, is
// what bounds a small compressed reply that inflates into gigabytes.
std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) noexcept
{
    auto& transfer = *static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    if (bytes > transfer.max_bytes - transfer.body->size()) {
        transfer.too_large = true;
        return 0;  // anything but `bytes` makes curl abort with CURLE_WRITE_ERROR
    }
    try {
        transfer.body->append(data, bytes);
    }
    catch (const std::bad_alloc&) {
        transfer.out_of_memory = true;
        return 0;
    }
    return bytes;
}

int check_stop(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) noexcept
{
    return static_cast<Transfer*>(user)->stop.stop_requested() ? 1 : 0;
}

long milliseconds(std::chrono::seconds s)
{
    return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(s).count());
}

// curl's messages carry elapsed times ("after 3001 ms"), which would make every retry of the
// same failure read as a new one; the fetcher logs a reason only when it changes.
std::string without_elapsed_time(std::string text)
{
    constexpr std::string_view marker = " after ";
    std::size_t at = 0;
    while ((at = text.find(marker, at)) != std::string::npos) {
        const std::size_t digits = at + marker.size();
        std::size_t end = digits;
        while (end < text.size() && text[end] >= '0' && text[end] <= '9')
            ++end;
        const std::string_view rest = std::string_view(text).substr(end);
        std::size_t unit = 0;
        if (end > digits && rest.starts_with(" milliseconds"))
            unit = std::string_view(" milliseconds").size();
        else if (end > digits && rest.starts_with(" ms"))
            unit = std::string_view(" ms").size();
        if (unit)
            text.erase(at, end + unit - at);
        else
            at = end;
    }
    return text;
}

std::string curl_reason(CURLcode code, const char* error_buffer, const FetchLimits& limits)
{
    if (code == CURLE_OPERATION_TIMEDOUT) {
        return "timed out (connect limit " + std::to_string(limits.connect_timeout.count()) + " s, total "
             + std::to_string(limits.total_timeout.count()) + " s)";
    }
    std::string reason = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == '.' || reason.back() == ' '))
        reason.pop_back();
    return without_elapsed_time(std::move(reason));
}

}  // namespace

CurlGlobal::CurlGlobal()
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

CurlGlobal::~CurlGlobal()
{
    curl_global_cleanup();
}

Result<FetchedBody> fetch_url(const std::string& url, const FetchLimits& limits)
{
    return fetch_url(url, limits, std::stop_token{});
}

Result<FetchedBody> fetch_url(const std::string& url, const FetchLimits& limits, std::stop_token stop)
{
    const auto fail = [&url](std::string reason) { return Error{url + ": " + reason}; };

    const CurlPtr curl{curl_easy_init()};
    if (!curl)
        return fail("cannot start a curl transfer");

    FetchedBody fetched;
    Transfer transfer{&fetched.bytes, limits.max_body_bytes, false, false, std::move(stop)};
    char error_buffer[CURL_ERROR_SIZE] = {};
    CURL* handle = curl.get();

    curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
    // A remote server must not send the player to a local file: curl's own default for
    // redirects leaves file:// out for that reason, and so does this list. Checked, because a
    // libcurl that ignored them would quietly allow every protocol it has.
    if (curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "file,http,https") != CURLE_OK
        || curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK)
        return fail("this libcurl cannot restrict protocols (7.85 or newer needed)");
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(handle, CURLOPT_MAXREDIRS, static_cast<long>(kMaxRedirects));
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(limits.connect_timeout));
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, milliseconds(limits.total_timeout));
    // Signals and threads do not mix: the fetcher runs curl off the main thread.
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(handle, CURLOPT_USERAGENT, "signage-player/" SIGNAGE_VERSION);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, check_stop);
    curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);

    const CURLcode code = curl_easy_perform(handle);
    if (transfer.too_large)
        return fail("body larger than " + std::to_string(limits.max_body_bytes) + " bytes");
    if (transfer.out_of_memory)
        return fail("out of memory");
    if (code == CURLE_ABORTED_BY_CALLBACK)
        return fail("cancelled");
    if (code != CURLE_OK)
        return fail(curl_reason(code, error_buffer, limits));

    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &fetched.status);
    if (fetched.status >= 400)
        return fail("HTTP " + std::to_string(fetched.status));
    const char* content_type = nullptr;
    if (curl_easy_getinfo(handle, CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK && content_type)
        fetched.content_type = content_type;
    return fetched;
}

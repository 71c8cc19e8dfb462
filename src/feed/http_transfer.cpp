#include "feed/http_transfer.hpp"

#include "util/ascii.hpp"
#include "util/file_kind.hpp"
#include "util/unique_fd.hpp"

#include <algorithm>
#include <new>
#include <string_view>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>

namespace signage::feed {

namespace {

using Clock = std::chrono::steady_clock;
using UrlPtr = std::unique_ptr<CURLU, platform::CDeleter<curl_url_cleanup>>;
using CurlText = std::unique_ptr<char, platform::CDeleter<curl_free>>;

// What servers of the formats the parser reads label them as, most specific first; anything
// else is still taken, so a feed served as text/plain works.
constexpr const char* kAcceptHeader =
    "Accept: application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

// Called by curl with each decoded chunk. Checking the size here, after decompression, is
// what bounds a small compressed reply that inflates into gigabytes.
std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) noexcept
{
    auto& transfer = *static_cast<HttpTransfer*>(user);
    const std::size_t bytes = size * count;
    if (!transfer.body_checked) {
        long status = 0;
        curl_easy_getinfo(transfer.easy.get(), CURLINFO_RESPONSE_CODE, &status);
        // A redirect's note or an error page is never shown: reading it on keeps the
        // connection reusable, storing it would only cost memory.
        transfer.keep_body = status == 0 || (status >= 200 && status < 300);
        transfer.body_checked = true;
    }
    if (!transfer.keep_body)
        return bytes;
    std::string& body = transfer.fetched.bytes;
    if (bytes > transfer.request.limits.max_body_bytes - std::min(body.size(), transfer.request.limits.max_body_bytes)) {
        transfer.too_large = true;
        return 0;  // anything but `bytes` makes curl abort with CURLE_WRITE_ERROR
    }
    try {
        body.append(data, bytes);
    }
    catch (const std::bad_alloc&) {
        transfer.out_of_memory = true;
        return 0;
    }
    return bytes;
}

std::string format_duration(std::chrono::milliseconds d)
{
    if (d.count() % 1000 == 0)
        return std::to_string(d.count() / 1000) + " s";
    return std::to_string(d.count()) + " ms";
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
        while (end < text.size() && is_ascii_digit(text[end]))
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

bool is_tls_error(CURLcode code)
{
    switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
        return true;
    default:
        return false;
    }
}



bool has_header(const std::vector<config::HeaderField>& headers, std::string_view name)
{
    return std::ranges::any_of(headers, [&](const config::HeaderField& h) { return ascii_iequals(h.name, name); });
}

// Builds the header list for the transfer's current hop. Returns false when out of memory.
bool build_header_list(HttpTransfer& transfer)
{
    curl_slist* list = nullptr;
    bool ok = true;
    const auto add = [&](const std::string& line) {
        curl_slist* grown = curl_slist_append(list, line.c_str());
        if (!grown)
            ok = false;
        else
            list = grown;
    };
    const FetchRequest& request = transfer.request;
    const bool own_server = may_receive_headers(transfer.request_origin, transfer.current_url);
    if (!(own_server && has_header(request.headers, "Accept")))
        add(kAcceptHeader);
    if (own_server) {
        for (const config::HeaderField& header : request.headers) {
            // "Name;" is curl's way to send a header with an empty value ("Name:" removes one).
            add(header.value.empty() ? header.name + ";" : header.name + ": " + header.value);
        }
    }
    if (!request.validators_url.empty() && transfer.current_url == request.validators_url) {
        if (!request.etag.empty())
            add("If-None-Match: " + request.etag);
        if (!request.last_modified.empty())
            add("If-Modified-Since: " + request.last_modified);
    }
    transfer.header_list.reset(list);
    return ok;
}

long remaining_ms(const HttpTransfer& transfer)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(transfer.deadline - Clock::now());
    return static_cast<long>(std::max<std::chrono::milliseconds::rep>(left.count(), 1));
}

}  // namespace

// The configured origin (scheme, host and port), or the same host moved from http on its default
// port to https on its default port (the most common permanent redirect there is): an upgrade
// exposes the headers to no one new. Another port of the same host may be another program, so
// it gets none of them, like any other host.
bool may_receive_headers(const std::optional<UrlOrigin>& configured, const std::string& url)
{
    const std::optional<UrlOrigin> target = origin_of(url);
    if (!configured || !target)
        return false;
    return *target == *configured
        || (configured->scheme == "http" && configured->port == "80" && target->scheme == "https" && target->port == "443" &&
            target->host == configured->host);
}

std::optional<UrlOrigin> origin_of(const std::string& url)
{
    const UrlPtr parsed{curl_url()};
    if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
        return std::nullopt;
    const auto part = [&](CURLUPart which, unsigned int flags) -> std::string {
        char* raw = nullptr;
        if (curl_url_get(parsed.get(), which, &raw, flags) != CURLUE_OK)
            return {};
        const CurlText text{raw};
        return text ? std::string(text.get()) : std::string{};
    };
    UrlOrigin origin{part(CURLUPART_SCHEME, 0), part(CURLUPART_HOST, 0), part(CURLUPART_PORT, CURLU_DEFAULT_PORT)};
    if (origin.scheme.empty() || origin.host.empty())
        return std::nullopt;
    origin.scheme = ascii_lower(origin.scheme);
    origin.host = ascii_lower(origin.host);
    return origin;
}

// curl reads a file:// feed whole and blocking, inside the fetcher's loop: a FIFO or a device
// there would hold every feed for as long as it gives no end (forever, for a FIFO nobody
// writes). Only a regular file is handed to curl. Opened without blocking to look at it.
std::optional<std::string> check_local_file(const std::string& url)
{
    const UrlPtr parsed{curl_url()};
    char* raw = nullptr;
    if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK ||
        curl_url_get(parsed.get(), CURLUPART_PATH, &raw, CURLU_URLDECODE) != CURLUE_OK)
        return std::nullopt;  // curl names what is wrong with the URL
    const CurlText path{raw};
    const UniqueFd fd(::open(path.get(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    struct stat info {};
    if (fd.get() < 0 || ::fstat(fd.get(), &info) != 0 || S_ISREG(info.st_mode))
        return std::nullopt;  // curl says why it cannot be read, or reads it
    return "it is " + file_kind(info.st_mode) + ", not a file: a feed's path must name a feed file";
}

std::optional<std::string> prepare_hop(HttpTransfer& transfer)
{
    if (transfer.visited.size() == 1 && ascii_istarts_with(transfer.current_url, "file:"))
        if (auto refused = check_local_file(transfer.current_url))
            return refused;
    CURL* easy = transfer.easy.get();
    curl_easy_reset(easy);  // keeps the connection and DNS caches, drops the last hop's options
    transfer.error_buffer[0] = '\0';
    transfer.body_checked = false;
    transfer.keep_body = false;
    transfer.fetched.bytes.clear();
    const FetchLimits& limits = transfer.request.limits;

    curl_easy_setopt(easy, CURLOPT_URL, transfer.current_url.c_str());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.error_buffer);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, &transfer);
    // A remote server must not send the player to a local file: redirects are followed here,
    // not by curl, and only to http or https. Checked, because a libcurl that ignored these
    // would quietly allow every protocol it has.
    const char* protocols = transfer.visited.size() == 1 ? "file,http,https" : "http,https";
    if (curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, protocols) != CURLE_OK)
        return "this libcurl cannot restrict protocols (7.85 or newer needed)";
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, remaining_ms(transfer));
    // Signals and threads do not mix: the fetcher runs curl off the main thread.
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
    curl_easy_setopt(easy, CURLOPT_USERAGENT, user_agent());
    // Stated, not assumed: these are curl's defaults, and they must stay on whatever a
    // future change does around them. ca_file narrows trust, it never turns checking off.
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!transfer.request.ca_file.empty()) {
        curl_easy_setopt(easy, CURLOPT_CAINFO, transfer.request.ca_file.c_str());
        curl_easy_setopt(easy, CURLOPT_CAPATH, static_cast<const char*>(nullptr));
    }
    // Refuses a declared Content-Length over the limit before any of it arrives; the write
    // callback catches the rest (no length, or compressed).
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.max_body_bytes));
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    if (!build_header_list(transfer))
        return "out of memory";
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer.header_list.get());
    // Proxies: curl reads http_proxy, https_proxy and no_proxy from the environment itself.
    return std::nullopt;
}

void add_wire_counts(HttpTransfer& transfer)
{
    CURL* easy = transfer.easy.get();
    long request_size = 0;
    long header_size = 0;
    curl_off_t body_size = 0;
    curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_size);
    curl_easy_getinfo(easy, CURLINFO_HEADER_SIZE, &header_size);
    curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &body_size);
    transfer.fetched.request_bytes += static_cast<std::size_t>(std::max(request_size, 0L));
    transfer.fetched.header_bytes += static_cast<std::size_t>(std::max(header_size, 0L));
    transfer.fetched.body_wire_bytes += static_cast<std::size_t>(std::max<curl_off_t>(body_size, 0));
}

bool is_redirect(long status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string timeout_reason(bool connected, const FetchLimits& limits)
{
    if (!connected) {
        return "timed out connecting (connect limit " + format_duration(limits.connect_timeout) + ", total "
             + format_duration(limits.total_timeout) + ")";
    }
    return "timed out before the response was complete (total limit " + format_duration(limits.total_timeout) + ")";
}

std::string curl_reason(CURLcode code, const char* error_buffer)
{
    std::string reason = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == '.' || reason.back() == ' '))
        reason.pop_back();
    reason = without_elapsed_time(std::move(reason));
    // OpenSSL's wording ("wrong version number") does not say what failed to someone reading
    // the journal: a certificate or TLS problem needs different hands than a dead server.
    if (is_tls_error(code))
        reason = "TLS error: " + reason;
    return reason;
}

std::string response_header(CURL* easy, const char* name)
{
    curl_header* header = nullptr;
    if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &header) == CURLHE_OK && header && header->value)
        return header->value;
    return {};
}

}  // namespace signage::feed

#include "feed/http_client.hpp"

#include "platform/c_deleter.hpp"
#include "util/ascii.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <new>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>

namespace {

using Clock = std::chrono::steady_clock;
using CurlPtr = std::unique_ptr<CURL, CDeleter<curl_easy_cleanup>>;
using MultiPtr = std::unique_ptr<CURLM, CDeleter<curl_multi_cleanup>>;
using SlistPtr = std::unique_ptr<curl_slist, CDeleter<curl_slist_free_all>>;
using UrlPtr = std::unique_ptr<CURLU, CDeleter<curl_url_cleanup>>;
using CurlText = std::unique_ptr<char, CDeleter<curl_free>>;

// What servers of the formats the parser reads label them as, most specific first; anything
// else is still taken, so a feed served as text/plain works.
constexpr const char* kAcceptHeader =
    "Accept: application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && ascii_iequals(text.substr(0, prefix.size()), prefix);
}

// Scheme, host and port: what decides whether configured headers may go to a URL.
struct Origin {
    std::string scheme;
    std::string host;
    std::string port;

    bool operator==(const Origin&) const = default;
};

std::optional<Origin> origin_of(const std::string& url)
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
    Origin origin{part(CURLUPART_SCHEME, 0), part(CURLUPART_HOST, 0), part(CURLUPART_PORT, CURLU_DEFAULT_PORT)};
    if (origin.scheme.empty() || origin.host.empty())
        return std::nullopt;
    origin.scheme = ascii_lower(origin.scheme);
    origin.host = ascii_lower(origin.host);
    return origin;
}

// The configured server, or the same host moved from http to https (the most common permanent
// redirect there is): an upgrade exposes the headers to no one new. Any other host or port
// gets none of them.
bool may_receive_headers(const std::optional<Origin>& configured, const std::string& url)
{
    const std::optional<Origin> target = origin_of(url);
    if (!configured || !target)
        return false;
    return *target == *configured
        || (configured->scheme == "http" && target->scheme == "https" && target->host == configured->host);
}

// One fetch: the first request and every redirect after it, on one easy handle.
struct Transfer {
    FetchPool::TransferId id = 0;
    FetchRequest request;
    CurlPtr easy;
    SlistPtr header_list;  // must outlive the hop that uses it
    std::optional<Origin> request_origin;  // where request.headers may go
    std::string current_url;
    std::vector<std::string> visited;
    bool only_permanent_so_far = true;
    Clock::time_point deadline;
    FetchedBody fetched;
    char error_buffer[CURL_ERROR_SIZE] = {};
    // Per hop, for the write callback.
    bool body_checked = false;
    bool keep_body = false;
    bool too_large = false;
    bool out_of_memory = false;
};

// Called by curl with each decoded chunk. Checking the size here, after decompression, is
// what bounds a small compressed reply that inflates into gigabytes.
std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) noexcept
{
    auto& transfer = *static_cast<Transfer*>(user);
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

// curl says "Timeout was reached" for both limits; which one it was tells a dead or filtered
// server from a slow one.
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

bool has_header(const std::vector<HeaderField>& headers, std::string_view name)
{
    return std::ranges::any_of(headers, [&](const HeaderField& h) { return ascii_iequals(h.name, name); });
}

// Builds the header list for the transfer's current hop. Returns false when out of memory.
bool build_header_list(Transfer& transfer)
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
        for (const HeaderField& header : request.headers) {
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

long remaining_ms(const Transfer& transfer)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(transfer.deadline - Clock::now());
    return static_cast<long>(std::max<std::chrono::milliseconds::rep>(left.count(), 1));
}

// Sets the easy handle up for a request to transfer.current_url. Returns an error reason.
std::optional<std::string> prepare_hop(Transfer& transfer)
{
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

void add_wire_counts(Transfer& transfer)
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

}  // namespace

std::string describe_status(long status)
{
    struct Phrase {
        long status;
        const char* text;
    };
    static constexpr Phrase phrases[] = {
        {200, "OK"}, {203, "Non-Authoritative Information"}, {204, "No Content"},
        {300, "Multiple Choices"}, {301, "Moved Permanently"}, {302, "Found"}, {303, "See Other"},
        {304, "Not Modified"}, {307, "Temporary Redirect"}, {308, "Permanent Redirect"},
        {400, "Bad Request"}, {401, "Unauthorized"}, {403, "Forbidden"}, {404, "Not Found"},
        {405, "Method Not Allowed"}, {406, "Not Acceptable"}, {407, "Proxy Authentication Required"},
        {408, "Request Timeout"}, {410, "Gone"}, {429, "Too Many Requests"},
        {500, "Internal Server Error"}, {501, "Not Implemented"}, {502, "Bad Gateway"},
        {503, "Service Unavailable"}, {504, "Gateway Timeout"},
    };
    std::string text = "HTTP " + std::to_string(status);
    for (const Phrase& phrase : phrases) {
        if (phrase.status == status)
            return text + " " + phrase.text;
    }
    return text;
}

const char* user_agent()
{
    return "signage-player/" SIGNAGE_VERSION;
}

struct FetchPool::Impl {
    MultiPtr multi{curl_multi_init()};
    std::vector<std::unique_ptr<Transfer>> transfers;
    std::vector<Finished> finished;
    std::atomic<bool> woken{false};

    ~Impl()
    {
        for (const auto& transfer : transfers)
            curl_multi_remove_handle(multi.get(), transfer->easy.get());
    }

    void finish(Transfer& transfer, Result<FetchedBody> result)
    {
        curl_multi_remove_handle(multi.get(), transfer.easy.get());
        finished.push_back({transfer.id, std::move(result)});
        std::erase_if(transfers, [&](const auto& t) { return t.get() == &transfer; });
    }

    void fail(Transfer& transfer, const std::string& reason)
    {
        std::string message = transfer.request.url + ": " + reason;
        if (transfer.current_url != transfer.request.url)
            message += " (redirected to " + transfer.current_url + ")";
        finish(transfer, Error{std::move(message)});
    }

    void on_done(Transfer& transfer, CURLcode code)
    {
        CURL* easy = transfer.easy.get();
        const FetchLimits& limits = transfer.request.limits;
        add_wire_counts(transfer);
        if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED)
            return fail(transfer, "body larger than " + std::to_string(limits.max_body_bytes) + " bytes");
        if (transfer.out_of_memory)
            return fail(transfer, "out of memory");
        if (code == CURLE_OPERATION_TIMEDOUT) {
            curl_off_t connect_time = 0;
            curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connect_time);
            return fail(transfer, timeout_reason(connect_time > 0, limits));
        }
        if (code != CURLE_OK)
            return fail(transfer, curl_reason(code, transfer.error_buffer));

        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        const char* location = nullptr;
        if (is_redirect(status) && curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location)
            return redirect(transfer, status, location);

        FetchedBody& fetched = transfer.fetched;
        fetched.status = status;
        fetched.effective_url = transfer.current_url;
        const char* content_type = nullptr;
        if (curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK && content_type)
            fetched.content_type = content_type;
        if (status != 0) {
            fetched.etag = response_header(easy, "ETag");
            fetched.last_modified = response_header(easy, "Last-Modified");
        }
        if (status == 429 || status == 503) {
            curl_off_t retry_after = 0;
            if (curl_easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0)
                fetched.retry_after = std::chrono::seconds(retry_after);
        }
        if (status != 0 && (status < 200 || status >= 300))
            fetched.bytes.clear();
        finish(transfer, std::move(fetched));
    }

    void redirect(Transfer& transfer, long status, std::string target)
    {
        if (!starts_with_ignoring_case(target, "http://") && !starts_with_ignoring_case(target, "https://"))
            return fail(transfer, describe_status(status) + " to " + target + " refused: only http and https are followed");
        if (transfer.fetched.redirects >= kMaxRedirects)
            return fail(transfer, "too many redirects (more than " + std::to_string(kMaxRedirects) + ")");
        if (std::ranges::find(transfer.visited, target) != transfer.visited.end())
            return fail(transfer, "redirect loop: " + describe_status(status) + " back to " + target);
        if (Clock::now() >= transfer.deadline)
            return fail(transfer, timeout_reason(true, transfer.request.limits));

        // Only a chain that is permanent from the start moves the feed: after a temporary hop,
        // a later permanent one moves the temporary address, not the configured one.
        transfer.only_permanent_so_far = transfer.only_permanent_so_far && (status == 301 || status == 308);
        if (transfer.only_permanent_so_far)
            transfer.fetched.permanent_url = target;
        ++transfer.fetched.redirects;
        transfer.current_url = std::move(target);
        transfer.visited.push_back(transfer.current_url);

        curl_multi_remove_handle(multi.get(), transfer.easy.get());
        if (auto error = prepare_hop(transfer))
            return fail(transfer, *error);
        if (curl_multi_add_handle(multi.get(), transfer.easy.get()) != CURLM_OK)
            return fail(transfer, "cannot start a curl transfer");
    }

    void collect()
    {
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            Transfer* transfer = nullptr;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
            const CURLcode code = message->data.result;  // `message` dies with the next curl call
            if (transfer)
                on_done(*transfer, code);
        }
    }
};

FetchPool::FetchPool() : m_impl(std::make_unique<Impl>()) {}

FetchPool::~FetchPool() = default;

void FetchPool::start(TransferId id, const FetchRequest& request)
{
    auto transfer = std::make_unique<Transfer>();
    transfer->id = id;
    transfer->request = request;
    transfer->easy.reset(curl_easy_init());
    if (!m_impl->multi || !transfer->easy) {
        m_impl->finished.push_back({id, Error{request.url + ": cannot start a curl transfer"}});
        return;
    }
    transfer->request_origin = origin_of(request.header_origin_url.empty() ? request.url : request.header_origin_url);
    transfer->current_url = request.url;
    transfer->visited.push_back(request.url);
    transfer->deadline = Clock::now() + request.limits.total_timeout;
    if (auto error = prepare_hop(*transfer)) {
        m_impl->finished.push_back({id, Error{request.url + ": " + *error}});
        return;
    }
    if (curl_multi_add_handle(m_impl->multi.get(), transfer->easy.get()) != CURLM_OK) {
        m_impl->finished.push_back({id, Error{request.url + ": cannot start a curl transfer"}});
        return;
    }
    m_impl->transfers.push_back(std::move(transfer));
}

std::vector<FetchPool::Finished> FetchPool::run_until(Clock::time_point deadline)
{
    Impl& impl = *m_impl;
    for (;;) {
        if (impl.multi) {
            int running = 0;
            curl_multi_perform(impl.multi.get(), &running);
            impl.collect();
        }
        const auto now = Clock::now();
        if (!impl.finished.empty() || impl.woken.exchange(false) || now >= deadline || !impl.multi)
            return std::exchange(impl.finished, {});
        // curl shortens the wait to its own next timeout; wake() cuts it short too.
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        const int wait_ms = static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(wait.count(), 1, 60'000));
        curl_multi_poll(impl.multi.get(), nullptr, 0, wait_ms, nullptr);
    }
}

void FetchPool::wake()
{
    m_impl->woken = true;
    if (m_impl->multi)
        curl_multi_wakeup(m_impl->multi.get());
}

std::size_t FetchPool::in_flight() const
{
    return m_impl->transfers.size();
}

Result<FetchedBody> fetch(const FetchRequest& request, std::stop_token stop)
{
    FetchPool pool;
    const std::stop_callback on_stop(stop, [&pool] { pool.wake(); });
    pool.start(0, request);
    for (;;) {
        if (stop.stop_requested())
            return Error{request.url + ": cancelled"};
        auto finished = pool.run_until(Clock::now() + std::chrono::hours{1});
        if (!finished.empty())
            return std::move(finished.front().result);
    }
}

Result<FetchedBody> fetch_url(const std::string& url, const FetchLimits& limits)
{
    return fetch_url(url, limits, std::stop_token{});
}

Result<FetchedBody> fetch_url(const std::string& url, const FetchLimits& limits, std::stop_token stop)
{
    FetchRequest request;
    request.url = url;
    request.limits = limits;
    auto fetched = fetch(request, std::move(stop));
    if (fetched && fetched->status >= 300)
        return Error{url + ": " + describe_status(fetched->status)};
    return fetched;
}

CurlGlobal::CurlGlobal()
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

CurlGlobal::~CurlGlobal()
{
    curl_global_cleanup();
}

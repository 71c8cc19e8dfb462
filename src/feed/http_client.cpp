#include "feed/http_client.hpp"

#include "feed/http_transfer.hpp"
#include "util/ascii.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <stop_token>
#include <string>
#include <utility>

namespace signage::feed {

namespace {

using Clock = std::chrono::steady_clock;

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
    CurlMultiPtr multi{curl_multi_init()};
    std::vector<std::unique_ptr<HttpTransfer>> transfers;
    std::vector<Finished> finished;
    std::atomic<bool> woken{false};

    ~Impl()
    {
        for (const auto& transfer : transfers)
            curl_multi_remove_handle(multi.get(), transfer->easy.get());
    }

    void finish(HttpTransfer& transfer, Result<FetchedBody> result)
    {
        curl_multi_remove_handle(multi.get(), transfer.easy.get());
        finished.push_back({transfer.id, std::move(result)});
        std::erase_if(transfers, [&](const auto& t) { return t.get() == &transfer; });
    }

    void fail(HttpTransfer& transfer, const std::string& reason)
    {
        std::string message = transfer.request.url + ": " + reason;
        if (transfer.current_url != transfer.request.url)
            message += " (redirected to " + transfer.current_url + ")";
        finish(transfer, Error{std::move(message)});
    }

    void on_done(HttpTransfer& transfer, CURLcode code)
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

    void redirect(HttpTransfer& transfer, long status, std::string target)
    {
        if (!ascii_istarts_with(target, "http://") && !ascii_istarts_with(target, "https://"))
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
            HttpTransfer* transfer = nullptr;
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
    auto transfer = std::make_unique<HttpTransfer>();
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

}  // namespace signage::feed

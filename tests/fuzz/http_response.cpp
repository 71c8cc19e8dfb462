// Fuzz target: what the player does with HTTP responses, all of it that runs without a socket.
// curl parses the wire; from there on the code is ours: the status and headers curl hands over
// (Content-Type, ETag, Last-Modified, Retry-After as a number, the URL a redirect led to) and the
// body, through
//   - origin_of / may_receive_headers: may the configured headers (a token) follow a Location?
//   - describe_status, is_redirect, charset_from_content_type;
//   - decide_response (410, 304, same body, new body, failure) against a last good body;
//   - SourcePoller::on_response, a few responses in a row to one source, as the fetcher calls it:
//     the decision, body_to_utf8, parse_feed, the backoff, the permanent-redirect bookkeeping and
//     the update that goes to the screen.
// The input is read as fields by FuzzedDataProvider (clang's header): strings first, the body last.
#include "feed/body_encoding.hpp"
#include "feed/http_client.hpp"
#include "feed/http_transfer.hpp"
#include "feed/source_poller.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

namespace {

using namespace signage::feed;

constexpr long kStatuses[] = {200, 200, 200, 304, 304, 410, 301, 302, 308, 404, 429, 500, 503, 0, 204, 206};

long pick_status(FuzzedDataProvider& input)
{
    if (input.ConsumeBool())
        return input.ConsumeIntegral<long>();
    return input.PickValueInArray(kStatuses);
}

signage::Result<FetchedBody> response(FuzzedDataProvider& input, const std::string& url, bool last)
{
    if (input.ConsumeIntegralInRange<int>(0, 15) == 0)
        return signage::Error{url + ": " + input.ConsumeRandomLengthString(100)};
    FetchedBody body;
    body.status = pick_status(input);
    body.content_type = input.ConsumeRandomLengthString(80);
    body.etag = input.ConsumeRandomLengthString(40);
    body.last_modified = input.ConsumeRandomLengthString(40);
    body.effective_url = input.ConsumeBool() ? url : input.ConsumeRandomLengthString(120);
    if (input.ConsumeBool())
        body.permanent_url = input.ConsumeBool() ? body.effective_url : input.ConsumeRandomLengthString(120);
    body.redirects = input.ConsumeIntegralInRange<int>(0, kMaxRedirects);
    body.retry_after = std::chrono::seconds{input.ConsumeIntegral<std::int32_t>()};
    body.bytes = last ? input.ConsumeRemainingBytesAsString() : input.ConsumeRandomLengthString(4096);
    return body;
}

void check_one_line(const std::string& text)
{
    if (text.find('\n') != std::string::npos)
        std::abort();  // status errors and log lines are one line
}

void check_headers_and_status(const FetchRequest& request, const signage::Result<FetchedBody>& result)
{
    if (!result.ok())
        return;
    const FetchedBody& body = result.value();
    (void)describe_status(body.status);
    (void)is_redirect(body.status);
    (void)charset_from_content_type(body.content_type);
    const std::optional<UrlOrigin> configured = origin_of(request.url);
    for (const std::string* url : {&body.effective_url, &body.permanent_url}) {
        (void)origin_of(*url);
        const bool may = may_receive_headers(configured, *url);
        if (may && !configured)
            std::abort();  // headers with no origin of their own go nowhere
        if (*url == request.url && configured && !may)
            std::abort();  // a feed's own server always gets them
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider input(data, size);
    signage::config::FeedSource source;
    source.name = "fuzz";
    source.language = "en";
    source.location = input.ConsumeBool() ? "https://feeds.example.org:8443/notices.xml"
                                          : input.ConsumeRandomLengthString(120);
    if (input.ConsumeBool())
        source.headers.push_back({"Authorization", "Bearer fuzz"});
    SourcePoller poller(source, nullptr);

    const auto start = std::chrono::steady_clock::time_point{} + std::chrono::hours{1};
    const int responses = input.ConsumeIntegralInRange<int>(1, 4);
    std::optional<CachedFeed> last_good;
    for (int i = 0; i < responses; ++i) {
        const FetchRequest request = poller.start_fetch();
        signage::Result<FetchedBody> result = response(input, request.url, i + 1 == responses);
        check_headers_and_status(request, result);
        (void)decide_response(result, last_good);
        if (result.ok() && result.value().status == 200)
            last_good = CachedFeed{result.value().bytes, result.value().content_type, result.value().etag,
                                   result.value().last_modified, request.url, {}};

        const PollMoment moment{start + std::chrono::minutes{10 * i},
                                std::chrono::sys_seconds{std::chrono::seconds{1'700'000'000 + 600 * i}}, 0.5};
        const std::optional<SourceUpdate> update = poller.on_response(result, moment);
        check_one_line(poller.status().error);
        if (update)
            check_one_line(update->status.error);
    }
    return 0;
}

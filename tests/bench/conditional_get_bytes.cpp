// Bytes on the wire for one poll of a feed that has not changed: a full 200 against a
// conditional GET answered 304 (request line and headers sent, response headers and body
// received, as curl counts them). Hundreds of screens polling one agency's server every few
// minutes make this the server's whole load.
//
//     build/bin/bench-conditional_get_bytes
#include "feed/http_client.hpp"

#include "../feed/feed_server.hpp"

#include <cstdio>
#include <string>

namespace {

void print_row(const char* what, const signage::feed::FetchedBody& body)
{
    const std::size_t total = body.request_bytes + body.header_bytes + body.body_wire_bytes;
    std::printf("%-26s %6ld %9zu %9zu %9zu %9zu\n", what, body.status, body.request_bytes, body.header_bytes,
                body.body_wire_bytes, total);
}

std::size_t total(const signage::feed::FetchedBody& body)
{
    return body.request_bytes + body.header_bytes + body.body_wire_bytes;
}

}  // namespace

int main()
{
    const signage::feed::CurlGlobal curl;
    const signage::feed::feed_test::FeedServer server;
    if (!server.ok()) {
        std::fprintf(stderr, "bench-conditional_get_bytes: %s\n", server.error().c_str());
        return 1;
    }
    std::printf("%-26s %6s %9s %9s %9s %9s\n", "poll", "status", "request", "headers", "body", "total");
    for (const char* path : {"/feed/rss2-bilingual.xml", "/gzip/rss2-bilingual.xml", "/feed/atom1-korean.xml"}) {
        signage::feed::FetchRequest request;
        request.url = server.url(path);
        auto full = signage::feed::fetch(request);
        if (!full.ok()) {
            std::fprintf(stderr, "bench-conditional_get_bytes: %s\n", full.error().message.c_str());
            return 1;
        }
        request.etag = full->etag;
        request.last_modified = full->last_modified;
        request.validators_url = full->effective_url;
        auto conditional = signage::feed::fetch(request);
        if (!conditional.ok()) {
            std::fprintf(stderr, "bench-conditional_get_bytes: %s\n", conditional.error().message.c_str());
            return 1;
        }
        std::printf("%s (%zu bytes decoded)\n", path, full->bytes.size());
        print_row("  200, unconditional", full.value());
        print_row("  304, If-None-Match", conditional.value());
        std::printf("  the 304 poll costs %.0f%% of the 200 poll\n",
                    100.0 * static_cast<double>(total(conditional.value())) / static_cast<double>(total(full.value())));
    }
    return 0;
}

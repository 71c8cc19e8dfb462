// bench-parse_large_feed [RUNS]: parse_feed on a ~5 MB feed of bilingual notices, built in
// memory, as RSS 2.0 in UTF-8, the same RSS in CP949 (declared EUC-KR, as Korean agency feeds
// are), and as a JSON Feed. Prints milliseconds per parse and the peak resident set size.
// A program that prints numbers: no assertion on time, which a shared machine cannot promise.
#include "bench_feeds.hpp"
#include "feed/feed_parser.hpp"
#include "platform/c_deleter.hpp"

#include <iconv.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

using IconvHandle = std::unique_ptr<void, signage::platform::CDeleter<iconv_close>>;

constexpr int kDefaultRuns = 10;

std::string from_utf8(const std::string& text, const char* encoding)
{
    const iconv_t cd = iconv_open(encoding, "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        std::fprintf(stderr, "bench: iconv cannot convert to %s\n", encoding);
        std::exit(1);
    }
    const IconvHandle handle{cd};
    std::string out(text.size(), '\0');
    char* in = const_cast<char*>(text.data());  // iconv only reads through it
    std::size_t in_left = text.size();
    char* out_ptr = out.data();
    std::size_t out_left = out.size();
    if (iconv(cd, &in, &in_left, &out_ptr, &out_left) == static_cast<std::size_t>(-1)) {
        std::fprintf(stderr, "bench: conversion to %s failed (errno %d)\n", encoding, errno);
        std::exit(1);
    }
    out.resize(out.size() - out_left);
    return out;
}

long peak_rss_kib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;  // kilobytes on Linux
}

void bench(const char* name, const std::string& body, int runs)
{
    const signage::feed::FeedContext context{"bench", "ko"};
    std::vector<double> times;
    std::size_t notices = 0;
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        auto parsed = signage::feed::parse_feed(body, context);
        const auto stop = std::chrono::steady_clock::now();
        if (!parsed) {
            std::fprintf(stderr, "bench: %s: %s\n", name, parsed.error().message.c_str());
            std::exit(1);
        }
        notices = parsed.value().notices.size();
        times.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
    }
    std::sort(times.begin(), times.end());
    std::printf("%-24s %6.2f MB %6zu notices   min %7.1f ms   median %7.1f ms   max %7.1f ms   peak RSS %6.1f MB\n", name,
        static_cast<double>(body.size()) / 1e6, notices, times.front(), times[times.size() / 2], times.back(),
        static_cast<double>(peak_rss_kib()) / 1024.0);
}

}  // namespace

int main(int argc, char** argv)
{
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : kDefaultRuns;
    const std::string rss_utf8 = make_rss("UTF-8");
    const std::string rss_cp949 = from_utf8(make_rss("EUC-KR"), "CP949");
    const std::string json = make_json_feed();
    std::printf("%d runs each; peak RSS before parsing %.1f MB (the generated feeds included)\n", runs,
        static_cast<double>(peak_rss_kib()) / 1024.0);
    bench("rss 2.0, UTF-8", rss_utf8, runs);
    bench("rss 2.0, CP949 (EUC-KR)", rss_cp949, runs);
    bench("json feed 1.1, UTF-8", json, runs);
    return 0;
}

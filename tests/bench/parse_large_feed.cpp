// bench-parse_large_feed [RUNS]: parse_feed on a ~5 MB feed of bilingual notices, built in
// memory, as RSS 2.0 in UTF-8, the same RSS in CP949 (declared EUC-KR, as Korean agency feeds
// are), and as a JSON Feed. Prints milliseconds per parse and the peak resident set size.
// A program that prints numbers: no assertion on time, which a shared machine cannot promise.
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

constexpr std::size_t kTargetBytes = 5u * 1024u * 1024u;
constexpr int kDefaultRuns = 10;

// Korean and English notice titles to vary the items with: real text shapes, Hangul-heavy.
constexpr std::array<std::string_view, 4> kKoreanTitles{
    "행정안전부·외교부, 페루·파라과이와 전자정부 협력 강화",
    "여름철 폭염 대비 무더위 쉼터 운영 시간 연장 안내",
    "지방세 납부 기한 연장 및 온라인 납부 안내",
    "주한 태국대사관과 함께하는 똠얌꿍 요리 교실 개최",
};
constexpr std::array<std::string_view, 4> kEnglishTitles{
    "Korea fosters e-government cooperation with Peru and Paraguay",
    "Cooling shelters open longer during the summer heat",
    "Local tax deadline extended; pay online",
    "Thai cooking class with the Embassy of Thailand",
};

std::string rss_item(std::size_t i)
{
    const std::string n = std::to_string(i);
    // Every fourth title carries escaped markup, as Korean news feeds write it: the HTML path.
    const std::string markup = i % 4 == 2 ? "&lt;b&gt;[공지]&lt;/b&gt; " : "";
    return "<item>\n<title>" + markup + std::string(kKoreanTitles[i % 4]) + " (" + n + ")</title>\n"
         + "<sp:title xml:lang=\"en\">" + std::string(kEnglishTitles[i % 4]) + " (" + n + ")</sp:title>\n"
         + "<link>https://www.example.go.kr/news/view.do?newsId=" + n + "&amp;page=1</link>\n"
         + "<guid isPermaLink=\"false\">bench-" + n + "</guid>\n"
         + "<pubDate>2018-06-04 14:05:00</pubDate>\n"
         + "<category>공지</category><category>Notice</category>\n"
         + "<description><![CDATA[<p>행정안전부는 " + n + "번째 공지를 알립니다. 자세한 내용은 누리집을 참고하세요.</p>"
           "<p>The ministry announces notice number " + n + ". See the website for details.</p>]]></description>\n"
         + "</item>\n";
}

std::string make_rss(std::string_view encoding_label)
{
    std::string feed = "<?xml version=\"1.0\" encoding=\"" + std::string(encoding_label) + "\"?>\n"
                       "<rss version=\"2.0\" xmlns:sp=\"urn:signage-player:feed:1\">\n<channel>\n"
                       "<title>벤치마크 피드</title>\n<link>https://www.example.go.kr/</link>\n<language>ko</language>\n";
    for (std::size_t i = 0; feed.size() < kTargetBytes; ++i)
        feed += rss_item(i);
    return feed + "</channel>\n</rss>\n";
}

std::string make_json_feed()
{
    std::string feed = R"({"version": "https://jsonfeed.org/version/1.1", "title": "벤치마크 피드", "language": "ko", "items": [)";
    for (std::size_t i = 0; feed.size() < kTargetBytes; ++i) {
        const std::string n = std::to_string(i);
        if (i > 0)
            feed += ",\n";
        feed += R"({"id": "bench-)" + n + R"(", "url": "https://www.example.go.kr/news/)" + n + R"(", "title": ")"
              + std::string(kKoreanTitles[i % 4]) + R"(", "_signage_player": {"titles": {"en": ")"
              + std::string(kEnglishTitles[i % 4]) + R"("}}, "date_published": "2018-06-04T14:05:00+09:00", "tags": ["공지"], )"
              + R"("summary": "행정안전부는 )" + n + R"(번째 공지를 알립니다. 자세한 내용은 누리집을 참고하세요.", )"
              + R"("content_html": "<p>행정안전부는 )" + n + R"(번째 공지를 알립니다.</p><p>Notice number )" + n + R"(.</p>"})";
    }
    return feed + "]}\n";
}

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

#pragma once
// Feeds for the benchmarks, built in memory: RSS 2.0 and JSON Feed 1.1 of bilingual notices (the
// English title in sp:title, or _signage_player.titles), as big as asked. Every item has a link,
// a date, categories and a description, as agency feeds do.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

inline constexpr std::size_t kLargeFeedBytes = 5u * 1024u * 1024u;

// Korean and English notice titles to vary the items of a large feed with: Hangul-heavy.
inline constexpr std::array<std::string_view, 4> kFeedKoreanTitles{
    "행정안전부·외교부, 페루·파라과이와 전자정부 협력 강화",
    "여름철 폭염 대비 무더위 쉼터 운영 시간 연장 안내",
    "지방세 납부 기한 연장 및 온라인 납부 안내",
    "주한 태국대사관과 함께하는 똠얌꿍 요리 교실 개최",
};
inline constexpr std::array<std::string_view, 4> kFeedEnglishTitles{
    "Korea fosters e-government cooperation with Peru and Paraguay",
    "Cooling shelters open longer during the summer heat",
    "Local tax deadline extended; pay online",
    "Thai cooking class with the Embassy of Thailand",
};

// One item, guid bench-<index>; the titles go in as they are (escape any markup yourself).
inline std::string rss_item(std::size_t index, std::string_view korean_title, std::string_view english_title)
{
    const std::string n = std::to_string(index);
    return "<item>\n<title>" + std::string(korean_title) + "</title>\n"
         + "<sp:title xml:lang=\"en\">" + std::string(english_title) + "</sp:title>\n"
         + "<link>https://www.example.go.kr/news/view.do?newsId=" + n + "&amp;page=1</link>\n"
         + "<guid isPermaLink=\"false\">bench-" + n + "</guid>\n"
         + "<pubDate>2018-06-04 14:05:00</pubDate>\n"
         + "<category>공지</category><category>Notice</category>\n"
         + "<description><![CDATA[<p>행정안전부는 " + n + "번째 공지를 알립니다. 자세한 내용은 누리집을 참고하세요.</p>"
           "<p>The ministry announces notice number " + n + ". See the website for details.</p>]]></description>\n"
         + "</item>\n";
}

inline std::string rss_head(std::string_view encoding_label)
{
    return "<?xml version=\"1.0\" encoding=\"" + std::string(encoding_label) + "\"?>\n"
           "<rss version=\"2.0\" xmlns:sp=\"urn:signage-player:feed:1\">\n<channel>\n"
           "<title>벤치마크 피드</title>\n<link>https://www.example.go.kr/</link>\n<language>ko</language>\n";
}

inline std::string rss_tail() { return "</channel>\n</rss>\n"; }

// Items numbered in their titles until the feed holds `bytes`; every fourth Korean title carries
// escaped markup, as Korean news feeds write it (the HTML path).
inline std::string make_rss(std::string_view encoding_label, std::size_t bytes = kLargeFeedBytes)
{
    std::string feed = rss_head(encoding_label);
    for (std::size_t i = 0; feed.size() < bytes; ++i) {
        const std::string number = " (" + std::to_string(i) + ")";
        const std::string markup = i % 4 == 2 ? "&lt;b&gt;[공지]&lt;/b&gt; " : "";
        feed += rss_item(i, markup + std::string(kFeedKoreanTitles[i % 4]) + number, std::string(kFeedEnglishTitles[i % 4]) + number);
    }
    return feed + rss_tail();
}

inline std::string make_json_feed(std::size_t bytes = kLargeFeedBytes)
{
    std::string feed = R"({"version": "https://jsonfeed.org/version/1.1", "title": "벤치마크 피드", "language": "ko", "items": [)";
    for (std::size_t i = 0; feed.size() < bytes; ++i) {
        const std::string n = std::to_string(i);
        if (i > 0)
            feed += ",\n";
        feed += R"({"id": "bench-)" + n + R"(", "url": "https://www.example.go.kr/news/)" + n + R"(", "title": ")"
              + std::string(kFeedKoreanTitles[i % 4]) + R"(", "_signage_player": {"titles": {"en": ")"
              + std::string(kFeedEnglishTitles[i % 4]) + R"("}}, "date_published": "2018-06-04T14:05:00+09:00", "tags": ["공지"], )"
              + R"("summary": "행정안전부는 )" + n + R"(번째 공지를 알립니다. 자세한 내용은 누리집을 참고하세요.", )"
              + R"("content_html": "<p>행정안전부는 )" + n + R"(번째 공지를 알립니다.</p><p>Notice number )" + n + R"(.</p>"})";
    }
    return feed + "]}\n";
}

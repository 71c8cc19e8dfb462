// parse_feed on feeds shaped like real public ones (tests/data/feeds; the ones that are not
// UTF-8 are written by make_encoded_fixtures.py there), one test per shape.
#include "feed/feed_parser.hpp"
#include "feed/text_encoding.hpp"

#include "feed_fixtures.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace signage::feed {

using feed_test::iso_utc;
using feed_test::titles_of;
using feed_test::read_fixture;

namespace {

ParsedFeed parse_fixture(const std::string& name, const FeedContext& context)
{
    auto result = parse_feed(read_fixture(name), context);
    REQUIRE_MESSAGE(result.ok(), (name + ": " + (result.ok() ? std::string{} : result.error().message)));
    return std::move(result).value();
}

}  // namespace

TEST_CASE("parse_feed tells every format apart by its content and names it")
{
    struct FormatCase {
        std::string_view fixture;
        std::string_view format;
        std::string_view encoding;
        std::string_view title;
        std::size_t notices;
    };
    constexpr FormatCase cases[] = {
        {"rss2-bilingual.xml", "rss 2.0", "UTF-8", "행정안전부 새소식 · MOIS News & Notices", 5},
        {"rss2-korea-kr-cp949-declared-euc-kr.xml", "rss 2.0", "CP949", "정책브리핑 - 부처 보도자료", 3},
        {"rss2-korean-news-html-entities.xml", "rss 2.0", "UTF-8", "가상일보 : 전체기사", 4},
        {"rss2-wordpress.xml", "rss 2.0", "UTF-8", "Riverside Public Library", 3},
        {"rss091-netscape-doctype.xml", "rss 0.91", "windows-1252", "Gazette de l'arrondissement de Montréal-Nord", 2},
        {"rss092-userland.xml", "rss 0.92", "UTF-8", "Westfield Town Hall", 3},
        {"rss1-rdf.xml", "rss 1.0", "UTF-8", "RSS 1.0 news", 2},
        {"atom1-korean.xml", "atom 1.0", "UTF-8", "구청 알림마당", 3},
        {"atom1-blogger.xml", "atom 1.0", "UTF-8", "해오름 작은도서관", 2},
        {"atom1-github-releases.xml", "atom 1.0", "UTF-8", "Release notes from kiosk-tools", 2},
        {"atom03-escaped-content.xml", "atom 0.3", "UTF-8", "한빛구 <소식지>", 2},
        {"json-feed-1.1-bilingual.json", "json feed 1.1", "UTF-8", "행정안전부 새소식 (JSON Feed)", 5},
        {"json-feed-1.0-utf16le-bom.json", "json feed 1.0", "UTF-16LE", "구청 알림 (JSON)", 1},
        {"rss2-utf16le-bom.xml", "rss 2.0", "UTF-16LE", "구립도서관 알림", 2},
        {"rss2-utf16be-no-bom.xml", "rss 2.0", "UTF-16BE", "구립도서관 알림", 2},
        {"rss2-windows-1252-declared-iso-8859-1.xml", "rss 2.0", "windows-1252", "Maplewood Township – Notices", 2},
        {"rss2-euc-kr.xml", "rss 2.0", "CP949", "시청 소식", 2},
        {"rss2-iso-8859-1.xml", "rss 2.0", "windows-1252", "Café des Étudiants", 2},
    };
    for (const auto& c : cases) {
        CAPTURE(c.fixture);
        const auto feed = parse_fixture(std::string(c.fixture), {"fixture", "en"});
        CHECK(feed.format == c.format);
        CHECK(feed.encoding == c.encoding);
        CHECK(feed.title == c.title);
        CHECK(feed.notices.size() == c.notices);
        for (const auto& notice : feed.notices) {
            CAPTURE(notice.id);
            CHECK_FALSE(notice.id.empty());
            CHECK_FALSE(notice.titles.empty());
            CHECK(notice.source_name == "fixture");
        }
    }
}

TEST_CASE("parse_feed reads a korea.kr-style feed: CP949 labelled EUC-KR, CDATA, zoneless dates")
{
    const std::string body = read_fixture("rss2-korea-kr-cp949-declared-euc-kr.xml");
    // The bytes really are CP949 beyond EUC-KR: "똠" is 8C 63, which strict EUC-KR cannot read.
    REQUIRE(body.find("\x8C\x63") != std::string::npos);
    const auto as_euc_kr = to_utf8(body, "EUC-KR");
    REQUIRE(as_euc_kr.ok());
    CHECK(as_euc_kr.value().find("\xEF\xBF\xBD") != std::string::npos);

    for (const std::string_view content_type :
         {"", "text/xml; charset=euc-kr", "application/rss+xml;charset=\"EUC-KR\"", "text/xml; charset=ks_c_5601-1987", "text/xml; charset=utf-8"}) {
        CAPTURE(content_type);
        const auto feed = parse_feed(body, {"korea", "", std::string(content_type)});
        REQUIRE(feed.ok());
        CHECK(feed->encoding == "CP949");
        CHECK(titles_of(feed.value())
              == std::vector<std::string>{"외교부, 주한 태국대사관과 함께하는 ‘똠얌꿍’ 요리 교실 개최",
                  "긴급 재난안전 문자 발송 기준 개선", "해시태그(샾) 표기 통일 안내 & 공공언어 개선"});
    }

    const auto feed = parse_fixture("rss2-korea-kr-cp949-declared-euc-kr.xml", {"korea", "en"});
    const model::Notice& first = feed.notices.at(0);
    CHECK(first.titles.at(0).lang == "ko");
    // The bare '&' in the link survives; with no guid the link is the id.
    CHECK(first.link == "http://www.korea.example.kr/briefing/pressReleaseView.do?newsId=156271234&pageIndex=1&repCodeType=");
    CHECK(first.id == first.link);
    // "2018-06-04 14:05:00" in a Korean feed is Korean time.
    CHECK(iso_utc(first.published) == "2018-06-04T05:05:00Z");
    CHECK(iso_utc(feed.notices.at(1).published) == "2018-06-01T00:30:00Z");
    CHECK(first.summary == "외교부는 6월 9일(토) 주한 태국대사관과 함께 똠얌꿍 요리 교실을 연다. 참가 신청은 6월 7일까지.");
}

TEST_CASE("parse_feed reads a Korean news feed with escaped HTML in its titles and HTML-only entities")
{
    const auto feed = parse_fixture("rss2-korean-news-html-entities.xml", {"news", "en"});
    CHECK(titles_of(feed)
          == std::vector<std::string>{"[속보] 서울시, 폭염 특보에 무더위 쉼터 연장 운영", "\"AI 교과서\" 도입 앞두고 교사 연수 확대",
              "R&D 예산 '역대 최대'… 과기부 \"기초연구 강화\"", "코스피 2,400 돌파… 외국인 순매수 < 기관 순매도"});
    const model::Notice& first = feed.notices.at(0);
    CHECK(iso_utc(first.published) == "2018-06-04T05:05:00Z");  // dc:date
    CHECK(first.categories == std::vector<std::string>{"사회"});
    CHECK(first.summary == "서울시는" "\u00A0" "4일 폭염 특보가 내려지자 무더위 쉼터 운영 시간을 밤 9시까지 늘렸다.");
    CHECK(feed.notices.at(1).link
          == "https://www.gasang-ilbo.example.co.kr/news/articleView.html?idxno=100233&replyAll=&reporterEmail=");
    CHECK(feed.notices.at(2).categories == std::vector<std::string>{"경제", "과학"});
}

TEST_CASE("parse_feed reads a WordPress RSS 2.0 feed")
{
    const auto feed = parse_fixture("rss2-wordpress.xml", {"library", "ko"});
    CHECK(titles_of(feed)
          == std::vector<std::string>{"Summer Reading Challenge – Sign-ups Open", "Closed for Presidents’ Day",
              "Friends & Family Book Sale"});
    const model::Notice& first = feed.notices.at(0);
    CHECK(first.titles.at(0).lang == "en-us");
    CHECK(first.id == "https://library.example.org/?p=1234");  // guid, not a permalink but an id
    CHECK(first.link == "https://library.example.org/2024/03/summer-reading-challenge/");
    CHECK(iso_utc(first.published) == "2024-03-15T08:00:00Z");
    CHECK(first.categories == std::vector<std::string>{"Events", "Kids & Teens"});
    CHECK(first.summary
          == "Registration for this year’s Summer Reading Challenge is now open. Readers of all ages can… Continue "
             "reading \"Summer Reading Challenge\"");
    // An empty description: the summary comes from content:encoded, without its script.
    CHECK(feed.notices.at(1).summary == "Holiday hours All branches are closed on Monday, February" "\u00A0" "19.");
    CHECK(feed.notices.at(2).summary == "Hardcovers $2, paperbacks $1 […]");
}

TEST_CASE("parse_feed reads a Blogger Atom feed")
{
    const auto feed = parse_fixture("atom1-blogger.xml", {"blog", "ko"});
    REQUIRE(feed.notices.size() == 2);
    const model::Notice& first = feed.notices[0];
    CHECK(first.id == "tag:blogger.com,1999:blog-4820197345561937210.post-7719264403517730141");
    CHECK(first.titles.at(0) == model::LocalizedTitle{"ko", "3월 그림책 읽어주기 행사 안내"});
    // Of five links, the alternate one.
    CHECK(first.link == "https://haeoreum-library.blogspot.com/2024/03/blog-post.html");
    CHECK(iso_utc(first.published) == "2024-03-14T08:40:00Z");
    CHECK(iso_utc(first.updated) == "2024-03-14T08:45:12Z");
    CHECK(first.categories == std::vector<std::string>{"공지", "행사"});
    CHECK(first.summary == "3월 16일(토) 오전 11시, 2층 어린이실에서 그림책 읽어주기 행사가 열립니다. 신청은" "\u00A0" "필요 없습니다.");
    // type='text': the markup-looking text is text.
    CHECK(feed.notices[1].titles.at(0).text == "Q&A: 3월 휴관일 <정기 점검>");
}

TEST_CASE("parse_feed reads a GitHub-style Atom feed with only updated dates")
{
    const auto feed = parse_fixture("atom1-github-releases.xml", {"releases", "ko"});
    REQUIRE(feed.notices.size() == 2);
    const model::Notice& first = feed.notices[0];
    CHECK(first.titles.at(0) == model::LocalizedTitle{"en-us", "v2.4.0"});
    CHECK(first.link == "https://github.com/example-org/kiosk-tools/releases/tag/v2.4.0");
    CHECK(iso_utc(first.published) == "2024-03-12T06:21:44Z");
    CHECK(iso_utc(first.updated) == "2024-03-12T06:21:44Z");
    CHECK(first.summary
          == "What's Changed Add Korean locale by @jiwoo-kim in #88 Fix crash on empty feeds Full Changelog: "
             "v2.3.1...v2.4.0");
    CHECK(feed.notices[1].titles.at(0).text == "v2.3.1: fix <title> parsing");
}

TEST_CASE("parse_feed reads an Atom 0.3 feed with escaped and inline content")
{
    const auto feed = parse_fixture("atom03-escaped-content.xml", {"gu", "en"});
    REQUIRE(feed.notices.size() == 2);
    const model::Notice& first = feed.notices[0];
    CHECK(first.titles.at(0) == model::LocalizedTitle{"ko", "주민센터 리모델링 공사 안내"});
    CHECK(first.id == "tag:hanbit.example.go.kr,2005:notice.101");
    CHECK(first.link == "http://hanbit.example.go.kr/notice/2005/11/101.html");
    CHECK(iso_utc(first.published) == "2005-11-09T11:30:00Z");  // issued
    CHECK(iso_utc(first.updated) == "2005-11-09T11:56:34Z");    // modified
    CHECK(first.categories == std::vector<std::string>{"공지", "시설"});  // dc:subject
    CHECK(first.summary == "11월 14일부터 12월 23일까지 민원실을 2층으로 옮깁니다. <안내>");

    const model::Notice& second = feed.notices[1];
    CHECK(second.titles
          == std::vector<model::LocalizedTitle>{{"en", "Recycling pickup moves to Wednesdays"}, {"ko", "재활용품 수거일 수요일로 변경"}});
    CHECK(iso_utc(second.published) == "2005-11-08T09:00:00Z");  // only modified
    CHECK(second.summary == "Starting November 16, recycling is picked up on Wednesdays.");
}

TEST_CASE("parse_feed reads RSS 0.91 with the Netscape DOCTYPE and RSS 0.92")
{
    const auto netscape = parse_fixture("rss091-netscape-doctype.xml", {"gazette", "en"});
    // The HTML entities the never-loaded Netscape DTD would define still decode.
    CHECK(titles_of(netscape)
          == std::vector<std::string>{"Fermeture de la piscine «" "\u00A0" "Les Érables" "\u00A0" "»", "Collecte des ordures : horaire d'été"});
    CHECK(netscape.notices[0].titles[0].lang == "fr-ca");
    CHECK(netscape.notices[0].id == "http://www.arrondissement.example.qc.ca/avis/2001/0612.html");
    CHECK(netscape.notices[0].summary == "La piscine sera fermée pour travaux du 12 au 30 juin.");
    CHECK_FALSE(netscape.notices[0].published.has_value());

    const auto userland = parse_fixture("rss092-userland.xml", {"town", "ko"});
    // The item with only a description and an enclosure is headed by its description.
    CHECK(titles_of(userland)
          == std::vector<std::string>{"Recording of the June 5 council meeting.", "Town meeting moved to Thursday", "Pool opens June 15"});
    CHECK(userland.items[0].title_from == "description");
    CHECK(userland.notices[1].categories == std::vector<std::string>{"Meetings"});
    CHECK(userland.notices[1].summary == "The agenda is posted.");
    CHECK(userland.notices[1].titles[0].lang == "en");
}

TEST_CASE("parse_feed reads UTF-16 feeds with and without a byte order mark")
{
    for (const char* fixture : {"rss2-utf16le-bom.xml", "rss2-utf16be-no-bom.xml"}) {
        CAPTURE(fixture);
        const auto feed = parse_fixture(fixture, {"library", "en"});
        REQUIRE(feed.notices.size() == 2);
        CHECK(feed.notices[0].titles
              == std::vector<model::LocalizedTitle>{{"ko", "여름방학 독서교실 참가자 모집"}, {"en", "Summer reading class: sign up now"}});
        // A character beyond the BMP: a surrogate pair in UTF-16.
        CHECK(feed.notices[1].titles[0].text == "\xF0\x9D\x84\x9E 음악회 – 7월 13일 토요일");
        CHECK(iso_utc(feed.notices[1].published) == "2024-07-02T00:00:00Z");
    }
}

TEST_CASE("parse_feed reads a windows-1252 feed that declares ISO-8859-1 as browsers do")
{
    const std::string body = read_fixture("rss2-windows-1252-declared-iso-8859-1.xml");
    REQUIRE(body.find("\x93Snow Day\x94") != std::string::npos);
    const auto feed = parse_fixture("rss2-windows-1252-declared-iso-8859-1.xml", {"town", "ko"});
    CHECK(titles_of(feed)
          == std::vector<std::string>{"“Snow Day” closures – all schools and offices…", "Café Rosé™ opens at the Community Center"});
    CHECK(feed.notices[0].summary == "The township’s offices open at 10 a.m. Parking fee €2 waived.");
    CHECK(iso_utc(feed.notices[0].published) == "2024-01-17T11:15:00Z");
}

TEST_CASE("parse_feed reads an ill-formed feed without losing text after its mistakes")
{
    const auto feed = parse_fixture("rss2-ill-formed-ampersands.xml", {"rnd", "ko"});
    CHECK(feed.title == "R&D Center News");
    CHECK(titles_of(feed)
          == std::vector<std::string>{"AT&T and R&D: partners" "\u00A0" "meet © 2024", "Vertical tab and a < b", "Tom & Jerry <3 ♥"});
    CHECK(feed.notices[0].link == "https://rnd.example.com/news?id=7&lang=en");
    CHECK(feed.notices[2].link == "https://rnd.example.com/news?id=9&lang=en");
    CHECK(feed.notices[2].categories == std::vector<std::string>{"Q&A"});
}

}  // namespace signage::feed

#include "feed/feed_parser.hpp"

#include "feed_fixtures.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <sys/resource.h>

namespace signage::feed {

using feed_test::fixture_path;
using feed_test::iso_utc;
using feed_test::read_fixture;

namespace {

const FeedContext kContext{"test-source", "ko"};

ParsedFeed parse_ok(std::string_view body, const FeedContext& context = kContext)
{
    auto result = parse_feed(body, context);
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? std::string{} : result.error().message));
    return std::move(result).value();
}

std::string parse_error(std::string_view body)
{
    auto result = parse_feed(body, kContext);
    REQUIRE_FALSE(result.ok());
    return result.error().message;
}

std::vector<std::string> ids_of(const ParsedFeed& feed)
{
    std::vector<std::string> ids;
    for (const auto& notice : feed.notices)
        ids.push_back(notice.id);
    return ids;
}

// An RSS 2.0 document around `items`, with the channel's <language> if one is given.
std::string rss(std::string_view items, std::string_view channel_language = "")
{
    std::string doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<rss version=\"2.0\" xmlns:sp=\"urn:signage-player:feed:1\"><channel><title>t</title>";
    if (!channel_language.empty())
        doc += "<language>" + std::string(channel_language) + "</language>";
    doc += items;
    doc += "</channel></rss>";
    return doc;
}

}  // namespace

TEST_CASE("parse_feed reads the bilingual RSS 2.0 feed with sp:title translations")
{
    const auto feed = parse_ok(read_fixture("rss2-bilingual.xml"), {"mois", "en"});

    CHECK(feed.title == "행정안전부 새소식 · MOIS News & Notices");
    CHECK(ids_of(feed)
          == std::vector<std::string>{"mois-eng-2018-06-04-1", "mois-eng-2018-06-01-2", "mois-eng-2018-05-29-3",
              "mois-eng-2018-05-28-4", "mois-eng-2018-05-28-5"});

    const model::Notice& first = feed.notices.front();
    REQUIRE(first.titles.size() == 2);
    CHECK(first.titles[0] == model::LocalizedTitle{"ko", "행정안전부·외교부, 페루·파라과이와 전자정부 협력 강화"});
    CHECK(first.titles[1] == model::LocalizedTitle{"en", "Korea fosters e-government cooperation with Peru and Paraguay"});
    REQUIRE(first.title_in("en") != nullptr);
    CHECK(first.title_in("en")->text == "Korea fosters e-government cooperation with Peru and Paraguay");
    CHECK(first.link == "https://www.mois.go.kr/eng/");
    CHECK(iso_utc(first.published) == "2018-06-04T00:00:00Z");
    CHECK(first.categories == std::vector<std::string>{"e-Government"});
    CHECK(first.source_name == "mois");

    // Entities in translations are the parser's to decode, and non-ASCII passes through.
    CHECK(feed.notices[1].titles[1].text == "Korea-Paraguay e-Government Cooperation Forum held in Asunción");
    CHECK(feed.notices[2].titles[1].text == "e-Government & Smart City Forum in Lima draws 120 participants");
    for (const auto& notice : feed.notices) {
        CAPTURE(notice.id);
        CHECK(notice.titles.size() == 2);
        CHECK(notice.published.has_value());
    }
}

TEST_CASE("parse_feed reads a Korean Atom 1.0 feed")
{
    const auto feed = parse_ok(read_fixture("atom1-korean.xml"), {"gu-office", "en"});

    CHECK(feed.title == "구청 알림마당");
    REQUIRE(ids_of(feed)
            == std::vector<std::string>{"tag:example.go.kr,2024:notice-101", "tag:example.go.kr,2024:notice-102",
                "tag:example.go.kr,2024:notice-103"});

    SUBCASE("the language comes from the feed's xml:lang, lower-cased, and translations follow")
    {
        const model::Notice& notice = feed.notices[0];
        REQUIRE(notice.titles.size() == 3);
        CHECK(notice.titles[0] == model::LocalizedTitle{"ko-kr", "민원실 운영시간 변경 안내"});
        CHECK(notice.titles[1] == model::LocalizedTitle{"en", "Civil affairs office hours change"});
        CHECK(notice.titles[2] == model::LocalizedTitle{"zh-hans", "民政办公室办公时间变更"});
        REQUIRE(notice.title_in("ko") != nullptr);
        CHECK(notice.title_in("ko")->text == "민원실 운영시간 변경 안내");
        CHECK(notice.title_in("zh")->text == "民政办公室办公时间变更");
    }
    SUBCASE("the alternate link wins over self, published over updated")
    {
        const model::Notice& notice = feed.notices[0];
        CHECK(notice.link == "https://example.go.kr/notices/101");
        CHECK(iso_utc(notice.published) == "2024-03-15T00:00:00Z");
        CHECK(notice.categories == std::vector<std::string>{"민원", "공지"});
        CHECK(notice.source_name == "gu-office");
    }
    SUBCASE("an html title becomes its text; a link without rel counts; updated stands in for published")
    {
        const model::Notice& notice = feed.notices[1];
        REQUIRE(notice.titles.size() == 1);
        CHECK(notice.titles[0] == model::LocalizedTitle{"ko-kr", "주차장 공사 & 임시 폐쇄" "\u00A0" "안내"});
        CHECK(notice.link == "https://example.go.kr/notices/102");
        CHECK(iso_utc(notice.published) == "2024-03-14T18:30:00Z");
    }
    SUBCASE("an entry's xml:lang overrides the feed's")
    {
        const model::Notice& notice = feed.notices[2];
        CHECK(notice.titles.at(0) == model::LocalizedTitle{"en", "Fire drill on Friday at 2 p.m."});
        CHECK(iso_utc(notice.published) == "2024-03-13T05:00:00Z");
    }
}

TEST_CASE("parse_feed reads RSS 1.0 (RDF) feed items")
{
    const auto feed = parse_ok(read_fixture("rss1-rdf.xml"));
    CHECK(feed.title == "RSS 1.0 news");
    REQUIRE(ids_of(feed) == std::vector<std::string>{"https://example.org/news/1", "https://example.org/news/2"});
    CHECK(feed.notices[0].titles.at(0) == model::LocalizedTitle{"en", "Library opens on Sundays"});
    CHECK(feed.notices[0].link == "https://example.org/news/1");
    CHECK(iso_utc(feed.notices[0].published) == "2024-02-01T00:00:00Z");
    CHECK_FALSE(feed.notices[1].published.has_value());
}

TEST_CASE("parse_feed decodes a feed declared as ISO-8859-1")
{
    const auto feed = parse_ok(read_fixture("rss2-iso-8859-1.xml"));
    CHECK(feed.title == "Café des Étudiants");
    REQUIRE(feed.notices.size() == 2);
    CHECK(feed.notices[0].titles.at(0) == model::LocalizedTitle{"fr-fr", "Fermeture de la cafétéria – travaux"});
    CHECK(iso_utc(feed.notices[0].published) == "2024-03-01T07:00:00Z");
    CHECK(feed.notices[1].titles.at(0).text == "Grüße aus München » Gemäldeausstellung «");
    CHECK(feed.notices[1].categories == std::vector<std::string>{"Kunst & Kultur"});
}

TEST_CASE("parse_feed decodes a Korean feed declared as EUC-KR")
{
    const std::string body = read_fixture("rss2-euc-kr.xml");
    // The fixture really is EUC-KR: "시" is BD C3 there, EC 8B 9C in UTF-8.
    REQUIRE(body.find("\xBD\xC3") != std::string::npos);
    REQUIRE(body.find("\xEC\x8B\x9C") == std::string::npos);

    const auto feed = parse_ok(body, {"city", "en"});
    CHECK(feed.title == "시청 소식");
    REQUIRE(feed.notices.size() == 2);
    const model::Notice& first = feed.notices[0];
    REQUIRE(first.titles.size() == 2);
    CHECK(first.titles[0] == model::LocalizedTitle{"ko", "여름철 폭염 대비 무더위 쉼터 운영"});
    CHECK(first.titles[1] == model::LocalizedTitle{"en", "Cooling shelters open for the summer heat"});
    CHECK(first.categories == std::vector<std::string>{"안전"});
    CHECK(iso_utc(first.published) == "2024-07-01T01:00:00Z");
    CHECK(feed.notices[1].titles.at(0).text == "도서관 휴관일 안내");
}

TEST_CASE("parse_feed keeps the items before the cut of a truncated feed")
{
    const std::string body = read_fixture("feed-truncated.xml");
    REQUIRE(body.find("</rss>") == std::string::npos);

    const auto feed = parse_ok(body);
    REQUIRE(feed.notices.size() >= 2);
    CHECK(feed.notices[0].id == "cut-1");
    CHECK(feed.notices[0].titles.at(0) == model::LocalizedTitle{"ko", "첫 번째 공지"});
    CHECK(iso_utc(feed.notices[0].published) == "2024-03-04T00:00:00Z");
    CHECK(feed.notices[1].id == "cut-2");
    CHECK(iso_utc(feed.notices[1].published) == "2024-03-05T00:00:00Z");
    // The cut item may come out too, with what it had: never with a half-read date.
    if (feed.notices.size() == 3) {
        CHECK(feed.notices[2].id == "cut-3");
        CHECK_FALSE(feed.notices[2].published.has_value());
    }
}

TEST_CASE("parse_feed refuses an HTML page as not a feed")
{
    CHECK(parse_error(read_fixture("not-a-feed.html")) == "not a feed: root element <html>");
}

TEST_CASE("parse_feed survives an entity bomb quickly without expanding it")
{
    const std::string body = read_fixture("feed-entity-bomb.xml");
    const auto start = std::chrono::steady_clock::now();
    auto result = parse_feed(body, kContext);
    const auto elapsed = std::chrono::steady_clock::now() - start;

    CHECK(elapsed < std::chrono::seconds{2});
    REQUIRE(result.ok());
    REQUIRE_FALSE(result->notices.empty());
    CHECK(result->notices[0].id == "bomb-0");
    CHECK(result->notices[0].titles.at(0).text == "Item before the bomb");
    for (const auto& notice : result->notices) {
        for (const auto& title : notice.titles) {
            CAPTURE(title.text);
            CHECK(title.text.size() < 100);
            CHECK(title.text.find("lol") == std::string::npos);
        }
    }
}

TEST_CASE("parse_feed heads an item without a title by its description, skips one with neither and keeps the others")
{
    const auto feed = parse_ok(read_fixture("item-without-title.xml"));
    CHECK(feed.title == "Mixed items");
    CHECK(ids_of(feed) == std::vector<std::string>{"good-1", "no-title", "good-2"});
    CHECK(feed.notices[0].titles.at(0) == model::LocalizedTitle{"en-us", "First good item"});
    CHECK(feed.notices[1].titles.at(0) == model::LocalizedTitle{"en-us", "An item with a description only"});
    REQUIRE(feed.items.size() == 5);
    CHECK(feed.items[1].title_from == "description");
    for (const std::size_t unshown : {2u, 3u}) {
        CHECK_FALSE(feed.items[unshown].shown);
        CHECK(feed.items[unshown].why == "no title and no description");
    }
    CHECK(feed.items[2].id == "empty-title");
}

TEST_CASE("bidi overrides and isolates in feed text are dropped, so a headline reads in its own order")
{
    // U+202E (RIGHT-TO-LEFT OVERRIDE) would show "invoice_fdp.exe" as "invoice_exe.pdf"; the
    // embeddings U+202A-202D and the isolates U+2066-2069 are dropped too. LRM and RLM
    // (U+200E, U+200F), which only mark a direction, stay.
    const auto feed = parse_ok(rss("<item><guid>a</guid><title>invoice_\u202Efdp.exe</title></item>"
                                   "<item><guid>b</guid><title>\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069공지 \u200E안내\u200F</title>"
                                   "<description>요약\u202E텍스트</description></item>"));
    REQUIRE(feed.notices.size() == 2);
    CHECK(feed.notices[0].titles.at(0).text == "invoice_fdp.exe");
    CHECK(feed.notices[1].titles.at(0).text == "공지 \u200E안내\u200F");
    CHECK(feed.notices[1].summary == "요약텍스트");
}

TEST_CASE("parse_feed returns a feed with no notices when every item is bad")
{
    const auto feed = parse_ok(rss("<item><guid>a</guid></item><item><title> </title></item>"));
    CHECK(feed.title == "t");
    CHECK(feed.notices.empty());

    CHECK(parse_ok(rss("")).notices.empty());
    CHECK(parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>empty</title></feed>)").notices.empty());
    CHECK(parse_ok(R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry/></feed>)").notices.empty());
    CHECK(parse_ok(R"({"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "x"}]})").notices.empty());
}

TEST_CASE("a local file that is not a feed is named by the caller, never quoted: its bytes stay out of the log")
{
    // A feed `path` can point at any file the player may read (a key, a password file).
    const FeedContext local{"test-source", "ko", "", true};
    const auto parsed = parse_feed("password=hunter2\nsecond line\n", local);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == "not a feed: neither xml nor json (29 bytes, not shown); is the path the feed's?");
    // From a server the start of the body stays in the message: it is what the server said.
    CHECK(parse_error("password=hunter2") == "not a feed: neither xml nor json, starts with \"password=hunter2\"");
}

TEST_CASE("parse_feed errors name what is wrong in one lower-case line")
{
    struct ErrorCase {
        std::string_view body;
        std::string_view message;
    };
    const ErrorCase cases[] = {
        {"", "empty body"},
        {" \r\n\t", "empty body"},
        {"hello, world", "not a feed: neither xml nor json, starts with \"hello, world\""},
        {"\xEF\xBB\xBF  \"quoted\" text", "not a feed: neither xml nor json, starts with \"'quoted' text\""},
        {"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<rss/>",
            "not a feed: neither xml nor json, starts with \"HTTP/1.1 200 OK Content\""},
        {R"({"items": []})", "not a feed: json without a jsonfeed.org version"},
        {"<?xml version=\"1.0\"?>", "not xml: start tag expected, '<' not found"},
        {"<html><body>Not Found</body></html>", "not a feed: root element <html>"},
        {"<opml version=\"2.0\"><body/></opml>", "not a feed: root element <opml>"},
        {"<rss version=\"2.0\"><title>no channel</title></rss>", "not a feed: <rss> without <channel>"},
        {"<feed><entry/></feed>", "not a feed: root element <feed> is neither atom 1.0 nor atom 0.3"},
        {"<feed xmlns=\"http://example.org/not-atom\"/>", "not a feed: root element <feed> is neither atom 1.0 nor atom 0.3"},
        {R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>)",
            "not a feed: <rdf:RDF> without rss channel or items"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.body);
        const std::string message = parse_error(c.body);
        CHECK(message == c.message);
        CHECK(message.find('\n') == std::string::npos);
        CHECK(message.back() != '.');
    }
}

TEST_CASE("parse_feed picks a notice id from guid, then link, then a hash of title and date")
{
    const auto feed = parse_ok(rss(R"(
        <item><title>A</title><guid> g-1 </guid><link>https://example.org/a</link></item>
        <item><title>B</title><link>https://example.org/b</link></item>
        <item><title>C</title><pubDate>Mon, 04 Jun 2018 09:00:00 +0900</pubDate></item>
        <item><title>C</title><pubDate>Tue, 05 Jun 2018 09:00:00 +0900</pubDate></item>
        <item><title>C</title></item>)"));
    REQUIRE(feed.notices.size() == 5);
    CHECK(feed.notices[0].id == "g-1");
    CHECK(feed.notices[1].id == "https://example.org/b");

    const std::string hashed = feed.notices[2].id;
    CHECK(hashed.starts_with("fnv1a:"));
    CHECK(hashed.size() == std::string_view("fnv1a:").size() + 16);
    CHECK(feed.notices[3].id != hashed);  // same title, another day: another notice
    CHECK(feed.notices[4].id != hashed);

    // Stable: the same item on the next poll keeps its id, so the board sees no change.
    const auto again = parse_ok(rss("<item><title>C</title><pubDate>Mon, 04 Jun 2018 09:00:00 +0900</pubDate></item>"));
    CHECK(again.notices.at(0).id == hashed);

    const auto atom = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom">
        <entry><title>No id</title><link rel="alternate" href="https://example.org/x"/></entry></feed>)");
    CHECK(atom.notices.at(0).id == "https://example.org/x");
}

TEST_CASE("parse_feed takes the title language from the item, then the channel, then the feed context")
{
    struct LanguageCase {
        std::string_view description;
        std::string body;
        std::string_view default_language;
        std::string_view lang;
    };
    const LanguageCase cases[] = {
        {"item xml:lang wins over the channel", rss(R"(<item xml:lang="en-GB"><title>x</title></item>)", "ko"), "ko",
            "en-gb"},
        {"title xml:lang wins over the item", rss(R"(<item xml:lang="en"><title xml:lang="ja">x</title></item>)", "ko"),
            "ko", "ja"},
        {"channel language, lower-cased", rss("<item><title>x</title></item>", "ko-KR"), "en", "ko-kr"},
        {"locale-style underscore", rss("<item><title>x</title></item>", "ko_KR"), "en", "ko-kr"},
        {"nothing said: the source's language", rss("<item><title>x</title></item>"), "EN", "en"},
        {"xml:lang on <rss> when the channel has no <language>",
            R"(<rss version="2.0" xml:lang="de"><channel><item><title>x</title></item></channel></rss>)", "en", "de"},
        {"atom: entry xml:lang",
            R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ko"><entry xml:lang="en"><title>x</title></entry></feed>)",
            "ja", "en"},
        {"atom: feed xml:lang", R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ko"><entry><title>x</title></entry></feed>)",
            "ja", "ko"},
        {"atom: nothing said", R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title></entry></feed>)", "ja",
            "ja"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.description);
        const auto feed = parse_ok(c.body, {"s", std::string(c.default_language)});
        REQUIRE(feed.notices.size() == 1);
        CHECK(feed.notices[0].titles.at(0).lang == c.lang);
    }
}

TEST_CASE("parse_feed reads sp:title translations only with a language and a text")
{
    const auto feed = parse_ok(rss(R"(<item><title>한국어 제목</title>
        <sp:title xml:lang="EN">English title</sp:title>
        <sp:title>no language</sp:title>
        <sp:title xml:lang="ja">  </sp:title>
        <sp:title xml:lang="zh" type="html">&lt;i&gt;中文&lt;/i&gt;标题</sp:title>
        <title xmlns="urn:something-else">other namespace</title>
        </item>)", "ko"));
    REQUIRE(feed.notices.size() == 1);
    CHECK(feed.notices[0].titles
          == std::vector<model::LocalizedTitle>{{"ko", "한국어 제목"}, {"en", "English title"}, {"zh", "中文标题"}});

    // Only translations: they still make a notice, the first standing in for the title.
    const auto only = parse_ok(rss(R"(<item><guid>t</guid><sp:title xml:lang="en">Only English</sp:title></item>)", "ko"));
    REQUIRE(only.notices.size() == 1);
    CHECK(only.notices[0].titles == std::vector<model::LocalizedTitle>{{"en", "Only English"}});
}

TEST_CASE("parse_feed makes notice titles plain single-line text")
{
    struct TextCase {
        std::string_view title_xml;
        std::string_view text;
    };
    constexpr TextCase cases[] = {
        {"  spaced \t out\n\n title  ", "spaced out title"},
        {"<![CDATA[ in <b>CDATA</b> ]]>", "in CDATA"},  // markup in an RSS title is HTML (docs/feeds.md)
        {"<![CDATA[ a < b, <Parasite> & R&D ]]>", "a < b, <Parasite> & R&D"},
        {"a &amp; b &lt;c&gt; &#xD55C;&#44544;", "a & b <c> 한글"},
        {"no\xC2\xA0" "break\xE3\x80\x80ideographic", "no\xC2\xA0" "break ideographic"},  // NBSP kept, U+3000 a space
        {"c1\xC2\x85" "nel and\xC2\x80" "control", "c1 nel andcontrol"},
        {"del&#x7F;ete", "delete"},
        {"tab&#x9;and&#xA;newline", "tab and newline"},
        {"\xEF\xBB\xBF" "bom", "bom"},
        {"nested <b>markup</b> text", "nested markup text"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.title_xml);
        const auto feed = parse_ok(rss("<item><title>" + std::string(c.title_xml) + "</title></item>"));
        REQUIRE(feed.notices.size() == 1);
        CHECK(feed.notices[0].titles.at(0).text == c.text);
    }
}

TEST_CASE("parse_feed neither expands DTD entities nor loads external ones")
{
    // If the external entity were loaded, the title would hold the whole sample feed.
    const std::string external = "file://" + fixture_path("rss2-bilingual.xml").generic_string();
    const std::string body = "<?xml version=\"1.0\"?>\n"
                             "<!DOCTYPE rss [\n"
                             "  <!ENTITY external SYSTEM \"" + external + "\">\n"
                             "  <!ENTITY internal \"expanded\">\n"
                             "]>\n"
                             "<rss version=\"2.0\"><channel><item>"
                             "<title>a &external; b &internal; c</title><category>&internal;</category>"
                             "</item></channel></rss>";
    const auto feed = parse_ok(body);
    REQUIRE(feed.notices.size() == 1);
    CHECK(feed.notices[0].titles.at(0).text == "a b c");
    CHECK(feed.notices[0].categories.empty());
}

TEST_CASE("parse_feed reads categories from RSS text and Atom terms")
{
    const auto rss_feed = parse_ok(rss(R"(<item><title>x</title>
        <category domain="d">  Safety  </category><category></category><category>Events</category></item>)"));
    CHECK(rss_feed.notices.at(0).categories == std::vector<std::string>{"Safety", "Events"});

    const auto atom_feed = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title>
        <category term="safety" label="Safety"/><category label="no term"/><category term="events"/></entry></feed>)");
    CHECK(atom_feed.notices.at(0).categories == std::vector<std::string>{"safety", "events"});
}

TEST_CASE("parse_feed reads escaped HTML in RSS titles as HTML and leaves plain text alone")
{
    struct HtmlCase {
        std::string_view title_xml;
        std::string_view text;
    };
    constexpr HtmlCase cases[] = {
        {"&lt;b&gt;공지&lt;/b&gt; 안내", "공지 안내"},
        {"&amp;quot;AI 교과서&amp;quot; 도입", "\"AI 교과서\" 도입"},
        {"R&amp;D &amp;#39;역대 최대&amp;#39;", "R&D '역대 최대'"},
        {"줄&lt;br&gt;바꿈", "줄 바꿈"},
        {"&lt;p&gt;one&lt;/p&gt;&lt;p&gt;two&lt;/p&gt;", "one two"},
        {"&lt;span style=\"color:red\"&gt;긴급&lt;/span&gt;", "긴급"},
        {"&lt;!-- generated --&gt;공지", "공지"},
        {"Tom &amp;amp; Jerry", "Tom & Jerry"},
        {"&amp;nbsp;spaced&amp;nbsp;", "\u00A0" "spaced" "\u00A0"},
        // Not HTML: kept as written.
        {"a &lt; b and c &gt; d", "a < b and c > d"},
        {"&lt;Parasite&gt; wins at Cannes", "<Parasite> wins at Cannes"},
        {"&lt;2024 행사&gt; 안내", "<2024 행사> 안내"},
        {"AT&amp;T &amp; R&amp;D", "AT&T & R&D"},
        {"x&lt;y", "x<y"},
        {"&amp;unknown; stays", "&unknown; stays"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.title_xml);
        const auto feed = parse_ok(rss("<item><title>" + std::string(c.title_xml) + "</title></item>"));
        REQUIRE(feed.notices.size() == 1);
        CHECK(feed.notices[0].titles.at(0).text == c.text);
    }
}

TEST_CASE("parse_feed caps each field at its limit, on a character boundary")
{
    std::string long_korean;
    while (long_korean.size() < 3 * kMaxTitleBytes)
        long_korean += "가나다 ";  // 3-byte syllables: a cut in the middle of one would show
    std::string categories;
    for (int i = 0; i < 25; ++i)
        categories += "<category>category " + std::to_string(i) + "</category>";
    const std::string long_category(300, 'c');
    const std::string long_link = "https://example.org/" + std::string(kMaxLinkBytes, 'x');
    const std::string long_id_a = std::string(kMaxIdBytes + 500, 'i') + "a";
    const std::string long_id_b = std::string(kMaxIdBytes + 500, 'i') + "b";

    const auto feed = parse_ok(rss("<item><title>" + long_korean + "</title><description>" + long_korean + long_korean
                                   + "</description>" + categories + "<guid>" + long_id_a + "</guid><link>" + long_link
                                   + "</link></item>"
                                   + "<item><title>x</title><guid>" + long_id_b + "</guid><category>" + long_category
                                   + "</category></item>"));
    REQUIRE(feed.notices.size() == 2);
    const model::Notice& first = feed.notices[0];
    const std::string& title = first.titles.at(0).text;
    CHECK(title.size() <= kMaxTitleBytes);
    CHECK(title.size() >= kMaxTitleBytes - 4);
    CHECK(long_korean.starts_with(title));
    CHECK(title.back() != ' ');
    CHECK(first.summary.size() <= kMaxSummaryBytes);
    CHECK(first.summary.size() >= kMaxSummaryBytes - 4);
    CHECK((long_korean + long_korean).starts_with(first.summary));
    CHECK(first.categories.size() == kMaxCategories);
    CHECK(first.categories.back() == "category 19");
    CHECK(first.link.empty());  // half a URL leads somewhere else: dropped, not cut

    // Long ids keep their start and a hash of the whole: still unique, still stable.
    CHECK(first.id.size() <= kMaxIdBytes);
    CHECK(feed.notices[1].id.size() <= kMaxIdBytes);
    CHECK(first.id != feed.notices[1].id);
    CHECK(first.id.starts_with("iiii"));
    CHECK(feed.notices[1].categories == std::vector<std::string>{std::string(kMaxCategoryBytes, 'c')});
}

TEST_CASE("parse_feed refuses a body over the size limit itself")
{
    std::string body = rss("<item><title>x</title></item>");
    body.resize(kMaxFeedBodyBytes, ' ');
    CHECK(parse_ok(body).notices.size() == 1);
    body += ' ';
    CHECK(parse_error(body) == "body larger than 8388608 bytes");
}

TEST_CASE("parse_feed takes the updated time from each format's own element")
{
    const auto feed = parse_ok(rss(R"(
        <item xmlns:dcterms="http://purl.org/dc/terms/"><title>a</title><pubDate>Mon, 04 Jun 2018 09:00:00 +0900</pubDate>
            <dcterms:modified>2018-06-05T09:00:00+09:00</dcterms:modified></item>
        <item xmlns:dc="http://purl.org/dc/elements/1.1/"><title>b</title><dc:modified>2018-06-06T09:00:00+09:00</dc:modified></item>
        <item xmlns:atom="http://www.w3.org/2005/Atom"><title>c</title><atom:updated>2018-06-07T00:00:00Z</atom:updated></item>
        <item><title>d</title><pubDate>Mon, 04 Jun 2018 09:00:00 +0900</pubDate></item>)"));
    REQUIRE(feed.notices.size() == 4);
    CHECK(iso_utc(feed.notices[0].published) == "2018-06-04T00:00:00Z");
    CHECK(iso_utc(feed.notices[0].updated) == "2018-06-05T00:00:00Z");
    // Only an updated time: the notice counts as published then.
    CHECK(iso_utc(feed.notices[1].updated) == "2018-06-06T00:00:00Z");
    CHECK(iso_utc(feed.notices[1].published) == "2018-06-06T00:00:00Z");
    CHECK(iso_utc(feed.notices[2].updated) == "2018-06-07T00:00:00Z");
    CHECK_FALSE(feed.notices[3].updated.has_value());
}

TEST_CASE("parse_feed reads a zoneless date as Korean time in a Korean item, else as UTC")
{
    struct ZoneCase {
        std::string_view description;
        std::string body;
        std::string_view default_language;
        std::string_view utc;
    };
    const ZoneCase cases[] = {
        {"channel language ko", rss("<item><title>x</title><pubDate>2018-06-04 14:05:00</pubDate></item>", "ko"), "",
            "2018-06-04T05:05:00Z"},
        {"channel language ko-KR", rss("<item><title>x</title><pubDate>2018.06.04</pubDate></item>", "ko-KR"), "",
            "2018-06-03T15:00:00Z"},
        {"source language ko", rss("<item><title>x</title><pubDate>2018-06-04 14:05:00</pubDate></item>"), "ko",
            "2018-06-04T05:05:00Z"},
        {"english item in a korean feed", rss(R"(<item xml:lang="en"><title>x</title><pubDate>2018-06-04 14:05:00</pubDate></item>)", "ko"),
            "", "2018-06-04T14:05:00Z"},
        {"unknown language", rss("<item><title>x</title><pubDate>2018-06-04 14:05:00</pubDate></item>"), "",
            "2018-06-04T14:05:00Z"},
        {"korean form in an english feed", rss("<item><title>x</title><pubDate>2018년 06월 04일 14:05:00</pubDate></item>", "en"),
            "", "2018-06-04T05:05:00Z"},
        {"a stated zone", rss("<item><title>x</title><pubDate>Mon, 04 Jun 2018 14:05:00 GMT</pubDate></item>", "ko"), "",
            "2018-06-04T14:05:00Z"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.description);
        const auto feed = parse_ok(c.body, {"s", std::string(c.default_language)});
        REQUIRE(feed.notices.size() == 1);
        CHECK(iso_utc(feed.notices[0].published) == c.utc);
    }
}

TEST_CASE("parse_feed makes a plain-text summary from each format's description or content")
{
    const auto rss_feed = parse_ok(rss(R"(
        <item><title>a</title><description>&lt;p&gt;First&lt;/p&gt;&lt;p&gt;second &amp;amp; third&lt;/p&gt;</description></item>
        <item xmlns:content="http://purl.org/rss/1.0/modules/content/"><title>b</title><description> </description>
            <content:encoded><![CDATA[<div><h1>Head</h1><style>p{}</style><p>Body&nbsp;text</p></div>]]></content:encoded></item>
        <item><title>c</title><description>plain a &lt; b</description></item>)"));
    REQUIRE(rss_feed.notices.size() == 3);
    CHECK(rss_feed.notices[0].summary == "First second & third");
    CHECK(rss_feed.notices[1].summary == "Head Body" "\u00A0" "text");
    CHECK(rss_feed.notices[2].summary == "plain a < b");

    const auto atom_feed = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom">
        <entry><title>a</title><summary>plain &lt;b&gt; stays</summary><content type="html">&lt;p&gt;content&lt;/p&gt;</content></entry>
        <entry><title>b</title><content type="html">&lt;p&gt;from&lt;br/&gt;content&lt;/p&gt;</content></entry>
        <entry><title>c</title><summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p><p>y</p></div></summary></entry>
        <entry><title>d</title><content type="image/png">iVBORw0KGgo=</content></entry>
        <entry><title>e</title><content src="https://example.org/out-of-line"/></entry></feed>)");
    REQUIRE(atom_feed.notices.size() == 5);
    CHECK(atom_feed.notices[0].summary == "plain <b> stays");
    CHECK(atom_feed.notices[1].summary == "from content");
    CHECK(atom_feed.notices[2].summary == "x y");
    CHECK(atom_feed.notices[3].summary.empty());
    CHECK(atom_feed.notices[4].summary.empty());
}

TEST_CASE("parse_feed drops a translation that repeats a title already there")
{
    const auto feed = parse_ok(rss(R"(<item><title>공지</title>
        <sp:title xml:lang="ko">공지</sp:title><sp:title xml:lang="en">Notice</sp:title>
        <sp:title xml:lang="en-US">Notice</sp:title><sp:title xml:lang="ko">다른 제목</sp:title></item>)", "ko-KR"));
    REQUIRE(feed.notices.size() == 1);
    CHECK(feed.notices[0].titles
          == std::vector<model::LocalizedTitle>{{"ko-kr", "공지"}, {"en", "Notice"}, {"ko", "다른 제목"}});
}

TEST_CASE("parse_feed survives the quadratic blowup quickly and in little memory")
{
    const std::string body = read_fixture("feed-quadratic-blowup.xml");
    REQUIRE(body.size() < 200'000);
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    const auto start = std::chrono::steady_clock::now();
    auto result = parse_feed(body, kContext);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    rusage after{};
    getrusage(RUSAGE_SELF, &after);

    // Substituted, the references would make 2 x 200 MB of text; unsubstituted they are a few
    // MB of nodes at most.
    CHECK(elapsed < std::chrono::seconds{2});
    CHECK(after.ru_maxrss - before.ru_maxrss < 64 * 1024);  // kilobytes
    REQUIRE(result.ok());
    CHECK(ids_of(result.value()) == std::vector<std::string>{"quad-0", "quad-1", "quad-2"});
    CHECK(result->notices[1].titles.at(0).text == "Blowup:");
    CHECK(result->notices[1].categories.empty());
    CHECK(result->notices[2].titles.at(0).text == "Item after the blowup");
}

TEST_CASE("parse_feed reads at most kMaxItems items and kMaxTitles titles per notice")
{
    std::string items;
    for (std::size_t i = 0; i < kMaxItems + 5; ++i)
        items += "<item><title>t</title><guid>" + std::to_string(i) + "</guid></item>";
    const auto feed = parse_ok(rss(items));
    REQUIRE(feed.notices.size() == kMaxItems);
    CHECK(feed.notices.back().id == std::to_string(kMaxItems - 1));

    std::string translations;
    for (int i = 0; i < 100; ++i)
        translations += "<sp:title xml:lang=\"x-" + std::to_string(i) + "\">t" + std::to_string(i) + "</sp:title>";
    const auto many = parse_ok(rss("<item><title>own</title>" + translations + "</item>"));
    REQUIRE(many.notices.size() == 1);
    CHECK(many.notices[0].titles.size() == kMaxTitles);
    CHECK(many.notices[0].titles.back() == model::LocalizedTitle{"x-18", "t18"});
}

TEST_CASE("parse_feed reads the explicit pairing id of RSS items and Atom entries")
{
    const auto from_rss = parse_ok(rss(R"(<item><title>전자정부 협력</title><sp:pair> 2018-0604-egov </sp:pair></item>
        <item><title>no pair</title></item>)", "ko"));
    REQUIRE(from_rss.notices.size() == 2);
    CHECK(from_rss.notices[0].pair_id == "2018-0604-egov");
    CHECK(from_rss.notices[1].pair_id.empty());

    const auto from_atom = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom" xmlns:sp="urn:signage-player:feed:1">
        <entry><id>urn:x:1</id><title>E-government</title><sp:pair>2018-0604-egov</sp:pair></entry></feed>)");
    REQUIRE(from_atom.notices.size() == 1);
    CHECK(from_atom.notices[0].pair_id == "2018-0604-egov");
}

TEST_CASE("parse_feed reads the urgent flag of RSS items and Atom entries")
{
    const auto from_rss = parse_ok(rss(R"(<item><title>정전 안내</title><sp:urgent>true</sp:urgent></item>
        <item><title>empty element</title><sp:urgent/></item>
        <item><title>yes</title><sp:urgent> Yes </sp:urgent></item>
        <item><title>one</title><sp:urgent>1</sp:urgent></item>
        <item><title>false</title><sp:urgent>false</sp:urgent></item>
        <item><title>zero</title><sp:urgent>0</sp:urgent></item>
        <item><title>none</title></item>
        <item xmlns:other="urn:other"><title>another namespace</title><other:urgent>true</other:urgent><urgent>true</urgent></item>)",
        "ko"));
    std::vector<bool> flags;
    for (const auto& notice : from_rss.notices)
        flags.push_back(notice.urgent_flag);
    CHECK(flags == std::vector<bool>{true, true, true, true, false, false, false, false});

    const auto from_atom = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom" xmlns:sp="urn:signage-player:feed:1">
        <entry><id>urn:x:1</id><title>Evacuation drill</title><sp:urgent/></entry>
        <entry><id>urn:x:2</id><title>Office hours</title></entry></feed>)");
    REQUIRE(from_atom.notices.size() == 2);
    CHECK(from_atom.notices[0].urgent_flag);
    CHECK_FALSE(from_atom.notices[1].urgent_flag);

    const auto from_atom03 = parse_ok(R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#" xmlns:sp="urn:signage-player:feed:1">
        <entry><id>urn:y:1</id><title>Fire</title><sp:urgent>yes</sp:urgent></entry></feed>)");
    REQUIRE(from_atom03.notices.size() == 1);
    CHECK(from_atom03.notices[0].urgent_flag);
}

}  // namespace signage::feed

// Items without a title, and the namespaces and vocabularies real feeds use, through
// parse_feed and the fixtures written for them (tests/data/feeds).
#include "feed/feed_parser.hpp"
#include "feed/headline.hpp"
#include "util/line_breaks.hpp"

#include "feed_fixtures.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <string_view>
#include <vector>

namespace signage::feed {

using feed_test::iso_utc;
using feed_test::titles_of;
using feed_test::read_fixture;

namespace {

ParsedFeed parse_ok(std::string_view body, const FeedContext& context = {"items", "en"})
{
    auto result = parse_feed(body, context);
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? std::string{} : result.error().message));
    return std::move(result).value();
}

// Grapheme clusters as a reader counts them, for the checks of length.
std::size_t clusters(std::string_view text)
{
    return grapheme_starts(text).size() - 1;
}

}  // namespace

TEST_CASE("RSS items without a title are headed by their description's first sentence or a cut at a word")
{
    const auto feed = parse_ok(read_fixture("rss2-items-without-titles.xml"));
    REQUIRE(feed.items.size() == 6);
    REQUIRE(feed.notices.size() == 5);
    // Korean: the sentence ends at "다." before a space.
    CHECK(feed.notices[0].titles.at(0) == model::LocalizedTitle{"ko", "행정안전부와 외교부는 5월 28일부터 6월 1일까지 페루와 파라과이에 전자정부 합동 대표단을 파견했다."});
    CHECK(feed.notices[0].link == "https://mois.example.kr/notice/1");
    // Escaped HTML: tags stripped, entities decoded, the first sentence; "18:00" ends nothing.
    CHECK(feed.notices[1].titles.at(0).text == "The Lobby doors close at 18:00 & reopen at 07:30 on Monday.");
    // No sentence end within 120 characters: cut after a space, with an ellipsis.
    const std::string& cut = feed.notices[2].titles.at(0).text;
    CHECK(cut.ends_with("협력 방안을…"));
    CHECK(clusters(cut) <= 120);
    // content:encoded when there is no description; "。" ends a sentence wherever it stands.
    CHECK(feed.notices[3].titles.at(0).text == "Seminar at SERVIR, Lima 。");
    CHECK(feed.notices[4].titles.at(0).text == "제목이 있는 공지");

    const std::vector<std::string> from = {feed.items[0].title_from, feed.items[1].title_from, feed.items[2].title_from,
        feed.items[3].title_from, feed.items[5].title_from};
    CHECK(from == std::vector<std::string>{"description", "description", "description", "content:encoded", ""});
    // Nothing to show: left out, but read, with its id, link and dates.
    const ReadItem& unshown = feed.items[4];
    CHECK_FALSE(unshown.shown);
    CHECK(unshown.why == "no title and no description");
    CHECK(unshown.id == "mois-5");
    CHECK(unshown.link == "https://mois.example.kr/notice/5");
    CHECK(iso_utc(unshown.published) == "2018-06-05T01:00:00Z");
    // The summary stays whole.
    CHECK(feed.notices[0].summary.ends_with("9차례 회의를 열었다."));
}

TEST_CASE("a title of no-break spaces alone is no title")
{
    const auto feed = parse_ok(R"(<rss version="2.0"><channel><title>t</title>
<item><title>&#160;</title><description>Lobby closed today. Sorry.</description><guid>a</guid></item>
<item><title>&#xA0;&#x200B; </title><guid>b</guid></item>
<item><title>&#160;1&#160;</title><guid>c</guid></item>
</channel></rss>)");
    REQUIRE(feed.items.size() == 3);
    REQUIRE(feed.notices.size() == 2);
    CHECK(feed.notices[0].titles.at(0).text == "Lobby closed today.");
    CHECK(feed.items[0].title_from == "description");
    CHECK_FALSE(feed.items[1].shown);
    CHECK(feed.items[2].shown);
}

TEST_CASE("the headline length comes from the context, and a cut lands after a space")
{
    FeedContext context{"items", "ko"};
    context.headline_chars = 30;
    const auto feed = parse_ok(read_fixture("rss2-items-without-titles.xml"), context);
    for (const auto& notice : feed.notices) {
        CAPTURE(notice.id);
        CHECK(clusters(notice.titles.at(0).text) <= 30);
    }
    CHECK(feed.notices[0].titles.at(0).text == "행정안전부와 외교부는 5월 28일부터 6월 1일까지…");
}

TEST_CASE("Atom entries and JSON Feed items without a title are headed by their summary or content")
{
    const auto atom = parse_ok(read_fixture("atom1-entries-without-titles.xml"));
    CHECK(titles_of(atom) == std::vector<std::string>{"Elevator B is out of service until Friday!", "Fire drill on Wednesday at 14:00"});
    REQUIRE(atom.items.size() == 3);
    CHECK(atom.items[0].title_from == "summary");
    CHECK(atom.items[1].title_from == "content");
    CHECK(atom.items[2].why == "no title and no summary or content");
    CHECK(atom.items[2].link == "https://lobby.example.org/3");
    CHECK(iso_utc(atom.items[2].updated) == "2018-06-04T11:00:00Z");

    const auto json = parse_ok(read_fixture("json-feed-items-without-titles.json"));
    CHECK(titles_of(json)
          == std::vector<std::string>{"주차장 B2 구역은 6월 9일(토) 도색 공사로 폐쇄됩니다.", "Water will be off from 10:00 to 12:00 — sorry!",
              "게시판 이전 안내？"});
    REQUIRE(json.items.size() == 4);
    CHECK(json.items[0].title_from == "content_text");
    CHECK(json.items[1].title_from == "content_html");
    CHECK(json.items[2].title_from == "summary");
    CHECK_FALSE(json.items[3].shown);
    CHECK(json.items[3].why == "no title and no content_text, content_html or summary");
    CHECK(json.items[3].id == "4");
    CHECK(json.notices[0].titles.at(0).lang == "ko");
}

TEST_CASE("headline_from_text: sentences in Korean and English, never a split character")
{
    CHECK(headline_from_text("공지입니다. 다음 문장", 120) == "공지입니다.");
    CHECK(headline_from_text("“공사합니다.” 양해 바랍니다.", 120) == "“공사합니다.”");  // the closing quote stays
    CHECK(headline_from_text("버전 3.5를 배포했다! 확인하세요", 120) == "버전 3.5를 배포했다!");
    CHECK(headline_from_text("무엇일까? 정답", 120) == "무엇일까?");
    CHECK(headline_from_text("お知らせ。次", 120) == "お知らせ。");
    CHECK(headline_from_text("No end mark at all", 120) == "No end mark at all");
    CHECK(headline_from_text("Wait... what", 120) == "Wait...");

    // A cut: the longest start that fits with "…", after a space, trailing commas dropped.
    CHECK(headline_from_text("alpha beta, gamma delta epsilon", 20) == "alpha beta, gamma…");
    CHECK(headline_from_text("alpha beta, gamma delta epsilon", 14) == "alpha beta…");
    // No space at all: a line break opportunity (between Hangul syllables), else a cluster boundary.
    const std::string hangul = headline_from_text("가나다라마바사아자차카타파하가나다라마바사아자차카타파하", 10);
    CHECK(hangul == "가나다라마바사아자…");

    // Clusters of several code points are never split: e + U+0301, a ZWJ family, a flag.
    const std::string accents = [] {
        std::string text;
        for (int i = 0; i < 40; ++i)
            text += "e\u0301";
        return text;
    }();
    const std::string cut_accents = headline_from_text(accents, 21);
    CHECK(cut_accents == accents.substr(0, 20 * 3) + "…");
    std::string families;
    for (int i = 0; i < 30; ++i)
        families += "\U0001F469\u200D\U0001F469\u200D\U0001F467\U0001F1F0\U0001F1F7";
    const std::string cut_families = headline_from_text(families, 21);
    CHECK(clusters(cut_families) <= 21);
    CHECK(cut_families.ends_with("\U0001F1F0\U0001F1F7…"));
}

TEST_CASE("RSS under UserLand's namespace, Atom with a prefix and under its drafts are read")
{
    const auto userland = parse_ok(read_fixture("rss2-userland-namespace.xml"));
    CHECK(userland.format == "rss 2.0");
    CHECK(userland.title == "Scripting News");
    CHECK(titles_of(userland) == std::vector<std::string>{"Namespaced item"});
    CHECK(userland.notices[0].link == "http://scripting.example.com/2003/01/20.html#a1");
    CHECK(iso_utc(userland.notices[0].published) == "2003-01-20T17:30:00Z");
    CHECK(userland.notices[0].titles[0].lang == "en-us");

    const auto prefixed = parse_ok(read_fixture("atom1-prefixed.xml"));
    CHECK(prefixed.format == "atom 1.0");
    CHECK(titles_of(prefixed) == std::vector<std::string>{"Prefixed entry"});
    CHECK(prefixed.notices[0].link == "https://example.org/prefixed/1");

    const auto draft = parse_ok(read_fixture("atom-draft-ietf-08.xml"));
    CHECK(draft.format == "atom draft-08");
    CHECK(draft.title == "Draft feed");
    CHECK(titles_of(draft) == std::vector<std::string>{"Draft entry"});  // type="html"
    CHECK(iso_utc(draft.notices[0].published) == "2005-05-01T08:00:00Z");
    CHECK(iso_utc(draft.notices[0].updated) == "2005-05-01T09:00:00Z");
}

TEST_CASE("Atom 0.3 mode=\"base64\" text is decoded, and text that is not base64 is no text")
{
    const auto feed = parse_ok(read_fixture("atom03-base64.xml"));
    CHECK(feed.format == "atom 0.3");
    REQUIRE(feed.notices.size() == 2);
    CHECK(feed.notices[0].titles.at(0) == model::LocalizedTitle{"ko", "Base64 title"});  // wrapped over two lines
    CHECK(feed.notices[0].summary == "공지 & 안내");  // text/html: markup removed
    CHECK(iso_utc(feed.notices[0].published) == "2004-01-01T00:00:00Z");
    CHECK(feed.notices[1].titles.at(0).text == "Plain content");
    CHECK(feed.items[1].title_from == "content");
    CHECK_FALSE(feed.items[2].shown);
}

TEST_CASE("Dublin Core, Media RSS and iTunes give titles and dates where the core element is missing")
{
    const auto feed = parse_ok(read_fixture("rss2-borrowed-vocabularies.xml"));
    CHECK(feed.title == "Borrowed words");  // dc:title of the channel
    CHECK(titles_of(feed)
          == std::vector<std::string>{"From dc:title", "Core title wins", "From media:title", "From itunes:Title",
              "Episode 12 is about the lobby."});
    CHECK(iso_utc(feed.notices[0].published) == "2018-06-04T00:00:00Z");  // dc:date
    CHECK(iso_utc(feed.notices[1].published) == "2018-06-01T00:00:00Z");  // dcterms:issued
    CHECK(iso_utc(feed.notices[1].updated) == "2018-06-02T00:00:00Z");    // dcterms:modified
    CHECK(iso_utc(feed.notices[2].published) == "2018-05-30T00:00:00Z");  // dcterms:created
    CHECK(feed.items[4].title_from == "itunes:summary");
}

TEST_CASE("RSS guid isPermaLink and RSS 1.0 rdf:about decide ids and links")
{
    const auto guids = parse_ok(read_fixture("rss2-guid-permalink.xml"));
    REQUIRE(guids.notices.size() == 5);
    const std::vector<std::pair<std::string, std::string>> expected = {{"https://example.org/a", "https://example.org/a"},
        {"https://example.org/b", "https://example.org/b"}, {"https://example.org/c", ""},
        {"https://example.org/d", "https://example.org/d-link"}, {"tag-e", ""}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(guids.notices[i].id == expected[i].first);
        CHECK(guids.notices[i].link == expected[i].second);
    }

    const auto rdf = parse_ok(read_fixture("rss1-rdf-about.xml"));
    REQUIRE(rdf.notices.size() == 2);
    CHECK(rdf.notices[0].id == "http://example.org/items/1");
    CHECK(rdf.notices[0].link == "http://example.org/items/1?from=rss");
    CHECK(rdf.notices[1].id == "http://example.org/items/2");
    CHECK(rdf.notices[1].titles.at(0).text == "An RSS 1.0 item without a title.");
}

TEST_CASE("an empty but well-formed feed is a feed without items, not an error")
{
    for (const char* fixture : {"rss2-empty-no-channel.xml", "rss2-empty-channel.xml", "atom1-empty.xml", "json-feed-empty.json"}) {
        CAPTURE(fixture);
        const auto feed = parse_ok(read_fixture(fixture));
        CHECK(feed.items.empty());
        CHECK(feed.notices.empty());
    }
    CHECK(parse_ok("<rss><channel/></rss>").format == "rss");
    CHECK(parse_ok("<rss><channel/></rss>").ill_formed.empty());
    // Recovered from an ill-formed document: without items, but not a well-formed empty feed.
    CHECK_FALSE(parse_ok("<rss><channel></item>").ill_formed.empty());
    CHECK(parse_ok(R"({"version": "https://jsonfeed.org/version/1.1", "items": [)").ill_formed.find("parse error") != std::string::npos);
    // An <rss> holding something else than a channel is still no feed.
    CHECK_FALSE(parse_feed("<rss version=\"2.0\"><title>no channel</title></rss>", {"items", "en"}).ok());
    // A feed with items none of which can be shown is not empty: its items say why.
    const auto unshown = parse_ok(read_fixture("rss2-no-item-shown.xml"));
    CHECK(unshown.notices.empty());
    CHECK(unshown.items.size() == 2);
}

}  // namespace signage::feed

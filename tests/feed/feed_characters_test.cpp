// Entities and characters as a browser shows them, through parse_feed, in RSS 2.0, Atom 1.0 and
// JSON Feed (tests/data/feeds/chars-*): "&#X41;" with an upper-case X, unknown entities kept as
// their text, no-break spaces kept one for one, comments that never eat the text beside them;
// and encoding labels no one registered (tests/data/feeds/label-*, written by
// make_label_fixtures.py there) read from the bytes instead of costing the feed its notices.
#include "feed/feed_parser.hpp"
#include "test_support.hpp"
#include "text/shaper.hpp"
#include "text/wrap.hpp"

#include "feed_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace signage::feed {

using feed_test::read_fixture;

namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";

ParsedFeed parse_named(const std::string& name, const FeedContext& context)
{
    auto result = parse_feed(read_fixture(name), context);
    REQUIRE_MESSAGE(result.ok(), (name + ": " + (result.ok() ? std::string{} : result.error().message)));
    return std::move(result).value();
}

const model::Notice& notice_with_id(const ParsedFeed& feed, std::string_view id)
{
    const auto found = std::find_if(feed.notices.begin(), feed.notices.end(), [&](const model::Notice& n) { return n.id == id; });
    REQUIRE_MESSAGE(found != feed.notices.end(), std::string(id));
    return *found;
}

std::string nb(std::string_view before, std::string_view after)
{
    return std::string(before) + std::string(kNbsp) + std::string(after);
}

bool mended_mentions(const ParsedFeed& feed, std::string_view words)
{
    return std::any_of(feed.mended.begin(), feed.mended.end(),
                       [&](const std::string& line) { return line.find(words) != std::string::npos; });
}

std::string content_type(std::string_view charset)
{
    return charset.empty() ? std::string() : "application/rss+xml; charset=" + std::string(charset);
}

const std::vector<std::string> kKoreanTitles = {"행정안전부·외교부, 페루·파라과이와 전자정부 협력 강화",
                                                "한-파라과이 전자정부 협력 포럼, 아순시온에서 개최 (똠얌꿍 오찬)"};

}  // namespace

TEST_CASE("RSS 2.0: upper-case X references, unknown entities, no-break spaces and comments read as a browser shows them")
{
    const ParsedFeed feed = parse_named("chars-rss2.xml", {"chars", "en"});
    CHECK(feed.title == "Town notices & news");

    const auto& upper = notice_with_id(feed, "upper-x");
    CHECK(upper.titles.at(0).text == "Gate A2 opens: 가각 📢");
    CHECK(upper.summary == "Escaped too: B3 and 한글");  // escaped HTML: valid HTML, decoded

    const auto& unknown = notice_with_id(feed, "unknown-entities");
    CHECK(unknown.titles.at(0).text == "Fish &foo; chips &nbspx; and été");
    CHECK(unknown.summary == "Kept: &bar; and &nbspx; but …");

    const auto& spaces = notice_with_id(feed, "no-break-spaces");
    CHECK(spaces.titles.at(0).text == nb("10", nb("km", nb("run", nb("", "today")))));
    CHECK(spaces.summary == nb("Hall", "B, ") + nb("3", "p.m."));
    CHECK(notice_with_id(feed, "escaped-no-break").titles.at(0).text == nb("Room", "101"));

    const auto& comments = notice_with_id(feed, "comments");
    CHECK(comments.titles.at(0).text == "AB CD EF GH");
    CHECK(comments.summary == "onetwo threefour fivesix");
    // What came after the comments XML does not allow is read in full.
    CHECK(notice_with_id(feed, "after-comments").titles.at(0).text == "Tom & Jerry © 2024");

    CHECK(mended_mentions(feed, "5 character reference(s) with an upper-case X"));
    CHECK(mended_mentions(feed, "2 reference(s) to an entity no one defines (&foo;) kept as their text"));
    CHECK(mended_mentions(feed, "3 comment(s) XML does not allow"));
}

TEST_CASE("Atom 1.0: the same in text, html and xhtml constructs")
{
    const ParsedFeed feed = parse_named("chars-atom1.xml", {"chars", "en"});
    CHECK(feed.title == "Campus Alerts");
    REQUIRE(feed.notices.size() == 2);
    CHECK(feed.notices[0].titles.at(0).text == "Hall 가 & &zzz; " + nb("open", "now"));
    CHECK(feed.notices[0].summary == "leftright updown");
    CHECK(feed.notices[1].titles.at(0).text == "Plain A &undefined; " + nb("5", "°C!"));
    CHECK(feed.notices[1].summary == nb("In", "xhtmltext B"));
}

TEST_CASE("JSON Feed: content_html decodes as HTML, the title is plain text and stays as written")
{
    const ParsedFeed feed = parse_named("chars-json-feed.json", {"chars", "en"});
    REQUIRE(feed.notices.size() == 1);
    CHECK(feed.notices[0].titles.at(0).text == "Title is plain text: &#X41; stays");
    CHECK(feed.notices[0].summary == "Hex A가 &foo; &nbspx; " + nb("10", "km") + " ab cd ef");
}

TEST_CASE("a no-break space from a feed is never where a line breaks")
{
    const text::FreeTypeLibrary library = text::FreeTypeLibrary::create().value();
    const text::FontChain chain = text::FontChain::open(library, repository_fonts().bold_chain(), 20).value();
    const ParsedFeed feed = parse_named("chars-rss2.xml", {"chars", "en"});
    const std::string& title = notice_with_id(feed, "no-break-spaces").titles.at(0).text;
    // As wide as the title: the whole does not fit, and a greedy wrap would put "Notice 10" on
    // the first line if the no-break space after "10" were a break opportunity.
    const int width = (text::shape_line(title, chain).advance + 63) / 64 + 1;
    const auto lines = text::wrap_text("Notice " + title, chain, width, 10);
    CHECK(lines == std::vector<std::string>{"Notice", title});
}

TEST_CASE("an encoding label no one registered gives way to the byte order mark, the zero bytes, UTF-8, then the fallback")
{
    struct LabelCase {
        std::string_view fixture;
        std::string_view http_charset;  // empty: none
        std::string_view language;      // the source's configured language
        std::string_view encoding;
        std::string_view label_in_log;  // empty: no line (a byte order mark settles it)
    };
    constexpr LabelCase cases[] = {
        {"label-utf8-declared-bogus.xml", "", "en", "UTF-8", "encoding \"bogus\" of the XML declaration"},
        {"label-utf8-declared-bogus.xml", "bogus", "ko", "UTF-8", "charset \"bogus\" of the HTTP Content-Type"},
        {"label-utf8-bom-declared-bogus.xml", "u16", "en", "UTF-8", ""},
        {"label-utf16le-bom-declared-u16.xml", "", "en", "UTF-16LE", ""},
        {"label-utf16be-bom-declared-u16.xml", "utf_32", "en", "UTF-16BE", ""},
        {"label-utf16le-no-bom-declared-u16.xml", "", "en", "UTF-16LE", "encoding \"u16\" of the XML declaration"},
        {"label-utf16be-no-bom-declared-u16.xml", "u16", "en", "UTF-16BE", "charset \"u16\" of the HTTP Content-Type"},
        {"label-utf32le-no-bom-declared-utf_32.xml", "", "en", "UTF-32LE", "encoding \"utf_32\""},
        {"label-utf32be-bom-declared-utf_32.xml", "", "en", "UTF-32BE", ""},
        {"label-cp949-declared-bogus.xml", "", "ko", "CP949", "encoding \"bogus\" of the XML declaration"},
        {"label-cp949-declared-bogus.xml", "bogus", "ko-KR", "CP949", "charset \"bogus\" of the HTTP Content-Type and encoding"},
        {"label-cp949-undeclared.xml", "utf_32", "ko", "CP949", "charset \"utf_32\" of the HTTP Content-Type"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.fixture);
        CAPTURE(c.http_charset);
        FeedContext context{"labels", std::string(c.language)};
        context.content_type = content_type(c.http_charset);
        const ParsedFeed feed = parse_named(std::string(c.fixture), context);
        CHECK(feed.encoding == c.encoding);
        CHECK(feed.title == "행정안전부 새소식");
        REQUIRE(feed.notices.size() == 2);
        CHECK(feed.notices[0].titles.at(0).text == kKoreanTitles[0]);
        CHECK(feed.notices[1].titles.at(0).text == kKoreanTitles[1]);
        const auto lines = std::count_if(feed.mended.begin(), feed.mended.end(),
                                         [](const std::string& line) { return line.starts_with("unknown encoding label"); });
        if (c.label_in_log.empty()) {
            CHECK(lines == 0);
            continue;
        }
        CHECK(lines == 1);
        CHECK(mended_mentions(feed, c.label_in_log));
        CHECK(mended_mentions(feed, "read as " + std::string(c.encoding)));
    }
}

TEST_CASE("bytes that are not UTF-8 under an unknown label, from a source that is not Korean, keep their notices")
{
    const ParsedFeed feed = parse_named("label-cp949-declared-bogus.xml", {"labels", "en"});
    CHECK(feed.encoding == "UTF-8");
    REQUIRE(feed.notices.size() == 2);
    CHECK(feed.notices[0].titles.at(0).text.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
    CHECK(mended_mentions(feed, "unknown encoding label encoding \"bogus\" of the XML declaration: read as UTF-8"));
    CHECK(mended_mentions(feed, "shown as U+FFFD"));
}

TEST_CASE("UTF-8 with a stray byte under an unknown label stays UTF-8 for a Korean source: one U+FFFD, not a page of CP949")
{
    std::string body = read_fixture("label-utf8-declared-bogus.xml");
    const auto at = body.find("협력 강화");
    REQUIRE(at != std::string::npos);
    body.insert(at, "\xFF");
    const auto parsed = parse_feed(body, {"labels", "ko"});
    REQUIRE(parsed.ok());
    CHECK(parsed->encoding == "UTF-8");
    REQUIRE(parsed->notices.size() == 2);
    CHECK(parsed->notices[0].titles.at(0).text == "행정안전부·외교부, 페루·파라과이와 전자정부 \xEF\xBF\xBD협력 강화");
    CHECK(parsed->notices[1].titles.at(0).text == kKoreanTitles[1]);
}

}  // namespace signage::feed

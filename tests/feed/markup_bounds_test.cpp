// Issue 14, defect 1: markup that costs libxml2 time out of proportion to its size is refused
// before parsing, and a parse stops at its budget or when the player stops. Before the bounds, the
// first document below took about 45 s of CPU (a minute or more on a busy machine).
#include "feed/feed_parser.hpp"
#include "feed/markup_bounds.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <stop_token>
#include <string>
#include <string_view>

namespace signage::feed {

namespace {

const FeedContext kContext{"crafted", "en"};

std::string rss_around(const std::string& doctype, const std::string& item_attributes, const std::string& inside = "")
{
    return "<?xml version=\"1.0\"?>" + doctype + "<rss version=\"2.0\"><channel><title>t</title><item" + item_attributes +
           "><title>The one notice</title>" + inside + "</item></channel></rss>";
}

std::string attributes(int count, const std::string& name = "a", const std::string& value = "x")
{
    std::string text;
    for (int i = 0; i < count; ++i)
        text += " " + name + std::to_string(i) + "=\"" + value + std::to_string(i) + "\"";
    return text;
}

std::string error_of(const std::string& body, const FeedContext& context = kContext)
{
    const auto parsed = parse_feed(body, context);
    return parsed.ok() ? "parsed" : parsed.error().message;
}

}  // namespace

TEST_CASE("one element with 200,000 attributes is refused at once instead of parsed for a minute")
{
    CHECK(error_of(rss_around("", attributes(200'000))) == "refused: an element with 200000 attributes (at most 256; a feed needs a handful)");
}

TEST_CASE("namespace declarations are bounded per element and all the open elements together")
{
    CHECK(error_of(rss_around("", attributes(50'000, "xmlns:n", "urn:n"))) ==
          "refused: an element with 50000 attributes (at most 256; a feed needs a handful)");

    // 250 nested elements of 250 declarations each: every prefix is looked up among all of them.
    std::string open;
    std::string close;
    for (int depth = 0; depth < 250; ++depth) {
        open += "<e" + std::to_string(depth) + attributes(250, "xmlns:d" + std::to_string(depth) + "n", "urn:") + ">";
        close = "</e" + std::to_string(depth) + ">" + close;
    }
    CHECK(error_of(rss_around("", "", open + close)) ==
          "refused: 250 namespace declarations in scope at once (at most 128; a feed needs a few dozen)" + std::string{});
}

TEST_CASE("declarations in sibling elements do not add up: each closes its scope")
{
    // Atom entries often declare XHTML on each content div: 2,000 of them is an ordinary feed.
    std::string items;
    for (int i = 0; i < 2000; ++i)
        items += "<item><title>Notice " + std::to_string(i) + "</title><x:div xmlns:x=\"http://www.w3.org/1999/xhtml\">t</x:div><y:e xmlns:y=\"urn:y\"/></item>";
    const auto parsed = parse_feed("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>" + items + "</channel></rss>", kContext);
    REQUIRE(parsed.ok());
    CHECK(parsed.value().notices.size() == 2000);
}

TEST_CASE("attribute defaults and parameter entities in the internal subset are refused, plain entities still work")
{
    std::string defaults;
    for (int i = 0; i < 50'000; ++i)
        defaults += "<!ATTLIST item a" + std::to_string(i) + " CDATA \"d\">";
    CHECK(error_of(rss_around("<!DOCTYPE rss [" + defaults + "]>", "")) ==
          "refused: its internal DTD subset declares 50000 attribute defaults (at most 64; a feed needs none)");
    CHECK(error_of(rss_around("<!DOCTYPE rss [<!ENTITY % p \"<!ATTLIST item a CDATA 'd'>\"> %p;]>", "")) ==
          "refused: its internal DTD subset declares parameter entities, which no feed needs");

    // What real feeds put there: HTML's named entities, and an attribute list without defaults.
    const auto parsed = parse_feed(rss_around("<!DOCTYPE rss [<!-- \"<!ATTLIST\" --><!ENTITY nbsp \"&#160;\"><!ATTLIST item id ID #IMPLIED>]>",
                                              attributes(20)),
                                   kContext);
    REQUIRE(parsed.ok());
    REQUIRE(parsed.value().notices.size() == 1);
    CHECK(parsed.value().notices[0].titles.at(0).text == "The one notice");
}

TEST_CASE("quoted and commented markup is not counted: only real tags are")
{
    const std::string many_equals(5000, '=');
    const auto parsed = parse_feed(rss_around("", " a=\"" + many_equals + "\"", "<!-- <x " + attributes(1000) + "> --><![CDATA[<y " + attributes(1000) + ">]]>"),
                                   kContext);
    REQUIRE(parsed.ok());
    CHECK(parsed.value().notices.size() == 1);
    CHECK(check_xml_markup("<x" + attributes(256) + "/>").ok());
    CHECK_FALSE(check_xml_markup("<x" + attributes(257) + "/>").ok());
}

TEST_CASE("a description whose tags would stall the HTML parser is left out, the notice stays")
{
    std::string html_attributes;
    for (int i = 0; i < 5000; ++i)
        html_attributes += " a" + std::to_string(i) + "=x";
    const auto parsed = parse_feed(rss_around("", "", "<description>&lt;p" + html_attributes + "&gt;Hello&lt;/p&gt;</description>"), kContext);
    REQUIRE(parsed.ok());
    REQUIRE(parsed.value().notices.size() == 1);
    CHECK(parsed.value().notices[0].titles.at(0).text == "The one notice");
    CHECK(parsed.value().notices[0].summary.empty());
    CHECK(html_markup_within_bounds("<p class=a id=b hidden>Hello</p> <br> a < b"));
    CHECK_FALSE(html_markup_within_bounds("<p" + html_attributes + ">"));
}

TEST_CASE("a parse stops at its deadline or when the player stops, with a line saying which")
{
    const std::string body = rss_around("", "");
    FeedContext late = kContext;
    late.budget.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    CHECK(error_of(body, late) == "refused: parsing it took longer than 10 s, far longer than any feed; is the document broken?");

    std::stop_source stopping;
    stopping.request_stop();
    FeedContext stopped = kContext;
    stopped.budget.stop = stopping.get_token();
    CHECK(error_of(body, stopped) == "cancelled: the player is stopping");

    FeedContext in_time = kContext;
    in_time.budget.deadline = std::chrono::steady_clock::now() + std::chrono::hours(1);
    CHECK(error_of(body, in_time) == "parsed");
}

}  // namespace signage::feed

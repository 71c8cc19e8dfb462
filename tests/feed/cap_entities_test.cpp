// A CAP document is hostile input like any feed: its DTD, external entities and parameter
// entities are never loaded nor expanded, and reading it never touches the network.
#include "feed/feed_parser.hpp"

#include "feed_fixtures.hpp"
#include "feed_server.hpp"

#include <doctest/doctest.h>

#include <string>

namespace signage::feed {

namespace {

FeedContext context()
{
    FeedContext context;
    context.source_name = "alerts";
    context.expect_alerts = true;
    return context;
}

std::string cap_with_doctype(const std::string& doctype, const std::string& headline)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype +
           "\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>xxe-1</identifier>"
           "<sender>attacker@example.org</sender><status>Actual</status><msgType>Alert</msgType>"
           "<scope>Public</scope><info><event>e</event><headline>" + headline + "</headline>"
           "<description>d &x; d</description></info></alert>";
}

}  // namespace

TEST_CASE("a CAP document's external file entity is neither loaded nor expanded")
{
    const std::string body = cap_with_doctype("<!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", "before &x; after");
    const auto parsed = parse_feed(body, context());
    REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? std::string{} : parsed.error().message));
    REQUIRE(parsed->alerts.size() == 1);
    REQUIRE(parsed->alerts[0].infos.size() == 1);
    CHECK(parsed->alerts[0].infos[0].headline == "before after");
    CHECK(parsed->alerts[0].infos[0].description == "d d");
}

TEST_CASE("a CAP document's DTD, external entities and parameter entities on a server are never fetched")
{
    const feed_test::FeedServer server;
    REQUIRE_MESSAGE(server.ok(), server.error());
    const std::string entity_url = server.url("/feed/cap/cap12-cancel.xml");
    const std::string dtd_url = server.url("/feed/cap/external.dtd");
    const std::string parameter_url = server.url("/feed/cap/parameter.dtd");
    struct Case {
        std::string doctype;
        std::string headline;  // empty: the document is refused
    };
    const Case cases[] = {
        {"<!DOCTYPE alert [<!ENTITY x SYSTEM \"" + entity_url + "\">]>", "h h"},
        // With the DTD not loaded, &x; is defined nowhere: kept as its text, as in feeds.
        {"<!DOCTYPE alert SYSTEM \"" + dtd_url + "\">", "h &x; h"},
        {"<!DOCTYPE alert PUBLIC \"-//x//y//EN\" \"" + dtd_url + "\" [<!ENTITY x \"inner\">]>", "h h"},
        // Parameter entities: refused before the parser sees them (markup_bounds).
        {"<!DOCTYPE alert [<!ENTITY % p SYSTEM \"" + parameter_url + "\"> %p; <!ENTITY x \"inner\">]>", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.doctype);
        const auto parsed = parse_feed(cap_with_doctype(c.doctype, "h &x; h"), context());
        if (c.headline.empty()) {
            REQUIRE_FALSE(parsed.ok());
            CHECK(parsed.error().message.find("parameter entities") != std::string::npos);
            continue;
        }
        REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? std::string{} : parsed.error().message));
        REQUIRE(parsed->alerts.size() == 1);
        REQUIRE(parsed->alerts[0].infos.size() == 1);
        CHECK(parsed->alerts[0].infos[0].headline == c.headline);
    }
    // The server logs every request it gets; the log itself is asked for after this line.
    CHECK(server.requests().empty());
}

}  // namespace signage::feed

// Alerts sources as the fetcher polls them: the CAP alerts an index links to, fetched politely,
// kept through failures and restarts, and delivered with the index in one update.
#include "feed/source_poller.hpp"

#include "feed/feed_cache.hpp"
#include "feed/fetcher.hpp"
#include "feed/http_client.hpp"
#include "fetch_test_support.hpp"
#include "feed_server.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace signage::feed {

using feed_test::http_source;
using feed_test::ServerFixture;
using feed_test::SourceDriver;

namespace {

const std::string kAlertA = "KR-BUSAN-2026-1206-RAIN-03";
const std::string kAlertB = "KR-ULSAN-2026-1206-FLOOD-01";
const std::string kPathA = "/feed/cap/fetch-alert-a.xml";
const std::string kPathB = "/feed/cap/fetch-alert-b.xml";

std::vector<std::string> identifiers(const std::vector<model::Alert>& alerts)
{
    std::vector<std::string> ids;
    for (const model::Alert& alert : alerts)
        ids.push_back(alert.identifier);
    return ids;
}

// The updates that carried a set of alerts, in order.
std::vector<std::vector<std::string>> alert_sets(const std::vector<SourceUpdate>& updates)
{
    std::vector<std::vector<std::string>> sets;
    for (const SourceUpdate& update : updates) {
        if (update.alerts)
            sets.push_back(identifiers(*update.alerts));
    }
    return sets;
}

std::string url_encoded(const std::string& text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            out += static_cast<char>(c);
        else
            out += {'%', hex[c >> 4], hex[c & 15]};
    }
    return out;
}

void write_file(const std::filesystem::path& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

std::string atom_index(const std::vector<std::string>& links)
{
    std::string index = R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
  <title>특보 목록</title><id>urn:uuid:5e0c2b1a-7d2f-4c8e-a1b3-0f6e2d9c4b11</id><updated>2026-12-06T11:00:00+09:00</updated>
)";
    for (std::size_t i = 0; i < links.size(); ++i) {
        index += "  <entry><title>특보 " + std::to_string(i) + "</title><id>entry-" + std::to_string(i) +
                 "</id><updated>2026-12-06T11:00:00+09:00</updated><link type=\"application/cap+xml\" href=\"" + links[i] +
                 "\"/></entry>\n";
    }
    return index + "</feed>\n";
}

}  // namespace

TEST_CASE_FIXTURE(ServerFixture, "an alerts index with two linked alerts gives one update with both")
{
    REQUIRE_SERVER(server);
    SourceDriver driver(http_source("yeongnam", server.url("/feed/cap/fetch-index-two.xml")));
    driver.poll();
    REQUIRE(driver.updates.size() == 1);
    const SourceUpdate& update = driver.updates[0];
    CHECK_FALSE(update.failing);
    REQUIRE(update.alerts);
    CHECK(identifiers(*update.alerts) == std::vector<std::string>{kAlertA, kAlertB});
    CHECK(std::ranges::all_of(*update.alerts, [](const model::Alert& a) { return a.source_name == "yeongnam"; }));
    REQUIRE(update.notices);
    CHECK(update.notices->empty());
    CHECK(update.status.items == 2);
    CHECK(server.count(kPathA) == 1);
    CHECK(server.count(kPathB) == 1);
}

TEST_CASE_FIXTURE(ServerFixture, "a linked alert whose entry did not change is not fetched again")
{
    REQUIRE_SERVER(server);
    SourceDriver driver(http_source("yeongnam", server.url("/feed/cap/fetch-index-two.xml")));
    driver.poll(3);
    CHECK(server.count("/feed/cap/fetch-index-two.xml") == 3);
    CHECK(server.count(kPathA) == 1);
    CHECK(server.count(kPathB) == 1);
    CHECK(driver.link_fetches == 2);
    // The set went out once; the confirmations after it carry none (nothing changed).
    CHECK(alert_sets(driver.updates) == std::vector<std::vector<std::string>>{{kAlertA, kAlertB}});
}

TEST_CASE_FIXTURE(ServerFixture, "a linked alert whose entry changed is fetched again, conditionally")
{
    REQUIRE_SERVER(server);
    SourceDriver driver(http_source("yeongnam", server.url("/seq/index/feed:cap:fetch-index-two.xml,feed:cap:fetch-index-two-changed.xml")));
    driver.poll(2);
    const auto requests = server.requests_to(kPathA);
    REQUIRE(requests.size() == 2);
    CHECK_FALSE(requests[0].has_header("if-none-match"));
    CHECK(requests[1].has_header("if-none-match"));
    CHECK(requests[1].status == 304);
    CHECK(server.count(kPathB) == 1);
    CHECK(alert_sets(driver.updates) == std::vector<std::vector<std::string>>{{kAlertA, kAlertB}});
}

TEST_CASE_FIXTURE(ServerFixture, "a linked alert that fails keeps its last good copy, and the failure is logged once")
{
    REQUIRE_SERVER(server);
    SourceDriver driver(http_source("yeongnam", server.url("/seq/index/feed:cap:fetch-index-flaky.xml,feed:cap:fetch-index-flaky-changed.xml")));
    driver.poll(4);  // the alert, then a 500 on each retry
    // The index's link, as resolved against the index's URL (which escapes its ":").
    const std::string flaky = "/seq/flaky-a/feed%3Acap%3Afetch-alert-a.xml,status%3A500";
    const auto requests = server.requests_to(flaky);
    REQUIRE(requests.size() == 4);  // fetched, then changed in the index (500), then retried at each poll after its backoff
    CHECK(requests[0].status == 200);
    CHECK(requests[3].status == 500);
    CHECK(alert_sets(driver.updates) == std::vector<std::vector<std::string>>{{kAlertA, kAlertB}});
    CHECK(std::ranges::none_of(driver.updates, &SourceUpdate::failing));
    const std::string text = log.text();
    CHECK(feed_test::lines_about(text, "yeongnam") == 1);
    CHECK(text.find("linked alert " + server.url(flaky) + ": HTTP 500") != std::string::npos);
    CHECK(text.find("its last good copy stays on screen") != std::string::npos);
}

TEST_CASE_FIXTURE(ServerFixture, "a link the index no longer lists drops its alert")
{
    REQUIRE_SERVER(server);
    SourceDriver driver(http_source("yeongnam", server.url("/seq/index/feed:cap:fetch-index-two.xml,feed:cap:fetch-index-only-b.xml")));
    driver.poll(2);
    CHECK(alert_sets(driver.updates) == std::vector<std::vector<std::string>>{{kAlertA, kAlertB}, {kAlertB}});
    CHECK(server.count(kPathB) == 1);
}

TEST_CASE_FIXTURE(ServerFixture, "an alerts index that lists nothing ends every alert of the source")
{
    REQUIRE_SERVER(server);
    SourceDriver driver(http_source("yeongnam", server.url("/seq/index/feed:cap:fetch-index-two.xml,feed:cap:fetch-index-empty.xml")));
    driver.poll(2);
    CHECK(alert_sets(driver.updates) == std::vector<std::vector<std::string>>{{kAlertA, kAlertB}, {}});
    CHECK_FALSE(driver.updates.back().failing);
}

TEST_CASE_FIXTURE(ServerFixture, "the cached index and its linked alerts go out at start, before any fetch")
{
    REQUIRE_SERVER(server);
    const FeedCache cache(scratch / "cache");
    const config::FeedSource source = http_source("yeongnam", server.url("/seq/index/feed:cap:fetch-index-two.xml,feed:cap:fetch-index-only-b.xml"));
    {
        SourceDriver first(source, &cache);
        first.poll();
        REQUIRE(alert_sets(first.updates).size() == 1);
    }
    server.clear_log();
    SourceDriver restarted(source, &cache);
    restarted.start_from_cache();
    CHECK(server.requests().empty());
    REQUIRE(restarted.updates.size() == 1);
    CHECK(restarted.updates[0].status.outcome == FetchOutcome::cached);
    CHECK(alert_sets(restarted.updates) == std::vector<std::vector<std::string>>{{kAlertA, kAlertB}});
    // The link no longer listed leaves the cache too: a third start shows only B.
    restarted.poll();
    CHECK(alert_sets(restarted.updates).back() == std::vector<std::string>{kAlertB});
    CHECK(server.count(kPathB) == 0);  // held, unchanged: not fetched again after the restart
    SourceDriver again(source, &cache);
    again.start_from_cache();
    CHECK(alert_sets(again.updates) == std::vector<std::vector<std::string>>{{kAlertB}});
}

TEST_CASE_FIXTURE(ServerFixture, "a linked alert's DTD and external entity are never fetched")
{
    REQUIRE_SERVER(server);
    const std::string alert = "<?xml version=\"1.0\"?>\n<!DOCTYPE alert SYSTEM \"" + server.url("/evil.dtd") +
                              "\" [\n<!ENTITY ext SYSTEM \"" + server.url("/evil-entity") + "\">\n]>\n"
                              "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>X-&ext;</identifier>"
                              "<sender>a@example.go.kr</sender><sent>2026-12-06T09:00:00+09:00</sent><status>Actual</status>"
                              "<msgType>Alert</msgType><scope>Public</scope><info><event>시험</event><urgency>Immediate</urgency>"
                              "<severity>Severe</severity><certainty>Observed</certainty><headline>&ext;</headline></info></alert>\n";
    const std::string link = server.url("/text/application/cap+xml?body=" + url_encoded(alert));
    write_file(scratch / "index.xml", atom_index({link}));
    SourceDriver driver(http_source("local-index", "file://" + (scratch / "index.xml").string()));
    driver.poll();
    CHECK(driver.link_fetches == 1);
    CHECK(server.requests().size() == 1);  // the alert itself, nothing it names
    CHECK(server.count("/evil.dtd") == 0);
    CHECK(server.count("/evil-entity") == 0);
}

TEST_CASE_FIXTURE(ServerFixture, "an index on a server cannot make the player read its own files")
{
    REQUIRE_SERVER(server);
    write_file(scratch / "alert.xml", feed_test::read_fixture("cap/fetch-alert-a.xml"));
    const std::string index = atom_index({"file://" + (scratch / "alert.xml").string(), server.url(kPathB)});
    SourceDriver driver(http_source("yeongnam", server.url("/text/application/atom+xml?body=" + url_encoded(index))));
    driver.poll();
    CHECK(alert_sets(driver.updates) == std::vector<std::vector<std::string>>{{kAlertB}});
}

TEST_CASE_FIXTURE(ServerFixture, "kind = \"cap\" refuses a feed of notices with a clear message")
{
    REQUIRE_SERVER(server);
    config::FeedSource source = http_source("ministry", server.url("/feed/rss2-bilingual.xml"));
    source.kind = config::FeedKind::alerts;
    SourceDriver driver(source);
    driver.poll();
    REQUIRE(driver.updates.size() == 1);
    CHECK(driver.updates[0].failing);
    CHECK_FALSE(driver.updates[0].notices);
    CHECK_FALSE(driver.updates[0].alerts);
    const std::string& error = driver.updates[0].status.error;
    CHECK(error.find(server.url("/feed/rss2-bilingual.xml")) != std::string::npos);
    CHECK(error.find("CAP") != std::string::npos);
}

TEST_CASE_FIXTURE(ServerFixture, "an index linking more than kMaxAlerts alerts is read up to the limit")
{
    const std::string alert = feed_test::read_fixture("cap/fetch-alert-a.xml");
    std::vector<std::string> links;
    for (std::size_t i = 0; i <= kMaxAlerts; ++i) {
        const std::string name = "alert-" + std::to_string(i) + ".xml";
        std::string copy = alert;
        copy.replace(copy.find(kAlertA), kAlertA.size(), "N-" + std::to_string(i));
        write_file(scratch / name, copy);
        links.push_back(name);  // relative to the index
    }
    write_file(scratch / "index.xml", atom_index(links));
    SourceDriver driver(http_source("many", "file://" + (scratch / "index.xml").string()));
    driver.poll();
    REQUIRE(alert_sets(driver.updates).size() == 1);
    const std::vector<std::string> ids = alert_sets(driver.updates)[0];
    REQUIRE(ids.size() == kMaxAlerts);
    CHECK(ids.front() == "N-0");
    CHECK(ids.back() == "N-" + std::to_string(kMaxAlerts - 1));
    CHECK(log.text().find("only the first " + std::to_string(kMaxAlerts)) != std::string::npos);
}

TEST_CASE_FIXTURE(ServerFixture, "read_source_all reads an index with its linked alerts")
{
    REQUIRE_SERVER(server);
    auto read = read_source_all(http_source("yeongnam", server.url("/feed/cap/fetch-index-two.xml")));
    REQUIRE_MESSAGE(read, (read ? std::string() : read.error().message));
    CHECK(read.value().alerts_document);
    CHECK(identifiers(read.value().alerts) == std::vector<std::string>{kAlertA, kAlertB});
    auto notices = read_source_all(http_source("ministry", server.url("/feed/rss2-bilingual.xml")));
    REQUIRE(notices);
    CHECK_FALSE(notices.value().alerts_document);
    CHECK_FALSE(notices.value().notices.empty());
}

TEST_CASE_FIXTURE(ServerFixture, "FeedFetcher delivers an alerts index with its linked alerts in one update")
{
    REQUIRE_SERVER(server);
    std::vector<SourceUpdate> updates;
    FeedFetcher fetcher({http_source("yeongnam", server.url("/feed/cap/fetch-index-two.xml"))}, nullptr);
    const bool arrived = feed_test::eventually([&] {
        for (SourceUpdate& update : fetcher.take_updates())
            updates.push_back(std::move(update));
        return !updates.empty();
    });
    REQUIRE(arrived);
    REQUIRE(updates.size() == 1);
    REQUIRE(updates[0].alerts);
    CHECK(identifiers(*updates[0].alerts) == std::vector<std::string>{kAlertA, kAlertB});
}

}  // namespace signage::feed

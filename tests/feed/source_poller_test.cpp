// SourcePoller without threads: the decision on each response as a pure function, and one
// source polled by hand against the test server, at times the test injects.
#include "feed/source_poller.hpp"

#include "feed/feed_cache.hpp"
#include "feed/http_client.hpp"
#include "feed/poll_schedule.hpp"
#include "fetch_test_support.hpp"
#include "feed_server.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace signage::feed {

using namespace std::chrono_literals;
using feed_test::count_with_notices;
using feed_test::FeedServer;
using feed_test::file_url;
using feed_test::fixture_path;
using feed_test::http_source;
using feed_test::lines_about;
using feed_test::new_year_2024;
using feed_test::SourceDriver;
using feed_test::ServerFixture;

namespace {

FetchedBody response(long status, std::string bytes = {}, std::string content_type = "application/xml")
{
    FetchedBody body;
    body.status = status;
    body.bytes = std::move(bytes);
    body.content_type = std::move(content_type);
    return body;
}

}  // namespace

TEST_CASE("decide_response: what each response means, given the last good body")
{
    const CachedFeed last_good{"<rss/>", "application/xml", "\"v1\"", "", "http://example.org/feed", new_year_2024()};
    struct Row {
        const char* what;
        Result<FetchedBody> result;
        bool have_last_good;
        ResponseAction expected;
    };
    const std::vector<Row> rows = {
        {"no response at all", Error{"http://example.org/feed: connection refused"}, true, ResponseAction::failed},
        {"410 Gone", response(410), true, ResponseAction::gone},
        {"410 Gone before any success", response(410), false, ResponseAction::gone},
        {"304 on our validators", response(304), true, ResponseAction::not_modified},
        {"304 with nothing it could confirm", response(304), false, ResponseAction::failed},
        {"500", response(500), true, ResponseAction::failed},
        {"404", response(404), false, ResponseAction::failed},
        {"429", response(429), true, ResponseAction::failed},
        {"200 with the same body", response(200, "<rss/>"), true, ResponseAction::same_body},
        {"200 with the same body of another type", response(200, "<rss/>", "text/html"), true, ResponseAction::new_body},
        {"200 with a new body", response(200, "<rss version='2.0'/>"), true, ResponseAction::new_body},
        {"200, first of all", response(200, "<rss/>"), false, ResponseAction::new_body},
        {"a file (no status)", response(0, "<rss/>", ""), false, ResponseAction::new_body},
        {"204", response(204), false, ResponseAction::new_body},
    };
    for (const Row& row : rows) {
        CAPTURE(row.what);
        CHECK(decide_response(row.result, row.have_last_good ? std::optional{last_good} : std::nullopt) == row.expected);
    }
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: a lasting failure logs once and sends one status, a success says so, after it a failure is news again")
{
    const auto feed_file = scratch / "later.xml";
    config::FeedSource source{"later", file_url(feed_file), "ko", std::chrono::seconds{300}};
    SourceDriver driver(source);
    driver.poll(3);
    const std::string failing = log.text();
    CAPTURE(failing);
    CHECK(feed_test::line_count(failing) == 1);
    CHECK(failing.starts_with("<4>feed: \"later\": " + source.location + ": "));
    REQUIRE(driver.updates.size() == 1);
    CHECK(driver.updates[0].failing);
    CHECK_FALSE(driver.updates[0].notices);

    std::filesystem::copy_file(fixture_path("rss2-bilingual.xml"), feed_file);
    driver.poll();
    REQUIRE(driver.updates.size() == 2);
    REQUIRE(driver.updates[1].notices);
    CHECK(driver.updates[1].notices->size() == 5);
    CHECK_FALSE(driver.updates[1].failing);
    CHECK(driver.updates[1].confirmed_at == driver.wall);

    // The recovery is a notice: `journalctl -p warning` shows the failure, -p notice both.
    CHECK(log.text() == failing + "<5>feed: \"later\": read again after 3 failed attempt(s)\n");

    std::filesystem::remove(feed_file);
    driver.poll(2);
    CHECK(feed_test::line_count(log.text()) == 3);
    REQUIRE(driver.updates.size() == 3);
    CHECK(driver.updates[2].failing);
    CHECK(driver.updates[2].confirmed_at == driver.updates[1].confirmed_at);
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: its status tells each attempt's result, HTTP status, items, failures and next poll")
{
    REQUIRE_SERVER(server);
    SourceDriver driver(http_source("status", server.url("/seq/status-fields/feed:rss2-bilingual.xml,status:503")));
    CHECK(driver.poller().status().outcome == FetchOutcome::none);
    driver.poll();
    SourceStatus status = driver.poller().status();
    CHECK(status.outcome == FetchOutcome::ok);
    CHECK(status.http_status == 200);
    CHECK(status.items == 5);
    CHECK(status.attempted_at == driver.wall);
    CHECK(status.error.empty());
    CHECK(status.consecutive_failures == 0);
    REQUIRE(status.next_poll);
    CHECK(*status.next_poll == driver.now + driver.wait_before_next());
    REQUIRE(driver.updates.size() == 1);
    CHECK(driver.updates[0].status.http_status == 200);

    driver.poll();
    const auto first_failure = driver.wall;
    driver.poll();
    status = driver.poller().status();
    CHECK(status.outcome == FetchOutcome::failed);
    CHECK(status.http_status == 503);
    CHECK(status.error == server.url("/seq/status-fields/feed:rss2-bilingual.xml,status:503") + ": HTTP 503 Service Unavailable");
    CHECK(status.items == 5);  // the last good answer's, still on screen
    CHECK(status.consecutive_failures == 2);
    CHECK(status.total_failures == 2);
    CHECK(status.failing_since == first_failure);
    CHECK(status.attempted_at == driver.wall);
    CHECK(*status.next_poll == driver.now + driver.wait_before_next());
    // The second failure changes nothing on screen: no update, but one the fetcher sends instead.
    CHECK(driver.updates.size() == 2);
    const SourceUpdate alone = driver.poller().status_update();
    CHECK_FALSE(alone.notices);
    CHECK(alone.failing);
    CHECK(alone.status.consecutive_failures == 2);
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: a failure without a response has HTTP status 0, a 410 is polled no more")
{
    REQUIRE_SERVER(server);
    SourceDriver reset(http_source("reset", server.url("/reset")));
    reset.poll();
    CHECK(reset.poller().status().outcome == FetchOutcome::failed);
    CHECK(reset.poller().status().http_status == 0);
    CHECK_FALSE(reset.poller().status().error.empty());
    CHECK(reset.poller().status().error.find('\n') == std::string::npos);

    SourceDriver gone(http_source("gone", server.url("/gone")));
    gone.poll();
    CHECK(gone.poller().status().outcome == FetchOutcome::gone);
    CHECK(gone.poller().status().http_status == 410);
    CHECK_FALSE(gone.poller().status().next_poll);
    REQUIRE(gone.updates.size() == 1);
    CHECK(gone.updates[0].status.outcome == FetchOutcome::gone);
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: retries back off from 30 s to the poll interval, and honour Retry-After")
{
    REQUIRE_SERVER(server);
    SourceDriver down(http_source("down", server.url("/status/503")));
    std::vector<std::chrono::milliseconds> waits;
    for (int i = 0; i < 6; ++i) {
        down.poll();
        waits.push_back(down.wait_before_next());
    }
    // Jitter at mid-range: three quarters of 30, 60, 120, 240 s, then of the 300 s interval.
    CHECK(waits == std::vector<std::chrono::milliseconds>{22500ms, 45s, 90s, 180s, 225s, 225s});
    CHECK(server.count("/status/503") == 6);
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(lines_about(text, "down") == 1);
    CHECK(text.find("<4>feed: \"down\": " + server.url("/status/503") + ": HTTP 503 Service Unavailable\n")
          != std::string::npos);
    // One status update for the whole outage, not one per retry.
    REQUIRE(down.updates.size() == 1);
    CHECK(down.updates[0].failing);
    CHECK_FALSE(down.updates[0].notices);

    SourceDriver busy(http_source("busy", server.url("/status/503?retry_after=120")));
    busy.poll();
    CHECK(busy.wait_before_next() == 120s);
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: a 304 re-delivers nothing, moves confirmed_at, and costs no body")
{
    REQUIRE_SERVER(server);
    SourceDriver driver(http_source("ministry", server.url("/feed/rss2-bilingual.xml")));
    driver.poll();
    CHECK(driver.wait_before_next() == next_poll_delay(300s, 0.5));
    driver.poll(2);
    const auto& updates = driver.updates;
    REQUIRE(updates.size() == 3);
    REQUIRE(updates[0].notices);
    CHECK(updates[0].notices->size() == 5);
    for (std::size_t i = 1; i < updates.size(); ++i) {
        CAPTURE(i);
        CHECK_FALSE(updates[i].notices);  // the screen already has them
        CHECK_FALSE(updates[i].failing);
        CHECK(updates[i].confirmed_at == updates[i - 1].confirmed_at + 285s);
    }
    const auto sent = server.requests_to("/feed/rss2-bilingual.xml");
    REQUIRE(sent.size() == 3);
    CHECK(sent[0].status == 200);
    CHECK_FALSE(sent[0].has_header("if-none-match"));
    for (std::size_t i = 1; i < sent.size(); ++i) {
        CAPTURE(i);
        CHECK(sent[i].has_header("if-none-match"));
        CHECK(sent[i].has_header("if-modified-since"));
        CHECK(sent[i].status == 304);
    }
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: a server without validators sending the same feed changes nothing on screen")
{
    REQUIRE_SERVER(server);
    SourceDriver driver(http_source("plain", server.url("/feed/rss2-bilingual.xml?etag=0&lm=0")));
    driver.poll(3);
    CHECK(count_with_notices(driver.updates) == 1);
    CHECK(driver.updates.size() == 3);
    CHECK(server.count("/feed/rss2-bilingual.xml?etag=0&lm=0") == 3);
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: a 410 stops polling the source and says so once")
{
    REQUIRE_SERVER(server);
    SourceDriver driver(http_source("old", server.url("/gone")));
    REQUIRE(driver.poll());
    CHECK_FALSE(driver.poll());
    CHECK(server.count("/gone") == 1);
    REQUIRE(driver.updates.size() == 1);
    CHECK(driver.updates[0].gone);
    CHECK(driver.updates[0].failing);
    CHECK_FALSE(driver.updates[0].notices);
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(lines_about(text, "old") == 1);
    CHECK(text.find("<4>feed: \"old\": " + server.url("/gone")
                    + ": HTTP 410 Gone: the server says the feed was removed; no longer polled until restart\n")
          != std::string::npos);
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: bad input of every kind is one log line per source and replaces no notices")
{
    REQUIRE_SERVER(server);

    struct Bad {
        const char* name;
        std::string url;
        const char* reason;  // a part of the logged line
    };
    const std::string plain_port = std::to_string(server.port());
    const std::vector<Bad> bad = {
        {"http-error", server.url("/status/500"), "HTTP 500 Internal Server Error"},
        {"not-found", server.url("/feed/no-such.xml"), "HTTP 404 Not Found"},
        {"timeout", server.url("/slow/5/feed/rss2-bilingual.xml"), "timed out before the response was complete (total limit 1 s)"},
        {"dns", "http://nonexistent.invalid/feed.xml", "nonexistent.invalid"},
        {"tls", "https://127.0.0.1:" + plain_port + "/feed/rss2-bilingual.xml", "TLS error"},
        {"reset", server.url("/reset"), "reset"},
        {"truncated", server.url("/truncate/rss2-bilingual.xml"), "bytes remaining to read"},
        {"html", server.url("/feed/not-a-feed.html"), "not a feed"},
        {"none-shown", server.url("/feed/rss2-no-item-shown.xml"),
            "no notices in the feed: none of its 2 item(s) can be shown (no title and no description)"},
        {"malformed-xml", server.url("/text/application%2Fxml?body=%3Crss%3E%3Cchannel%3E%3C%2Fitem%3E"), ""},
        {"malformed-json", server.url("/text/application%2Ffeed%2Bjson?body=%7B%22items%22%3A%5B%7B"), ""},
        {"plain-text", server.url("/text/plain?body=Service%20temporarily%20unavailable"), ""},
        {"over-limit", server.url("/huge/2000000"), "body larger than 1048576 bytes"},
        {"gzip-bomb", server.url("/bomb/4000000"), "body larger than 1048576 bytes"},
    };
    for (const Bad& b : bad) {
        CAPTURE(b.name);
        config::FeedSource source = http_source(b.name, b.url);
        // Only where the timeout is the point: on a loaded machine a busy test server must not
        // turn another source's failure into a timeout.
        if (b.name == std::string_view("timeout"))
            source.total_timeout = 1000ms;
        source.max_body_bytes = 1u << 20;
        SourceDriver driver(source);
        driver.poll(2);
        CHECK(count_with_notices(driver.updates) == 0);
        REQUIRE(driver.updates.size() == 1);
        CHECK(driver.updates[0].failing);
        const std::string text = log.text();
        CHECK(lines_about(text, b.name) == 1);
        const std::string prefix = std::string("<4>feed: \"") + b.name + "\": " + b.url + ": ";
        const std::size_t line = text.find(prefix);
        REQUIRE(line != std::string::npos);
        const std::string logged = text.substr(line, text.find('\n', line) - line);
        CAPTURE(logged);
        CHECK(logged.find(b.reason) != std::string::npos);
        CHECK(logged.size() > prefix.size());
    }

    // The entity bomb parses quickly, without expanding anything.
    SourceDriver bomb(http_source("entity-bomb", server.url("/feed/feed-entity-bomb.xml")));
    bomb.poll();
    REQUIRE(count_with_notices(bomb.updates) == 1);
    for (const model::Notice& notice : *bomb.updates[0].notices) {
        CAPTURE(notice.id);
        CHECK(notice.titles.at(0).text.size() < 100);
    }
    CHECK(lines_about(log.text(), "entity-bomb") == 0);
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: when a feed breaks, the last good notices stay and the status says so")
{
    REQUIRE_SERVER(server);
    const std::string path = "/seq/breaks/feed:rss2-bilingual.xml,feed:not-a-feed.html,feed:rss2-no-item-shown.xml,status:500,"
                             "feed:rss2-bilingual.xml";
    SourceDriver driver(http_source("breaks", server.url(path)));
    driver.poll(6);
    // The notices once; three failures in a row, shown as failing since the first success;
    // then recovery with the same body, which delivers no notices again.
    const auto& updates = driver.updates;
    REQUIRE(updates.size() == 4);
    REQUIRE(updates[0].notices);
    CHECK(updates[0].notices->size() == 5);
    CHECK(count_with_notices(updates) == 1);
    CHECK(updates[1].failing);
    CHECK(updates[1].confirmed_at == updates[0].confirmed_at);
    CHECK_FALSE(updates[2].failing);
    CHECK(updates[2].confirmed_at > updates[0].confirmed_at);
    CHECK_FALSE(updates[3].failing);
    // Three different reasons in a row, one failure: one line (the status has each attempt's
    // reason); then silence once it works again.
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(lines_about(text, "breaks") == 1);
    CHECK(text.find("HTTP 500") == std::string::npos);
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: an empty feed keeps the notices on screen, is no failure, and is logged once")
{
    REQUIRE_SERVER(server);
    const std::string path = "/seq/quiet/feed:rss2-bilingual.xml,empty-feed,empty-feed,feed:json-feed-empty.json,status:500,"
                             "feed:atom1-empty.xml,feed:rss2-bilingual.xml";
    SourceDriver driver(http_source("quiet", server.url(path)));
    driver.poll(3);
    const auto& updates = driver.updates;
    REQUIRE(updates.size() == 3);
    REQUIRE(updates[0].notices);
    CHECK(updates[0].notices->size() == 5);
    for (std::size_t i = 1; i < updates.size(); ++i) {
        CAPTURE(i);
        CHECK_FALSE(updates[i].notices);  // nothing replaces what the screen has
        CHECK_FALSE(updates[i].failing);
        CHECK(updates[i].status.outcome == FetchOutcome::ok);
        CHECK(updates[i].status.error.empty());
        CHECK(updates[i].confirmed_at == updates[0].confirmed_at);  // the notices on screen are not confirmed by it
    }
    CHECK(driver.poller().status().items == 5);
    const std::string empty_line = "<5>feed: \"quiet\": " + server.url(path) + ": the feed is empty (no items); the notices on screen stay\n";
    CHECK(log.text() == empty_line);
    CHECK(lines_about(log.text(), "quiet") == 0);  // a notice, not a warning

    // Another empty feed is no news; a failure is, and an empty feed after it ends it quietly
    // but for the recovery; the notices then come back as the same body: no new notices.
    driver.poll(4);
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(feed_test::line_count(text) == 3);
    CHECK(text.find("HTTP 500") != std::string::npos);
    CHECK(text.find("read again after 1 failed attempt(s)") != std::string::npos);
    CHECK(count_with_notices(updates) == 1);
    CHECK_FALSE(updates.back().failing);
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: a permanent redirect is remembered, a temporary one is not")
{
    REQUIRE_SERVER(server);
    SourceDriver moved(http_source("moved", server.url("/r/301/feed/rss2-bilingual.xml")));
    SourceDriver visiting(http_source("visiting", server.url("/r/302/feed/atom1-korean.xml")));
    moved.poll(4);
    visiting.poll(4);
    CHECK(server.count("/r/301/feed/rss2-bilingual.xml") == 1);
    CHECK(server.count("/r/302/feed/atom1-korean.xml") == 4);
    CHECK(moved.poller().poll_url() == server.url("/feed/rss2-bilingual.xml"));
    CHECK(count_with_notices(moved.updates) == 1);
    CHECK(count_with_notices(visiting.updates) == 1);
    // After the first 200, the polls of the new address are conditional: 304s.
    const auto polls = server.requests_to("/feed/rss2-bilingual.xml");
    REQUIRE(polls.size() == 4);
    CHECK(polls[1].has_header("if-none-match"));
    CHECK(polls[1].status == 304);
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(lines_about(text, "moved") == 1);
    CHECK(text.find("<4>feed: \"moved\": " + server.url("/r/301/feed/rss2-bilingual.xml")
                    + " moved permanently to " + server.url("/feed/rss2-bilingual.xml")
                    + "; polling the new address until restart (update the config)\n")
          != std::string::npos);
    CHECK(lines_about(text, "visiting") == 0);
}

}  // namespace signage::feed

// SourcePoller and the offline cache: start from the disk, conditional GETs across restarts,
// and a cache that fails. One source polled by hand, at times the test injects.
#include "feed/source_poller.hpp"

#include "feed/feed_cache.hpp"
#include "feed/http_client.hpp"
#include "fetch_test_support.hpp"
#include "feed_server.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

namespace signage::feed {

using namespace std::chrono_literals;
using feed_test::count_with_notices;
using feed_test::FeedServer;
using feed_test::http_source;
using feed_test::lines_about;
using feed_test::new_year_2024;
using feed_test::SourceDriver;

namespace {

// What the server sends for `source` now, left out of the server's log of requests.
FetchedBody fetch_unlogged(const FeedServer& server, const config::FeedSource& source)
{
    auto fetched = fetch(request_for(source));
    REQUIRE(fetched.ok());
    server.clear_log();
    return std::move(fetched.value());
}

}  // namespace
using feed_test::ServerFixture;

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: cached notices go on screen before any fetch, and their validators make it conditional")
{
    REQUIRE_SERVER(server);
    const FeedCache cache(scratch / "cache");
    const config::FeedSource source = http_source("ministry", server.url("/feed/rss2-bilingual.xml"));
    REQUIRE(cache.store(source.name, {feed_test::read_fixture("atom1-korean.xml"), "application/atom+xml", "\"cached-tag\"",
                                      "Mon, 01 Jan 2024 00:00:00 GMT", source.location, new_year_2024()}).ok());
    SourceDriver driver(source, &cache);
    driver.start_from_cache();
    CHECK(server.requests().empty());
    REQUIRE(driver.updates.size() == 1);
    // First the cached Atom feed, as of when it was cached...
    REQUIRE(driver.updates[0].notices);
    CHECK(driver.updates[0].notices->front().id == "tag:example.go.kr,2024:notice-101");
    CHECK(driver.updates[0].confirmed_at == new_year_2024());
    CHECK_FALSE(driver.updates[0].failing);
    // ...then what the server sent instead.
    driver.poll();
    REQUIRE(driver.updates.size() == 2);
    REQUIRE(driver.updates[1].notices);
    CHECK(driver.updates[1].notices->size() == 5);
    CHECK(driver.updates[1].confirmed_at == driver.wall);

    const auto sent = server.requests_to("/feed/rss2-bilingual.xml");
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].header("if-none-match") == "\"cached-tag\"");
    CHECK(sent[0].header("if-modified-since") == "Mon, 01 Jan 2024 00:00:00 GMT");

    const auto stored = cache.load(source.name);
    REQUIRE(stored);
    CHECK(stored->body == feed_test::read_fixture("rss2-bilingual.xml"));
    CHECK(stored->content_type == "application/xml");
    CHECK(stored->etag.starts_with("\""));
    CHECK(stored->etag != "\"cached-tag\"");
    CHECK(stored->last_modified == "Mon, 04 Jun 2018 09:00:00 GMT");
    CHECK(stored->url == source.location);
    CHECK(stored->fetched_at == driver.wall);
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: a 304 on the cached validators refreshes the cache and re-delivers nothing")
{
    REQUIRE_SERVER(server);
    const FeedCache cache(scratch / "cache");
    const config::FeedSource source = http_source("ministry", server.url("/feed/rss2-bilingual.xml"));
    const FetchedBody first = fetch_unlogged(server, source);
    REQUIRE(cache.store(source.name, {first.bytes, first.content_type, first.etag, first.last_modified, source.location,
                                      new_year_2024()}).ok());
    SourceDriver driver(source, &cache);
    driver.start_from_cache();
    driver.poll();
    REQUIRE(driver.updates.size() == 2);
    REQUIRE(driver.updates[0].notices);
    CHECK(driver.updates[0].notices->size() == 5);
    CHECK_FALSE(driver.updates[1].notices);
    CHECK_FALSE(driver.updates[1].failing);
    CHECK(driver.updates[1].confirmed_at == driver.wall);

    const auto sent = server.requests();
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].header("if-none-match") == first.etag);
    CHECK(sent[0].status == 304);
    const auto stored = cache.load(source.name);
    REQUIRE(stored);
    CHECK(stored->body == first.bytes);
    CHECK(stored->etag == first.etag);
    CHECK(stored->fetched_at == driver.wall);
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: a 304 rewrites the cache's confirmation once an hour, not on every poll")
{
    REQUIRE_SERVER(server);
    const FeedCache cache(scratch / "cache");
    config::FeedSource source = http_source("ministry", server.url("/feed/rss2-bilingual.xml"));
    source.poll_interval = 10min;  // polls every 9.5 minutes at mid-range jitter
    SourceDriver driver(source, &cache);
    driver.poll();
    const auto first_write = driver.wall;
    REQUIRE(cache.load(source.name)->fetched_at == first_write);
    for (int poll = 1; poll <= 7; ++poll) {
        CAPTURE(poll);
        driver.poll();
        const auto written = cache.load(source.name)->fetched_at;
        // 9.5 minutes a poll: the seventh is the first an hour or more after the write.
        CHECK(written == (poll < 7 ? first_write : driver.wall));
    }
    CHECK(driver.updates.size() == 8);
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: offline at start, the cached notices stay and the status says failing")
{
    const FeedCache cache(scratch / "cache");
    const config::FeedSource source = http_source("ministry", "http://nonexistent.invalid/rss.xml");
    REQUIRE(cache.store(source.name, {feed_test::read_fixture("rss2-bilingual.xml"), "application/xml", "\"v1\"", "",
                                      source.location, new_year_2024()}).ok());
    SourceDriver driver(source, &cache);
    driver.start_from_cache();
    driver.poll(2);
    REQUIRE(driver.updates.size() == 2);
    REQUIRE(driver.updates[0].notices);
    CHECK(driver.updates[0].notices->size() == 5);
    CHECK(driver.updates[1].failing);
    CHECK(driver.updates[1].confirmed_at == new_year_2024());  // "updated 2024-01-01 09:00", say
    CHECK(lines_about(log.text(), "ministry") == 1);
    // A failed fetch leaves the cache as it was.
    const auto stored = cache.load(source.name);
    REQUIRE(stored);
    CHECK(stored->fetched_at == new_year_2024());
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: a cached copy that does not parse is ignored, validators and all")
{
    REQUIRE_SERVER(server);
    const FeedCache cache(scratch / "cache");
    const config::FeedSource source = http_source("ministry", server.url("/feed/rss2-bilingual.xml"));
    const FetchedBody first = fetch_unlogged(server, source);
    // Its validators would get a 304, which would leave the screen with nothing.
    REQUIRE(cache.store(source.name, {feed_test::read_fixture("not-a-feed.html"), "text/html", first.etag,
                                      first.last_modified, source.location, new_year_2024()}).ok());
    SourceDriver driver(source, &cache);
    driver.start_from_cache();
    CHECK(driver.updates.empty());
    driver.poll();
    REQUIRE(driver.updates.size() == 1);
    REQUIRE(driver.updates[0].notices);
    CHECK(driver.updates[0].notices->size() == 5);
    const auto sent = server.requests();
    REQUIRE(sent.size() == 1);
    CHECK_FALSE(sent[0].has_header("if-none-match"));
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(text == "<4>feed: \"ministry\": cached copy ignored: not a feed: root element <html>\n");
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: a cache that cannot be written is logged once and costs no notices")
{
    REQUIRE_SERVER(server);
    const auto not_a_folder = scratch / "file";
    { std::ofstream{not_a_folder} << "in the way\n"; }
    const FeedCache cache(not_a_folder / "cache");
    SourceDriver driver(http_source("ministry", server.url("/feed/rss2-bilingual.xml?etag=0&lm=0")), &cache);
    driver.poll(3);
    CHECK(count_with_notices(driver.updates) == 1);
    CHECK(driver.updates.size() == 3);
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(lines_about(text, "ministry") == 1);
    CHECK(text.starts_with("<4>feed: \"ministry\": cache "));
}

TEST_CASE_FIXTURE(ServerFixture, "SourcePoller: file:// sources do not use the cache")
{
    const auto cache_dir = scratch / "cache";
    const FeedCache cache(cache_dir);
    const config::FeedSource source{"mois", feed_test::file_url(std::filesystem::path(SIGNAGE_SOURCE_DIR) / "assets" / "sample-feed.xml"),
                            "ko", std::chrono::seconds{300}};
    SourceDriver driver(source, &cache);
    driver.start_from_cache();
    driver.poll(2);
    CHECK(count_with_notices(driver.updates) == 1);
    CHECK_FALSE(cache.load("mois"));
    CHECK_FALSE(std::filesystem::exists(cache_dir));
}

}  // namespace signage::feed

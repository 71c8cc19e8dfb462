// FeedFetcher on its real thread: delivery, waking, stopping, and sources fetched at once.
// What a source does with each response is tested without threads in source_poller_test.cpp.
#include "feed/fetcher.hpp"

#include "feed/feed_cache.hpp"
#include "feed/http_client.hpp"
#include "feed/poll_schedule.hpp"
#include "fetch_test_support.hpp"
#include "feed_fixtures.hpp"
#include "feed_server.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace signage::feed {

using namespace std::chrono_literals;
using feed_test::eventually;
using feed_test::FeedServer;
using feed_test::file_url;
using feed_test::fixture_path;
using feed_test::http_source;
using feed_test::iso_utc;
using feed_test::lines_about;
using feed_test::new_year_2024;
using feed_test::scratch_dir;
using feed_test::StderrCapture;

namespace {

config::FeedSource sample_source()
{
    return {"mois", file_url(std::filesystem::path(SIGNAGE_SOURCE_DIR) / "assets" / "sample-feed.xml"), "ko",
        std::chrono::seconds{300}};
}

// Every update a fetcher delivered, gathered by polling take_updates() as the screen would.
struct Received {
    std::vector<SourceUpdate> updates;

    void take(FeedFetcher& fetcher)
    {
        for (auto& update : fetcher.take_updates())
            updates.push_back(std::move(update));
    }
    std::vector<const SourceUpdate*> of(const std::string& name) const
    {
        std::vector<const SourceUpdate*> matching;
        for (const SourceUpdate& update : updates) {
            if (update.source_name == name)
                matching.push_back(&update);
        }
        return matching;
    }
    std::size_t with_notices(const std::string& name) const
    {
        return static_cast<std::size_t>(std::ranges::count_if(of(name), [](const SourceUpdate* u) { return u->notices.has_value(); }));
    }
};

template <class Predicate>
bool receive_until(FeedFetcher& fetcher, Received& received, Predicate done)
{
    return eventually([&] {
        received.take(fetcher);
        return done();
    });
}

}  // namespace

TEST_CASE("read_source reads the bundled sample feed end to end")
{
    const CurlGlobal curl;
    auto notices = read_source(sample_source());
    REQUIRE_MESSAGE(notices.ok(), (notices.ok() ? std::string{} : notices.error().message));
    REQUIRE(notices->size() == 5);

    const model::Notice& first = notices->front();
    CHECK(first.id == "mois-eng-2018-06-04-1");
    CHECK(first.titles.at(0) == model::LocalizedTitle{"ko", "행정안전부·외교부, 페루·파라과이와 전자정부 협력 강화"});
    REQUIRE(first.title_in("en") != nullptr);
    CHECK(first.title_in("en")->text == "Korea fosters e-government cooperation with Peru and Paraguay");
    CHECK(iso_utc(first.published) == "2018-06-04T00:00:00Z");
    CHECK(first.source_name == "mois");
}

TEST_CASE("read_source errors name the feed and its URL")
{
    const CurlGlobal curl;

    const config::FeedSource missing{"missing", file_url(fixture_path("no-such-feed.xml")), "en", std::chrono::seconds{60}};
    auto fetch_failure = read_source(missing);
    REQUIRE_FALSE(fetch_failure.ok());
    CHECK(fetch_failure.error().message.starts_with("\"missing\": " + missing.location + ": "));

    const config::FeedSource html{"html", file_url(fixture_path("not-a-feed.html")), "en", std::chrono::seconds{60}};
    auto parse_failure = read_source(html);
    REQUIRE_FALSE(parse_failure.ok());
    CHECK(parse_failure.error().message == "\"html\": " + html.location + ": not a feed: root element <html>");
}

TEST_CASE("FeedFetcher delivers each source's notices and wakes the caller")
{
    const CurlGlobal curl;
    std::mutex mutex;
    std::condition_variable woken;
    int wakes = 0;

    const config::FeedSource broken{"broken", file_url(fixture_path("no-such-feed.xml")), "en", std::chrono::seconds{300}};
    FeedFetcher fetcher({broken, sample_source()}, [&] {
        std::lock_guard lock(mutex);
        ++wakes;
        woken.notify_all();
    });
    {
        std::unique_lock lock(mutex);
        REQUIRE(woken.wait_for(lock, std::chrono::seconds{10}, [&] { return wakes > 0; }));
    }
    // The broken source is logged and gets a status-only update, never notices.
    std::vector<SourceUpdate> updates;
    REQUIRE(eventually([&] {
        for (auto& update : fetcher.take_updates())
            updates.push_back(std::move(update));
        return updates.size() == 2;
    }));
    std::ranges::sort(updates, {}, &SourceUpdate::source_name);
    CHECK(updates[0].source_name == "broken");
    CHECK_FALSE(updates[0].notices);
    CHECK(updates[0].failing);
    CHECK(updates[0].confirmed_at == std::chrono::sys_seconds{});
    CHECK(updates[1].source_name == "mois");
    REQUIRE(updates[1].notices);
    CHECK(updates[1].notices->size() == 5);
    CHECK_FALSE(updates[1].failing);
    CHECK(updates[1].confirmed_at > std::chrono::sys_seconds{});
    CHECK(fetcher.take_updates().empty());
}

TEST_CASE("FeedFetcher stops without waiting for its next poll when destroyed")
{
    const CurlGlobal curl;
    const auto start = std::chrono::steady_clock::now();
    {
        FeedFetcher fetcher({sample_source()}, nullptr);
        REQUIRE(eventually([&] { return !fetcher.take_updates().empty(); }));
        // Now idle until the next poll, five minutes away.
    }
    {
        FeedFetcher idle({}, [] {});
    }
    // Far less than the five minutes it would wait for its next poll.
    CHECK(std::chrono::steady_clock::now() - start < 60s);
}

TEST_CASE("FeedFetcher may be destroyed on another thread than the one that made it")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    std::atomic<int> wakes{0};
    auto fetcher = std::make_unique<FeedFetcher>(
        std::vector<config::FeedSource>{sample_source(), http_source("stalled", server.url("/slow/30/feed/rss2-bilingual.xml"))},
        [&] { ++wakes; });
    REQUIRE(eventually([&] { return wakes > 0 && server.count("/slow/30/feed/rss2-bilingual.xml") == 1; }));
    // As the player retires an old fetcher: handed to a background thread, which joins it
    // while the render thread goes on; the stalled transfer is abandoned, not waited out.
    const auto start = std::chrono::steady_clock::now();
    std::thread retire([old = std::move(fetcher)]() mutable { old.reset(); });
    retire.join();
    CHECK(std::chrono::steady_clock::now() - start < 25s);  // the server would take 30 s
}

// ---- The retry schedule ----------------------------------------------------------------------

// ---- The retry schedule ----------------------------------------------------------------------

TEST_CASE("next_retry_delay doubles from 30 s up to the poll interval")
{
    using std::chrono::milliseconds;
    using namespace std::chrono_literals;
    const milliseconds five_minutes = 300s;
    // random_unit 1 (just past its range) gives the top of the jitter range: the undisturbed schedule.
    const double top = 1.0;
    CHECK(next_retry_delay(1, five_minutes, top) == 30s);
    CHECK(next_retry_delay(2, five_minutes, top) == 60s);
    CHECK(next_retry_delay(3, five_minutes, top) == 120s);
    CHECK(next_retry_delay(4, five_minutes, top) == 240s);
    CHECK(next_retry_delay(5, five_minutes, top) == 300s);
    CHECK(next_retry_delay(6, five_minutes, top) == 300s);
    CHECK(next_retry_delay(1'000'000, five_minutes, top) == 300s);
    // random_unit 0 gives the bottom: half.
    CHECK(next_retry_delay(1, five_minutes, 0.0) == 15s);
    CHECK(next_retry_delay(9, five_minutes, 0.0) == 150s);
    // An interval under 30 s caps even the first retry.
    CHECK(next_retry_delay(1, 10s, top) == 10s);
    CHECK(next_retry_delay(7, 10s, 0.0) == 5s);
    // A day-long interval: the doubling goes on to it.
    CHECK(next_retry_delay(13, std::chrono::hours{24}, top) == std::chrono::hours{24});
    // Attempts before the first count as the first; odd random numbers stay in range.
    CHECK(next_retry_delay(0, five_minutes, top) == 30s);
    CHECK(next_retry_delay(-3, five_minutes, top) == 30s);
    CHECK(next_retry_delay(1, five_minutes, 7.0) == 30s);
    CHECK(next_retry_delay(1, five_minutes, -1.0) == 15s);
}

TEST_CASE("next_retry_delay spreads retries over the upper half of each step")
{
    using namespace std::chrono_literals;
    for (int attempt = 1; attempt <= 8; ++attempt) {
        const auto step = next_retry_delay(attempt, 300s, 1.0);
        for (double u = 0.0; u < 1.0; u += 0.05) {
            CAPTURE(attempt);
            CAPTURE(u);
            const auto delay = next_retry_delay(attempt, 300s, u);
            CHECK(delay >= step / 2);
            CHECK(delay <= step);
            CHECK(delay <= next_retry_delay(attempt, 300s, u + 0.01));  // monotonic in u
        }
    }
}

TEST_CASE("next_retry_delay waits at least a server's Retry-After, within reason")
{
    using namespace std::chrono_literals;
    CHECK(next_retry_delay(1, 300s, 1.0, 120s) == 120s);
    CHECK(next_retry_delay(1, 300s, 1.0, 5s) == 30s);  // the backoff is longer already
    CHECK(next_retry_delay(1, 300s, 1.0, 10h) == 1h);  // an absurd Retry-After is capped
    CHECK(next_retry_delay(1, 24h, 1.0, 10h) == 10h);  // but never below the poll interval
    CHECK(next_retry_delay(1, 24h, 1.0, 48h) == 24h);
}

TEST_CASE("next_poll_delay polls within the last tenth before the interval, never after")
{
    using namespace std::chrono_literals;
    CHECK(next_poll_delay(300s, 0.0) == 300s);
    CHECK(next_poll_delay(300s, 0.5) == 285s);
    CHECK(next_poll_delay(300s, 0.9) == 273s);
    CHECK(next_poll_delay(300s, 1.0) == 270s);
    CHECK(next_poll_delay(0s, 0.5) > 0s);
}

// ---- The fetcher against a real HTTP server ------------------------------------------------


// ---- The fetcher against a real HTTP server ------------------------------------------------

TEST_CASE("FeedFetcher: one stalled source does not delay twenty others")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    std::vector<config::FeedSource> sources = {http_source("stalled", server.url("/slow/30/feed/rss2-bilingual.xml"))};
    for (int i = 0; i < 20; ++i)
        sources.push_back(http_source("quick-" + std::to_string(i), server.url("/feed/rss2-bilingual.xml?n=" + std::to_string(i))));

    const auto start = std::chrono::steady_clock::now();
    Received received;
    {
        FeedFetcher fetcher(sources, nullptr);
        CHECK(receive_until(fetcher, received, [&] {
            for (int i = 0; i < 20; ++i) {
                if (received.with_notices("quick-" + std::to_string(i)) == 0)
                    return false;
            }
            return true;
        }));
        // The stalled source takes 30 s: the others did not wait for it.
        CHECK(received.of("stalled").empty());
    }
    // Destroying the fetcher abandons the stalled transfer instead of waiting 30 s for it.
    CHECK(std::chrono::steady_clock::now() - start < 25s);
}

TEST_CASE("FeedFetcher: configured headers, the User-Agent and Accept-Encoding reach the server")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    config::FeedSource source = http_source("private", server.url("/gzip/rss2-bilingual.xml"));
    source.headers = {{"Authorization", "Bearer lobby-token"}};
    Received received;
    {
        FeedFetcher fetcher({source}, nullptr);
        REQUIRE(receive_until(fetcher, received, [&] { return received.with_notices("private") == 1; }));
    }
    CHECK(received.of("private").front()->notices->size() == 5);
    const auto sent = server.requests_to("/gzip/rss2-bilingual.xml");
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].header("authorization") == "Bearer lobby-token");
    CHECK(sent[0].header("user-agent") == user_agent());
    CHECK(sent[0].header("accept-encoding").find("gzip") != std::string::npos);
}

TEST_CASE("FeedFetcher stops promptly while a transfer stalls")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const auto start = std::chrono::steady_clock::now();
    {
        FeedFetcher fetcher({http_source("stalled", server.url("/slow/30/feed/rss2-bilingual.xml"))}, nullptr);
        REQUIRE(eventually([&] { return server.count("/slow/30/feed/rss2-bilingual.xml") == 1; }));
    }
    CHECK(std::chrono::steady_clock::now() - start < 25s);  // the server would take 30 s
}

// ---- The offline cache, read on the worker at start --------------------------------------

TEST_CASE("FeedFetcher: offline at start, the cached notices stay and the status says failing")
{
    const CurlGlobal curl;
    const auto scratch = scratch_dir("signage-cache-offline-test");
    const auto cache_dir = scratch / "cache";
    const config::FeedSource source = http_source("ministry", "http://nonexistent.invalid/rss.xml");
    REQUIRE(FeedCache(cache_dir).store(source.name, {feed_test::read_fixture("rss2-bilingual.xml"), "application/xml",
                                                     "\"v1\"", "", source.location, new_year_2024()}).ok());
    StderrCapture log(scratch / "stderr.txt");
    Received received;
    {
        FeedFetcher fetcher({source}, nullptr, FetcherOptions{cache_dir});
        REQUIRE(receive_until(fetcher, received, [&] { return !received.updates.empty() && received.updates.back().failing; }));
        // The cached notices came first, from the worker, before the failed fetch.
    }
    const auto updates = received.of("ministry");
    REQUIRE(updates[0]->notices);
    CHECK(updates[0]->notices->size() == 5);
    CHECK(received.with_notices("ministry") == 1);
    CHECK(updates.back()->failing);
    CHECK(updates.back()->confirmed_at == new_year_2024());  // "updated 2024-01-01 09:00", say
    CHECK(lines_about(log.text(), "ministry") == 1);
    // A failed fetch leaves the cache as it was.
    const auto stored = FeedCache(cache_dir).load(source.name);
    REQUIRE(stored);
    CHECK(stored->fetched_at == new_year_2024());
    std::filesystem::remove_all(scratch);
}

}  // namespace signage::feed

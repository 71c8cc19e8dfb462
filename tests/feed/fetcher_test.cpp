#include "feed/fetcher.hpp"

#include "feed/feed_cache.hpp"
#include "feed/http_client.hpp"
#include "feed/poll_schedule.hpp"
#include "feed_fixtures.hpp"
#include "feed_server.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

using feed_test::file_url;
using feed_test::fixture_path;
using feed_test::iso_utc;
using feed_test::read_file;

namespace {

FeedSource sample_source()
{
    return {"mois", file_url(std::filesystem::path(SIGNAGE_SOURCE_DIR) / "assets" / "sample-feed.xml"), "ko",
        std::chrono::seconds{300}};
}

// Sends this process's stderr to a file while it lives, for tests of what gets logged.
class StderrCapture {
public:
    explicit StderrCapture(std::filesystem::path path) : m_path(std::move(path))
    {
        std::fflush(stderr);
        m_saved = ::dup(STDERR_FILENO);
        const int file = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (file >= 0) {
            ::dup2(file, STDERR_FILENO);
            ::close(file);
        }
    }
    ~StderrCapture()
    {
        std::fflush(stderr);
        if (m_saved >= 0) {
            ::dup2(m_saved, STDERR_FILENO);
            ::close(m_saved);
        }
        std::filesystem::remove(m_path);
    }
    StderrCapture(const StderrCapture&) = delete;
    StderrCapture& operator=(const StderrCapture&) = delete;

    std::string text() const { return read_file(m_path); }

private:
    std::filesystem::path m_path;
    int m_saved = -1;
};

template <class Predicate>
bool eventually(Predicate predicate, std::chrono::seconds limit = std::chrono::seconds{10})
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    return true;
}

std::size_t line_count(const std::string& text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("read_source reads the bundled sample feed end to end")
{
    const CurlGlobal curl;
    auto notices = read_source(sample_source());
    REQUIRE_MESSAGE(notices.ok(), (notices.ok() ? std::string{} : notices.error().message));
    REQUIRE(notices->size() == 5);

    const Notice& first = notices->front();
    CHECK(first.id == "mois-eng-2018-06-04-1");
    CHECK(first.titles.at(0) == LocalizedTitle{"ko", "행정안전부·외교부, 페루·파라과이와 전자정부 협력 강화"});
    REQUIRE(first.title_in("en") != nullptr);
    CHECK(first.title_in("en")->text == "Korea fosters e-government cooperation with Peru and Paraguay");
    CHECK(iso_utc(first.published) == "2018-06-04T00:00:00Z");
    CHECK(first.source_name == "mois");
}

TEST_CASE("read_source errors name the feed and its URL")
{
    const CurlGlobal curl;

    const FeedSource missing{"missing", file_url(fixture_path("no-such-feed.xml")), "en", std::chrono::seconds{60}};
    auto fetch_failure = read_source(missing);
    REQUIRE_FALSE(fetch_failure.ok());
    CHECK(fetch_failure.error().message.starts_with("feed \"missing\": " + missing.location + ": "));

    const FeedSource html{"html", file_url(fixture_path("not-a-feed.html")), "en", std::chrono::seconds{60}};
    auto parse_failure = read_source(html);
    REQUIRE_FALSE(parse_failure.ok());
    CHECK(parse_failure.error().message == "feed \"html\": " + html.location + ": not a feed: root element <html>");
}

TEST_CASE("FeedFetcher delivers each source's notices and wakes the caller")
{
    const CurlGlobal curl;
    std::mutex mutex;
    std::condition_variable woken;
    int wakes = 0;

    const FeedSource broken{"broken", file_url(fixture_path("no-such-feed.xml")), "en", std::chrono::seconds{300}};
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

TEST_CASE("FeedFetcher stops promptly when destroyed")
{
    const CurlGlobal curl;
    const auto start = std::chrono::steady_clock::now();
    {
        FeedFetcher fetcher({sample_source()}, nullptr);
    }
    {
        FeedFetcher idle({}, [] {});
    }
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds{2});
}

TEST_CASE("FeedFetcher logs a lasting failure once, retries, and logs again after a success")
{
    const CurlGlobal curl;
    const auto scratch = std::filesystem::temp_directory_path() / ("signage-fetch-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(scratch);
    const auto feed_file = scratch / "later.xml";
    const FeedSource source{"later", file_url(feed_file), "ko", std::chrono::seconds{1}};

    StderrCapture log(scratch / "stderr.txt");
    {
        FeedFetcher fetcher({source}, nullptr);
        // A second per retry: by three seconds the source failed three times or more.
        std::this_thread::sleep_for(std::chrono::milliseconds{2500});
        const std::string failing = log.text();
        CAPTURE(failing);
        CHECK(line_count(failing) == 1);
        CHECK(failing.starts_with("signage-player: feed \"later\": " + source.location + ": "));

        // Renamed into place, so the fetcher never reads half a copy.
        std::filesystem::copy_file(fixture_path("rss2-bilingual.xml"), scratch / "partial.xml");
        std::filesystem::rename(scratch / "partial.xml", feed_file);
        std::vector<SourceUpdate> updates;
        CHECK(eventually([&] {
            updates = fetcher.take_updates();
            return !updates.empty() && updates[0].notices;
        }));
        REQUIRE(updates.size() == 1);
        REQUIRE(updates[0].notices);
        CHECK(updates[0].notices->size() == 5);

        // After a success the same failure is news again.
        std::filesystem::remove(feed_file);
        CHECK(eventually([&] { return line_count(log.text()) == 2; }));
        CAPTURE(log.text());
    }
    const std::string all = log.text();
    CAPTURE(all);
    CHECK(line_count(all) == 2);
    std::filesystem::remove_all(scratch);
}

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

namespace {

using namespace std::chrono_literals;
using feed_test::FeedServer;

#define REQUIRE_SERVER(server) REQUIRE_MESSAGE((server).ok(), (server).error())

// With FetcherOptions::time_scale 0.01, a 30 s interval polls every 0.27 to 0.3 s and retries
// after 0.15 to 0.3 s.
constexpr double kFast = 0.01;

FeedSource http_source(std::string name, std::string url)
{
    FeedSource source;
    source.name = std::move(name);
    source.location = std::move(url);
    source.language = "en";
    source.poll_interval = 30s;
    return source;
}

FetcherOptions fast_options(std::optional<std::filesystem::path> cache = std::nullopt)
{
    FetcherOptions options;
    options.time_scale = kFast;
    options.cache_directory = std::move(cache);
    return options;
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
    std::size_t status_only(const std::string& name) const { return of(name).size() - with_notices(name); }
};

template <class Predicate>
bool receive_until(FeedFetcher& fetcher, Received& received, Predicate done, std::chrono::milliseconds limit = 10s)
{
    return eventually([&] {
        received.take(fetcher);
        return done();
    }, std::chrono::duration_cast<std::chrono::seconds>(limit));
}

// Receives for a while, for checks about what did (not) happen meanwhile.
void receive_for(FeedFetcher& fetcher, Received& received, std::chrono::milliseconds span)
{
    const auto end = std::chrono::steady_clock::now() + span;
    while (std::chrono::steady_clock::now() < end) {
        received.take(fetcher);
        std::this_thread::sleep_for(20ms);
    }
    received.take(fetcher);
}

std::size_t lines_about(const std::string& log, const std::string& source_name)
{
    std::size_t count = 0;
    std::size_t at = 0;
    const std::string marker = "signage-player: feed \"" + source_name + "\": ";
    while ((at = log.find(marker, at)) != std::string::npos) {
        ++count;
        at += marker.size();
    }
    return count;
}

std::filesystem::path scratch_dir(const std::string& name)
{
    auto path = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    return path;
}

}  // namespace

TEST_CASE("FeedFetcher: a 304 re-delivers nothing, moves confirmed_at, and costs no body")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const FeedSource source = http_source("ministry", server.url("/feed/rss2-bilingual.xml"));
    Received received;
    {
        FeedFetcher fetcher({source}, nullptr, fast_options());
        REQUIRE(receive_until(fetcher, received, [&] { return received.of("ministry").size() >= 3; }));
    }
    const auto updates = received.of("ministry");
    REQUIRE(updates[0]->notices);
    CHECK(updates[0]->notices->size() == 5);
    CHECK_FALSE(updates[0]->failing);
    for (std::size_t i = 1; i < updates.size(); ++i) {
        CAPTURE(i);
        CHECK_FALSE(updates[i]->notices);  // the screen already has them
        CHECK_FALSE(updates[i]->failing);
        CHECK(updates[i]->confirmed_at >= updates[i - 1]->confirmed_at);
    }
    const auto sent = server.requests_to("/feed/rss2-bilingual.xml");
    REQUIRE(sent.size() >= 3);
    CHECK(sent[0].status == 200);
    CHECK_FALSE(sent[0].has_header("if-none-match"));
    for (std::size_t i = 1; i < sent.size(); ++i) {
        CAPTURE(i);
        CHECK(sent[i].has_header("if-none-match"));
        CHECK(sent[i].has_header("if-modified-since"));
        if (sent[i].status != 0)  // the last may still be on its way when the fetcher stopped
            CHECK(sent[i].status == 304);
    }
}

TEST_CASE("FeedFetcher: a server without validators sending the same feed changes nothing on screen")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const FeedSource source = http_source("plain", server.url("/feed/rss2-bilingual.xml?etag=0&lm=0"));
    Received received;
    {
        FeedFetcher fetcher({source}, nullptr, fast_options());
        REQUIRE(receive_until(fetcher, received, [&] { return received.of("plain").size() >= 3; }));
    }
    CHECK(received.with_notices("plain") == 1);
    CHECK(server.count("/feed/rss2-bilingual.xml?etag=0&lm=0") >= 3);
}

TEST_CASE("FeedFetcher: a 410 stops polling the source and says so once")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const auto scratch = scratch_dir("signage-gone-test");
    StderrCapture log(scratch / "stderr.txt");
    Received received;
    {
        FeedFetcher fetcher({http_source("old", server.url("/gone")), http_source("live", server.url("/feed/atom1-korean.xml"))},
                            nullptr, fast_options());
        REQUIRE(receive_until(fetcher, received, [&] { return !received.of("old").empty(); }));
        // Long enough for several polls of the live source, and of the gone one had it gone on.
        receive_for(fetcher, received, 1500ms);
    }
    CHECK(server.count("/gone") == 1);
    CHECK(server.count("/feed/atom1-korean.xml") >= 3);
    const auto old = received.of("old");
    REQUIRE(old.size() == 1);
    CHECK(old[0]->gone);
    CHECK(old[0]->failing);
    CHECK_FALSE(old[0]->notices);
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(lines_about(text, "old") == 1);
    CHECK(text.find("signage-player: feed \"old\": " + server.url("/gone")
                    + ": HTTP 410 Gone: the server says the feed was removed; no longer polled until restart\n")
          != std::string::npos);
    std::filesystem::remove_all(scratch);
}

TEST_CASE("FeedFetcher: one stalled source does not delay twenty others")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    std::vector<FeedSource> sources = {http_source("stalled", server.url("/slow/30/feed/rss2-bilingual.xml"))};
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
        // About 0.1 s on an idle machine; the bound is for a loaded one.
        CHECK(std::chrono::steady_clock::now() - start < 5s);
        CHECK(received.of("stalled").empty());
    }
    // Destroying the fetcher abandons the stalled transfer instead of waiting 30 s for it.
    CHECK(std::chrono::steady_clock::now() - start < 8s);
}

TEST_CASE("FeedFetcher: a lasting failure is retried with backoff and logged once")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const auto scratch = scratch_dir("signage-retry-test");
    StderrCapture log(scratch / "stderr.txt");
    Received received;
    {
        FeedFetcher fetcher({http_source("down", server.url("/status/503"))}, nullptr, fast_options());
        REQUIRE(eventually([&] { return server.count("/status/503") >= 4; }));
        received.take(fetcher);
    }
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(lines_about(text, "down") == 1);
    CHECK(text.find("signage-player: feed \"down\": " + server.url("/status/503") + ": HTTP 503 Service Unavailable\n")
          != std::string::npos);
    // One status update for the whole outage, not one per retry.
    const auto down = received.of("down");
    REQUIRE(down.size() == 1);
    CHECK(down[0]->failing);
    CHECK_FALSE(down[0]->notices);
    std::filesystem::remove_all(scratch);
}

TEST_CASE("FeedFetcher: bad input of every kind is one log line per source and replaces no notices")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const auto scratch = scratch_dir("signage-bad-input-test");

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
        {"empty", server.url("/empty-feed"), "no notices in the feed"},
        {"malformed-xml", server.url("/text/application%2Fxml?body=%3Crss%3E%3Cchannel%3E%3C%2Fitem%3E"), ""},
        {"malformed-json", server.url("/text/application%2Ffeed%2Bjson?body=%7B%22items%22%3A%5B%7B"), ""},
        {"plain-text", server.url("/text/plain?body=Service%20temporarily%20unavailable"), ""},
        {"over-limit", server.url("/huge/2000000"), "body larger than 1048576 bytes"},
        {"gzip-bomb", server.url("/bomb/4000000"), "body larger than 1048576 bytes"},
    };
    std::vector<FeedSource> sources = {http_source("good", server.url("/feed/rss2-bilingual.xml")),
                                       http_source("entity-bomb", server.url("/feed/feed-entity-bomb.xml"))};
    for (const Bad& b : bad) {
        FeedSource source = http_source(b.name, b.url);
        // Only where the timeout is the point: on a loaded machine a busy test server must not
        // turn another source's failure into a timeout.
        if (b.name == std::string_view("timeout"))
            source.total_timeout = 1000ms;
        source.max_body_bytes = 1u << 20;
        sources.push_back(source);
    }

    StderrCapture log(scratch / "stderr.txt");
    Received received;
    {
        FeedFetcher fetcher(sources, nullptr, fast_options());
        // Every bad source fails at least twice (the slow one is the slowest, a second a try).
        REQUIRE(receive_until(fetcher, received, [&] { return server.count("/slow/5/feed/rss2-bilingual.xml") >= 2; }, 15s));
        received.take(fetcher);
    }
    CHECK(server.count("/status/500") >= 3);
    CHECK(server.count("/reset") >= 3);
    const std::string text = log.text();
    CAPTURE(text);

    CHECK(received.with_notices("good") == 1);
    CHECK(lines_about(text, "good") == 0);
    // The entity bomb parses quickly, without expanding anything.
    REQUIRE(received.with_notices("entity-bomb") == 1);
    for (const Notice& notice : *received.of("entity-bomb").front()->notices) {
        CAPTURE(notice.id);
        CHECK(notice.titles.at(0).text.size() < 100);
    }

    for (const Bad& b : bad) {
        CAPTURE(b.name);
        CHECK(received.with_notices(b.name) == 0);
        CHECK(received.status_only(b.name) == 1);
        CHECK(lines_about(text, b.name) == 1);
        const std::string prefix = std::string("signage-player: feed \"") + b.name + "\": " + b.url + ": ";
        const std::size_t line = text.find(prefix);
        REQUIRE(line != std::string::npos);
        const std::string logged = text.substr(line, text.find('\n', line) - line);
        CAPTURE(logged);
        CHECK(logged.find(b.reason) != std::string::npos);
        CHECK(logged.size() > prefix.size());
    }
    std::filesystem::remove_all(scratch);
}

TEST_CASE("FeedFetcher: when a feed breaks, the last good notices stay and the status says so")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const std::string path = "/seq/breaks/feed:rss2-bilingual.xml,feed:not-a-feed.html,empty-feed,status:500,"
                             "feed:rss2-bilingual.xml";
    const auto scratch = scratch_dir("signage-breaks-test");
    StderrCapture log(scratch / "stderr.txt");
    Received received;
    {
        FeedFetcher fetcher({http_source("breaks", server.url(path))}, nullptr, fast_options());
        REQUIRE(receive_until(fetcher, received, [&] { return server.count(path) >= 6; }));
        receive_for(fetcher, received, 200ms);
    }
    // The notices once; three failures in a row, shown as failing since the first success;
    // then recovery with the same body, which delivers no notices again.
    const auto updates = received.of("breaks");
    REQUIRE(updates[0]->notices);
    CHECK(updates[0]->notices->size() == 5);
    CHECK(received.with_notices("breaks") == 1);
    const auto failing = std::ranges::find_if(updates, [](const SourceUpdate* u) { return u->failing; });
    REQUIRE(failing != updates.end());
    CHECK((*failing)->confirmed_at == updates[0]->confirmed_at);
    CHECK_FALSE(updates.back()->failing);
    CHECK(updates.back()->confirmed_at >= updates[0]->confirmed_at);
    // Three different reasons: three lines; then silence once it works again.
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(lines_about(text, "breaks") == 3);
    std::filesystem::remove_all(scratch);
}

TEST_CASE("FeedFetcher: a permanent redirect is remembered, a temporary one is not")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const auto scratch = scratch_dir("signage-redirect-test");
    StderrCapture log(scratch / "stderr.txt");
    Received received;
    {
        FeedFetcher fetcher({http_source("moved", server.url("/r/301/feed/rss2-bilingual.xml")),
                             http_source("visiting", server.url("/r/302/feed/atom1-korean.xml"))},
                            nullptr, fast_options());
        REQUIRE(eventually([&] {
            return server.count("/feed/rss2-bilingual.xml") >= 4 && server.count("/r/302/feed/atom1-korean.xml") >= 4;
        }));
        received.take(fetcher);
    }
    CHECK(server.count("/r/301/feed/rss2-bilingual.xml") == 1);
    CHECK(received.with_notices("moved") == 1);
    CHECK(received.with_notices("visiting") == 1);
    // After the first 200, the polls of the new address are conditional: 304s.
    const auto polls = server.requests_to("/feed/rss2-bilingual.xml");
    CHECK(polls[1].has_header("if-none-match"));
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(lines_about(text, "moved") == 1);
    CHECK(text.find("signage-player: feed \"moved\": " + server.url("/r/301/feed/rss2-bilingual.xml")
                    + " moved permanently to " + server.url("/feed/rss2-bilingual.xml")
                    + "; polling the new address until restart (update the config)\n")
          != std::string::npos);
    CHECK(lines_about(text, "visiting") == 0);
    std::filesystem::remove_all(scratch);
}

TEST_CASE("FeedFetcher: configured headers, the User-Agent and Accept-Encoding reach the server")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    FeedSource source = http_source("private", server.url("/gzip/rss2-bilingual.xml"));
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
    CHECK(std::chrono::steady_clock::now() - start < 5s);
}

// ---- The offline cache ---------------------------------------------------------------------

namespace {

std::chrono::sys_seconds new_year_2024()
{
    return std::chrono::sys_days{std::chrono::year{2024} / 1 / 1};
}

}  // namespace

TEST_CASE("FeedFetcher: cached notices go on screen before any fetch, and their validators make it conditional")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const auto scratch = scratch_dir("signage-cache-start-test");
    const auto cache_dir = scratch / "cache";
    // The server takes 2 s to answer, so anything on screen before then came from the disk.
    const FeedSource source = http_source("ministry", server.url("/slow/2/feed/rss2-bilingual.xml"));
    REQUIRE(FeedCache(cache_dir).store(source.name, {feed_test::read_fixture("atom1-korean.xml"), "application/atom+xml",
                                                     "\"cached-tag\"", "Mon, 01 Jan 2024 00:00:00 GMT", source.location,
                                                     new_year_2024()}).ok());
    Received received;
    {
        FeedFetcher fetcher({source}, nullptr, FetcherOptions{cache_dir, 1.0});
        REQUIRE(receive_until(fetcher, received, [&] { return received.with_notices("ministry") == 2; }));
    }
    const auto updates = received.of("ministry");
    REQUIRE(updates.size() == 2);
    // First the cached Atom feed, as of when it was cached...
    REQUIRE(updates[0]->notices);
    CHECK(updates[0]->notices->front().id == "tag:example.go.kr,2024:notice-101");
    CHECK(updates[0]->confirmed_at == new_year_2024());
    CHECK_FALSE(updates[0]->failing);
    // ...then what the server sent instead.
    REQUIRE(updates[1]->notices);
    CHECK(updates[1]->notices->size() == 5);
    CHECK(updates[1]->confirmed_at > new_year_2024());

    const auto sent = server.requests_to("/slow/2/feed/rss2-bilingual.xml");
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].header("if-none-match") == "\"cached-tag\"");
    CHECK(sent[0].header("if-modified-since") == "Mon, 01 Jan 2024 00:00:00 GMT");

    const auto stored = FeedCache(cache_dir).load(source.name);
    REQUIRE(stored);
    CHECK(stored->body == feed_test::read_fixture("rss2-bilingual.xml"));
    CHECK(stored->content_type == "application/xml");
    CHECK(stored->etag.starts_with("\""));
    CHECK(stored->etag != "\"cached-tag\"");
    CHECK(stored->last_modified == "Mon, 04 Jun 2018 09:00:00 GMT");
    CHECK(stored->url == source.location);
    CHECK(stored->fetched_at == updates[1]->confirmed_at);
    std::filesystem::remove_all(scratch);
}

TEST_CASE("FeedFetcher: a 304 on the cached validators refreshes the cache and re-delivers nothing")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const auto scratch = scratch_dir("signage-cache-304-test");
    const auto cache_dir = scratch / "cache";
    const FeedSource source = http_source("ministry", server.url("/feed/rss2-bilingual.xml"));
    auto first = fetch(request_for(source));
    REQUIRE(first.ok());
    server.clear_log();
    REQUIRE(FeedCache(cache_dir).store(source.name, {first->bytes, first->content_type, first->etag, first->last_modified,
                                                     source.location, new_year_2024()}).ok());
    Received received;
    {
        FeedFetcher fetcher({source}, nullptr, FetcherOptions{cache_dir, 1.0});
        REQUIRE(receive_until(fetcher, received, [&] {
            return !received.updates.empty() && received.updates.back().confirmed_at > new_year_2024();
        }));
    }
    // The cached notices, then the 304's confirmation; one update if the screen took neither
    // before the 304 came (updates not yet taken are merged).
    const auto updates = received.of("ministry");
    REQUIRE(updates[0]->notices);
    CHECK(updates[0]->notices->size() == 5);
    CHECK(received.with_notices("ministry") == 1);
    const SourceUpdate& last = *updates.back();
    CHECK_FALSE(last.failing);
    CHECK(last.confirmed_at > new_year_2024());

    const auto sent = server.requests();
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].header("if-none-match") == first->etag);
    CHECK(sent[0].status == 304);
    const auto stored = FeedCache(cache_dir).load(source.name);
    REQUIRE(stored);
    CHECK(stored->body == first->bytes);
    CHECK(stored->etag == first->etag);
    CHECK(stored->fetched_at == last.confirmed_at);
    std::filesystem::remove_all(scratch);
}

TEST_CASE("FeedFetcher: offline at start, the cached notices stay and the status says failing")
{
    const CurlGlobal curl;
    const auto scratch = scratch_dir("signage-cache-offline-test");
    const auto cache_dir = scratch / "cache";
    const FeedSource source = http_source("ministry", "http://nonexistent.invalid/rss.xml");
    REQUIRE(FeedCache(cache_dir).store(source.name, {feed_test::read_fixture("rss2-bilingual.xml"), "application/xml",
                                                     "\"v1\"", "", source.location, new_year_2024()}).ok());
    StderrCapture log(scratch / "stderr.txt");
    Received received;
    {
        FeedFetcher fetcher({source}, nullptr, FetcherOptions{cache_dir, 1.0});
        REQUIRE(receive_until(fetcher, received, [&] { return !received.updates.empty() && received.updates.back().failing; }));
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

TEST_CASE("FeedFetcher: a cached copy that does not parse is ignored, validators and all")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const auto scratch = scratch_dir("signage-cache-bad-test");
    const auto cache_dir = scratch / "cache";
    const FeedSource source = http_source("ministry", server.url("/feed/rss2-bilingual.xml"));
    auto first = fetch(request_for(source));
    REQUIRE(first.ok());
    server.clear_log();
    // Its validators would get a 304, which would leave the screen with nothing.
    REQUIRE(FeedCache(cache_dir).store(source.name, {feed_test::read_fixture("not-a-feed.html"), "text/html", first->etag,
                                                     first->last_modified, source.location, new_year_2024()}).ok());
    StderrCapture log(scratch / "stderr.txt");
    Received received;
    {
        FeedFetcher fetcher({source}, nullptr, FetcherOptions{cache_dir, 1.0});
        REQUIRE(receive_until(fetcher, received, [&] { return received.with_notices("ministry") == 1; }));
    }
    REQUIRE(received.of("ministry").size() == 1);
    CHECK(received.of("ministry").front()->notices->size() == 5);
    const auto sent = server.requests();
    REQUIRE(sent.size() == 1);
    CHECK_FALSE(sent[0].has_header("if-none-match"));
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(text == "signage-player: feed \"ministry\": cached copy ignored: not a feed: root element <html>\n");
    std::filesystem::remove_all(scratch);
}

TEST_CASE("FeedFetcher: a cache that cannot be written is logged once and costs no notices")
{
    const CurlGlobal curl;
    const FeedServer server;
    REQUIRE_SERVER(server);
    const auto scratch = scratch_dir("signage-cache-unwritable-test");
    const auto not_a_folder = scratch / "file";
    { std::ofstream{not_a_folder} << "in the way\n"; }
    StderrCapture log(scratch / "stderr.txt");
    Received received;
    {
        FeedFetcher fetcher({http_source("ministry", server.url("/feed/rss2-bilingual.xml"))}, nullptr,
                            fast_options(not_a_folder / "cache"));
        REQUIRE(receive_until(fetcher, received, [&] { return received.of("ministry").size() >= 3; }));
    }
    CHECK(received.with_notices("ministry") == 1);
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(lines_about(text, "ministry") == 1);
    CHECK(text.starts_with("signage-player: feed \"ministry\": cache "));
    std::filesystem::remove_all(scratch);
}

TEST_CASE("FeedFetcher: file:// sources do not use the cache")
{
    const CurlGlobal curl;
    const auto scratch = scratch_dir("signage-cache-file-test");
    const auto cache_dir = scratch / "cache";
    Received received;
    {
        FeedFetcher fetcher({sample_source()}, nullptr, FetcherOptions{cache_dir, 1.0});
        REQUIRE(receive_until(fetcher, received, [&] { return received.with_notices("mois") == 1; }));
    }
    CHECK_FALSE(FeedCache(cache_dir).load("mois"));
    CHECK_FALSE(std::filesystem::exists(cache_dir));
    std::filesystem::remove_all(scratch);
}

#include "feed/fetcher.hpp"

#include "feed/http_client.hpp"
#include "feed_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
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
    auto updates = fetcher.take_updates();
    REQUIRE(updates.size() == 1);  // the broken source is logged, never delivered
    CHECK(updates[0].source_name == "mois");
    CHECK(updates[0].notices.size() == 5);
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
            return !updates.empty();
        }));
        REQUIRE(updates.size() == 1);
        CHECK(updates[0].notices.size() == 5);

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

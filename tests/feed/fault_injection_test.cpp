// Faults injected into what the fetcher depends on (issue 14): a body exactly at the size
// limit and one byte over, a server trickling a byte a second, weeks of garbage from the feed
// server, and a cache folder that turns read-only, fills up or is deleted while the player runs.
// A real HTTP server on loopback (tests/support/feed_server.py); weeks pass on an injected clock.
#include "feed/fetcher.hpp"
#include "feed/feed_cache.hpp"
#include "feed/source_poller.hpp"
#include "fetch_test_support.hpp"
#include "feed_fixtures.hpp"
#include "feed_server.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace signage::feed {

using namespace std::chrono_literals;
using feed_test::count_with_notices;
using feed_test::eventually;
using feed_test::http_source;
using feed_test::lines_about;
using feed_test::ServerFixture;
using feed_test::SourceDriver;

namespace {

// How many log lines name `text`.
std::size_t lines_with(const std::string& log, const std::string& text)
{
    std::size_t count = 0;
    std::size_t line_start = 0;
    while (line_start < log.size()) {
        std::size_t end = log.find('\n', line_start);
        if (end == std::string::npos)
            end = log.size();
        if (log.substr(line_start, end - line_start).find(text) != std::string::npos)
            ++count;
        line_start = end + 1;
    }
    return count;
}

// A source whose body is new at every poll: rss2-bilingual.xml padded to 20000, 20001, ...
// bytes (the server's /sized route), so every poll parses and stores a new cache entry.
config::FeedSource changing_source(const feed_test::FeedServer& server, const std::string& key)
{
    std::string steps;
    for (int i = 0; i < 40; ++i)
        steps += (i ? "," : "") + std::string("sized:") + std::to_string(20000 + i) + ":rss2-bilingual.xml";
    config::FeedSource source = http_source("lobby", server.url("/seq/" + key + "/" + steps));
    source.poll_interval = 60s;
    return source;
}

// The cache holds the body of the latest poll: `polls` polls of changing_source() so far.
bool cache_holds_poll(const FeedCache& cache, int polls)
{
    const auto stored = cache.load("lobby");
    return stored && stored->body.size() == static_cast<std::size_t>(20000 + polls - 1);
}

// After polls 2-6 of changing_source() could not store: the entry of poll 1 is whole and alone
// (no temporary file left), one line named the folder, the reason and what to do, and the next
// poll (the 7th) stores again.
void check_store_failed_then_resumes(const std::string& log, SourceDriver& driver, const FeedCache& cache,
                                     const std::filesystem::path& folder, const std::string& reason)
{
    CAPTURE(log);
    CHECK(cache_holds_poll(cache, 1));
    for (const auto& file : std::filesystem::directory_iterator(folder))
        CHECK(file.path().filename() == "lobby.feed");
    CHECK(lines_about(log, "lobby") == 1);
    CHECK(lines_with(log, "cache " + folder.string() + ": cannot write lobby.feed: " + reason + "; make the folder writable") == 1);
    driver.poll();
    CHECK(cache_holds_poll(cache, 7));
}

// The test server, a cache in a scratch folder, and changing_source() polled by hand into it.
struct CacheFaultFixture : ServerFixture {
    const std::filesystem::path folder = scratch / "cache";
    const FeedCache cache{folder};
    SourceDriver driver{changing_source(server, "lobby"), &cache};
};

// While it lives, this process may write no file past `bytes` (RLIMIT_FSIZE), and a write past
// it fails with EFBIG instead of raising SIGXFSZ: a disk that is full, as far as a writer can
// tell (ENOSPC and EFBIG take the same path in FeedCache::store). No privilege needed.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_ok = ::getrlimit(RLIMIT_FSIZE, &m_saved) == 0;
        m_old_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = m_saved;
        limited.rlim_cur = bytes;
        m_ok = m_ok && ::setrlimit(RLIMIT_FSIZE, &limited) == 0;
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_old_handler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    bool ok() const { return m_ok; }

private:
    rlimit m_saved{};
    void (*m_old_handler)(int) = nullptr;
    bool m_ok = false;
};

// Polls `times` times; how many of them put notices on screen.
int polls_counting_notices(SourceDriver& driver, int times)
{
    const auto before = count_with_notices(driver.updates);
    for (int i = 0; i < times; ++i)
        driver.poll();
    return static_cast<int>(count_with_notices(driver.updates) - before);
}

// The same in a child process running as nobody (for root, whom permissions do not stop), with
// `folder` made nobody's; its log goes to this process's stderr. -1 if the child failed,
// kCannotBeNobody if it could not become nobody (no CAP_SETUID, or no such user in a namespace).
constexpr int kCannotBeNobody = -2;
int polls_as_nobody(SourceDriver& driver, const std::filesystem::path& folder, int times)
{
    constexpr uid_t nobody = 65534;
    if (::chown(folder.c_str(), nobody, nobody) != 0)
        return kCannotBeNobody;
    std::fflush(stderr);
    const pid_t child = ::fork();
    if (child == 0) {
        if (::setgid(nobody) != 0 || ::setuid(nobody) != 0)
            ::_exit(100);
        const int shown = polls_counting_notices(driver, times);
        std::fflush(stderr);
        ::_exit(shown);
    }
    int status = 0;
    while (child > 0 && ::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    const bool chowned_back = ::chown(folder.c_str(), 0, 0) == 0;
    if (child <= 0 || !chowned_back || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status) == 100 ? kCannotBeNobody : WEXITSTATUS(status);
}

}  // namespace

TEST_CASE_FIXTURE(ServerFixture, "fault: a body exactly at max_body_bytes is shown, one byte over is refused, and the last good notices stay")
{
    REQUIRE_SERVER(server);
    const FeedCache cache(scratch / "cache");
    // With Content-Length, without it (read to the close), and gzipped (the limit counts the
    // bytes after decompression).
    for (const std::string query : {"", "?length=0", "?gzip=1", "?gzip=1&length=0"}) {
        CAPTURE(query);
        const std::string key = "limit" + std::to_string(query.size());
        config::FeedSource source = http_source(
            key, server.url("/seq/" + key + "/sized:16384:rss2-bilingual.xml,sized:16385:rss2-bilingual.xml" + query));
        source.max_body_bytes = 16384;
        SourceDriver driver(source, &cache);
        driver.poll(3);
        REQUIRE(driver.updates.size() == 2);
        REQUIRE(driver.updates[0].notices);
        CHECK(driver.updates[0].notices->size() == 5);
        CHECK_FALSE(driver.updates[1].notices);
        CHECK(driver.updates[1].failing);
        CHECK(driver.poller().status().error == source.location + ": body larger than 16384 bytes");
        CHECK(driver.poller().status().consecutive_failures == 2);
        CHECK(driver.poller().status().items == 5);
        const auto stored = cache.load(key);
        REQUIRE(stored);
        CHECK(stored->body.size() == 16384);
        CHECK(lines_about(log.text(), key) == 1);
    }
}

TEST_CASE("fault: a server trickling one byte a second is cut off at the total timeout, and a healthy source beside it is not delayed")
{
    const CurlGlobal curl;
    const feed_test::FeedServer server;
    REQUIRE_SERVER(server);
    // rss2-bilingual.xml at a byte a second would take 50 minutes.
    config::FeedSource trickle = http_source("trickle", server.url("/trickle/1/rss2-bilingual.xml?bytes=1"));
    trickle.total_timeout = 3s;
    const config::FeedSource healthy = http_source("healthy", server.url("/feed/rss2-bilingual.xml"));
    std::vector<SourceUpdate> received;
    bool healthy_before_trickle = false;
    const auto start = std::chrono::steady_clock::now();
    {
        FeedFetcher fetcher({trickle, healthy}, nullptr);
        auto of = [&](const std::string& name) {
            return std::ranges::count_if(received, [&](const SourceUpdate& u) { return u.source_name == name; });
        };
        REQUIRE(eventually([&] {
            for (auto& update : fetcher.take_updates()) {
                if (update.source_name == "healthy" && update.notices && of("trickle") == 0)
                    healthy_before_trickle = true;
                received.push_back(std::move(update));
            }
            return of("trickle") > 0 && of("healthy") > 0;
        }));
    }
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    MESSAGE("the trickling source failed, and the fetcher stopped, " << took.count() << " ms after start (total timeout 3 s)");
    CHECK(healthy_before_trickle);
    const auto failed = std::ranges::find_if(received, [](const SourceUpdate& u) { return u.source_name == "trickle"; });
    CHECK(failed->failing);
    CHECK_FALSE(failed->notices);
    CHECK(failed->status.error == trickle.location + ": timed out before the response was complete (total limit 3 s)");
    CHECK(server.count("/trickle/1/rss2-bilingual.xml?bytes=1") == 1);
}

// Polls a source that served rss2-bilingual.xml once and then `garbage` (a feed_server.py
// route, ":" for "/") for three simulated weeks at an hourly interval, and checks what a lasting
// failure must leave: the good notices, a bounded backoff, exact counts, one log line.
void three_weeks_of(const feed_test::FeedServer& server, const feed_test::StderrCapture& log, const FeedCache& cache,
                    const std::string& name, const std::string& garbage, std::size_t most_lines = 1)
{
    config::FeedSource source = http_source(name, server.url("/seq/" + name + "/feed:rss2-bilingual.xml," + garbage));
    source.poll_interval = 3600s;
    SourceDriver driver(source, &cache);
    driver.poll();
    const auto good_at = driver.wall;
    const auto first = driver.now;
    int polls = 1;
    std::chrono::milliseconds longest_wait{0};
    while (driver.now - first < std::chrono::days{21}) {
        driver.poll();
        ++polls;
        longest_wait = std::max(longest_wait, driver.wait_before_next());
        REQUIRE(driver.wait_before_next() > 0ms);
    }
    MESSAGE(name << ": " << polls << " polls in 21 simulated days, longest wait " << longest_wait.count() / 1000 << " s");
    // The backoff never waits longer than the poll interval, and it does not stop polling.
    CHECK(longest_wait <= 3600s);
    CHECK(polls >= 21 * 24);
    // The good notices came once; the outage made one failing update, nothing replaced them.
    REQUIRE(driver.updates.size() == 2);
    CHECK(count_with_notices(driver.updates) == 1);
    CHECK(driver.updates[1].failing);
    CHECK(driver.updates[1].confirmed_at == good_at);
    const SourceStatus& status = driver.poller().status();
    CHECK(status.outcome == FetchOutcome::failed);
    CHECK(status.consecutive_failures == polls - 1);
    CHECK(status.total_failures == polls - 1);
    CHECK(status.items == 5);
    CHECK(status.failing_since > good_at);
    CHECK(server.count(source.location.substr(server.origin().size())) == static_cast<std::size_t>(polls));
    const auto stored = cache.load(source.name);
    REQUIRE(stored);
    CHECK(stored->body == feed_test::read_fixture("rss2-bilingual.xml"));
    // One line for the whole outage, not one per attempt.
    const std::string text = log.text();
    CAPTURE(text.substr(0, 2000));
    CHECK(lines_about(text, name) >= 1);
    CHECK(lines_about(text, name) <= most_lines);
}

TEST_CASE_FIXTURE(ServerFixture, "fault: three weeks of the same garbage from the feed server keep the last good notices, bounded backoff, one log line, exact counts")
{
    REQUIRE_SERVER(server);
    three_weeks_of(server, log, FeedCache(scratch / "cache"), "same", "text:html");
}

TEST_CASE_FIXTURE(ServerFixture, "fault: three weeks of garbage that changes with every request: the same, and still one log line")
{
    REQUIRE_SERVER(server);
    // Random bytes, an HTML page, XML that is no feed, JSON, an empty body, a 500, a reset, in turn.
    // Before the fix, one line per attempt: 678 in three weeks. Now the first reason, and a
    // changed one again at most once a day.
    three_weeks_of(server, log, FeedCache(scratch / "cache"), "mixed", "junk:weeks", 1 + 21);
}

TEST_CASE_FIXTURE(CacheFaultFixture, "fault: a read-only cache folder: the notices go on, one line names the folder and what to do, and storing resumes once it is writable")
{
    REQUIRE_SERVER(server);
    driver.poll();
    REQUIRE(cache_holds_poll(cache, 1));
    const auto read_only = std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec;
    std::filesystem::permissions(folder, read_only);
    // Root writes to a read-only folder anyway: then the polls run in a child that is nobody.
    const int shown = ::geteuid() == 0 ? polls_as_nobody(driver, folder, 5) : polls_counting_notices(driver, 5);
    std::filesystem::permissions(folder, std::filesystem::perms::owner_all);
    if (shown == kCannotBeNobody) {
        skip_test("running as root, and cannot become nobody to meet a read-only folder");
        return;
    }
    CHECK(shown == 5);  // every new body went on screen
    check_store_failed_then_resumes(log.text(), driver, cache, folder, "Permission denied");
}

TEST_CASE_FIXTURE(CacheFaultFixture, "fault: a full cache disk (RLIMIT_FSIZE: EFBIG): the notices go on, one line names the folder and what to do, and storing resumes")
{
    REQUIRE_SERVER(server);
    driver.poll();
    REQUIRE(cache_holds_poll(cache, 1));
    {
        // Room for the log file, not for a 20 kB cache entry.
        const FileSizeLimit full(8192);
        REQUIRE(full.ok());
        driver.poll(5);
    }
    CHECK(count_with_notices(driver.updates) == 6);  // every new body went on screen
    check_store_failed_then_resumes(log.text(), driver, cache, folder, "File too large");
}

TEST_CASE_FIXTURE(CacheFaultFixture, "fault: a cache folder deleted while the player runs is made again at the next store")
{
    REQUIRE_SERVER(server);
    driver.poll(2);
    REQUIRE(cache_holds_poll(cache, 2));
    std::filesystem::remove_all(folder);
    driver.poll();
    CHECK(count_with_notices(driver.updates) == 3);
    CHECK(cache_holds_poll(cache, 3));
    // Deleted again, and a file put where the folder was: nothing can be stored; the notices go
    // on, and once the file is gone the folder is made again.
    std::filesystem::remove_all(folder);
    { std::ofstream{folder} << "in the way\n"; }
    driver.poll(3);
    CHECK(count_with_notices(driver.updates) == 6);
    std::filesystem::remove(folder);
    driver.poll();
    CHECK(cache_holds_poll(cache, 7));
    const std::string text = log.text();
    CAPTURE(text);
    CHECK(lines_about(text, "lobby") == 1);
    CHECK(lines_with(text, "cache " + folder.string() + ": cannot create") == 1);
}

}  // namespace signage::feed

// Each feed source's status end to end: a real FeedFetcher polls the loopback test server,
// which answers 200 and then 503; its updates go through the StatusTracker into the
// snapshot, status.json, the metrics text and the status command's line for the source.
#include "app/status_command.hpp"
#include "app/status_tracker.hpp"
#include "app/status_writer.hpp"
#include "feed/fetch_test_support.hpp"
#include "feed/fetcher.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>

namespace signage::app {

namespace {

using namespace std::chrono_literals;

std::string read_text(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::chrono::sys_seconds wall_now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

// The status command's line for the one source of `snapshot`.
std::string source_line_of(const HealthSnapshot& snapshot)
{
    for (const std::string& line : describe(snapshot))
        if (line.starts_with("feed \""))
            return line;
    return {};
}

}  // namespace

TEST_CASE_FIXTURE(feed::feed_test::ServerFixture,
                  "a source answering 200 then 503 shows its HTTP status, failures and next poll in status.json, metrics and status")
{
    REQUIRE_SERVER(server);
    config::FeedSource source = feed::feed_test::http_source("e2e", server.url("/seq/source-status/feed:rss2-bilingual.xml,status:503"));
    source.poll_interval = 1s;  // the shortest: the 503 comes a second after the 200
    StatusTracker tracker(std::chrono::steady_clock::now());
    tracker.use_sources({source});
    feed::FeedFetcher fetcher({source}, nullptr);

    std::vector<long> http_statuses;
    std::optional<HealthSnapshot> after_success;
    const bool failed = feed::feed_test::eventually([&] {
        const auto updates = fetcher.take_updates();
        for (const feed::SourceUpdate& update : updates)
            http_statuses.push_back(update.status.http_status);
        tracker.saw(updates, wall_now());
        if (!after_success && !http_statuses.empty())
            after_success = tracker.snapshot(std::chrono::steady_clock::now(), wall_now(), 30min, {});
        return !updates.empty() && updates.back().status.outcome == feed::FetchOutcome::failed;
    });
    REQUIRE(failed);
    REQUIRE(after_success);
    CHECK(http_statuses.front() == 200);
    CHECK(http_statuses.back() == 503);
    CHECK(after_success->sources[0].result == "ok");
    CHECK(after_success->sources[0].http_status == 200);
    CHECK(after_success->sources[0].items == 5);
    CHECK(after_success->sources[0].failures == 0);

    const HealthSnapshot snapshot = tracker.snapshot(std::chrono::steady_clock::now(), wall_now(), 30min, {});
    REQUIRE(snapshot.sources.size() == 1);
    const SourceHealth& health = snapshot.sources[0];
    CHECK(health.result == "failed");
    CHECK(health.http_status == 503);
    CHECK(health.message == source.location + ": HTTP 503 Service Unavailable");
    CHECK(health.items == 5);  // the last good answer's, still on screen
    CHECK(health.failures == 1);
    CHECK(health.consecutive_failures == 1);
    REQUIRE(health.next_poll);
    CHECK(*health.next_poll >= snapshot.written_at);       // the retry: in at most the poll interval
    CHECK(*health.next_poll <= snapshot.written_at + 1);
    REQUIRE(health.last_success);
    REQUIRE(health.failing_since);
    CHECK(*health.failing_since >= *health.last_success);
    CHECK_FALSE(health.stale);

    ScratchDir dir("signage-source-status");
    const auto status_path = dir.path() / "status.json";
    {
        StatusWriter writer(status_path, [](const platform::LogEntry&) {});
        HealthSnapshot offered = snapshot;
        writer.offer(std::move(offered));
    }  // the writer writes what waits before it goes
    const auto read = from_json_text(read_text(status_path));
    REQUIRE_MESSAGE(read, problem(read));
    CHECK(read->sources[0].http_status == 503);
    CHECK(read->sources[0].next_poll == health.next_poll);
    CHECK(read->sources[0].failing_since == health.failing_since);
    CHECK(read->sources[0].consecutive_failures == 1);
    CHECK(read->sources[0].message == health.message);
    HealthSnapshot written = snapshot;
    written.resident_memory_bytes = read->resident_memory_bytes;  // the writer's to fill
    CHECK(to_json_text(read.value()) == to_json_text(written));

    const auto metrics_path = metrics_path_for(status_path);
    const std::string metrics = read_text(metrics_path);
    CHECK(has(metrics, "signage_feed_http_status{source=\"e2e\"} 503\n"));
    CHECK(has(metrics, "signage_feed_next_poll_timestamp_seconds{source=\"e2e\"} " + std::to_string(*health.next_poll) + "\n"));
    CHECK(has(metrics, "# TYPE signage_feed_failures_total counter\nsignage_feed_failures_total{source=\"e2e\"} 1\n"));
    CHECK(has(metrics, "# TYPE signage_feed_consecutive_failures gauge\nsignage_feed_consecutive_failures{source=\"e2e\"} 1\n"));
    CHECK(has(metrics, "signage_feed_items{source=\"e2e\"} 5\n"));

    const std::string line = source_line_of(snapshot);
    CAPTURE(line);
    CHECK(line.starts_with("feed \"e2e\": failing for "));
    CHECK(has(line, "(" + source.location + ": HTTP 503 Service Unavailable), 1 in a row"));
    CHECK(has(line, "5 items kept from "));
    CHECK(has(line, "; 1 failed fetches since start"));

    const auto checked = promtool_check_metrics(metrics_path);
    if (!checked)
        return;
    INFO(checked->output);
    CHECK(checked->exit_code == 0);
    CHECK(checked->output.empty());
}

TEST_CASE("the status command's line for a source says what its latest attempt did")
{
    HealthSnapshot s;
    s.written_at = 1772445600;  // 2026-03-02 10:00:00 UTC
    s.uptime_seconds = 9000;
    s.stale_after_seconds = 1800;
    const std::int64_t at = s.written_at;
    const auto line_for = [&](const SourceHealth& source) {
        s.sources = {source};
        return source_line_of(s);
    };
    SourceHealth waiting;
    waiting.name = "news";
    CHECK(line_for(waiting) == "feed \"news\": waiting for the first fetch; next poll not known");

    SourceHealth ok{"news", "ok", "", 200, at - 180, at - 180, at + 120, 12, 0, false, at - 180, std::nullopt, 0};
    CHECK(line_for(ok) == "feed \"news\": ok, 12 items, HTTP 200, 3 min ago; next poll in 2 min");

    SourceHealth cached{"news", "cached", "", std::nullopt, at, at - 7200, at - 1, 12, 0, true, std::nullopt, std::nullopt, 0};
    CHECK(line_for(cached) == "feed \"news\": cached copy at start, 12 items from 2 h ago; next poll now; stale");

    SourceHealth failing{"news", "failed", "https://example.org/feed: HTTP 503 Service Unavailable", 503, at - 30, at - 7500, at + 90,
                         12, 9, true, at - 30, at - 7260, 7};
    CHECK(line_for(failing) == "feed \"news\": failing for 2 h 1 min (https://example.org/feed: HTTP 503 Service Unavailable), "
                               "7 in a row, last attempt 30 s ago, 12 items kept from 2 h 5 min ago; next poll in 1 min; "
                               "9 failed fetches since start; stale");

    // A body that did not parse: the HTTP status is said too; no response at all: none is.
    SourceHealth unparsed{"news", "failed", "https://example.org/feed: no notices in the feed", 200, at, at - 60, at + 30, 4, 1, false, at,
                          at, 1};
    CHECK(has(line_for(unparsed), "failing for 0 s (https://example.org/feed: no notices in the feed, HTTP 200), 1 in a row"));

    SourceHealth gone{"news", "gone", "https://example.org/feed: HTTP 410 Gone", 410, at, at - 86400 * 3, std::nullopt, 4, 1, true, at,
                      at, 1};
    CHECK(line_for(gone) == "feed \"news\": gone (https://example.org/feed: HTTP 410 Gone), 1 in a row, last attempt 0 s ago, "
                            "4 items kept from 3 d ago; polled no more until restart; 1 failed fetches since start; stale");
}

}  // namespace signage::app

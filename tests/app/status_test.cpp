// The player's health file and metrics: status.json read back by `signage-player status`
// (the real binary) with its exit codes, the Prometheus file checked by promtool, the
// writer's log on a disk it cannot write.
#include "app/cli.hpp"
#include "app/status_command.hpp"
#include "app/status_writer.hpp"
#include "platform/atomic_file.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <thread>

namespace signage::app {

namespace {

using namespace std::chrono_literals;

// A healthy screen: two sources answering, frames drawn, the schedule on.
HealthSnapshot healthy_snapshot()
{
    HealthSnapshot s;
    s.version = "1.2.3";
    s.written_at = 1772445600;  // 2026-03-02 10:00:00 UTC
    s.uptime_seconds = 3725;
    s.stale_after_seconds = 1800;
    SourceHealth news{"news", "ok", "", 200, s.written_at - 5, s.written_at - 5, s.written_at + 55, 12, 0, false, s.written_at - 6, std::nullopt, 0};
    SourceHealth alerts{"alerts \"east\"\\\nwing", "not modified", "", std::nullopt, s.written_at - 30, s.written_at - 30, std::nullopt, 3, 2,
                        false, s.written_at - 30, std::nullopt, 0};
    s.sources = {news, alerts};
    s.notices_shown = 15;
    s.urgent_on_screen = 1;
    s.alerts_on_screen = 2;
    s.frames_last_minute = 3600;
    s.late_frames_last_minute = 2;
    s.frames_total = 223500;
    s.late_frames_total = 7;
    s.crawl_pixels_total = 894000;
    s.resident_memory_bytes = 50 * 1024 * 1024;
    s.display_on = true;
    s.renderer = "opengles2";
    s.width = 1920;
    s.height = 1080;
    s.schedule_on = true;
    return s;
}

// `signage-player status --file` on `snapshot`, written `age` ago.
PlayerOutcome status_of(const HealthSnapshot& snapshot, std::chrono::seconds age = 0s)
{
    ScratchDir dir("signage-status");
    const auto path = dir.path() / "status.json";
    REQUIRE(platform::write_file_atomically(path, to_json_text(snapshot)).ok());
    std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now() - age);
    return run_player({"status", "--file", path.string()}, true);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Steps of the writer's thread, awaited without a sleep as proof: a deadline guards a hang.
bool wait_for_attempts(const StatusWriter& writer, std::size_t attempts)
{
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    while (writer.attempts() < attempts && std::chrono::steady_clock::now() < give_up)
        std::this_thread::yield();
    return writer.attempts() >= attempts;
}

}  // namespace

TEST_CASE("the status command takes an optional --file")
{
    const auto plain = parse_command_line({"status"});
    REQUIRE(plain);
    CHECK(plain->command == Command::status);
    CHECK_FALSE(plain->status_file.has_value());
    const auto with_file = parse_command_line({"status", "--file", "/run/x/status.json"});
    REQUIRE(with_file);
    CHECK(with_file->status_file == "/run/x/status.json");
    CHECK(parse_command_line({"status", "--help"})->command == Command::help);
    CHECK(parse_command_line({"status", "--file"}).error().message == "--file: needs a value");
    CHECK(parse_command_line({"status", "--verbose"}).error().message == "unknown option \"--verbose\"; see --help");
    CHECK(parse_command_line({"status", "extra"}).error().message == "status: unexpected argument \"extra\"; see --help");
    CHECK(std::string(usage_text()).find("signage-player status [--file PATH]") != std::string::npos);
}

TEST_CASE("a health snapshot reads back from its JSON as it was written")
{
    const HealthSnapshot written = healthy_snapshot();
    const auto read = from_json_text(to_json_text(written));
    REQUIRE_MESSAGE(read, problem(read));
    CHECK(read->sources.size() == 2);
    CHECK(read->sources[1].name == written.sources[1].name);
    CHECK(read->sources[0].http_status == 200);
    CHECK_FALSE(read->sources[1].http_status.has_value());
    CHECK(read->sources[1].failures == 2);
    CHECK(read->frames_last_minute == 3600);
    CHECK(read->renderer == "opengles2");
    CHECK(to_json_text(read.value()) == to_json_text(written));
    CHECK_FALSE(from_json_text("{\"version\": \"1\"}"));
    CHECK_FALSE(from_json_text("{\"vers"));
}

TEST_CASE("status prints one line per item and exits 0 for a healthy screen")
{
    const auto outcome = status_of(healthy_snapshot());
    CHECK(outcome.exit_code == 0);
    CHECK(has(outcome.output, "uptime: 1 h 2 min 5 s (signage-player 1.2.3"));
    CHECK(has(outcome.output, "feed \"news\": ok, 12 items, HTTP 200, 6 s ago; next poll in 55 s\n"));
    CHECK(has(outcome.output, "\": not modified, 3 items, 30 s ago; next poll not known; 2 failed fetches since start\n"));
    CHECK(has(outcome.output, "notices: 15 shown, 1 urgent on screen, 2 alerts on screen\n"));
    CHECK(has(outcome.output, "frames: 3600 in the last minute, 2 late"));
    CHECK(has(outcome.output, "memory: 50.0 MiB resident\n"));
    CHECK(has(outcome.output, "display: on, opengles2 renderer, 1920x1080\n"));
    CHECK(has(outcome.output, "schedule: on\n"));
    CHECK(has(outcome.output, "healthy\n"));
    CHECK_FALSE(has(outcome.output, "unhealthy"));
}

TEST_CASE("status exits 1 with a reason when no frames were drawn in the last minute while the schedule is on")
{
    HealthSnapshot snapshot = healthy_snapshot();
    snapshot.frames_last_minute = 0;
    const auto outcome = status_of(snapshot);
    CHECK(outcome.exit_code == 1);
    CHECK(has(outcome.output, "unhealthy: no frames drawn in the last minute while the schedule is on\n"));
    // Off hours draw nothing, and that is healthy.
    snapshot.schedule_on = false;
    CHECK(status_of(snapshot).exit_code == 0);
}

TEST_CASE("status exits 1 when every source has failed for longer than stale_after, and 0 while one still answers")
{
    HealthSnapshot snapshot = healthy_snapshot();
    snapshot.sources[0].result = "failed";
    snapshot.sources[0].stale = true;
    CHECK(status_of(snapshot).exit_code == 0);
    snapshot.sources[1].result = "gone";
    snapshot.sources[1].stale = true;
    const auto outcome = status_of(snapshot);
    CHECK(outcome.exit_code == 1);
    CHECK(has(outcome.output, "unhealthy: every feed source has had no success for longer than stale_after (30 min 0 s)\n"));
}

TEST_CASE("status exits 1 when the file is old (the player stopped or froze) or missing")
{
    const auto old = status_of(healthy_snapshot(), 60s);
    CHECK(old.exit_code == 1);
    CHECK(has(old.output, "unhealthy: the status file is 1 min 0 s old: the player is not running, or its loop is frozen\n"));
    const auto missing = run_player({"status", "--file", "/nonexistent/status.json"}, true);
    CHECK(missing.exit_code == 1);
    CHECK(has(missing.output, "unhealthy: no status file at /nonexistent/status.json: the player is not running"));
}

TEST_CASE("the metrics file the writer makes passes promtool check metrics")
{
    ScratchDir dir("signage-status");
    {
        StatusWriter writer(dir.path() / "status.json", [](const platform::LogEntry&) {});
        HealthSnapshot snapshot = healthy_snapshot();
        writer.offer(std::move(snapshot));
    }  // the writer writes what waits before it goes
    const auto metrics_file = metrics_path_for(dir.path() / "status.json");
    std::ifstream in(metrics_file);
    const std::string metrics((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(has(metrics, "# TYPE signage_frames_drawn_total counter\nsignage_frames_drawn_total 223500\n"));
    CHECK(has(metrics, "signage_feed_items{source=\"alerts \\\"east\\\"\\\\\\nwing\"} 3\n"));
    CHECK(has(metrics, "signage_feed_http_status{source=\"news\"} 200\n"));
    CHECK(has(metrics, "signage_build_info{version=\"1.2.3\"} 1\n"));
    CHECK(has(metrics, "signage_resident_memory_bytes "));
    CHECK_FALSE(has(metrics, "signage_resident_memory_bytes 0\n"));  // the writer read /proc/self/statm
    const auto checked = promtool_check_metrics(metrics_file);
    if (!checked)
        return;
    INFO(checked->output);
    CHECK(checked->exit_code == 0);
    CHECK(checked->output.empty());  // not even a lint warning
    // The check can fail: a file that breaks the format is refused.
    platform::write_file_atomically(dir.path() / "bad.prom", "signage_x{source=\"a\nb\"} 1\n").value();
    CHECK(promtool_check_metrics(dir.path() / "bad.prom")->exit_code != 0);
}

TEST_CASE("a status file that cannot be written is logged once per episode, and once when it works again")
{
    ScratchDir dir("signage-status");
    const auto blocker = dir.path() / "run";
    std::ofstream(blocker) << "a file where the folder should be";
    std::mutex mutex;
    std::vector<std::string> lines;
    StatusWriter writer(blocker / "status.json", [&](const platform::LogEntry& entry) {
        std::lock_guard lock(mutex);
        lines.push_back(platform::journal_line(entry));
    });
    for (std::size_t i = 1; i <= 5; ++i) {
        writer.offer(healthy_snapshot());
        REQUIRE(wait_for_attempts(writer, i));
    }
    {
        std::lock_guard lock(mutex);
        REQUIRE(lines.size() == 1);
        CHECK(has(lines[0], "<4>status: " + blocker.string()));
        CHECK(has(lines[0], "(a read-only or full disk?)"));
    }
    std::filesystem::remove(blocker);
    writer.offer(healthy_snapshot());
    REQUIRE(wait_for_attempts(writer, 6));
    std::lock_guard lock(mutex);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1] == "<5>status: " + (blocker / "status.json").string() + " written again");
    CHECK(std::filesystem::exists(blocker / "signage_player.prom"));
}

TEST_CASE("the default status file is systemd's runtime folder, else XDG_RUNTIME_DIR's, else one in /tmp")
{
    const char* saved_runtime = std::getenv("RUNTIME_DIRECTORY");
    const char* saved_xdg = std::getenv("XDG_RUNTIME_DIR");
    const std::string runtime = saved_runtime ? saved_runtime : "", xdg = saved_xdg ? saved_xdg : "";
    ::setenv("RUNTIME_DIRECTORY", "/run/signage-player:/run/other", 1);
    CHECK(default_status_path() == "/run/signage-player/status.json");
    ::unsetenv("RUNTIME_DIRECTORY");
    ::setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
    CHECK(default_status_path() == "/run/user/1000/signage-player/status.json");
    ::unsetenv("XDG_RUNTIME_DIR");
    CHECK(default_status_path() == "/tmp/signage-player-" + std::to_string(::getuid()) + "/status.json");
    CHECK(metrics_path_for("/run/signage-player/status.json") == "/run/signage-player/signage_player.prom");
    if (saved_runtime)
        ::setenv("RUNTIME_DIRECTORY", runtime.c_str(), 1);
    if (saved_xdg)
        ::setenv("XDG_RUNTIME_DIR", xdg.c_str(), 1);
}

}  // namespace signage::app

namespace signage::app {

TEST_CASE("with [status] http_port the writer serves the latest /status and /metrics on 127.0.0.1")
{
    // A port free a moment ago.
    int port = 0;
    {
        auto probe = platform::LoopbackHttpServer::start(0, [](std::string_view) { return platform::HttpReply{}; });
        REQUIRE_MESSAGE(probe, problem(probe));
        port = probe->port();
    }
    ScratchDir dir("signage-status");
    std::vector<std::string> lines;
    StatusWriter writer(dir.path() / "status.json", [&](const platform::LogEntry& entry) { lines.push_back(platform::journal_line(entry)); }, port);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == "<6>status: serving /status and /metrics on http://127.0.0.1:" + std::to_string(port) + " (this machine only)");
    const std::string url = "http://127.0.0.1:" + std::to_string(port);
    if (run_shell("command -v curl >/dev/null 2>&1").exit_code != 0) {
        skip_test("curl is not installed");
        return;
    }
    CHECK(run_shell("curl -s -o /dev/null -w '%{http_code}' " + url + "/metrics").output == "503");
    writer.offer(healthy_snapshot());
    REQUIRE(wait_for_attempts(writer, 1));
    const auto status = run_shell("curl -sf " + url + "/status");
    CHECK(status.exit_code == 0);
    const auto read = from_json_text(status.output);
    REQUIRE_MESSAGE(read, problem(read));
    CHECK(read->frames_total == 223500);
    const auto metrics = run_shell("curl -sf " + url + "/metrics");
    CHECK(metrics.output.find("signage_build_info{version=\"1.2.3\"} 1\n") != std::string::npos);
    CHECK(run_shell("curl -s -o /dev/null -w '%{http_code}' " + url + "/other").output == "404");
}

}  // namespace signage::app

#pragma once
// The player's health at one moment, as `signage-player status` and Prometheus read it: what
// the render thread knows (filled once a second by StatusTracker), written by StatusWriter as
// status.json and as signage_player.prom (the text exposition format, for node_exporter's
// textfile collector).
#include "util/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace signage::app {

// The latest word from one feed source. Times are Unix seconds; nullopt: not yet / not known.
struct SourceHealth {
    std::string name;
    // The latest attempt: "waiting" (none yet), "cached" (the offline cache's notices at start),
    // "ok" (new notices), "not modified" (a 304 or the same body), "failed", "gone" (410: polled
    // no more).
    std::string result = "waiting";
    std::string message;                  // what failed (one line), when the latest attempt failed
    std::optional<int> http_status;       // of the latest response; nullopt without one (DNS, timeout, file://)
    std::optional<std::int64_t> last_update;   // when the player took this source's latest update
    std::optional<std::int64_t> last_success;  // when its notices were last known current
    std::optional<std::int64_t> next_poll;     // when the fetcher tries again (nullopt: never, or not known)
    std::int64_t items = 0;               // notices in its last good answer
    std::int64_t failures = 0;            // failed attempts since the player started
    bool stale = true;                    // no success within stale_after
    std::optional<std::int64_t> last_attempt;   // when the latest fetch finished
    std::optional<std::int64_t> failing_since;  // the first of the failures in a row, while failing
    std::int64_t consecutive_failures = 0;      // failed attempts since the last success
};

struct HealthSnapshot {
    std::string version;
    std::int64_t written_at = 0;  // the player's wall clock, Unix seconds
    double uptime_seconds = 0.0;
    std::int64_t stale_after_seconds = 0;
    std::vector<SourceHealth> sources;
    std::int64_t notices_shown = 0;
    std::int64_t urgent_on_screen = 0;
    std::int64_t alerts_on_screen = 0;  // CAP alerts (docs/alerts.md)
    std::int64_t frames_last_minute = 0;
    std::int64_t late_frames_last_minute = 0;
    std::int64_t frames_total = 0;
    std::int64_t late_frames_total = 0;
    std::int64_t crawl_pixels_total = 0;
    std::int64_t resident_memory_bytes = 0;  // filled by the writer, off the render thread
    bool display_on = false;                 // a renderer and a screen built on it
    std::string renderer;
    int width = 0;
    int height = 0;
    bool schedule_on = false;
};

std::string to_json_text(const HealthSnapshot& snapshot);
// Errors name what is missing or malformed.
Result<HealthSnapshot> from_json_text(const std::string& text);
// The Prometheus text exposition format, HELP and TYPE for every metric.
std::string to_prometheus_text(const HealthSnapshot& snapshot);
// A label value as the exposition format wants it: \ " and newline escaped.
std::string prometheus_label_value(const std::string& value);

}  // namespace signage::app

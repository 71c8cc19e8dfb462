#include "app/status_snapshot.hpp"

#include <nlohmann/json.hpp>

#include <functional>

namespace signage::app {

namespace {

using nlohmann::json;

template <typename T>
json optional_value(const std::optional<T>& value)
{
    return value ? json(*value) : json(nullptr);
}

template <typename T>
std::optional<T> read_optional(const json& object, const char* key)
{
    const auto found = object.find(key);
    if (found == object.end() || found->is_null())
        return std::nullopt;
    return found->get<T>();
}

json source_json(const SourceHealth& source)
{
    return {{"name", source.name},
            {"result", source.result},
            {"message", source.message},
            {"http_status", optional_value(source.http_status)},
            {"last_update", optional_value(source.last_update)},
            {"last_success", optional_value(source.last_success)},
            {"next_poll", optional_value(source.next_poll)},
            {"items", source.items},
            {"failures", source.failures},
            {"stale", source.stale},
            {"last_attempt", optional_value(source.last_attempt)},
            {"failing_since", optional_value(source.failing_since)},
            {"consecutive_failures", source.consecutive_failures}};
}

SourceHealth source_from(const json& object)
{
    SourceHealth source;
    source.name = object.at("name").get<std::string>();
    source.result = object.at("result").get<std::string>();
    source.message = object.value("message", "");
    source.http_status = read_optional<int>(object, "http_status");
    source.last_update = read_optional<std::int64_t>(object, "last_update");
    source.last_success = read_optional<std::int64_t>(object, "last_success");
    source.next_poll = read_optional<std::int64_t>(object, "next_poll");
    source.items = object.at("items").get<std::int64_t>();
    source.failures = object.at("failures").get<std::int64_t>();
    source.stale = object.at("stale").get<bool>();
    source.last_attempt = read_optional<std::int64_t>(object, "last_attempt");
    source.failing_since = read_optional<std::int64_t>(object, "failing_since");
    source.consecutive_failures = object.value("consecutive_failures", std::int64_t{0});
    return source;
}

// One metric: its HELP and TYPE lines, then its samples.
struct Metric {
    std::string& out;
    void operator()(const std::string& name, const char* type, const char* help, const std::string& samples) const
    {
        out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + samples;
    }
};

std::string sample(const std::string& name, std::int64_t value, const std::string& labels = "")
{
    return name + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(value) + "\n";
}

// One sample per source, labelled source="name".
std::string per_source(const HealthSnapshot& snapshot, const std::string& name,
                       const std::function<std::int64_t(const SourceHealth&)>& value)
{
    std::string samples;
    for (const SourceHealth& source : snapshot.sources)
        samples += sample(name, value(source), "source=\"" + prometheus_label_value(source.name) + "\"");
    return samples;
}

}  // namespace

std::string to_json_text(const HealthSnapshot& snapshot)
{
    json sources = json::array();
    for (const SourceHealth& source : snapshot.sources)
        sources.push_back(source_json(source));
    const json document = {
        {"version", snapshot.version},
        {"written_at", snapshot.written_at},
        {"uptime_seconds", snapshot.uptime_seconds},
        {"stale_after_seconds", snapshot.stale_after_seconds},
        {"sources", sources},
        {"notices_shown", snapshot.notices_shown},
        {"urgent_on_screen", snapshot.urgent_on_screen},
        {"alerts_on_screen", snapshot.alerts_on_screen},
        {"frames_last_minute", snapshot.frames_last_minute},
        {"late_frames_last_minute", snapshot.late_frames_last_minute},
        {"frames_total", snapshot.frames_total},
        {"late_frames_total", snapshot.late_frames_total},
        {"crawl_pixels_total", snapshot.crawl_pixels_total},
        {"resident_memory_bytes", snapshot.resident_memory_bytes},
        {"display", {{"on", snapshot.display_on}, {"renderer", snapshot.renderer}, {"width", snapshot.width}, {"height", snapshot.height}}},
        {"schedule_on", snapshot.schedule_on},
    };
    // Feed names and messages come from the config and the network: never let one break the file.
    return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<HealthSnapshot> from_json_text(const std::string& text)
{
    try {
        const json document = json::parse(text);
        HealthSnapshot snapshot;
        snapshot.version = document.at("version").get<std::string>();
        snapshot.written_at = document.at("written_at").get<std::int64_t>();
        snapshot.uptime_seconds = document.at("uptime_seconds").get<double>();
        snapshot.stale_after_seconds = document.at("stale_after_seconds").get<std::int64_t>();
        for (const json& source : document.at("sources"))
            snapshot.sources.push_back(source_from(source));
        snapshot.notices_shown = document.at("notices_shown").get<std::int64_t>();
        snapshot.urgent_on_screen = document.at("urgent_on_screen").get<std::int64_t>();
        // Absent from the files of players before alerts.
        snapshot.alerts_on_screen = document.value("alerts_on_screen", std::int64_t{0});
        snapshot.frames_last_minute = document.at("frames_last_minute").get<std::int64_t>();
        snapshot.late_frames_last_minute = document.at("late_frames_last_minute").get<std::int64_t>();
        snapshot.frames_total = document.at("frames_total").get<std::int64_t>();
        snapshot.late_frames_total = document.at("late_frames_total").get<std::int64_t>();
        snapshot.crawl_pixels_total = document.at("crawl_pixels_total").get<std::int64_t>();
        snapshot.resident_memory_bytes = document.at("resident_memory_bytes").get<std::int64_t>();
        const json& display = document.at("display");
        snapshot.display_on = display.at("on").get<bool>();
        snapshot.renderer = display.at("renderer").get<std::string>();
        snapshot.width = display.at("width").get<int>();
        snapshot.height = display.at("height").get<int>();
        snapshot.schedule_on = document.at("schedule_on").get<bool>();
        return snapshot;
    } catch (const json::exception& error) {
        return Error{std::string("not a status file of this player: ") + error.what()};
    }
}

std::string prometheus_label_value(const std::string& value)
{
    std::string escaped;
    for (const char c : value) {
        if (c == '\\')
            escaped += "\\\\";
        else if (c == '"')
            escaped += "\\\"";
        else if (c == '\n')
            escaped += "\\n";
        else
            escaped += c;
    }
    return escaped;
}

std::string to_prometheus_text(const HealthSnapshot& s)
{
    std::string out;
    const Metric metric{out};
    metric("signage_frames_drawn_total", "counter", "Frames drawn since the player started.", sample("signage_frames_drawn_total", s.frames_total));
    metric("signage_frames_late_total", "counter", "Frames that missed a display refresh since the player started.",
           sample("signage_frames_late_total", s.late_frames_total));
    metric("signage_crawl_pixels_total", "counter", "Pixels the crawl has advanced since start; flat while the picture is frozen.",
           sample("signage_crawl_pixels_total", s.crawl_pixels_total));
    metric("signage_feed_last_success_timestamp_seconds", "gauge", "When the source's notices were last known current (0: never).",
           per_source(s, "signage_feed_last_success_timestamp_seconds", [](const SourceHealth& f) { return f.last_success.value_or(0); }));
    metric("signage_feed_http_status", "gauge", "The HTTP status of the source's latest answer (0: none, as on a timeout or for a file).",
           per_source(s, "signage_feed_http_status", [](const SourceHealth& f) { return f.http_status.value_or(0); }));
    metric("signage_feed_last_attempt_timestamp_seconds", "gauge", "When the source's latest fetch finished (0: none yet).",
           per_source(s, "signage_feed_last_attempt_timestamp_seconds", [](const SourceHealth& f) { return f.last_attempt.value_or(0); }));
    metric("signage_feed_next_poll_timestamp_seconds", "gauge", "When the source is fetched next (0: never, or not known).",
           per_source(s, "signage_feed_next_poll_timestamp_seconds", [](const SourceHealth& f) { return f.next_poll.value_or(0); }));
    metric("signage_feed_items", "gauge", "Notices in the source's last good answer.",
           per_source(s, "signage_feed_items", [](const SourceHealth& f) { return f.items; }));
    metric("signage_feed_failures_total", "counter", "Failed fetches of the source since the player started.",
           per_source(s, "signage_feed_failures_total", [](const SourceHealth& f) { return f.failures; }));
    metric("signage_feed_consecutive_failures", "gauge", "Failed fetches of the source since its last success.",
           per_source(s, "signage_feed_consecutive_failures", [](const SourceHealth& f) { return f.consecutive_failures; }));
    metric("signage_feed_stale", "gauge", "1 when the source has had no success within stale_after.",
           per_source(s, "signage_feed_stale", [](const SourceHealth& f) { return std::int64_t{f.stale}; }));
    metric("signage_urgent_notices", "gauge", "Urgent notices on screen.", sample("signage_urgent_notices", s.urgent_on_screen));
    metric("signage_alerts_on_screen", "gauge", "CAP emergency alerts on screen.", sample("signage_alerts_on_screen", s.alerts_on_screen));
    metric("signage_display_on", "gauge", "1 when the player has a renderer and a screen built on it.",
           sample("signage_display_on", s.display_on));
    metric("signage_schedule_on", "gauge", "1 in the schedule's on hours, 0 in the off hours (the screen is black).",
           sample("signage_schedule_on", s.schedule_on));
    metric("signage_resident_memory_bytes", "gauge", "The player's resident memory.",
           sample("signage_resident_memory_bytes", s.resident_memory_bytes));
    metric("signage_build_info", "gauge", "Always 1; the player's version in a label.",
           sample("signage_build_info", 1, "version=\"" + prometheus_label_value(s.version) + "\""));
    return out;
}

}  // namespace signage::app

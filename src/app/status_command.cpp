#include "app/status_command.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <system_error>

namespace signage::app {

namespace {

std::string utc_time(std::int64_t seconds)
{
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    gmtime_r(&time, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &parts);
    return text;
}

std::string duration_text(std::int64_t seconds)
{
    if (seconds < 0)
        return "0 s";
    const std::int64_t days = seconds / 86400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60;
    std::string text;
    if (days)
        text += std::to_string(days) + " d ";
    if (days || hours)
        text += std::to_string(hours) + " h ";
    if (days || hours || minutes)
        text += std::to_string(minutes) + " min ";
    return text + std::to_string(seconds % 60) + " s";
}

// The largest two units: "45 s", "3 min", "2 h 5 min", "3 d 4 h".
std::string short_duration(std::int64_t seconds)
{
    seconds = std::max<std::int64_t>(seconds, 0);
    const auto two_units = [](std::int64_t big, const char* big_unit, std::int64_t small, const char* small_unit) {
        return std::to_string(big) + " " + big_unit + (small ? " " + std::to_string(small) + " " + small_unit : "");
    };
    if (seconds < 60)
        return std::to_string(seconds) + " s";
    if (seconds < 3600)
        return std::to_string(seconds / 60) + " min";
    if (seconds < 86400)
        return two_units(seconds / 3600, "h", seconds / 60 % 60, "min");
    return two_units(seconds / 86400, "d", seconds / 3600 % 24, "h");
}

// "3 min ago", "never".
std::string ago(const std::optional<std::int64_t>& when, std::int64_t at)
{
    return when ? short_duration(at - *when) + " ago" : "never";
}

// "next poll in 2 min", "next poll now", "polled no more until restart".
std::string next_poll(const SourceHealth& source, std::int64_t at)
{
    if (source.result == "gone")
        return "polled no more until restart";
    if (!source.next_poll)
        return "next poll not known";
    return *source.next_poll <= at ? "next poll now" : "next poll in " + short_duration(*source.next_poll - at);
}

// "failing for 2 h (https://...: HTTP 503 Service Unavailable), 7 in a row".
std::string failure_text(const SourceHealth& source, std::int64_t at)
{
    std::string text = source.result == "gone" ? "gone" : "failing";
    if (source.failing_since && source.result != "gone")
        text += " for " + short_duration(at - *source.failing_since);
    std::string why = source.message;
    const std::string http = source.http_status ? "HTTP " + std::to_string(*source.http_status) : "";
    if (!http.empty() && why.find(http) == std::string::npos)
        why += (why.empty() ? "" : ", ") + http;
    if (!why.empty())
        text += " (" + why + ")";
    return text + ", " + std::to_string(source.consecutive_failures) + " in a row, last attempt " + ago(source.last_attempt, at) +
           ", " + std::to_string(source.items) + " items kept from " + ago(source.last_success, at);
}

// "feed \"news\": ok, 12 items, HTTP 200, 3 min ago; next poll in 2 min".
std::string source_line(const SourceHealth& source, std::int64_t at)
{
    std::string line = "feed \"" + source.name + "\": ";
    if (source.result == "waiting")
        return line + "waiting for the first fetch; " + next_poll(source, at);
    if (source.result == "failed" || source.result == "gone") {
        line += failure_text(source, at);
    } else if (source.result == "cached") {
        line += "cached copy at start, " + std::to_string(source.items) + " items from " + ago(source.last_success, at);
    } else {
        line += source.result + ", " + std::to_string(source.items) + " items" +
                (source.http_status ? ", HTTP " + std::to_string(*source.http_status) : "") + ", " + ago(source.last_attempt, at);
    }
    line += "; " + next_poll(source, at);
    if (source.failures > 0)
        line += "; " + std::to_string(source.failures) + " failed fetches since start";
    return line + (source.stale ? "; stale" : "");
}

}  // namespace

std::vector<std::string> describe(const HealthSnapshot& s)
{
    std::vector<std::string> lines;
    lines.push_back("uptime: " + duration_text(static_cast<std::int64_t>(s.uptime_seconds)) + " (signage-player " + s.version +
                    ", snapshot " + utc_time(s.written_at) + ")");
    for (const SourceHealth& source : s.sources)
        lines.push_back(source_line(source, s.written_at));
    lines.push_back("notices: " + std::to_string(s.notices_shown) + " shown, " + std::to_string(s.urgent_on_screen) + " urgent on screen, " +
                    std::to_string(s.alerts_on_screen) + " alerts on screen");
    lines.push_back("frames: " + std::to_string(s.frames_last_minute) + " in the last minute, " + std::to_string(s.late_frames_last_minute) +
                    " late (since start " + std::to_string(s.frames_total) + ", " + std::to_string(s.late_frames_total) + " late)");
    lines.push_back("crawl: " + std::to_string(s.crawl_pixels_total) + " px advanced since start");
    char memory[32];
    std::snprintf(memory, sizeof memory, "%.1f MiB", static_cast<double>(s.resident_memory_bytes) / (1024.0 * 1024.0));
    lines.push_back(std::string("memory: ") + memory + " resident");
    lines.push_back(std::string("display: ") + (s.display_on ? "on" : "off") + ", " + (s.renderer.empty() ? "no" : s.renderer) +
                    " renderer, " + std::to_string(s.width) + "x" + std::to_string(s.height));
    lines.push_back(std::string("schedule: ") + (s.schedule_on ? "on" : "off hours (the screen is black)"));
    return lines;
}

std::vector<std::string> health_problems(const HealthSnapshot& s)
{
    std::vector<std::string> problems;
    // The first seconds are the start: no frame yet is no fault.
    if (s.schedule_on && s.frames_last_minute == 0 && s.uptime_seconds >= static_cast<double>(kStatusFileTooOld.count()))
        problems.push_back("no frames drawn in the last minute while the schedule is on");
    bool all_stale = !s.sources.empty();
    for (const SourceHealth& source : s.sources)
        all_stale = all_stale && source.stale;
    if (all_stale && s.uptime_seconds > static_cast<double>(s.stale_after_seconds))
        problems.push_back("every feed source has had no success for longer than stale_after (" +
                           duration_text(s.stale_after_seconds) + ")");
    return problems;
}

StatusReport check_status(const std::filesystem::path& file, std::filesystem::file_time_type now)
{
    StatusReport report;
    std::error_code error;
    const auto written = std::filesystem::last_write_time(file, error);
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (error || !in) {
        report.reasons.push_back("no status file at " + file.string() +
                                 ": the player is not running, or writes it elsewhere (give it with --file)");
    } else if (auto snapshot = from_json_text(text.str()); !snapshot) {
        report.reasons.push_back(file.string() + ": " + snapshot.error().message);
    } else {
        report.lines = describe(snapshot.value());
        report.reasons = health_problems(snapshot.value());
        const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - written);
        if (age > kStatusFileTooOld)
            report.reasons.push_back("the status file is " + duration_text(age.count()) +
                                     " old: the player is not running, or its loop is frozen");
    }
    if (report.reasons.empty())
        report.lines.push_back("healthy");
    for (const std::string& reason : report.reasons)
        report.lines.push_back("unhealthy: " + reason);
    return report;
}

int run_status_command(const std::filesystem::path& file)
{
    const StatusReport report = check_status(file, std::filesystem::file_time_type::clock::now());
    for (const std::string& line : report.lines)
        std::printf("%s\n", line.c_str());
    return report.reasons.empty() ? 0 : 1;
}

}  // namespace signage::app

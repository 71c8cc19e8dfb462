#include "app/status_command.hpp"

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

// "2026-03-02 10:00:03 UTC (5 s before the snapshot)", or "never".
std::string moment(const std::optional<std::int64_t>& when, std::int64_t snapshot_at)
{
    if (!when)
        return "never";
    const std::int64_t ago = snapshot_at - *when;
    return utc_time(*when) + (ago >= 0 ? " (" + duration_text(ago) + " ago)" : " (in " + duration_text(-ago) + ")");
}

std::string source_line(const SourceHealth& source, std::int64_t at)
{
    std::string line = "feed \"" + source.name + "\": " + source.result;
    if (!source.message.empty())
        line += " (" + source.message + ")";
    if (source.http_status)
        line += ", HTTP " + std::to_string(*source.http_status);
    line += ", " + std::to_string(source.items) + " items, last update " + moment(source.last_update, at) + ", last success " +
            moment(source.last_success, at) + ", next poll " + (source.next_poll ? moment(source.next_poll, at) : "not known") + ", " +
            std::to_string(source.failures) + " failures";
    return line + (source.stale ? ", stale" : "");
}

}  // namespace

std::vector<std::string> describe(const HealthSnapshot& s)
{
    std::vector<std::string> lines;
    lines.push_back("uptime: " + duration_text(static_cast<std::int64_t>(s.uptime_seconds)) + " (signage-player " + s.version +
                    ", snapshot " + utc_time(s.written_at) + ")");
    for (const SourceHealth& source : s.sources)
        lines.push_back(source_line(source, s.written_at));
    lines.push_back("notices: " + std::to_string(s.notices_shown) + " shown, " + std::to_string(s.urgent_on_screen) + " urgent on screen");
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

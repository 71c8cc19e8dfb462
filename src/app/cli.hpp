#pragma once
// Command-line arguments -> what to do. No side effects: main() acts on the result.
#include "util/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace signage::app {

enum class Command { play, render, dump_feed, shape, check_config, status, snapshot, help, version };

struct WindowSize {
    int width = 0;
    int height = 0;
};

struct CommandLine {
    Command command = Command::play;
    std::optional<std::string> config_path;  // check-config: the file to check
    std::optional<std::string> feed;  // a path or URL that replaces the configured feeds
    std::optional<WindowSize> windowed;  // play: a desktop preview window instead of fullscreen
    // render:
    double at_seconds = 0.0;
    WindowSize size{1920, 1080};
    std::string out_path;
    // dump-feed:
    std::string dump_location;  // a path or URL
    std::string dump_language;  // --lang: the language of titles the feed does not label; empty: unknown
    // status: the status file to read; nullopt: where the player writes it (default_status_path)
    std::optional<std::string> status_file;
    // snapshot: the PNG to write (the status file as for status)
    std::string snapshot_out;
    // shape:
    std::string shape_text;
    int shape_font_px = 48;
    std::string shape_role = "headline";
};

Result<CommandLine> parse_command_line(const std::vector<std::string>& arguments);
const char* usage_text();

}  // namespace signage::app

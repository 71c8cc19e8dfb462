#include "app/cli.hpp"

#include "util/ascii.hpp"

#include <charconv>
#include <cmath>

namespace signage::app {

namespace {

Result<WindowSize> parse_size(const std::string& option, const std::string& text)
{
    WindowSize size;
    const auto x = text.find('x');
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (x != std::string::npos) {
        const auto width = std::from_chars(begin, begin + x, size.width);
        const auto height = std::from_chars(begin + x + 1, end, size.height);
        if (width.ec == std::errc{} && width.ptr == begin + x && height.ec == std::errc{} && height.ptr == end &&
            size.width >= 64 && size.height >= 64 && size.width <= 16384 && size.height <= 16384)
            return size;
    }
    return Error{option + ": \"" + text + "\" is not a size; write WIDTHxHEIGHT, e.g. 1280x720 (64..16384)"};
}

Result<double> parse_seconds(const std::string& option, const std::string& text)
{
    double value = 0;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
    if (parsed.ec != std::errc{} || parsed.ptr != text.data() + text.size() || !std::isfinite(value) || value < 0)
        return Error{option + ": \"" + text + "\" is not a time in seconds (a number, 0 or more)"};
    return value;
}

bool is_language_tag(const std::string& text)
{
    if (text.empty() || text.size() > 35)
        return false;
    for (const char c : text) {
        const bool tag_char = is_ascii_alnum(c) || c == '-' || c == '_';
        if (!tag_char)
            return false;
    }
    return true;
}

// dump-feed FILE|URL [--lang XX] [--config FILE]: one positional argument, unlike the other commands.
Result<CommandLine> parse_dump_feed(const std::vector<std::string>& arguments)
{
    CommandLine line;
    line.command = Command::dump_feed;
    for (std::size_t i = 1; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (argument == "--help" || argument == "-h") {
            line.command = Command::help;
            return line;
        }
        if (argument == "--lang") {
            if (i + 1 >= arguments.size())
                return Error{"--lang: needs a value"};
            line.dump_language = arguments[++i];
            if (!is_language_tag(line.dump_language))
                return Error{"--lang: \"" + line.dump_language + "\" is not a language tag like ko, en or ko-KR"};
        } else if (argument == "--config") {
            if (i + 1 >= arguments.size())
                return Error{"--config: needs a file"};
            line.config_path = arguments[++i];
        } else if (argument.starts_with("--")) {
            return Error{"unknown option \"" + argument + "\"; see --help"};
        } else if (!line.dump_location.empty()) {
            return Error{"dump-feed: one FILE or URL only, not also \"" + argument + "\"; see --help"};
        } else {
            line.dump_location = argument;
        }
    }
    if (line.dump_location.empty())
        return Error{"dump-feed: needs a FILE or URL; see --help"};
    return line;
}

// shape "TEXT" [--font-size PX] [--role NAME] [--config FILE]: TEXT is the one positional argument.
Result<CommandLine> parse_shape(const std::vector<std::string>& arguments)
{
    CommandLine line;
    line.command = Command::shape;
    bool have_text = false;
    for (std::size_t i = 1; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (argument == "--help" || argument == "-h") {
            line.command = Command::help;
            return line;
        }
        if (argument == "--font-size" || argument == "--role" || argument == "--config") {
            if (i + 1 >= arguments.size())
                return Error{argument + ": needs a value"};
            const std::string& value = arguments[++i];
            if (argument == "--role") {
                line.shape_role = value;
                continue;
            }
            if (argument == "--config") {
                line.config_path = value;
                continue;
            }
            const auto parsed = std::from_chars(value.data(), value.data() + value.size(), line.shape_font_px);
            if (parsed.ec != std::errc{} || parsed.ptr != value.data() + value.size() || line.shape_font_px < 4 ||
                line.shape_font_px > 1000)
                return Error{"--font-size: \"" + value + "\" is not a size in pixels (4..1000)"};
        } else if (argument.starts_with("--")) {
            return Error{"unknown option \"" + argument + "\"; see --help"};
        } else if (have_text) {
            return Error{"shape: one TEXT only (quote it), not also \"" + argument + "\"; see --help"};
        } else {
            line.shape_text = argument;
            have_text = true;
        }
    }
    if (!have_text)
        return Error{"shape: needs a TEXT; see --help"};
    return line;
}

// check-config FILE: the file to check is the one positional argument.
Result<CommandLine> parse_check_config(const std::vector<std::string>& arguments)
{
    CommandLine line;
    line.command = Command::check_config;
    for (std::size_t i = 1; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (argument == "--help" || argument == "-h") {
            line.command = Command::help;
            return line;
        }
        if (argument.starts_with("--"))
            return Error{"unknown option \"" + argument + "\"; see --help"};
        if (line.config_path)
            return Error{"check-config: one FILE only, not also \"" + argument + "\"; see --help"};
        line.config_path = argument;
    }
    if (!line.config_path)
        return Error{"check-config: needs a FILE; see --help"};
    return line;
}

// status [--file PATH] and snapshot [--file PATH] FILE.png: they find the player alike.
Result<CommandLine> parse_status(const std::vector<std::string>& arguments, Command command)
{
    CommandLine line;
    line.command = command;
    const std::string name = arguments[0];
    for (std::size_t i = 1; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (argument == "--help" || argument == "-h") {
            line.command = Command::help;
            return line;
        }
        if (argument == "--file") {
            if (i + 1 >= arguments.size())
                return Error{"--file: needs a value"};
            line.status_file = arguments[++i];
        } else if (argument.starts_with("--") || command != Command::snapshot || !line.snapshot_out.empty()) {
            return Error{(argument.starts_with("--") ? "unknown option \"" : name + ": unexpected argument \"") + argument + "\"; see --help"};
        } else {
            line.snapshot_out = argument;
        }
    }
    if (command == Command::snapshot && line.snapshot_out.empty())
        return Error{"snapshot: needs the PNG file to write, as in: signage-player snapshot /tmp/screen.png"};
    return line;
}

}  // namespace

const char* usage_text()
{
    return "usage:\n"
           "  signage-player [--config FILE] [--feed FILE|URL] [--windowed WxH]\n"
           "      Show the notices fullscreen (Esc or q quits). With no --config and no --feed,\n"
           "      shows the bundled sample feed. --windowed opens a desktop preview window.\n"
           "  signage-player render --at SECONDS --size WxH --out FILE.png [--config FILE] [--feed FILE|URL]\n"
           "      Write the frame that would be on screen SECONDS after start, without a display.\n"
           "  signage-player dump-feed FILE|URL [--lang XX] [--config FILE]\n"
           "      Print one feed as the player reads it, as JSON. --lang: the language of titles\n"
           "      the feed does not label (default: unknown). For CAP alerts, whether each would\n"
           "      show now, by the [alerts] settings of --config (default: every area).\n"
           "  signage-player shape \"TEXT\" [--font-size PX] [--role NAME] [--config FILE]\n"
           "      Print how TEXT is split into runs and shaped, as JSON (positions in 1/64 px).\n"
           "      Roles: headline, subtitle, crawl, date, label, clock, alert, with the fonts --config\n"
           "      gives them.\n"
           "  signage-player check-config FILE\n"
           "      Read FILE as the player would at start, and print \"FILE: ok (N feeds)\" or its first\n"
           "      mistake as \"FILE:LINE: key: what is wrong\" (exit status 1). Opens no window.\n"
           "  signage-player status [--file PATH]\n"
           "      Print the running player's health from its status file (uptime, each feed's last\n"
           "      fetch, notices, frames, memory, display, schedule); exit status 1 when the screen is\n"
           "      not healthy. Default file: $RUNTIME_DIRECTORY/status.json under systemd, else\n"
           "      $XDG_RUNTIME_DIR/signage-player/status.json, else /tmp/signage-player-UID/status.json;\n"
           "      if that is missing, the service's /run/signage-player/status.json.\n"
           "  signage-player snapshot [--file PATH] FILE.png\n"
           "      Save what the running player has on screen now to FILE.png (waits up to 10 s).\n"
           "      Run it with sudo or as the player's user. PATH: the player's status file, found\n"
           "      as for status.\n"
           "  signage-player --help | --version\n";
}

namespace {

// The commands with arguments of their own; nullopt for playing and render.
std::optional<Result<CommandLine>> parse_own_command(const std::vector<std::string>& arguments)
{
    const std::string name = arguments.empty() ? std::string() : arguments[0];
    if (name == "dump-feed")
        return parse_dump_feed(arguments);
    if (name == "shape")
        return parse_shape(arguments);
    if (name == "check-config")
        return parse_check_config(arguments);
    if (name == "status")
        return parse_status(arguments, Command::status);
    if (name == "snapshot")
        return parse_status(arguments, Command::snapshot);
    return std::nullopt;
}

}  // namespace

Result<CommandLine> parse_command_line(const std::vector<std::string>& arguments)
{
    if (auto own = parse_own_command(arguments))
        return std::move(*own);
    CommandLine line;
    std::size_t i = 0;
    if (i < arguments.size() && arguments[i] == "render") {
        line.command = Command::render;
        ++i;
    }
    bool have_at = false;
    for (; i < arguments.size(); ++i) {
        const std::string& option = arguments[i];
        if (option == "--help" || option == "-h") {
            line.command = Command::help;
            return line;
        }
        if (option == "--version") {
            line.command = Command::version;
            return line;
        }
        if (i + 1 >= arguments.size())
            return Error{option.starts_with("--") ? option + ": needs a value" : "unexpected argument \"" + option + "\"; see --help"};
        const std::string& value = arguments[++i];
        if (option == "--config") {
            line.config_path = value;
        } else if (option == "--feed") {
            line.feed = value;
        } else if (option == "--windowed" && line.command == Command::play) {
            auto size = parse_size(option, value);
            if (!size)
                return size.error();
            line.windowed = size.value();
        } else if (option == "--at" && line.command == Command::render) {
            auto seconds = parse_seconds(option, value);
            if (!seconds)
                return seconds.error();
            line.at_seconds = seconds.value();
            have_at = true;
        } else if (option == "--size" && line.command == Command::render) {
            auto size = parse_size(option, value);
            if (!size)
                return size.error();
            line.size = size.value();
        } else if (option == "--out" && line.command == Command::render) {
            line.out_path = value;
        } else {
            return Error{"unknown option \"" + option + "\"; see --help"};
        }
    }
    if (line.command == Command::render && (!have_at || line.out_path.empty()))
        return Error{"render: needs --at SECONDS and --out FILE.png; see --help"};
    return line;
}

}  // namespace signage::app

#pragma once
// One line per event on stderr, with how grave it is and which part of the player says it.
// Under systemd stderr is not a terminal: each line starts with a journald priority prefix
// ("<4>feed: ..."), which SyslogLevelPrefix= (on by default) reads and strips, so
// `journalctl -p warning -u signage-player` shows the warnings and worse. On a terminal the
// line reads "signage-player: warning: feed: ...". A message never spans two lines.
#include <functional>
#include <string>
#include <string_view>

namespace signage::platform {

// syslog(3)'s numbers, which journald's prefix uses.
enum class LogLevel : int {
    error = 3,    // the player cannot start or go on
    warning = 4,  // something failed: a feed, a file, a command; the player carries on
    notice = 5,   // worth seeing: a recovery, a display found, a reload applied
    info = 6,     // what the player is doing: the display, feeds read, the schedule
    debug = 7,    // detail for a developer: not written unless SIGNAGE_LOG_DEBUG is set
};

// One event. `module` is short, lower-case and stable ("feed", "display", "config", ...);
// `message` says what happened without repeating it. Views: a sink copies what it keeps.
struct LogEntry {
    LogLevel level;
    std::string_view module;
    std::string_view message;
};

// Where entries go: platform::log in the player, a capture in tests.
using LogSink = std::function<void(const LogEntry& entry)>;

std::string_view level_name(LogLevel level);  // "error", "warning", ...

// "module: message" on one line: line breaks in the message become " | ".
std::string log_text(const LogEntry& entry);
// "<4>feed: message": the line journald reads.
std::string journal_line(const LogEntry& entry);
// "signage-player: warning: feed: message" (no level word for notice and info).
std::string terminal_line(const LogEntry& entry);

// Writes the entry to stderr as one whole line (safe from any thread): the terminal form when
// stderr is a terminal, else the journald form. Debug entries only with SIGNAGE_LOG_DEBUG set.
void log(const LogEntry& entry);

}  // namespace signage::platform

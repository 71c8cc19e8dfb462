#include "platform/log.hpp"

#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <unistd.h>

namespace signage::platform {

namespace {

// A message as one line: each line break (\n, \r\n, \r) becomes " | ", trailing ones go.
std::string one_line(std::string_view message)
{
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r'))
        message.remove_suffix(1);
    std::string line;
    line.reserve(message.size());
    for (std::size_t i = 0; i < message.size(); ++i) {
        const char c = message[i];
        if (c == '\r' && i + 1 < message.size() && message[i + 1] == '\n')
            continue;
        if (c == '\n' || c == '\r')
            line += " | ";
        else
            line += c;
    }
    return line;
}

}  // namespace

std::string_view level_name(LogLevel level)
{
    switch (level) {
    case LogLevel::error: return "error";
    case LogLevel::warning: return "warning";
    case LogLevel::notice: return "notice";
    case LogLevel::info: return "info";
    case LogLevel::debug: return "debug";
    }
    return "info";
}

std::string log_text(const LogEntry& entry)
{
    return std::string(entry.module) + ": " + one_line(entry.message);
}

std::string journal_line(const LogEntry& entry)
{
    return "<" + std::to_string(static_cast<int>(entry.level)) + ">" + log_text(entry);
}

std::string terminal_line(const LogEntry& entry)
{
    std::string line = "signage-player: ";
    if (entry.level != LogLevel::notice && entry.level != LogLevel::info)
        line += std::string(level_name(entry.level)) + ": ";
    return line + log_text(entry);
}

void log(const LogEntry& entry)
{
    static const bool debug = std::getenv("SIGNAGE_LOG_DEBUG") != nullptr;
    if (entry.level == LogLevel::debug && !debug)
        return;
    // Asked each time (a test may point stderr elsewhere): a line is never a hot path.
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    const std::string line = (terminal ? terminal_line(entry) : journal_line(entry)) + "\n";
    // The fetcher thread logs too; keep lines whole.
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

}  // namespace signage::platform

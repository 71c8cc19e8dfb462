#include "platform/log.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <unistd.h>

namespace signage::platform {

namespace {

void append_escaped(std::string& line, unsigned code, int digits, char letter)
{
    static constexpr char hex[] = "0123456789abcdef";
    line += '\\';
    line += letter;
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        line += hex[(code >> shift) & 0xF];
}

// The length of the well-formed UTF-8 sequence `text` starts with (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF); 0 when it starts with none.
std::size_t utf8_sequence_length(std::string_view text)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned lead = byte(0);
    const std::size_t length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length == 0 || text.size() < length)
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xc0) != 0x80)
            return 0;
    }
    const unsigned second = byte(1);
    if ((lead == 0xe0 && second < 0xa0) || (lead == 0xed && second > 0x9f) || (lead == 0xf0 && second < 0x90) ||
        (lead == 0xf4 && second > 0x8f))
        return 0;
    return length;
}

// A message as one line: each line break (\n, \r\n, \r) becomes " | ", trailing ones go. The
// other control characters, which text from a feed, a server's header or a config can carry,
// are written as escapes (ESC as \x1b, U+009B as \u009b), and so is a byte that is not UTF-8:
// a log line never drives the terminal that shows it, and never pretends to be two.
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
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n' || c == '\r')
            line += " | ";
        else if (byte < 0x20 || byte == 0x7f)
            append_escaped(line, byte, 2, 'x');
        else if (byte == 0xc2 && i + 1 < message.size() && static_cast<unsigned char>(message[i + 1]) >= 0x80 &&
                 static_cast<unsigned char>(message[i + 1]) <= 0x9f)
            append_escaped(line, static_cast<unsigned char>(message[++i]), 4, 'u');  // C1, as UTF-8
        else if (byte < 0x80)
            line += c;
        else if (const std::size_t length = utf8_sequence_length(message.substr(i)); length > 0) {
            line.append(message.substr(i, length));
            i += length - 1;
        }
        else
            append_escaped(line, byte, 2, 'x');  // not UTF-8: a lone 0x9b is CSI to some terminals
    }
    return line;
}

// A URL's user name and password ("https://user:secret@host/") are a secret of the config:
// every URL a line quotes shows them as "***".
std::string without_url_passwords(std::string line)
{
    for (std::size_t scheme_end = line.find("://"); scheme_end != std::string::npos; scheme_end = line.find("://", scheme_end + 3)) {
        const std::size_t start = scheme_end + 3;
        const std::size_t authority_end = std::min(line.find_first_of("/?#\\ \t\"'<>", start), line.size());
        const std::size_t at = line.rfind('@', authority_end == 0 ? 0 : authority_end - 1);
        if (at != std::string::npos && at >= start && at < authority_end)
            line.replace(start, at - start, "***");
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
    return std::string(entry.module) + ": " + without_url_passwords(one_line(entry.message));
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

#include "config/config_file.hpp"

#include "util/ascii.hpp"
#include "util/file_kind.hpp"
#include "util/unique_fd.hpp"

#include <cerrno>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace signage::config {

namespace {

std::string system_message(int error_number)
{
    return error_number != 0 ? std::generic_category().message(error_number) : "unknown error";
}

bool is_bare_key_char(char c)
{
    return is_ascii_alnum(c) || c == '_' || c == '-';
}

// From the opening quote at `at`, the index just after the string's end (or the text's end);
// `line` counts the newlines of a multi-line string.
std::size_t skip_string(std::string_view text, std::size_t at, std::size_t& line)
{
    const char quote = text[at];
    const bool escapes = quote == '"';
    const bool multi_line = text.substr(at, 3) == std::string(3, quote);
    for (std::size_t i = at + (multi_line ? 3 : 1); i < text.size(); ++i) {
        const char c = text[i];
        if (escapes && c == '\\') {
            line += i + 1 < text.size() && text[i + 1] == '\n';
            ++i;
        } else if (c == '\n') {
            if (!multi_line)
                return i;  // an unclosed string: toml++ says so
            ++line;
        } else if (c == quote && (!multi_line || text.substr(i, 3) == std::string(3, quote))) {
            return i + (multi_line ? 3 : 1);
        }
    }
    return text.size();
}

}  // namespace

Result<std::string> read_config_file(const std::filesystem::path& path)
{
    const std::string name = path.string();
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (fd.get() < 0)
        return Error{name + ": cannot read: " + system_message(errno)};
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0)
        return Error{name + ": cannot read: " + system_message(errno)};
    if (S_ISDIR(info.st_mode))
        return Error{name + ": cannot read: " + system_message(EISDIR)};
    if (!S_ISREG(info.st_mode))
        return Error{name + ": cannot read: it is " + file_kind(info.st_mode) + ", not a file; give the path of a .toml file"};
    const std::string too_big = name + ": cannot read: more than " + std::to_string(kMaxConfigBytes >> 10) +
                                " KiB, far more than any config; is it the right file?";
    if (static_cast<std::size_t>(info.st_size) > kMaxConfigBytes)
        return Error{too_big};
    // One byte more than allowed: a file that grows while read (or one of /proc, whose size
    // says 0) is caught too.
    std::string text(kMaxConfigBytes + 1, '\0');
    std::size_t length = 0;
    while (length < text.size()) {
        const ssize_t got = ::read(fd.get(), text.data() + length, text.size() - length);
        if (got == 0)
            break;
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return Error{name + ": cannot read: " + system_message(errno) + " (a failing SD card or disk?)"};
        length += static_cast<std::size_t>(got);
    }
    if (length > kMaxConfigBytes)
        return Error{too_big};
    text.resize(length);
    return text;
}

Status check_key_depth(std::string_view text, std::string_view origin)
{
    std::size_t line = 1;
    std::size_t dots = 0;  // in the current run of key parts: "a.b . 'c'" has 2
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
            dots = 0;
        } else if (c == '#') {
            while (i + 1 < text.size() && text[i + 1] != '\n')
                ++i;
        } else if (c == '"' || c == '\'') {
            i = skip_string(text, i, line) - 1;
        } else if (c == '.') {
            if (++dots >= kMaxKeyParts)
                return Error{std::string(origin) + ":" + std::to_string(line) + ": a key or table name of more than " +
                             std::to_string(kMaxKeyParts) + " parts; the player's keys have at most 3"};
        } else if (!is_bare_key_char(c) && c != ' ' && c != '\t') {
            dots = 0;  // "=", ",", "[", ... end a run; a float's one dot never adds up
        }
    }
    return Done{};
}

}  // namespace signage::config

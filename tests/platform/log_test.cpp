// The log's lines: journald's priority prefix and a module, one line whatever the message
// holds, and the human form on a terminal (a real pseudo-terminal as stderr).
#include "platform/log.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <pty.h>
#include <unistd.h>

namespace signage::platform {

namespace {

// platform::log with stderr pointed at `fd` for the one call.
void write_to(int fd, const LogEntry& entry)
{
    std::fflush(stderr);
    const int kept = ::dup(STDERR_FILENO);
    REQUIRE(kept >= 0);
    REQUIRE(::dup2(fd, STDERR_FILENO) >= 0);
    log(entry);
    std::fflush(stderr);
    ::dup2(kept, STDERR_FILENO);
    ::close(kept);
}

std::string read_all(int fd)
{
    std::string text;
    std::array<char, 4096> buffer{};
    while (true) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n <= 0)
            break;
        text.append(buffer.data(), static_cast<std::size_t>(n));
    }
    return text;
}

}  // namespace

TEST_CASE("each level has journald's priority number, and the line names its module")
{
    CHECK(journal_line({LogLevel::error, "config", "cannot start"}) == "<3>config: cannot start");
    CHECK(journal_line({LogLevel::warning, "feed", "\"city\": HTTP 503"}) == "<4>feed: \"city\": HTTP 503");
    CHECK(journal_line({LogLevel::notice, "display", "found after 4 s of waiting"}) == "<5>display: found after 4 s of waiting");
    CHECK(journal_line({LogLevel::info, "display power", "running x"}) == "<6>display power: running x");
    CHECK(journal_line({LogLevel::debug, "render", "frames: 3600"}) == "<7>render: frames: 3600");
    CHECK(level_name(LogLevel::warning) == "warning");
    CHECK(log_text({LogLevel::warning, "feed", "x"}) == "feed: x");
}

TEST_CASE("a message with line breaks stays one line, so journald makes one entry of it")
{
    CHECK(journal_line({LogLevel::warning, "config", "first\nsecond\r\nthird\rfourth\n\n"}) ==
          "<4>config: first | second | third | fourth");
    CHECK(terminal_line({LogLevel::error, "feed", "a\nb"}) == "signage-player: error: feed: a | b");
}

TEST_CASE("control characters from a feed, a server or a config are escaped, never written raw")
{
    // A redirect's Location with ESC sequences (a terminal would obey them) and a forged line.
    CHECK(journal_line({LogLevel::warning, "feed", "moved to http://x/\x1b[2J\x1b]0;owned\x07\n<3>service: fake"}) ==
          "<4>feed: moved to http://x/\\x1b[2J\\x1b]0;owned\\x07 | <3>service: fake");
    CHECK(log_text({LogLevel::info, "config", "tab\there, del\x7f, nul"}) == "config: tab\\x09here, del\\x7f, nul");
    // C1 controls as UTF-8 (U+009B is a CSI of its own); other non-ASCII text stays as it is.
    CHECK(log_text({LogLevel::info, "feed", "\xc2\x9b" "31m 공지 \xc2\xa0" "caf\xc3\xa9"}) == "feed: \\u009b31m 공지 \xc2\xa0" "caf\xc3\xa9");
}

TEST_CASE("bytes that are not UTF-8 are escaped, Hangul and other UTF-8 text is written as it is")
{
    // A body quoted in an error ("starts with ...") may be in any encoding: a lone 0x9b is CSI
    // to an 8-bit terminal.
    const LogEntry entry{LogLevel::warning, "feed", "starts with \"\x9b" "2J\xc0\xaf \xed\xa0\x80 \xea\xb3\xb5\xec\xa7\x80 \xf0\x9f\x93\xa2\xe2\x82\""};
    CHECK(journal_line(entry) == "<4>feed: starts with \"\\x9b2J\\xc0\\xaf \\xed\\xa0\\x80 공지 📢\\xe2\\x82\"");
}

TEST_CASE("a URL's user name and password never reach the log, the rest of the URL does")
{
    const LogEntry entry{LogLevel::warning, "feed",
                         "\"intranet\": https://board:s3cret@intranet.example:8443/feed?x=1: HTTP 401 Unauthorized (redirected to "
                         "http://u@other.example/a@b)"};
    CHECK(journal_line(entry) ==
          "<4>feed: \"intranet\": https://***@intranet.example:8443/feed?x=1: HTTP 401 Unauthorized (redirected to http://***@other.example/a@b)");
    const LogEntry plain{LogLevel::info, "feed", "file:///srv/feeds/a@b.xml and mailto:x@example.org and https://example.org/@user"};
    CHECK(journal_line(plain) == "<6>feed: file:///srv/feeds/a@b.xml and mailto:x@example.org and https://example.org/@user");
}

TEST_CASE("on a terminal the line has the program's name and the level in words, not the prefix")
{
    CHECK(terminal_line({LogLevel::error, "config", "x"}) == "signage-player: error: config: x");
    CHECK(terminal_line({LogLevel::warning, "feed", "x"}) == "signage-player: warning: feed: x");
    CHECK(terminal_line({LogLevel::notice, "display", "x"}) == "signage-player: display: x");
    CHECK(terminal_line({LogLevel::info, "screen", "x"}) == "signage-player: screen: x");
    CHECK(terminal_line({LogLevel::debug, "render", "x"}) == "signage-player: debug: render: x");
}

TEST_CASE("platform::log writes the journald form to a pipe and the human form to a terminal")
{
    int pipe_ends[2] = {-1, -1};
    REQUIRE(::pipe(pipe_ends) == 0);
    write_to(pipe_ends[1], {LogLevel::warning, "feed", "\"city\": down\nreally"});
    ::close(pipe_ends[1]);
    CHECK(read_all(pipe_ends[0]) == "<4>feed: \"city\": down | really\n");
    ::close(pipe_ends[0]);

    int master = -1, slave = -1;
    if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) {
        skip_test("no pseudo-terminal here (openpty failed): only the pipe was checked");
        return;
    }
    write_to(slave, {LogLevel::warning, "feed", "\"city\": down"});
    ::close(slave);
    const std::string shown = read_all(master);  // read() ends with EIO once the slave is closed
    ::close(master);
    CHECK(shown.starts_with("signage-player: warning: feed: \"city\": down"));  // the terminal may add \r
    CHECK(shown.find("<4>") == std::string::npos);
}

TEST_CASE("debug lines are left out unless SIGNAGE_LOG_DEBUG is set")
{
    // The variable is read once per process.
    if (std::getenv("SIGNAGE_LOG_DEBUG")) {
        skip_test("SIGNAGE_LOG_DEBUG is set for this run");
        return;
    }
    int pipe_ends[2] = {-1, -1};
    REQUIRE(::pipe(pipe_ends) == 0);
    write_to(pipe_ends[1], {LogLevel::debug, "render", "frames: 3600"});
    write_to(pipe_ends[1], {LogLevel::info, "render", "shown"});
    ::close(pipe_ends[1]);
    CHECK(read_all(pipe_ends[0]) == "<6>render: shown\n");
    ::close(pipe_ends[0]);
}

}  // namespace signage::platform

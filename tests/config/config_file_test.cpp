// A config that is not what a config should be (a FIFO, a device, a failing read, a huge file,
// keys nested to exhaust the parser's stack) gives the usual one-line error at start and on a
// reload, and never hangs or kills the process.
#include "app/config_checks.hpp"
#include "config/config.hpp"
#include "config/config_cases.hpp"
#include "config/config_file.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace signage::config {

namespace {

std::string repeated(std::string_view part, std::size_t times)
{
    std::string text;
    for (std::size_t i = 0; i < times; ++i)
        text += part;
    return text;
}

Result<Config> parse(const std::string& text)
{
    return parse_config(text, "config.toml", app::system_config_checks());
}

}  // namespace

TEST_CASE("a FIFO as the config is refused at once, not waited on for a writer")
{
    const ScratchDir dir("signage-config-fifo");
    const auto fifo = dir.path() / "config.toml";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Should the loader block on the FIFO, a writer comes after 3 s so that the test ends (and fails).
    std::atomic<bool> loaded{false};
    std::thread writer([&] {
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(3);
        while (!loaded && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0)
            ::close(fd);
    });
    const Result<Config> config = app::load_checked_config(fifo);
    loaded = true;
    writer.join();
    REQUIRE_FALSE(config.ok());
    CHECK(config.error().message == fifo.string() + ": cannot read: it is a FIFO, not a file; give the path of a .toml file");
}

TEST_CASE("a device, a file that fails to read, or a huge file as the config is one line, not a crash")
{
    SUBCASE("/dev/zero, which would fill memory")
    {
        const Result<Config> config = app::load_checked_config("/dev/zero");
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message == "/dev/zero: cannot read: it is a device, not a file; give the path of a .toml file");
    }
    SUBCASE("a read error, as from a failing SD card (/proc/self/mem reads EIO at offset 0)")
    {
        const Result<Config> config = app::load_checked_config("/proc/self/mem");
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message == "/proc/self/mem: cannot read: Input/output error (a failing SD card or disk?)");
    }
    SUBCASE("a file of more than 1 MiB")
    {
        const ScratchDir dir("signage-config-huge");
        const auto huge = dir.path() / "config.toml";
        std::ofstream(huge) << with_feed("") << "# " << std::string(kMaxConfigBytes, 'x') << "\n";
        const Result<Config> config = app::load_checked_config(huge);
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message == huge.string() + ": cannot read: more than 1024 KiB, far more than any config; is it the right file?");
    }
}

TEST_CASE("keys nested deeper than any config needs are refused before they exhaust the parser's stack")
{
    // 50,000 parts in 100 KB: toml++ recursed once per part and overflowed the stack (SIGSEGV).
    const std::string deep = "a" + repeated(".a", 50000);
    SUBCASE("a dotted key")
    {
        const auto config = parse(with_feed("") + "\n" + deep + " = 1\n");
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message == "config.toml:6: a key or table name of more than 64 parts; the player's keys have at most 3");
    }
    SUBCASE("a table header, with spaces and quoted parts")
    {
        const auto config = parse("[" + repeated("a . \"b\".", 20000) + "c]\n" + with_feed(""));
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message.starts_with("config.toml:1: a key or table name of more than 64 parts"));
    }
    SUBCASE("in an inline table")
    {
        const auto config = parse(with_feed("") + "x = { " + deep + " = 1 }\n");
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message.starts_with("config.toml:5: a key or table name of more than 64 parts"));
    }
}

TEST_CASE("dots in strings, comments and numbers are not key parts")
{
    const std::string dots = repeated(".", 500);
    // Each of these is read by toml++ as usual: any error is toml++'s or a key's, not the depth's.
    for (const std::string& text : {
             with_feed("") + "# " + dots + "\n",
             with_feed("") + "x = \"" + dots + "\"\n",
             with_feed("") + "x = '" + dots + "'\n",
             with_feed("") + "x = \"\"\"\n" + dots + "\n" + dots + " = 1\n\"\"\"\n",
             with_feed("") + "x = '''\n" + dots + "\n'''\n",
             with_feed("") + "x = [" + repeated("1.5, ", 200) + "2.5]\n",
         }) {
        const auto config = parse(text);
        CAPTURE(text.substr(0, 120));
        CHECK((config.ok() || config.error().message.find("parts") == std::string::npos));
    }
    // A run of 63 dots is still a key toml++ is given.
    const auto at_limit = parse(with_feed("") + "a" + repeated(".a", 63) + " = 1\n");
    REQUIRE_FALSE(at_limit.ok());
    CHECK(at_limit.error().message.find("parts") == std::string::npos);
}

}  // namespace signage::config

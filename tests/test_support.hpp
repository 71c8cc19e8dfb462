#pragma once
// Shared by the tests: where the repository's real fonts, assets and fixtures are.
#include "feed/feed_parser.hpp"
#include "text/bundled_fonts.hpp"
#include "text/font_roles.hpp"
#include "platform/local_time.hpp"
#include "util/result.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace signage {

// What went wrong, for a REQUIRE_MESSAGE: doctest builds the message even when the check
// passes if run with -s, so it must not touch the error of a success.
template <class T>
std::string problem(const Result<T>& result)
{
    return result ? std::string("(no error)") : result.error().message;
}

// A test that cannot run on this machine says why and returns: ctest's summary counts it as
// skipped, never as passed (tests/CMakeLists.txt matches the line this prints).
inline void skip_test(const std::string& why)
{
    std::printf("SIGNAGE-TEST-SKIPPED: %s\n", why.c_str());
    std::fflush(stdout);
}

// The tests read dates and clocks as a Korean screen shows them, whatever the machine's zone.
inline const bool tests_run_in_korea_time = platform::use_time_zone("Asia/Seoul").ok();

inline std::filesystem::path source_dir() { return SIGNAGE_SOURCE_DIR; }
inline std::filesystem::path test_data_dir() { return SIGNAGE_TEST_DATA_DIR; }
// The repository root doubles as a data dir: it has fonts/ and assets/ like share/signage-player.
inline text::BundledFonts repository_fonts() { return text::BundledFonts::in(source_dir()); }
inline text::FontRoles repository_roles() { return text::FontRoles::bundled(repository_fonts()); }

// The bundled regular chain (Noto Sans, then Nanum Gothic) at 48 px.
struct RegularChainFixture {
    text::FreeTypeLibrary library = text::FreeTypeLibrary::create().value();
    text::FontChain chain = text::FontChain::open(library, repository_fonts().regular_chain(), 48).value();
};

// Every title (Korean and English) of the bundled sample feed.
inline std::vector<std::string> sample_titles()
{
    std::ifstream file(source_dir() / "assets" / "sample-feed.xml", std::ios::binary);
    std::stringstream bytes;
    bytes << file.rdbuf();
    const auto feed = feed::parse_feed(bytes.str(), {"sample", "ko"});
    REQUIRE(feed);
    std::vector<std::string> titles;
    for (const auto& notice : feed->notices)
        for (const auto& title : notice.titles)
            titles.push_back(title.text);
    REQUIRE(titles.size() == 10);
    return titles;
}

// A shell command's exit code (-1 if it did not exit) and standard output.
struct ShellOutcome {
    int exit_code = -1;
    std::string output;
};

inline ShellOutcome run_shell(const std::string& command)
{
    ShellOutcome outcome;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::array<char, 4096> buffer{};
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
        outcome.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

// A scratch folder of its own, removed with it.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& name)
    {
        static int count = 0;
        m_path = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~ScratchDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// The signage-player executable as a user runs it, through the shell.
struct PlayerOutcome {
    int exit_code = -1;
    std::string output;  // stdout, with stderr mixed in unless kept apart
    std::string errors;  // stderr, when kept apart
};

inline std::string shell_quoted(const std::string& argument)
{
    std::string quoted = "'";
    for (const char c : argument) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    return quoted + "'";
}

// A shell script that runs the player in `folder` with `config` on SDL's dummy driver (a 320x200
// window, at most 60 s), prints each line it logs, sends SIGTERM at the first line containing
// `stop_at`, then prints "stopped in N ms" (from the signal) and "exit CODE".
inline std::string stop_on_line_script(const std::filesystem::path& folder, const std::filesystem::path& config,
                                       const std::string& stop_at)
{
    return "cd " + shell_quoted(folder.string()) + " || exit 1; mkfifo stderr.fifo || exit 1; "
           "SDL_VIDEODRIVER=dummy XDG_CACHE_HOME=$PWD XDG_RUNTIME_DIR=$PWD timeout 60 " + shell_quoted(SIGNAGE_PLAYER_BIN) +
           " --windowed 320x200 --config " + shell_quoted(config.string()) + " 2>stderr.fifo >/dev/null & player=$!; "
           "while IFS= read -r line; do printf '%s\\n' \"$line\"; "
           "case \"$line\" in *" + shell_quoted(stop_at) + "*) sent=$(date +%s%N); kill -TERM $player;; esac; done <stderr.fifo; "
           "wait $player; code=$?; echo \"stopped in $(( ($(date +%s%N) - sent) / 1000000 )) ms\"; echo \"exit $code\"";
}

// `promtool check metrics` on a file: its exit code and everything it printed; nullopt, with the
// test marked skipped, when promtool (Debian package prometheus) is not installed.
inline std::optional<ShellOutcome> promtool_check_metrics(const std::filesystem::path& file)
{
    if (run_shell("command -v promtool >/dev/null 2>&1").exit_code != 0) {
        skip_test("promtool is not installed (Debian package prometheus)");
        return std::nullopt;
    }
    return run_shell("promtool check metrics < " + shell_quoted(file.string()) + " 2>&1");
}

// Runs the player with `arguments` in `working_directory` (empty: this process's). With
// `separate_stderr`, stderr goes to `errors` instead of into `output`.
inline PlayerOutcome run_player(const std::vector<std::string>& arguments, bool separate_stderr = false,
    const std::filesystem::path& working_directory = {})
{
    static int run_count = 0;
    const std::filesystem::path stderr_path = std::filesystem::temp_directory_path()
        / ("signage-test-stderr-" + std::to_string(::getpid()) + "-" + std::to_string(++run_count));
    std::string command;
    if (!working_directory.empty())
        command = "cd " + shell_quoted(working_directory.string()) + " && ";
    command += shell_quoted(SIGNAGE_PLAYER_BIN);
    for (const auto& argument : arguments)
        command += " " + shell_quoted(argument);
    command += separate_stderr ? " 2>" + shell_quoted(stderr_path.string()) : std::string(" 2>&1");

    PlayerOutcome outcome;
    const ShellOutcome run = run_shell(command);
    outcome.exit_code = run.exit_code;
    outcome.output = run.output;
    if (separate_stderr) {
        std::ifstream errors(stderr_path, std::ios::binary);
        outcome.errors.assign(std::istreambuf_iterator<char>(errors), std::istreambuf_iterator<char>());
        errors.close();
        std::filesystem::remove(stderr_path);
    }
    return outcome;
}

}  // namespace signage

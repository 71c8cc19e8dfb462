// A lobby screen whose display is not there at start (the panel off, the X server not up yet)
// waits for it instead of giving up, and shows the notices once it comes: the real player
// binary, its X server started late by the test.
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

namespace signage::app {

namespace {

// A display number nobody uses here (no socket, no lock file).
int free_display_number()
{
    for (int number = 200 + ::getpid() % 100; number < 400; ++number)
        if (!std::filesystem::exists("/tmp/.X11-unix/X" + std::to_string(number)) &&
            !std::filesystem::exists("/tmp/.X" + std::to_string(number) + "-lock"))
            return number;
    return -1;
}

// A program started with stderr (and stdout) to a file, killed and reaped if still running at
// the end.
class Process {
public:
    Process(std::vector<std::string> argv, const std::filesystem::path& output, std::vector<std::pair<std::string, std::string>> env)
    {
        m_pid = ::fork();
        if (m_pid == 0) {
            for (const auto& [name, value] : env)
                ::setenv(name.c_str(), value.c_str(), 1);
            std::FILE* out = std::freopen(output.c_str(), "w", stderr);
            if (out)
                ::dup2(::fileno(stderr), STDOUT_FILENO);
            std::vector<char*> args;
            for (auto& arg : argv)
                args.push_back(arg.data());
            args.push_back(nullptr);
            ::execv(args[0], args.data());
            ::_exit(127);
        }
    }
    ~Process()
    {
        if (m_pid > 0 && !m_exited) {
            ::kill(m_pid, SIGKILL);
            (void)wait();
        }
    }
    void signal(int number) const { ::kill(m_pid, number); }
    // The exit code, or -1 when it did not exit by itself.
    int wait()
    {
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_exited = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    pid_t m_pid = -1;
    bool m_exited = false;
};

std::string contents(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Polls `path` until it holds `wanted`, for at most 30 s (a guard, not a measure).
bool appears(const std::filesystem::path& path, const std::string& wanted)
{
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < give_up) {
        if (contents(path).find(wanted) != std::string::npos)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// Xvfb's path, or empty (the test then skipped) when it is not installed.
std::string xvfb_or_skip()
{
    if (::access("/usr/bin/Xvfb", X_OK) != 0) {
        skip_test("Xvfb (Debian package xvfb) is not installed");
        return {};
    }
    return "/usr/bin/Xvfb";
}

// A display name nobody uses here, ":N".
std::string free_display()
{
    const int number = free_display_number();
    REQUIRE(number > 0);
    return ":" + std::to_string(number);
}

}  // namespace

TEST_CASE("started before its display exists, the player waits, shows the notices once it comes, and stops on SIGTERM")
{
    const std::string xvfb_path = xvfb_or_skip();
    if (xvfb_path.empty())
        return;
    const std::string display = free_display();
    const ScratchDir dir("signage-display-wait");
    const auto log = dir.path() / "player.log";
    Process player({SIGNAGE_PLAYER_BIN, "--windowed", "320x200"}, log, {{"SDL_VIDEODRIVER", "x11"}, {"DISPLAY", display}});
    REQUIRE(appears(log, "display: none found ("));
    CHECK(contents(log).find("trying again every 2 s") != std::string::npos);

    Process xvfb({xvfb_path, display, "-nolisten", "tcp", "-noreset"}, dir.path() / "xvfb.log", {});
    REQUIRE(appears(log, "display: found after"));
    CHECK(appears(log, "feed: \"sample\": 5 notices"));
    CHECK(appears(log, "screen: 5 notices rasterized"));
    player.signal(SIGTERM);
    CHECK(player.wait() == 0);
    xvfb.signal(SIGTERM);
    (void)xvfb.wait();
}

TEST_CASE("a player waiting for its display stops at once on SIGTERM")
{
    const int number = free_display_number();
    REQUIRE(number > 0);
    const ScratchDir dir("signage-display-wait-stop");
    const auto log = dir.path() / "player.log";
    Process player({SIGNAGE_PLAYER_BIN, "--windowed", "320x200"}, log,
                   {{"SDL_VIDEODRIVER", "x11"}, {"DISPLAY", ":" + std::to_string(number)}});
    REQUIRE(appears(log, "display: none found ("));
    player.signal(SIGTERM);
    CHECK(player.wait() == 0);
    CHECK(contents(log).find("display: stopped while waiting for one") != std::string::npos);
}

TEST_CASE("with no display at all (no DISPLAY, no WAYLAND_DISPLAY, no DRM device), one line says what each driver lacked")
{
    if (std::filesystem::exists("/dev/dri")) {
        skip_test("this machine has /dev/dri: KMSDRM may find a display");
        return;
    }
    const ScratchDir dir("signage-display-none");
    const auto log = dir.path() / "player.log";
    // Fullscreen, as the service starts it.
    Process player({"/usr/bin/env", "-u", "DISPLAY", "-u", "WAYLAND_DISPLAY", "-u", "SDL_VIDEODRIVER", SIGNAGE_PLAYER_BIN}, log, {});
    const std::string line = "display: none found (x11: no DISPLAY set; wayland: no WAYLAND_DISPLAY; kmsdrm: no /dev/dri/card* "
                             "(is the vc4-kms-v3d overlay on in config.txt?)); trying again every 2 s";
    REQUIRE(appears(log, line));
    player.signal(SIGTERM);
    CHECK(player.wait() == 0);
    CHECK(contents(log).find("display: stopped while waiting for one") != std::string::npos);
}

TEST_CASE("an X server that stops under a running player: one line, exit code 1 at once, for systemd to start it again")
{
    const std::string xvfb_path = xvfb_or_skip();
    if (xvfb_path.empty())
        return;
    const std::string display = free_display();
    const ScratchDir dir("signage-display-lost");
    const auto log = dir.path() / "player.log";
    Process xvfb({xvfb_path, display, "-nolisten", "tcp", "-noreset"}, dir.path() / "xvfb.log", {});
    Process player({SIGNAGE_PLAYER_BIN, "--windowed", "320x200"}, log,
                   {{"SDL_VIDEODRIVER", "x11"}, {"DISPLAY", display}, {"RUNTIME_DIRECTORY", dir.path().string()}});
    REQUIRE(appears(log, "screen: 5 notices rasterized"));
    xvfb.signal(SIGTERM);
    (void)xvfb.wait();
    REQUIRE(appears(log, "display: lost ("));
    CHECK(player.wait() == 1);
    const std::string said = contents(log);
    CAPTURE(said);
    CHECK(said.find("display: lost (the connection to the X server broke") != std::string::npos);
    CHECK(said.find("the player stops (exit code 1)") != std::string::npos);
    CHECK(said.find("X connection to") == std::string::npos);  // Xlib's own exit, which says no more
    // The state file's last word: no display.
    const std::string status = contents(dir.path() / "status.json");
    CAPTURE(status);
    CHECK(status.find("\"on\": false,\n    \"renderer\": \"unknown\"") != std::string::npos);
}

}  // namespace signage::app

#include "platform/display_power.hpp"

#include "platform/sdl_handles.hpp"
#include "support/dpms_observer.hpp"
#include "support/x_server.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace signage::platform {

namespace {

using namespace std::chrono_literals;

// The lines DisplayPower logs, as journald reads them, kept for the checks.
struct LogLines {
    std::vector<std::string> lines;

    LogSink sink()
    {
        return [this](const LogEntry& entry) { lines.push_back(journal_line(entry)); };
    }
    bool has(std::string_view wanted) const
    {
        return std::find(lines.begin(), lines.end(), wanted) != lines.end();
    }
};

config::ScheduleSettings with_commands(std::vector<std::string> off, std::vector<std::string> on)
{
    config::ScheduleSettings schedule;
    schedule.display_off_command = std::move(off);
    schedule.display_on_command = std::move(on);
    return schedule;
}

// Commands end in their own time: poll until `done`, at most 10 s.
template <class Predicate>
bool poll_until(DisplayPower& power, Predicate done)
{
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        power.poll();
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

std::string contents(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// SDL's video started with one driver for a test, and stopped after it.
class TestVideo {
public:
    explicit TestVideo(const char* driver)
    {
        // SDL's dummy driver only starts when the hint asks for it too.
        SDL_SetHint(SDL_HINT_VIDEODRIVER, driver);
        m_started = SDL_VideoInit(driver) == 0;
    }
    ~TestVideo()
    {
        if (m_started)
            SDL_VideoQuit();
        SDL_ResetHint(SDL_HINT_VIDEODRIVER);
    }
    TestVideo(const TestVideo&) = delete;
    TestVideo& operator=(const TestVideo&) = delete;

    bool started() const { return m_started; }

private:
    bool m_started = false;
};

template <class Action>
std::chrono::milliseconds time_of(Action action)
{
    const auto start = std::chrono::steady_clock::now();
    action();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

}  // namespace

TEST_CASE("DisplayPower runs the configured off and on commands, once per change")
{
    ScratchDir dir("signage-display-power");
    const auto asleep = dir.path() / "asleep";
    const auto awake = dir.path() / "awake";
    LogLines log;
    DisplayPower power = DisplayPower::create(nullptr, with_commands({"touch", asleep.string()}, {"touch", awake.string()}), log.sink());
    CHECK(power.method() == "display_off_command / display_on_command");

    power.sleep();
    REQUIRE(poll_until(power, [&] { return std::filesystem::exists(asleep); }));
    CHECK_FALSE(std::filesystem::exists(awake));
    std::filesystem::remove(asleep);
    power.sleep();  // still the same off period
    power.wake();
    REQUIRE(poll_until(power, [&] { return std::filesystem::exists(awake); }));
    std::this_thread::sleep_for(100ms);
    power.poll();
    CHECK_FALSE(std::filesystem::exists(asleep));
    // A command that did its job logs nothing more than its start.
    CHECK(log.lines == std::vector<std::string>{
        "<6>display power: running schedule.display_off_command (touch " + asleep.string() + ")",
        "<6>display power: running schedule.display_on_command (touch " + awake.string() + ")",
    });
}

TEST_CASE("DisplayPower passes each argument to the program as it is written, without a shell")
{
    ScratchDir dir("signage-display-power");
    const auto out = dir.path() / "arguments";
    LogLines log;
    DisplayPower power = DisplayPower::create(
        nullptr, with_commands({"sh", "-c", R"(printf '[%s]' "$@" > "$0")", out.string(), "two words", "$HOME", "", "*;"}, {"true"}),
        log.sink());
    power.sleep();
    REQUIRE(poll_until(power, [&] { return !contents(out).empty(); }));
    CHECK(contents(out) == "[two words][$HOME][][*;]");
    REQUIRE(log.lines.size() == 1);
    CHECK(log.lines[0] == "<6>display power: running schedule.display_off_command (sh -c 'printf '\\''[%s]'\\'' \"$@\" > \"$0\"' "
                              + out.string() + " 'two words' '$HOME' '' '*;')");
}

TEST_CASE("DisplayPower reports a command that cannot be started, at once, naming it")
{
    ScratchDir dir("signage-display-power");
    const auto not_executable = dir.path() / "panel-off";
    std::ofstream(not_executable) << "#!/bin/sh\n";
    LogLines log;
    DisplayPower power = DisplayPower::create(
        nullptr, with_commands({"signage-no-such-program", "--standby"}, {not_executable.string()}), log.sink());

    power.sleep();
    REQUIRE(log.lines.size() == 1);
    CHECK(log.lines[0]
          == "<4>display power: schedule.display_off_command (signage-no-such-program --standby) cannot be started: "
             "signage-no-such-program: No such file or directory; install the program, or give its full path in the config");
    power.wake();
    REQUIRE(log.lines.size() == 2);
    CHECK(log.lines[1]
          == "<4>display power: schedule.display_on_command (" + not_executable.string() + ") cannot be started: "
              + not_executable.string() + ": Permission denied; install the program, or give its full path in the config");
}

TEST_CASE("DisplayPower reports a command that fails, when poll() sees it end")
{
    LogLines log;
    DisplayPower power = DisplayPower::create(nullptr, with_commands({"sh", "-c", "exit 3"}, {"sh", "-c", "kill -TERM $$"}), log.sink());

    power.sleep();
    const std::string exited = "<4>display power: schedule.display_off_command (sh -c 'exit 3') exited with status 3; "
                               "run it by hand as the player's user to see why, then correct it in the config";
    REQUIRE(poll_until(power, [&] { return log.has(exited); }));
    power.wake();
    const std::string killed = "<4>display power: schedule.display_on_command (sh -c 'kill -TERM $$') was ended by signal 15 (Terminated); "
                               "run it by hand as the player's user to see why, then correct it in the config";
    REQUIRE(poll_until(power, [&] { return log.has(killed); }));
    CHECK(log.lines.size() == 4);  // two starts, two failures
}

TEST_CASE("DisplayPower never waits for a command")
{
    LogLines log;
    auto power = std::make_unique<DisplayPower>(DisplayPower::create(nullptr, with_commands({"sleep", "5"}, {"sleep", "5"}), log.sink()));
    // Spawning takes milliseconds; a second is a generous bound on a loaded machine, and far
    // below the 5 s a wait would take.
    CHECK(time_of([&] { power->sleep(); }) < 1s);
    CHECK(time_of([&] { power->poll(); }) < 1s);
    CHECK(time_of([&] { power->wake(); }) < 1s);
    CHECK(time_of([&] { power->poll(); }) < 1s);
    // Gone while its commands still run: they are reaped without it.
    CHECK(time_of([&] { power.reset(); }) < 1s);
    CHECK(log.lines == std::vector<std::string>{
        "<6>display power: running schedule.display_off_command (sleep 5)",
        "<6>display power: running schedule.display_on_command (sleep 5)",
    });
}

TEST_CASE("Without commands or X11, DisplayPower says once per off period how to put the display to sleep")
{
    const TestVideo video("dummy");
    REQUIRE_MESSAGE(video.started(), std::string(SDL_GetError()));

    LogLines log;
    DisplayPower power = DisplayPower::create(nullptr, config::ScheduleSettings{}, log.sink());
    const std::string reason = R"(SDL's video driver is "dummy", which gives the player no way to switch the display off)";
    CHECK(power.method() == "none: " + reason);
    const std::string line = "<4>display power: the player cannot put the display to sleep: " + reason
        + R"(; the screen is only black. To put it to sleep, set [schedule] display_off_command and display_on_command, )"
          R"(e.g. ["cec-ctl", "--to", "0", "--standby"] and ["cec-ctl", "--to", "0", "--image-view-on"] for HDMI-CEC )"
          R"((cec-ctl is in Debian's v4l-utils))";

    power.wake();
    CHECK(log.lines.empty());
    power.sleep();
    power.sleep();
    power.poll();
    CHECK(log.lines == std::vector<std::string>{line});
    power.wake();
    power.sleep();
    CHECK(log.lines == std::vector<std::string>{line, line});

    // One of the two commands alone is not a way (the config refuses it): the fallback stays.
    const DisplayPower lone = DisplayPower::create(nullptr, with_commands({"true"}, {}), log.sink());
    CHECK(lone.method() == "none: " + reason);
}

namespace {

// An X server (tests/support/x_server.hpp), a connection of its own to watch DPMS as xset would,
// and a hidden window of SDL's x11 driver on it.
struct X11Window {
    TestXServer server;
    std::optional<DpmsObserver> observer;
    std::optional<TestVideo> video;
    WindowPtr window;

    // False, with the test marked skipped, where no X server can be had.
    bool open()
    {
        if (!server.unavailable().empty()) {
            skip_test(server.unavailable());
            return false;
        }
        observer.emplace();
        REQUIRE(observer->connected());
        video.emplace("x11");
        REQUIRE_MESSAGE(video->started(), std::string(SDL_GetError()));
        window.reset(SDL_CreateWindow("display power test", 0, 0, 64, 64, SDL_WINDOW_HIDDEN));
        REQUIRE_MESSAGE(window, std::string(SDL_GetError()));
        return true;
    }
    bool can_switch_screens_off() const { return observer->has_extension() && observer->capable(); }
};

}  // namespace

// Debian's Xvfb has no DPMS extension: what the player says then is checked on every machine
// with the xvfb package; the switching itself only where an X server can do it.
TEST_CASE("On an X server without DPMS, DisplayPower says in one line why it cannot put the display to sleep")
{
    X11Window x11;
    if (!x11.open())
        return;
    if (x11.can_switch_screens_off()) {
        skip_test("the X server at $DISPLAY can switch its screens off: the next test checks it does");
        return;
    }
    LogLines log;
    DisplayPower power = DisplayPower::create(x11.window.get(), config::ScheduleSettings{}, log.sink());
    const std::string reason = x11.observer->has_extension() ? "the X server cannot switch its screens off (not DPMS-capable)"
                                                             : "the X server has no DPMS extension";
    CHECK(power.method() == "none: " + reason);
    power.sleep();
    REQUIRE(log.lines.size() == 1);
    CHECK(log.lines[0].starts_with("<4>display power: the player cannot put the display to sleep: " + reason + "; "));
}

TEST_CASE("On X11 with DPMS, DisplayPower switches the display off and on")
{
    X11Window x11;
    if (!x11.open())
        return;
    if (!x11.can_switch_screens_off()) {
        skip_test("the X server at $DISPLAY cannot switch its screens off (Xvfb has no DPMS): only the message was checked");
        return;
    }
    DpmsObserver& observer = *x11.observer;
    LogLines log;
    DisplayPower power = DisplayPower::create(x11.window.get(), config::ScheduleSettings{}, log.sink());
    REQUIRE(power.method() == "X11 DPMS");
    const DpmsObserver::State before = observer.state();
    for (const bool enabled_before : {true, false}) {
        CAPTURE(enabled_before);
        observer.set_enabled(enabled_before);
        power.sleep();
        CHECK(observer.state() == DpmsObserver::State{true, true});
        power.wake();
        CHECK(observer.state() == DpmsObserver::State{false, enabled_before});
    }
    CHECK(log.lines == std::vector<std::string>{"<6>display power: X11 DPMS switched the display off", "<6>display power: X11 DPMS switched the display on",
                                                "<6>display power: X11 DPMS switched the display off", "<6>display power: X11 DPMS switched the display on"});
    observer.set_enabled(before.enabled);
}

}  // namespace signage::platform

// `[display] mode`: the mode the panel is switched to, chosen from what it offers; the closest
// one, said in the log, when it lacks the one asked for.
#include "platform/display_mode.hpp"
#include "platform/video_driver.hpp"
#include "render/captured_log.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace signage::platform {

namespace {

// What a 1080p TV offers over HDMI (SDL lists the largest first, the highest refresh first).
const std::vector<OfferedMode> tv = {
    {1920, 1080, 60}, {1920, 1080, 50}, {1920, 1080, 30}, {1920, 1080, 24}, {1280, 1024, 60},
    {1280, 720, 60},  {1280, 720, 50},  {1024, 768, 60},  {720, 576, 50},   {640, 480, 60},
};

OfferedMode chosen(const config::ScreenMode& wanted, const std::vector<OfferedMode>& offered = tv)
{
    const auto choice = choose_mode(wanted, offered);
    REQUIRE(choice);
    CHECK(offered.at(choice->index) == choice->mode);
    return choice->mode;
}

}  // namespace

TEST_CASE("the mode asked for is chosen when the panel has it, at the refresh rate asked for or its highest")
{
    CHECK(chosen({1920, 1080, 0}) == OfferedMode{1920, 1080, 60});
    CHECK(chosen({1920, 1080, 50}) == OfferedMode{1920, 1080, 50});
    CHECK(chosen({1280, 720, 0}) == OfferedMode{1280, 720, 60});
    CHECK(chosen({1280, 720, 50}) == OfferedMode{1280, 720, 50});
    CHECK(choose_mode({1920, 1080, 24}, tv)->exact);
    CHECK(choose_mode({640, 480, 0}, tv)->exact);
    CHECK(describe_choice({1920, 1080, 0}, *choose_mode({1920, 1080, 0}, tv)) == "1920x1080@60 (asked 1920x1080)");
    CHECK(describe_choice({1920, 1080, 50}, *choose_mode({1920, 1080, 50}, tv)) == "1920x1080@50 (asked 1920x1080@50)");
}

TEST_CASE("a panel without the mode asked for gets the closest it has, and the log says so")
{
    // A refresh rate it lacks at that size: the nearest one.
    const auto at_75 = choose_mode({1920, 1080, 75}, tv);
    CHECK(at_75->mode == OfferedMode{1920, 1080, 60});
    CHECK_FALSE(at_75->exact);
    CHECK(chosen({1920, 1080, 25}) == OfferedMode{1920, 1080, 24});
    // A size it lacks: the nearest size (4K on a 1080p TV: 1080p).
    const auto uhd = choose_mode({3840, 2160, 60}, tv);
    CHECK(uhd->mode == OfferedMode{1920, 1080, 60});
    CHECK_FALSE(uhd->exact);
    CHECK(describe_choice({3840, 2160, 60}, *uhd) ==
          "1920x1080@60 (asked 3840x2160@60; the panel has no such mode, so the closest it has)");
    CHECK(chosen({1366, 768, 0}) == OfferedMode{1280, 720, 60});
    CHECK(chosen({800, 600, 0}) == OfferedMode{720, 576, 50});
    // A driver that gives no refresh rate.
    CHECK(describe_choice({1024, 768, 0}, *choose_mode({1024, 768, 0}, {{1024, 768, 0}})) == "1024x768 (asked 1024x768)");
    CHECK_FALSE(choose_mode({1920, 1080, 0}, {}));
}

TEST_CASE("a fullscreen window with a mode asked for switches to the closest the display has, and says so")
{
    const VideoEnvironment nothing{};
    render::CapturedLog log;
    int width = 0;
    int height = 0;
    auto started = start_video({{"dummy", ""}}, nothing, [&](const std::string&) -> Status {
        auto window = make_window(std::nullopt, std::nullopt, {800, 600, 0});
        if (!window)
            return window.error();
        CHECK((SDL_GetWindowFlags(window->get()) & SDL_WINDOW_FULLSCREEN_DESKTOP) == SDL_WINDOW_FULLSCREEN);
        SDL_GetWindowSize(window->get(), &width, &height);
        auto windowed = make_window(320, 200, {800, 600, 0});
        return windowed ? Status(Done{}) : windowed.error();
    });
    REQUIRE_MESSAGE(started, problem(started));
    // SDL 2.26's dummy display has one mode, 1024x768, with no refresh rate.
    CHECK(width == 1024);
    CHECK(height == 768);
    const std::string said = log.text();
    CAPTURE(said);
    CHECK(said.find("display: 1024x768 (asked 800x600; the panel has no such mode, so the closest it has)\n") != std::string::npos);
    CHECK(said.find("display: [display] mode 800x600 is for fullscreen; a window keeps its size\n") != std::string::npos);
}

}  // namespace signage::platform

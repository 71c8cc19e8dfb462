#include "app/display_wait.hpp"

#include "platform/log.hpp"
#include "platform/service_notify.hpp"
#include "platform/video_driver.hpp"

#include <csignal>
#include <string>
#include <thread>
#include <utility>

namespace signage::app {

namespace {

volatile std::sig_atomic_t stop_asked = 0;

extern "C" void handle_stop_while_waiting(int)
{
    stop_asked = 1;
}

// Our handlers only between tries: SDL installs its own for SIGTERM and SIGINT (they become
// SDL_QUIT) only where it finds the default one.
class StopSignalsWhileWaiting {
public:
    StopSignalsWhileWaiting()
    {
        std::signal(SIGTERM, handle_stop_while_waiting);
        std::signal(SIGINT, handle_stop_while_waiting);
    }
    ~StopSignalsWhileWaiting()
    {
        std::signal(SIGTERM, SIG_DFL);
        std::signal(SIGINT, SIG_DFL);
    }
    StopSignalsWhileWaiting(const StopSignalsWhileWaiting&) = delete;
    StopSignalsWhileWaiting& operator=(const StopSignalsWhileWaiting&) = delete;
};

// Sleeps `retry`, feeding the watchdog; false when asked to stop.
bool wait_a_while(std::chrono::milliseconds retry, platform::ServiceNotifier& service)
{
    const StopSignalsWhileWaiting handlers;
    const auto until = std::chrono::steady_clock::now() + retry;
    while (std::chrono::steady_clock::now() < until) {
        if (stop_asked)
            return false;
        service.alive(std::chrono::steady_clock::now());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return !stop_asked;
}

}  // namespace

// On the first video driver of the plan (platform/video_driver.hpp) where SDL video starts and
// the display opens.
Result<OpenedDisplay> open_display(const platform::DisplayRequest& request, config::RendererChoice renderer,
                                   std::optional<platform::RendererProbeRun> probe)
{
    const auto environment = platform::VideoEnvironment::current();
    const auto plan = platform::plan_video_drivers(environment, platform::compiled_in_video_drivers());
    std::optional<platform::Display> display;
    auto started = platform::start_video(plan, environment, [&](const std::string&) -> Status {
        auto opened = platform::Display::open(request, renderer, std::exchange(probe, std::nullopt));
        if (!opened)
            return opened.error();
        display.emplace(std::move(opened.value()));
        return Done{};
    });
    if (!started)
        return started.error();
    platform::log({platform::LogLevel::info, "display", "on SDL's " + started->driver + " video driver"});
    return OpenedDisplay{std::move(started->sdl), std::move(*display)};
}

std::optional<OpenedDisplay> wait_for_display(const platform::DisplayRequest& request, config::RendererChoice renderer,
                                              std::optional<platform::RendererProbeRun> probe, std::chrono::milliseconds retry)
{
    auto opened = open_display(request, renderer, std::move(probe));
    if (opened)
        return std::move(opened.value());
    platform::ServiceNotifier service;
    const auto started = std::chrono::steady_clock::now();
    std::string said;
    while (!opened) {
        if (opened.error().message != said) {
            said = opened.error().message;
            platform::log({platform::LogLevel::warning, "display",
                           said + "; trying again every " + std::to_string(retry.count() / 1000) + " s: switch the display on or connect it"});
            service.ready("waiting for a display: " + said);
        }
        if (!wait_a_while(retry, service)) {
            platform::log({platform::LogLevel::notice, "display", "stopped while waiting for one"});
            return std::nullopt;
        }
        opened = open_display(request, renderer, std::nullopt);
    }
    const auto waited = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
    platform::log({platform::LogLevel::notice, "display", "found after " + std::to_string(waited.count()) + " s of waiting"});
    return std::move(opened.value());
}

}  // namespace signage::app

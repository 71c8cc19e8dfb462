#include "app/display_wait.hpp"

#include "platform/log.hpp"
#include "platform/service_notify.hpp"

#include <csignal>
#include <string>
#include <thread>

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

Result<OpenedDisplay> try_to_open(const platform::DisplayRequest& request, config::RendererChoice renderer,
                                  std::optional<platform::RendererProbeRun> probe)
{
    auto sdl = std::make_unique<platform::SdlSubsystems>(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    if (!sdl->ok())
        return Error{std::string("unable to start SDL video: ") + SDL_GetError()};
    auto display = platform::Display::open(request, renderer, std::move(probe));
    if (!display)
        return display.error();
    return OpenedDisplay{std::move(sdl), std::move(display.value())};
}

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

std::optional<OpenedDisplay> wait_for_display(const platform::DisplayRequest& request, config::RendererChoice renderer,
                                              std::optional<platform::RendererProbeRun> probe, std::chrono::milliseconds retry)
{
    auto opened = try_to_open(request, renderer, std::move(probe));
    if (opened)
        return std::move(opened.value());
    platform::ServiceNotifier service;
    const auto started = std::chrono::steady_clock::now();
    std::string said;
    while (!opened) {
        if (opened.error().message != said) {
            said = opened.error().message;
            platform::log({platform::LogLevel::warning, "display",
                           "none yet (" + said + "); trying again every " + std::to_string(retry.count() / 1000) + " s: switch the display on or connect it"});
            service.ready("waiting for a display: " + said);
        }
        if (!wait_a_while(retry, service)) {
            platform::log({platform::LogLevel::notice, "display", "stopped while waiting for one"});
            return std::nullopt;
        }
        opened = try_to_open(request, renderer, std::nullopt);
    }
    const auto waited = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
    platform::log({platform::LogLevel::notice, "display", "found after " + std::to_string(waited.count()) + " s of waiting"});
    return std::move(opened.value());
}

}  // namespace signage::app

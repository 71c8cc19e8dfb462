// The player's display going away while it runs, and coming back: the X server or the Wayland
// compositor restarted, the GPU reset, the last monitor unplugged. The window, the renderer and
// SDL video go; the fetcher, the notice board, the status file and the watchdog's pings go on;
// SDL video is started again every `display_retry` until a display opens, and the screen is
// built again with the notices of now. One log line when lost, one when back. Also what the
// player tells systemd and the status file, which an outage changes too.
#include "app/player.hpp"
#include "app/player_lines.hpp"
#include "platform/display_loss.hpp"
#include "platform/local_time.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

namespace signage::app {

namespace {

// A display that cannot be closed (Xlib would exit in the middle) on the way to exit code 1:
// kept here, reachable (leak checkers see it held), until the process ends.
// volatile: a pointer written and never read would be optimised away, and the display with it.
platform::Display* volatile abandoned_display = nullptr;

// Whether `event` means the display (or the device under the renderer) is gone.
std::optional<platform::LostConnection> gone_with(const SDL_Event& event, SDL_Window* window)
{
    if (event.type == SDL_RENDER_DEVICE_RESET)
        return platform::LostConnection{"the renderer's device was reset (a GPU reset or the driver restarted)"};
    if (event.type == SDL_DISPLAYEVENT && event.display.event == SDL_DISPLAYEVENT_DISCONNECTED && SDL_GetNumVideoDisplays() < 1)
        return platform::LostConnection{"the last display was disconnected"};
    // SDL's Wayland driver says quit when the compositor goes away: a closed preview window
    // or SIGTERM leaves the connection as it was.
    if (event.type == SDL_QUIT)
        return platform::connection_lost(window);
    return std::nullopt;
}

}  // namespace

// True when the event was about the display and is dealt with here (m_display_exit: stop).
bool Player::handle_display_event(const SDL_Event& event)
{
    if (waiting_for_display())
        return event.type != SDL_QUIT && event.type != m_feed_event;  // a quit or a feed update still counts
    if (event.type == SDL_RENDER_TARGETS_RESET) {
        // The contents of render targets are gone (Direct3D-like drivers); the next frame draws everything.
        m_whole_frame = true;
        m_screens.for_each_scene([](render::Scene& scene) { scene.invalidate(); });
        return true;
    }
    if (auto gone = gone_with(event, m_display.window())) {
        m_display_exit = lose_display(*gone);
        return true;
    }
    return false;
}

// After the events: the connection to the X server or the compositor broken under the player
// (no event says so). An exit code when it cannot be waited for in this process.
std::optional<int> Player::check_connection()
{
    if (auto gone = platform::connection_lost(m_display.window()); gone && !waiting_for_display())
        return lose_display(*gone);
    return std::nullopt;
}

// An exit code when the display cannot be waited for in this process.
std::optional<int> Player::lose_display(const platform::LostConnection& lost)
{
    const std::string& why = lost.why;
    if (!lost.reopenable || !m_parts.reopen_display) {
        m_parts.log({platform::LogLevel::error, "display", "lost (" + why + "); it cannot be opened again in this process: the player stops (exit code 1), and systemd starts it again"});
        m_service.status("display lost: " + why + "; stopping");
        // SDL video is left as it is, never closed: closing it would make Xlib exit(1) in the middle.
        (void)m_video.release();
        abandoned_display = std::make_unique<platform::Display>(std::move(m_display)).release();
        offer_status();  // the status file says the display is off; the writer writes it before it stops
        return 1;
    }
    m_parts.log({platform::LogLevel::warning, "display", "lost (" + why + "); fetching goes on, and the screen comes back when a display opens again"});
    m_screens.drop();  // every texture, before the renderer they belong to
    m_display = platform::Display{};
    m_video.reset();  // SDL video itself: a new X server or compositor needs a new connection
    const auto now = m_parts.clocks.monotonic();
    m_display_lost_at = now;
    m_next_display_try = now;
    m_display_said.clear();
    m_previous_frame.reset();
    m_service.status("waiting for a display: " + why);
    offer_status();
    return std::nullopt;
}

// A turn without a display: feed updates, a quit, the once-a-second work that needs no
// screen, a try to open the display when one is due, and the watchdog's ping.
std::optional<int> Player::step_without_display(int idle_wait_ms)
{
    auto now = m_parts.clocks.monotonic();
    const auto until_try = std::chrono::duration_cast<std::chrono::milliseconds>(m_next_display_try - now).count();
    SDL_Event event;
    if (SDL_WaitEventTimeout(&event, static_cast<int>(std::clamp<long long>(until_try, 0, idle_wait_ms)))) {
        do {
            if (auto exit_code = handle_event(event))
                return exit_code;
        } while (SDL_PollEvent(&event));
    }
    now = m_parts.clocks.monotonic();
    if (m_status_changed || now >= m_next_second) {
        m_next_second = now + std::chrono::seconds(1);
        m_status_changed = false;
        m_rebuild |= m_board.set_now(m_parts.clocks.wall());
        offer_status();
    }
    if (now >= m_next_display_try) {
        m_next_display_try = now + m_parts.display_retry;
        try_display_again();
    }
    m_service.alive(m_parts.clocks.monotonic());
    return std::nullopt;
}

void Player::try_display_again()
{
    auto opened = m_parts.reopen_display(m_config.display.renderer);
    if (!opened) {
        if (opened.error().message != m_display_said) {
            m_display_said = opened.error().message;
            m_service.status("waiting for a display: " + m_display_said);
        }
        return;
    }
    m_video = std::move(opened.value().sdl);
    m_display = std::move(opened.value().display);
    platform::watch_connection(m_display.window());
    const auto waited = std::chrono::duration_cast<std::chrono::seconds>(m_parts.clocks.monotonic() - *m_display_lost_at);
    m_display_lost_at.reset();
    m_parts.log({platform::LogLevel::notice, "display", "back after " + std::to_string(waited.count()) + " s; " + display_line(m_display, m_playback)});
    m_whole_frame = true;
    m_rebuild = true;  // the board of now, with what arrived meanwhile
    m_status_changed = true;
    if (m_schedule.apply(m_config.schedule, platform::to_local(m_parts.clocks.wall()), true))
        m_screens.for_each_scene([](render::Scene& scene) { scene.invalidate(); });
    m_screens.build_later(plan_now(), "display: back, but the screen could not be built: ");
}

std::string Player::service_status() const
{
    const auto current = m_board.sources_current(m_parts.clocks.wall(), m_config.stale_after);
    return service_status_line(m_board.notices().size(), current, m_config.feeds.size(), m_schedule.screen_on());
}

void Player::offer_status()
{
    if (m_status_writer)  // values copied, handed over by move: the writer's thread does the rest
        m_status_writer->offer(m_status_tracker.snapshot(m_parts.clocks.monotonic(), m_parts.clocks.wall(), m_config.stale_after,
                                                         screen_health(m_board, m_alerts.shown().size(), m_playback, m_display, m_screens.scene(), m_schedule.screen_on())));
}

}  // namespace signage::app

// The desktop preview's hands on the player: its keys (the communications officer pauses,
// steps through featured notices, changes the crawl speed, reloads, takes a screenshot) and
// the window being resized.
#include "app/player.hpp"

#include <cmath>
#include <string>

namespace signage::app {

void Player::log_crawl_speed() const
{
    m_parts.log({platform::LogLevel::info, "crawl", std::to_string(std::lround(m_playback.crawl_px_per_s())) + " px/s"});
}

// The desktop preview's keys. False: quit.
bool Player::handle_key(const SDL_KeyboardEvent& key)
{
    render::Scene* scene = m_screens.scene();
    switch (key.keysym.sym) {
    case SDLK_ESCAPE:
    case SDLK_q:
        return false;
    case SDLK_SPACE:
        m_playback.toggle_pause();
        break;
    case SDLK_LEFT:
    case SDLK_RIGHT:
        if (scene)
            scene->step_featured(key.keysym.sym == SDLK_LEFT ? -1 : 1);
        break;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
        m_playback.faster();
        log_crawl_speed();
        break;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        m_playback.slower();
        log_crawl_speed();
        break;
    case SDLK_r:
        reload("R");
        break;
    case SDLK_s:
        m_screenshot_requested = true;
        break;
    case SDLK_F1:
        m_overlay_shown = !m_overlay_shown;
        update_overlay();
        break;
    default:
        break;
    }
    return true;
}

// False when there is no screen to draw any more. The new layout is made off this thread, as
// a reload's is: the frames go on meanwhile.
bool Player::handle_resize()
{
    const bool new_renderer = m_display.keeps_last_frame();
    if (new_renderer) {
        // The software path gets a new renderer for the new window surface: the scene's
        // textures go with the old one, so the scene goes first; black frames until the new one.
        m_screens.drop();
        if (auto renderer = m_display.handle_resize(); !renderer) {
            m_parts.log({platform::LogLevel::error, "display", renderer.error().message});
            return false;
        }
    }
    m_screens.build_later(plan_now(), new_renderer ? "no screen after the resize" : "resize: keeping the previous layout");
    return true;
}

}  // namespace signage::app

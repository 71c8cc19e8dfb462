#pragma once
// The screen's own time, which the desktop preview can stop and speed up: how long the scene has
// been playing (for the featured rotation) and how far the crawl has travelled. Fed with the
// monotonic time of each frame; a late frame catches up (see RefreshCounter).
#include "render/frame_clock.hpp"

#include <cstdint>

namespace signage::render {

class Playback {
public:
    Playback(double refresh_hz, int crawl_px_per_refresh);

    void frame(double monotonic_seconds);

    double scene_seconds() const { return m_scene_seconds; }
    std::int64_t crawl_travelled() const { return m_travelled; }
    int crawl_px_per_refresh() const { return m_px_per_refresh; }
    double crawl_px_per_s() const { return m_px_per_refresh * m_refreshes.refresh_hz(); }
    bool paused() const { return m_paused; }

    void toggle_pause() { m_paused = !m_paused; }
    // One pixel per refresh more or less: the steps in which the crawl can move crisply.
    // A new speed from the config: the crawl goes on from where it stands.
    void set_crawl_px_per_refresh(int pixels) { m_px_per_refresh = pixels > 0 ? pixels : 1; }
    void faster() { ++m_px_per_refresh; }
    void slower() { m_px_per_refresh = m_px_per_refresh > 1 ? m_px_per_refresh - 1 : 1; }

private:
    RefreshCounter m_refreshes;
    int m_px_per_refresh;
    bool m_paused = false;
    bool m_started = false;
    double m_last_seconds = 0.0;
    std::int64_t m_last_refresh = 0;
    double m_scene_seconds = 0.0;
    std::int64_t m_travelled = 0;
};

}  // namespace signage::render

#include "render/playback.hpp"

namespace signage::render {

Playback::Playback(double refresh_hz, int crawl_px_per_refresh)
    : m_refreshes(refresh_hz), m_px_per_refresh(crawl_px_per_refresh > 0 ? crawl_px_per_refresh : 1)
{
}

void Playback::frame(double monotonic_seconds)
{
    const std::int64_t refresh = m_refreshes.advance(monotonic_seconds);
    if (m_started && !m_paused) {
        m_scene_seconds += monotonic_seconds - m_last_seconds;
        m_travelled += (refresh - m_last_refresh) * m_px_per_refresh;
    }
    m_started = true;
    m_last_seconds = monotonic_seconds;
    m_last_refresh = refresh;
}

}  // namespace signage::render

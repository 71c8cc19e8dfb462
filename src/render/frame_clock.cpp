#include "render/frame_clock.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace signage::render {

RefreshCounter::RefreshCounter(double refresh_hz) : m_refresh_hz(refresh_hz > 0 ? refresh_hz : 60.0) {}

std::int64_t RefreshCounter::advance(double seconds)
{
    if (m_refresh < 0) {
        m_refresh = 0;
        m_grid_seconds = seconds;
        return m_refresh;
    }
    // Refreshes are counted against a grid of ideal refresh times rather than from the previous
    // frame, so that a frame a little late followed by one a little early is not taken for a
    // missed refresh. The grid follows the frames slowly, which absorbs a display running at
    // 59.94 Hz when it says 60.
    const double period = 1.0 / m_refresh_hz;
    const auto passed = std::max<std::int64_t>(1, std::llround((seconds - m_grid_seconds) / period));
    m_grid_seconds += static_cast<double>(passed) * period;
    m_grid_seconds += grid_follow * (seconds - m_grid_seconds);
    m_refresh += passed;
    return m_refresh;
}

int pixels_per_refresh(double speed_px_per_s, double refresh_hz)
{
    return std::max(1, static_cast<int>(std::lround(speed_px_per_s / (refresh_hz > 0 ? refresh_hz : 60.0))));
}

FrameStats::FrameStats(double refresh_hz, std::size_t capacity)
    : m_late_after_s(1.5 / (refresh_hz > 0 ? refresh_hz : 60.0))
    , m_intervals(capacity)
    , m_sorted(capacity)
{
}

void FrameStats::record(double interval_s)
{
    // Beyond capacity the mean and the late count stay exact; the percentile uses the first ones.
    if (m_count < m_intervals.size())
        m_intervals[m_count] = interval_s;
    ++m_count;
    m_sum += interval_s;
    m_worst = std::max(m_worst, interval_s);
    if (interval_s > m_late_after_s)
        ++m_late;
}

FrameSummary FrameStats::summary()
{
    FrameSummary summary;
    summary.frames = m_count;
    if (m_count == 0)
        return summary;
    summary.mean_ms = m_sum / static_cast<double>(m_count) * 1000.0;
    summary.worst_ms = m_worst * 1000.0;
    summary.late = m_late;
    const std::size_t kept = std::min(m_count, m_intervals.size());
    if (kept > 0) {
        std::copy_n(m_intervals.begin(), kept, m_sorted.begin());
        const auto rank = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(kept))) - 1;
        std::nth_element(m_sorted.begin(), m_sorted.begin() + static_cast<std::ptrdiff_t>(rank),
                         m_sorted.begin() + static_cast<std::ptrdiff_t>(kept));
        summary.p99_ms = m_sorted[rank] * 1000.0;
    }
    return summary;
}

void FrameStats::reset()
{
    m_count = 0;
    m_sum = 0.0;
    m_worst = 0.0;
    m_late = 0;
}

std::string describe(const FrameSummary& summary)
{
    char text[128];
    std::snprintf(text, sizeof text, "frames: %zu, mean %.1f ms, p99 %.1f ms, worst %.1f ms, %zu late", summary.frames,
                  summary.mean_ms, summary.p99_ms, summary.worst_ms, summary.late);
    return text;
}

}  // namespace signage::render

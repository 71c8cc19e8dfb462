#include "render/rotation.hpp"

#include <algorithm>
#include <cmath>

namespace signage::render {

double dwell_for(std::size_t primary_characters, std::size_t secondary_characters, double dwell_s, double max_dwell_s)
{
    const double reading_s = 2.0 + static_cast<double>(primary_characters) / 8.0 + static_cast<double>(secondary_characters) / 15.0;
    return std::clamp(reading_s, dwell_s, std::max(dwell_s, max_dwell_s));
}

FeaturedRotation::FeaturedRotation(std::vector<double> dwell_s, double transition_s) : m_dwells(std::move(dwell_s))
{
    for (const double dwell : m_dwells) {
        m_starts.push_back(m_cycle_s);
        m_cycle_s += dwell;
    }
    // A change never takes more than half of the shortest stay.
    const double shortest = m_dwells.empty() ? 0.0 : *std::min_element(m_dwells.begin(), m_dwells.end());
    m_transition_s = std::clamp(transition_s, 0.0, shortest / 2);
}

FeaturedRotation::Moment FeaturedRotation::at(double seconds, long long step) const
{
    Moment moment;
    if (m_dwells.empty() || m_cycle_s <= 0.0)
        return moment;
    const auto count = static_cast<long long>(m_dwells.size());
    const double within = std::fmod(std::max(0.0, seconds), m_cycle_s);
    const auto found = std::upper_bound(m_starts.begin(), m_starts.end(), within);
    const auto base = static_cast<long long>(found - m_starts.begin()) - 1;
    const auto wrap = [count](long long i) { return static_cast<std::size_t>(((i % count) + count) % count); };
    moment.index = wrap(base + step);
    moment.next = wrap(base + step + 1);
    const auto cycles = static_cast<long long>(std::floor(std::max(0.0, seconds) / m_cycle_s));
    moment.turn = cycles * count + base + step;
    const auto base_index = static_cast<std::size_t>(base);
    const double left = m_starts[base_index] + m_dwells[base_index] - within;
    if (m_transition_s > 0.0 && left < m_transition_s && count > 1)
        moment.progress = std::clamp(1.0 - left / m_transition_s, 0.0, 1.0);
    return moment;
}

double ease_in_out(double t)
{
    t = std::clamp(t, 0.0, 1.0);
    if (t < 0.5)
        return 4.0 * t * t * t;
    const double rest = 2.0 - 2.0 * t;
    return 1.0 - rest * rest * rest / 2.0;
}

int slide_offset(double progress, int width)
{
    return std::clamp(static_cast<int>(std::lround(ease_in_out(progress) * width)), 0, std::max(0, width));
}

}  // namespace signage::render

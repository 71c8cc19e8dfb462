#include "render/scroller.hpp"

#include <numeric>

namespace signage::render {

CrawlScroller::CrawlScroller(std::vector<int> item_widths)
    : m_item_widths(std::move(item_widths))
    , m_cycle_width(std::accumulate(m_item_widths.begin(), m_item_widths.end(), 0))
{
}

int CrawlScroller::offset_at(std::int64_t travelled) const
{
    if (m_cycle_width <= 0)
        return 0;
    const auto wrapped = travelled % m_cycle_width;
    return static_cast<int>(wrapped < 0 ? wrapped + m_cycle_width : wrapped);
}

void CrawlScroller::place(int offset, int band_width, std::vector<CrawlPlacement>& out) const
{
    out.clear();
    if (m_cycle_width <= 0)
        return;
    int x = -offset;
    for (std::size_t i = 0; x < band_width; i = (i + 1) % m_item_widths.size()) {
        const int width = m_item_widths[i];
        if (x + width > 0)
            out.push_back({i, x});
        x += width;
    }
}

}  // namespace signage::render

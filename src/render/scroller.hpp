#pragma once
// The crawl as pure arithmetic: where the loop of items stands after it has travelled so many
// pixels. No SDL, no clock of its own.
#include <cstdint>
#include <vector>

namespace signage::render {

struct CrawlPlacement {
    std::size_t item = 0;
    int x = 0;  // left edge, relative to the band's left edge
};

class CrawlScroller {
public:
    explicit CrawlScroller(std::vector<int> item_widths = {});

    int cycle_width() const { return m_cycle_width; }

    // Where the loop stands after `travelled` whole pixels, wrapped into one cycle, so the loop
    // has no seam (see frame_clock.hpp for how far it travels per refresh).
    int offset_at(std::int64_t travelled) const;

    // The items that overlap [0, band_width) at `offset`, left to right; the loop repeats as
    // often as needed to fill the band. `out` is cleared first (its capacity is reused).
    void place(int offset, int band_width, std::vector<CrawlPlacement>& out) const;

private:
    std::vector<int> m_item_widths;
    int m_cycle_width = 0;
};

}  // namespace signage::render

#pragma once
// The crawl as pure arithmetic: where the loop of items stands at a given time. No SDL, no
// clock of its own: time comes in, so the motion is the same at any frame rate.
#include <cstdint>
#include <vector>

struct CrawlPlacement {
    std::size_t item = 0;
    int x = 0;  // left edge, relative to the band's left edge
};

class CrawlScroller {
public:
    explicit CrawlScroller(std::vector<int> item_widths = {});

    int cycle_width() const { return m_cycle_width; }

    // Whole pixels scrolled at `seconds` (from a monotonic clock), wrapped into one cycle, so
    // text is never drawn between pixels and the loop has no seam.
    int offset_at(double seconds, double speed_px_per_s) const;

    // The items that overlap [0, band_width) at `offset`, left to right; the loop repeats as
    // often as needed to fill the band. `out` is cleared first (its capacity is reused).
    void place(int offset, int band_width, std::vector<CrawlPlacement>& out) const;

private:
    std::vector<int> m_item_widths;
    int m_cycle_width = 0;
};

#pragma once
// The band along the bottom: every notice's titles in one line that scrolls by whole pixels,
// an accent square between notices. Alerts placed in the crawl come first, each with a badge.
#include "render/scene_settings.hpp"
#include "render/scroller.hpp"
#include "render/text_source.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace signage::render {

struct CrawlItem {
    SharedTextBlock primary;
    SharedTextBlock secondary;
    int width = 0;  // with the badge, the separator and the gaps around it
    SharedTextBlock badge;     // an alert's severity ("주의 Moderate") in a coloured box; null: none
    SDL_Color badge_ground{};  // the box's colour
};

// The width of a badge's box around text `text_advance` wide.
int badge_box_width(const SceneMetrics& metrics, int text_advance);

// A notice's item: its primary title, then its English one (null: none).
CrawlItem make_crawl_item(TextSource& text, const SceneContext& context, const std::string& primary, const std::string* secondary);

class CrawlBand {
public:
    explicit CrawlBand(SceneContext context) : m_context(context) {}

    void show(std::vector<CrawlItem> items);
    // Alerts' items, before the notices'.
    void show_alerts(std::vector<CrawlItem> items);
    bool empty() const { return m_items.empty(); }
    // With the crawl `travelled` whole pixels along. Allocates nothing.
    void draw(std::int64_t travelled);

private:
    void arrange();
    void draw_badge(const CrawlItem& item, int x, int baseline) const;

    SceneContext m_context;
    std::vector<CrawlItem> m_notice_items;
    std::vector<CrawlItem> m_alert_items;
    std::vector<CrawlItem> m_items;  // the alerts' items, then the notices' 
    CrawlScroller m_scroller;
    std::vector<CrawlPlacement> m_placements;  // reused every frame: no allocation while scrolling
};

}  // namespace signage::render

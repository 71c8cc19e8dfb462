#pragma once
// The band along the bottom: every notice's titles in one line that scrolls by whole pixels,
// an accent square between notices. Alerts placed in the crawl come first, each with a badge.
#include "render/scene_settings.hpp"
#include "render/scroller.hpp"
#include "render/text_source.hpp"

#include <cstdint>
#include <optional>
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
    // The same on `kept`, the surface the renderer draws on, which still holds the band as the
    // last draw or draw_moved left it (the software path's window surface): the rows the
    // notices move in are moved along by the distance travelled since, and only the columns
    // that come in are drawn, pixel for pixel what draw() gives. Returns the rectangle that
    // changed: those rows, or the whole band when it had to be drawn whole (null `kept`, a
    // render target or new items since, a jump back or of half the band or more).
    SDL_Rect draw_moved(std::int64_t travelled, SDL_Surface* kept);

private:
    void arrange();
    int baseline() const;
    // The rows of the band that any item draws in; the rest of it never changes.
    SDL_Rect moving_rows() const;
    void draw_badge(const CrawlItem& item, int x, int baseline) const;
    // A badge's box, a little taller than the crawl's letters, and its text's baseline, for the
    // crawl's baseline at `baseline`.
    struct BadgeBox {
        int top = 0;
        int height = 0;
        int text_baseline = 0;
    };
    BadgeBox badge_box(int baseline) const;

    SceneContext m_context;
    std::vector<CrawlItem> m_notice_items;
    std::vector<CrawlItem> m_alert_items;
    std::vector<CrawlItem> m_items;  // the alerts' items, then the notices' 
    CrawlScroller m_scroller;
    std::vector<CrawlPlacement> m_placements;  // reused every frame: no allocation while scrolling
    std::optional<std::int64_t> m_drawn_travelled;  // where the items were when last drawn
    int m_rows_above = 0;  // how far above and below the baseline the items draw
    int m_rows_below = 0;
};

}  // namespace signage::render

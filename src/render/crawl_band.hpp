#pragma once
// The band along the bottom: every notice's titles in one line that scrolls by whole pixels,
// an accent square between notices.
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
    int width = 0;  // with the separator and the gaps around it
};

// A notice's item: its primary title, then its English one (null: none).
CrawlItem make_crawl_item(TextSource& text, const SceneContext& context, const std::string& primary, const std::string* secondary);

class CrawlBand {
public:
    explicit CrawlBand(SceneContext context) : m_context(context) {}

    void show(std::vector<CrawlItem> items);
    bool empty() const { return m_items.empty(); }
    // With the crawl `travelled` whole pixels along. Allocates nothing.
    void draw(std::int64_t travelled);

private:
    SceneContext m_context;
    std::vector<CrawlItem> m_items;
    CrawlScroller m_scroller;
    std::vector<CrawlPlacement> m_placements;  // reused every frame: no allocation while scrolling
};

}  // namespace signage::render

#include "render/crawl_band.hpp"

#include "render/draw_helpers.hpp"

#include <algorithm>

namespace signage::render {

CrawlItem make_crawl_item(TextSource& text, const SceneContext& context, const std::string& primary, const std::string* secondary)
{
    const SceneMetrics& metrics = context.layout->metrics;
    const Theme& theme = context.settings->theme;
    const TextEffects& effects = context.settings->text_effects;
    CrawlItem item;
    item.primary = text.get("crawl", primary, line_of(&SceneFonts::crawl, primary, theme.text, effects));
    if (secondary)
        item.secondary = text.get("crawl-english", *secondary, line_of(&SceneFonts::crawl, *secondary, theme.secondary_text, effects));
    // [primary] gap [secondary] 2 gaps [separator] 2 gaps, then the next notice.
    item.width = first_line(item.primary).advance() + 4 * metrics.crawl_gap + metrics.separator_size;
    if (secondary)
        item.width += metrics.crawl_gap + first_line(item.secondary).advance();
    return item;
}

void CrawlBand::show(std::vector<CrawlItem> items)
{
    m_items = std::move(items);
    std::vector<int> widths;
    for (const auto& item : m_items)
        widths.push_back(item.width);
    const int band_width = m_context.layout->width;
    // As many placements as the narrowest item can repeat across the band: draw() never grows it.
    const int narrowest = widths.empty() ? band_width : std::max(1, *std::min_element(widths.begin(), widths.end()));
    m_placements.reserve(static_cast<std::size_t>(band_width / narrowest + 2));
    m_scroller = CrawlScroller(std::move(widths));
}

void CrawlBand::draw(std::int64_t travelled)
{
    SDL_Renderer* renderer = m_context.renderer;
    const SceneMetrics& metrics = m_context.layout->metrics;
    const Theme& theme = m_context.settings->theme;
    const SDL_Rect band = m_context.layout->band();
    fill_rect(renderer, theme.band, band);
    fill_rect(renderer, theme.accent, {0, band.y, band.w, std::max(2, metrics.separator_size / 3)});

    const text::FontChain& font = m_context.fonts->crawl;
    const int baseline = band.y + (band.h + ascent(font) - static_cast<int>(font.descender() / 64)) / 2;
    m_scroller.place(m_scroller.offset_at(travelled), band.w, m_placements);
    for (const auto& placement : m_placements) {
        const CrawlItem& item = m_items[placement.item];
        const TextSprite& primary = first_line(item.primary);
        primary.draw(renderer, placement.x, baseline);
        if (item.secondary)
            first_line(item.secondary).draw(renderer, placement.x + primary.advance() + metrics.crawl_gap, baseline);
        // A small accent square between notices, at the height of the middle of the letters.
        const int size = metrics.separator_size;
        const int separator_x = placement.x + item.width - 2 * metrics.crawl_gap - size;
        fill_rect(renderer, theme.accent, {separator_x, baseline - ascent(font) * 2 / 5 - size / 2, size, size});
    }
}

}  // namespace signage::render

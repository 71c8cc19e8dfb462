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

int badge_box_width(const SceneMetrics& metrics, int text_advance)
{
    return text_advance + metrics.crawl_gap;
}

void CrawlBand::show(std::vector<CrawlItem> items)
{
    m_notice_items = std::move(items);
    arrange();
}

void CrawlBand::show_alerts(std::vector<CrawlItem> items)
{
    m_alert_items = std::move(items);
    arrange();
}

void CrawlBand::arrange()
{
    m_items = m_alert_items;
    m_items.insert(m_items.end(), m_notice_items.begin(), m_notice_items.end());
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
        int x = placement.x;
        if (item.badge) {
            draw_badge(item, x, baseline);
            x += badge_box_width(metrics, first_line(item.badge).advance()) + metrics.crawl_gap;
        }
        const TextSprite& primary = first_line(item.primary);
        primary.draw(renderer, x, baseline);
        if (item.secondary)
            first_line(item.secondary).draw(renderer, x + primary.advance() + metrics.crawl_gap, baseline);
        // A small accent square between notices, at the height of the middle of the letters.
        const int size = metrics.separator_size;
        const int separator_x = placement.x + item.width - 2 * metrics.crawl_gap - size;
        fill_rect(renderer, theme.accent, {separator_x, baseline - ascent(font) * 2 / 5 - size / 2, size, size});
    }
}

void CrawlBand::draw_badge(const CrawlItem& item, int x, int baseline) const
{
    // A box a little taller than the crawl's letters, its corners cut by a pixel or two.
    const TextSprite& text = first_line(item.badge);
    const text::FontChain& font = m_context.fonts->crawl;
    const text::FontChain& label = m_context.fonts->label;
    const int width = badge_box_width(m_context.layout->metrics, text.advance());
    const int height = line_height(font) * 3 / 4;
    const int top = baseline - ascent(font) * 2 / 5 - height / 2;
    const int corner = std::max(1, height / 10);
    fill_rect(m_context.renderer, item.badge_ground, {x + corner, top, width - 2 * corner, height});
    fill_rect(m_context.renderer, item.badge_ground, {x, top + corner, width, height - 2 * corner});
    const int text_baseline = top + (height + ascent(label) - static_cast<int>(label.descender() / 64)) / 2;
    text.draw(m_context.renderer, x + (width - text.advance()) / 2, text_baseline);
}

}  // namespace signage::render

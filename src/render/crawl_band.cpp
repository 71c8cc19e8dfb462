#include "render/crawl_band.hpp"

#include "render/draw_helpers.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>

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
    m_drawn_travelled.reset();

    // Every row an item can draw in, from the baseline: its texts, its badge, its separator.
    const SceneMetrics& metrics = m_context.layout->metrics;
    const text::FontChain& font = m_context.fonts->crawl;
    const int separator_top = ascent(font) * 2 / 5 + metrics.separator_size / 2;
    m_rows_above = separator_top;
    m_rows_below = metrics.separator_size - separator_top;
    auto include = [this](const TextSprite& sprite, int baseline_offset) {
        const SDL_Rect& ink = sprite.ink();
        if (ink.h <= 0)
            return;
        m_rows_above = std::max(m_rows_above, sprite.baseline() - ink.y - baseline_offset);
        m_rows_below = std::max(m_rows_below, ink.y + ink.h - sprite.baseline() + baseline_offset);
    };
    for (const auto& item : m_items) {
        include(first_line(item.primary), 0);
        if (item.secondary)
            include(first_line(item.secondary), 0);
        if (item.badge) {
            const BadgeBox box = badge_box(0);  // from a baseline at 0
            m_rows_above = std::max(m_rows_above, -box.top);
            m_rows_below = std::max(m_rows_below, box.top + box.height);
            include(first_line(item.badge), box.text_baseline);
        }
    }
}

int CrawlBand::baseline() const
{
    const text::FontChain& font = m_context.fonts->crawl;
    const SDL_Rect band = m_context.layout->band();
    return band.y + (band.h + ascent(font) - static_cast<int>(font.descender() / 64)) / 2;
}

SDL_Rect CrawlBand::moving_rows() const
{
    const SDL_Rect band = m_context.layout->band();
    const int top = std::max(band.y, baseline() - m_rows_above);
    const int bottom = std::min(band.y + band.h, baseline() + m_rows_below);
    return {band.x, top, band.w, std::max(0, bottom - top)};
}

namespace {

// Moves the pixels of `rows` (in the surface's coordinates) `distance` to the left; the
// columns that come in at the right keep what was there.
bool move_left(SDL_Surface* surface, const SDL_Rect& rows, int distance)
{
    if (rows.x < 0 || rows.y < 0 || rows.x + rows.w > surface->w || rows.y + rows.h > surface->h)
        return false;
    if (SDL_MUSTLOCK(surface) && SDL_LockSurface(surface) != 0)
        return false;
    const int bytes_per_pixel = surface->format->BytesPerPixel;
    auto* first = static_cast<unsigned char*>(surface->pixels) + static_cast<std::ptrdiff_t>(rows.y) * surface->pitch +
                  static_cast<std::ptrdiff_t>(rows.x) * bytes_per_pixel;
    const auto length = static_cast<std::size_t>(rows.w - distance) * static_cast<std::size_t>(bytes_per_pixel);
    for (int row = 0; row < rows.h; ++row) {
        unsigned char* line = first + static_cast<std::ptrdiff_t>(row) * surface->pitch;
        std::memmove(line, line + static_cast<std::ptrdiff_t>(distance) * bytes_per_pixel, length);
    }
    if (SDL_MUSTLOCK(surface))
        SDL_UnlockSurface(surface);
    return true;
}

}  // namespace

SDL_Rect CrawlBand::draw_moved(std::int64_t travelled, SDL_Surface* kept)
{
    SDL_Renderer* renderer = m_context.renderer;
    const SDL_Rect band = m_context.layout->band();
    const SDL_Rect rows = moving_rows();
    const std::int64_t distance = m_drawn_travelled ? travelled - *m_drawn_travelled : -1;
    if (distance == 0)
        return {band.x, band.y, 0, 0};  // nothing moved
    SDL_Rect viewport{};
    SDL_RenderGetViewport(renderer, &viewport);
    SDL_Rect on_surface{rows.x + viewport.x, rows.y + viewport.y, rows.w, rows.h};
    // Queued draws must land before the pixels move (SDL batches them).
    const bool movable = kept && !SDL_GetRenderTarget(renderer) && distance > 0 && distance < band.w / 2 && rows.h > 0 &&
                         SDL_RenderFlush(renderer) == 0 && move_left(kept, on_surface, static_cast<int>(distance));
    if (!movable) {
        draw(travelled);
        return band;
    }
    const SDL_Rect incoming{band.x + band.w - static_cast<int>(distance), rows.y, static_cast<int>(distance), rows.h};
    SDL_RenderSetClipRect(renderer, &incoming);
    draw(travelled);
    SDL_RenderSetClipRect(renderer, nullptr);
    return rows;
}

void CrawlBand::draw(std::int64_t travelled)
{
    SDL_Renderer* renderer = m_context.renderer;
    const SceneMetrics& metrics = m_context.layout->metrics;
    const Theme& theme = m_context.settings->theme;
    const SDL_Rect band = m_context.layout->band();
    fill_rect(renderer, theme.band, band);
    fill_rect(renderer, theme.accent, {0, band.y, band.w, std::max(2, metrics.separator_size / 3)});
    m_drawn_travelled = travelled;

    const text::FontChain& font = m_context.fonts->crawl;
    const int baseline = this->baseline();
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
    const int width = badge_box_width(m_context.layout->metrics, text.advance());
    const BadgeBox box = badge_box(baseline);
    const int corner = std::max(1, box.height / 10);
    fill_rect(m_context.renderer, item.badge_ground, {x + corner, box.top, width - 2 * corner, box.height});
    fill_rect(m_context.renderer, item.badge_ground, {x, box.top + corner, width, box.height - 2 * corner});
    text.draw(m_context.renderer, x + (width - text.advance()) / 2, box.text_baseline);
}

CrawlBand::BadgeBox CrawlBand::badge_box(int baseline) const
{
    const text::FontChain& font = m_context.fonts->crawl;
    const text::FontChain& label = m_context.fonts->label;
    BadgeBox box;
    box.height = line_height(font) * 3 / 4;
    box.top = baseline - ascent(font) * 2 / 5 - box.height / 2;
    box.text_baseline = box.top + (box.height + ascent(label) - static_cast<int>(label.descender() / 64)) / 2;
    return box;
}

}  // namespace signage::render

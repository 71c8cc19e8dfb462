#include "render/alert_banner.hpp"

#include "render/draw_helpers.hpp"
#include "render/theme.hpp"

#include <algorithm>
#include <cmath>

namespace signage::render {

namespace {

// The baseline that centres a line of `font` on `middle_y`.
int centred_baseline(const text::FontChain& font, int middle_y)
{
    return middle_y + (ascent(font) - static_cast<int>((font.descender() + 63) / 64)) / 2;
}

// Draws the lines of `block` in `font` from `y` (the top of the first line box) while they end
// above `bottom`. Returns the y under the last line drawn.
int draw_lines(SDL_Renderer* renderer, const SharedTextBlock& block, const text::FontChain& font, int x, int y, int bottom)
{
    if (!block)
        return y;
    for (const auto& line : block->lines) {
        if (y + line_height(font) > bottom)
            break;
        line.draw(renderer, x, y + ascent(font));
        y += line_height(font);
    }
    return y;
}

}  // namespace

int draw_alert_tag(const SceneContext& context, const SharedTextBlock& tag, model::AlertSeverity severity, int x, int middle_y)
{
    const TextSprite& text = first_line(tag);
    const text::FontChain& font = context.fonts->label;
    const int padding = line_height(font) / 2;
    const int width = text.advance() + 2 * padding;
    const int height = line_height(font) + padding;
    const int corner = std::max(1, height / 10);
    const SDL_Color ground = alert_colours(severity).tag_ground;
    const int top = middle_y - height / 2;
    fill_rect(context.renderer, ground, {x + corner, top, width - 2 * corner, height});
    fill_rect(context.renderer, ground, {x, top + corner, width, height - 2 * corner});
    text.draw(context.renderer, x + padding, centred_baseline(font, middle_y));
    return width;
}

void AlertBanner::draw(std::size_t index, int top) const
{
    const AlertBannerText& banner = m_banners[index];
    const SceneLayout& layout = *m_context.layout;
    const int bottom = layout.upper_bottom();
    fill_rect(m_context.renderer, alert_colours(banner.severity).ground, {0, top, layout.width, bottom - top});
    const int body_top = draw_row(banner, top);
    draw_qr(banner, body_top);
    draw_body(banner, body_top, bottom - banner_geometry(layout).padding);
}

int AlertBanner::draw_row(const AlertBannerText& banner, int top) const
{
    // A darker strip across the top: the severity, the event, and until when.
    SDL_Renderer* renderer = m_context.renderer;
    const SceneLayout& layout = *m_context.layout;
    const text::FontChain& font = m_context.fonts->subtitle;
    const int padding = banner_geometry(layout).padding;
    const int height = line_height(font) + padding;
    fill_rect(renderer, Theme::mix(alert_colours(banner.severity).ground, {0, 0, 0, 255}, 30), {0, top, layout.width, height});
    const int middle = top + height / 2;
    const int left = layout.metrics.margin_x;
    const int tag_width = draw_alert_tag(m_context, banner.tag, banner.severity, left, middle);
    const int baseline = centred_baseline(font, middle);
    first_line(banner.event).draw(renderer, left + tag_width + layout.metrics.crawl_gap / 2, baseline);
    const TextSprite& until = first_line(banner.until);
    until.draw(renderer, layout.width - layout.metrics.margin_x - until.advance(), baseline);
    return top + height + padding;
}

void AlertBanner::draw_qr(const AlertBannerText& banner, int top) const
{
    const TextSprite& code = first_line(banner.qr);
    if (code.empty())
        return;
    const SceneLayout& layout = *m_context.layout;
    const int x = layout.width - layout.metrics.margin_x - code.advance();
    code.draw(m_context.renderer, x, top);
    // The label under it, centred on it.
    const TextSprite& label = first_line(banner.qr_label);
    const int gap = banner_geometry(layout).padding / 2;
    label.draw(m_context.renderer, x + (code.advance() - label.advance()) / 2, top + code.height() + gap + ascent(m_context.fonts->date));
}

void AlertBanner::draw_body(const AlertBannerText& banner, int top, int bottom) const
{
    SDL_Renderer* renderer = m_context.renderer;
    const SceneFonts& fonts = *m_context.fonts;
    const int left = m_context.layout->metrics.margin_x;
    const int gap = line_height(fonts.subtitle) / 3;
    int y = draw_lines(renderer, banner.headline, fonts.alert, left, top, bottom);
    y = draw_lines(renderer, banner.second_headline, fonts.subtitle, left, y, bottom);
    if (banner.instruction) {
        // A rule before the instruction: what to do.
        y += gap;
        const int rule = std::max(2, m_context.layout->metrics.separator_size / 2);
        fill_rect(renderer, {255, 255, 255, 255}, {left, y, m_context.layout->metrics.crawl_gap * 2, rule});
        y = draw_lines(renderer, banner.instruction, fonts.subtitle, left, y + rule + gap / 2, bottom);
    }
    y += gap;
    draw_lines(renderer, banner.footer, fonts.date, left, y, bottom);
}

int AlertBand::height() const
{
    return m_bands.empty() ? 0 : alert_band_height(*m_context.layout);
}

std::size_t AlertBand::index_at(double seconds) const
{
    if (m_bands.empty())
        return 0;
    const auto slot = static_cast<long long>(std::floor(std::max(0.0, seconds) / m_context.settings->featured_dwell_s));
    return static_cast<std::size_t>(slot % static_cast<long long>(m_bands.size()));
}

void AlertBand::draw(std::size_t index) const
{
    const AlertBandText& band = m_bands[index];
    const SceneLayout& layout = *m_context.layout;
    const int top = layout.upper_top();
    const int height = alert_band_height(layout);
    fill_rect(m_context.renderer, alert_colours(band.severity).ground, {0, top, layout.width, height});
    const int middle = top + height / 2;
    const int tag_width = draw_alert_tag(m_context, band.tag, band.severity, layout.metrics.margin_x, middle);
    const int baseline = centred_baseline(m_context.fonts->crawl, middle);
    first_line(band.line).draw(m_context.renderer, layout.metrics.margin_x + tag_width + layout.metrics.crawl_gap / 2, baseline);
    const TextSprite& until = first_line(band.until);
    until.draw(m_context.renderer, layout.width - layout.metrics.margin_x - until.advance(), baseline);
}

}  // namespace signage::render

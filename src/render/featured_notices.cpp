#include "render/featured_notices.hpp"

#include "render/draw_helpers.hpp"

#include <algorithm>

namespace signage::render {

FeaturedNotice make_featured_notice(TextSource& text, const SceneContext& context, const std::string& primary,
                                    const std::string* secondary, const std::string& date)
{
    const SceneLayout& layout = *context.layout;
    const Theme& theme = context.settings->theme;
    const TextEffects& effects = context.settings->text_effects;
    FeaturedNotice notice;
    notice.title = text.get("title", primary, fitted_title(primary, theme.text, effects, layout.text_width(), layout.metrics.title_lines));
    if (secondary)
        notice.subtitle = text.get("subtitle", *secondary,
                                   lines_of(&SceneFonts::subtitle, *secondary, theme.secondary_text, effects,
                                            layout.metrics.subtitle_lines, layout.text_width()));
    if (!date.empty())
        notice.date = text.get("date", date, line_of(&SceneFonts::date, date, theme.accent, effects));
    return notice;
}

void FeaturedNotices::show(std::vector<FeaturedNotice> notices, FeaturedRotation rotation)
{
    m_notices = std::move(notices);
    m_rotation = std::move(rotation);
}

const TextSprite& FeaturedNotices::counter(std::size_t index) const
{
    return first_line(m_notices[index].counter);
}

void FeaturedNotices::draw_page(std::size_t index, int shift_x, Uint8 opacity) const
{
    const FeaturedNotice& notice = m_notices[index];
    SDL_Renderer* renderer = m_context.renderer;
    const SceneFonts& fonts = *m_context.fonts;
    const SceneMetrics& metrics = m_context.layout->metrics;
    const text::FontChain& title_font = fonts.title_at(notice.title->pixel_size);
    const std::vector<TextSprite> no_lines;
    const auto& title_lines = notice.title->lines;
    const auto& subtitle_lines = notice.subtitle ? notice.subtitle->lines : no_lines;
    const int title_line = line_height(title_font);
    const int subtitle_line = line_height(fonts.subtitle);
    const int date_line = line_height(fonts.date);
    const int subtitle_gap = subtitle_line / 3;
    const int date_gap = date_line / 2;
    const int block_height = static_cast<int>(title_lines.size()) * title_line + subtitle_gap +
                             static_cast<int>(subtitle_lines.size()) * subtitle_line + date_gap + date_line;

    // The notice sits in the middle of the space between the header and the crawl band, so a
    // one-line notice does not leave the lower half of the screen empty.
    const int left = metrics.margin_x + shift_x;
    const int area_top = metrics.title_top;
    const int area_bottom = m_context.layout->height - metrics.band_height - metrics.label_px;
    int y = std::max(area_top, area_top + (area_bottom - area_top - block_height) / 2);  // top of the next line box
    for (const auto& line : title_lines) {
        line.draw(renderer, left, y + ascent(title_font), opacity);
        y += title_line;
    }
    y += subtitle_gap;
    for (const auto& line : subtitle_lines) {
        line.draw(renderer, left, y + ascent(fonts.subtitle), opacity);
        y += subtitle_line;
    }
    y += date_gap;
    if (notice.date) {
        // An accent rule before the date ties it to the notice above.
        const int rule_height = std::max(2, metrics.separator_size / 2);
        const int baseline = y + ascent(fonts.date);
        fill_rect(renderer, with_opacity(m_context.settings->theme.accent, opacity),
                  {left, baseline - date_line / 3 - rule_height / 2, metrics.crawl_gap * 2, rule_height});
        first_line(notice.date).draw(renderer, left + metrics.crawl_gap * 3, baseline, opacity);
    }
}

}  // namespace signage::render

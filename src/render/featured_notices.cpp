#include "render/featured_notices.hpp"

#include "render/draw_helpers.hpp"
#include "render/notice_qr.hpp"

#include <algorithm>

namespace signage::render {

FeaturedNotice make_featured_notice(TextSource& text, const SceneContext& context, const std::string& primary,
                                    const std::string* secondary, const std::string& date, const std::string& link)
{
    const SceneLayout& layout = *context.layout;
    const Theme& theme = context.settings->theme;
    const TextEffects& effects = context.settings->text_effects;
    const bool qr = shows_notice_qr(context.settings->screen, link);
    // Text beside a code is set narrower: its own cache entries ("title|qr"), as the same title
    // of a notice without a link keeps the full width.
    const std::string beside = qr ? "|qr" : "";
    const int width = qr ? text_width_beside_qr(layout) : layout.text_width();
    FeaturedNotice notice;
    notice.title = text.get("title" + beside, primary, fitted_title(primary, theme.text, effects, width, layout.metrics.title_lines));
    if (secondary)
        notice.subtitle = text.get("subtitle" + beside, *secondary,
                                   lines_of(&SceneFonts::subtitle, *secondary, theme.secondary_text, effects, layout.metrics.subtitle_lines, width));
    if (!date.empty()) {
        // Beside a code a long date line ends with "…" before it (it follows the accent rule).
        notice.date = qr ? text.get("date" + beside, date,
                                    lines_of(&SceneFonts::date, date, theme.accent, effects, 1, width - 3 * layout.metrics.crawl_gap))
                         : text.get("date", date, line_of(&SceneFonts::date, date, theme.accent, effects));
    }
    if (qr) {
        const int column = notice_qr_column_px(layout);
        notice.qr = text.get("qr code", link, qr_code_of(link, column));
        const std::string& label = context.settings->screen.qr_label;
        notice.qr_label = text.get("qr label", label, qr_label_of(label, theme.text, effects, column));
    }
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

    const int left = metrics.margin_x + shift_x;
    const int area_top = this->area_top();
    const int area_bottom = this->area_bottom();
    int y = block_top(notice);  // top of the next line box
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
    // The code moves and fades with its page.
    draw_notice_qr(renderer, notice.qr.get(), notice.qr_label.get(), fonts, m_context.layout->width - metrics.margin_x + shift_x, area_top,
                   area_bottom, opacity);
}

int FeaturedNotices::block_height(const FeaturedNotice& notice) const
{
    const SceneFonts& fonts = *m_context.fonts;
    const int title_lines = static_cast<int>(notice.title->lines.size());
    const int subtitle_lines = notice.subtitle ? static_cast<int>(notice.subtitle->lines.size()) : 0;
    const int subtitle_line = line_height(fonts.subtitle);
    const int date_line = line_height(fonts.date);
    return title_lines * line_height(fonts.title_at(notice.title->pixel_size)) + subtitle_line / 3 + subtitle_lines * subtitle_line +
           date_line / 2 + date_line;
}

int FeaturedNotices::block_top(const FeaturedNotice& notice) const
{
    // The notice sits in the middle of the space between the header and the crawl band, so a
    // one-line notice does not leave the lower half of the screen empty.
    return std::max(area_top(), area_top() + (area_bottom() - area_top() - block_height(notice)) / 2);
}

std::optional<SDL_Rect> FeaturedNotices::drawn_rows(std::size_t index) const
{
    const FeaturedNotice& notice = m_notices.at(index);
    if (!notice.title)
        return std::nullopt;
    // The line boxes, and as far as any line's picture reaches out of its box (ink that
    // overhangs it, the text's outline and shadow): every box lies within the block.
    const SceneFonts& fonts = *m_context.fonts;
    int above = 0;
    int below = 0;
    auto reach = [&](const SharedTextBlock& block, const text::FontChain& font) {
        if (!block)
            return;
        for (const auto& line : block->lines) {
            above = std::max(above, line.baseline() - ascent(font));
            below = std::max(below, line.height() - line.baseline() - (line_height(font) - ascent(font)));
        }
    };
    reach(notice.title, fonts.title_at(notice.title->pixel_size));
    reach(notice.subtitle, fonts.subtitle);
    reach(notice.date, fonts.date);
    const int top = block_top(notice);
    int first = top - above;
    int last = top + block_height(notice) + below;
    if (const SDL_Rect code = qr_rect(index); code.w > 0 && code.h > 0) {
        first = std::min(first, code.y);
        last = std::max(last, code.y + code.h);
    }
    return SDL_Rect{0, first, m_context.layout->width, last - first};
}

int FeaturedNotices::area_top() const
{
    return m_context.layout->metrics.title_top;
}

int FeaturedNotices::area_bottom() const
{
    const SceneMetrics& metrics = m_context.layout->metrics;
    return m_context.layout->height - metrics.band_height - metrics.label_px;
}

SDL_Rect FeaturedNotices::qr_rect(std::size_t index) const
{
    const FeaturedNotice& notice = m_notices.at(index);
    return notice_qr_rect(notice.qr.get(), notice.qr_label.get(), *m_context.fonts,
                          m_context.layout->width - m_context.layout->metrics.margin_x, area_top(), area_bottom());
}

}  // namespace signage::render

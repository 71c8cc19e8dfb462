#include "render/urgent_banner.hpp"

#include "render/draw_helpers.hpp"

#include <algorithm>
#include <cmath>

namespace signage::render {

std::vector<UrgentNotice> make_urgent_notices(TextSource& text, const SceneContext& context, const std::vector<const model::Notice*>& urgent)
{
    const SceneLayout& layout = *context.layout;
    const SDL_Color colour = context.settings->alert_text;
    const TextEffects& effects = context.settings->text_effects;
    std::vector<UrgentNotice> banners;
    for (const model::Notice* notice : urgent) {
        if (notice->titles.empty())
            continue;
        const model::LocalizedTitle* korean = notice->title_in("ko");
        const model::LocalizedTitle* english = notice->title_in("en");
        const std::string& primary = korean ? korean->text : notice->titles.front().text;
        UrgentNotice banner;
        banner.title = text.get("urgent", primary,
                                lines_of(&SceneFonts::alert, primary, colour, effects, layout.metrics.title_lines + 1, layout.text_width()));
        if (korean && english)
            banner.subtitle = text.get("urgent-english", english->text,
                                       lines_of(&SceneFonts::subtitle, english->text, colour, effects, layout.metrics.subtitle_lines,
                                                layout.text_width()));
        banners.push_back(std::move(banner));
    }
    return banners;
}

std::size_t UrgentBanner::index_at(double seconds) const
{
    if (m_notices.empty())
        return 0;
    const auto slot = static_cast<long long>(std::floor(std::max(0.0, seconds) / m_context.settings->featured_dwell_s));
    return static_cast<std::size_t>(slot % static_cast<long long>(m_notices.size()));
}

void UrgentBanner::draw(std::size_t index, int top) const
{
    const UrgentNotice& notice = m_notices[index];
    SDL_Renderer* renderer = m_context.renderer;
    const SceneFonts& fonts = *m_context.fonts;
    const SceneLayout& layout = *m_context.layout;
    const int bottom = layout.upper_bottom();
    fill_rect(renderer, m_context.settings->alert_background, {0, top, layout.width, bottom - top});
    const int label_line = line_height(fonts.label);
    m_label.draw(renderer, layout.metrics.margin_x, top + label_line * 3 / 2);

    const std::vector<TextSprite> no_lines;
    const auto& title_lines = notice.title->lines;
    const auto& subtitle_lines = notice.subtitle ? notice.subtitle->lines : no_lines;
    const int title_line = line_height(fonts.alert);
    const int subtitle_line = line_height(fonts.subtitle);
    const int block = static_cast<int>(title_lines.size()) * title_line + subtitle_line / 3 +
                      static_cast<int>(subtitle_lines.size()) * subtitle_line;
    const int area_top = top + label_line * 2;
    int y = std::max(area_top, area_top + (bottom - area_top - block) / 2);
    for (const auto& line : title_lines) {
        line.draw(renderer, layout.metrics.margin_x, y + ascent(fonts.alert));
        y += title_line;
    }
    y += subtitle_line / 3;
    for (const auto& line : subtitle_lines) {
        line.draw(renderer, layout.metrics.margin_x, y + ascent(fonts.subtitle));
        y += subtitle_line;
    }
}

}  // namespace signage::render

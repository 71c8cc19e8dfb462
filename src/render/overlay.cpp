#include "render/overlay.hpp"

#include "render/draw_helpers.hpp"

#include <algorithm>

namespace signage::render {

bool Overlay::set(const std::vector<std::string>& lines)
{
    if (lines.empty() && m_lines.empty())
        return false;
    m_lines.clear();
    for (const auto& line : lines)
        m_lines.push_back(TextSprite::from_text(m_context.renderer, line, m_context.fonts->date, SDL_Color{255, 255, 255, 255},
                                                m_context.settings->text_effects));
    return true;
}

void Overlay::draw() const
{
    if (m_lines.empty())
        return;
    const int line = line_height(m_context.fonts->date);
    const int padding = line / 2;
    int width = 0;
    for (const auto& sprite : m_lines)
        width = std::max(width, sprite.advance());
    fill_rect(m_context.renderer, {0, 0, 0, 200},
              {padding, padding, width + 2 * padding, static_cast<int>(m_lines.size()) * line + 2 * padding});
    int y = 2 * padding + ascent(m_context.fonts->date);
    for (const auto& sprite : m_lines) {
        sprite.draw(m_context.renderer, 2 * padding, y);
        y += line;
    }
}

void FreshnessNote::set(std::string_view text)
{
    m_note = text.empty() ? TextSprite{}
                          : TextSprite::from_text(m_context.renderer, text, m_context.fonts->date, m_context.settings->theme.quiet_text,
                                                  m_context.settings->text_effects);
}

void FreshnessNote::draw() const
{
    if (m_note.empty())
        return;
    const SceneLayout& layout = *m_context.layout;
    m_note.draw(m_context.renderer, layout.width - layout.metrics.margin_x - m_note.advance(),
                layout.upper_bottom() - m_note.height() + m_note.baseline() - layout.metrics.crawl_gap / 2);
}

}  // namespace signage::render

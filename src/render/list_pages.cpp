#include "render/list_pages.hpp"

#include "render/draw_helpers.hpp"

#include <algorithm>

namespace signage::render {

namespace {

int row_height(const SceneContext& context)
{
    return line_height(context.fonts->list_title) + line_height(context.fonts->date) + context.layout->unit() * 25 / 1000;
}

int date_column(const SceneContext& context) { return context.layout->unit() * 20 / 100; }

}  // namespace

ListRow make_list_row(TextSource& text, const SceneContext& context, const std::string& primary, const std::string* secondary,
                      const std::string& day)
{
    const Theme& theme = context.settings->theme;
    const TextEffects& effects = context.settings->text_effects;
    const int title_width = context.layout->text_width() - date_column(context);
    ListRow row;
    row.title = text.get("list", primary, lines_of(&SceneFonts::list_title, primary, theme.text, effects, 1, title_width));
    if (secondary)
        row.english = text.get("list-english", *secondary,
                               lines_of(&SceneFonts::date, *secondary, theme.secondary_text, effects, 1, title_width));
    if (!day.empty())
        row.date = text.get("list-date", day, line_of(&SceneFonts::date, day, theme.accent, effects));
    return row;
}

std::size_t rows_per_page(const SceneContext& context)
{
    const SceneLayout& layout = *context.layout;
    const int list_top = layout.metrics.title_top;
    const int list_bottom = layout.height - layout.metrics.band_height / 2;
    return static_cast<std::size_t>(std::max(1, (list_bottom - list_top) / std::max(1, row_height(context))));
}

void ListPages::show(std::vector<ListRow> rows, std::vector<SharedTextBlock> counters, FeaturedRotation rotation)
{
    m_rows = std::move(rows);
    m_counters = std::move(counters);
    m_rows_per_page = rows_per_page(m_context);
    m_rotation = std::move(rotation);
}

const TextSprite& ListPages::counter(std::size_t page) const
{
    return first_line(m_counters[page]);
}

SharedTextBlock ListPages::identity(std::size_t page) const
{
    const std::size_t first_row = page * m_rows_per_page;
    return first_row < m_rows.size() ? m_rows[first_row].title : nullptr;
}

void ListPages::draw_page(std::size_t page, int shift_x, Uint8 opacity) const
{
    SDL_Renderer* renderer = m_context.renderer;
    const SceneFonts& fonts = *m_context.fonts;
    const SceneMetrics& metrics = m_context.layout->metrics;
    const int height = row_height(m_context);
    const int left = metrics.margin_x + shift_x;
    const int title_x = left + date_column(m_context);
    int y = metrics.title_top;
    for (std::size_t i = page * m_rows_per_page; i < std::min(m_rows.size(), (page + 1) * m_rows_per_page); ++i) {
        const ListRow& row = m_rows[i];
        const int title_baseline = y + ascent(fonts.list_title);
        first_line(row.date).draw(renderer, left, title_baseline, opacity);
        first_line(row.title).draw(renderer, title_x, title_baseline, opacity);
        first_line(row.english).draw(renderer, title_x, title_baseline + static_cast<int>(fonts.list_title.descender() / 64) + ascent(fonts.date),
                                     opacity);
        y += height;
        // A hairline between rows, in the band colour.
        fill_rect(renderer, with_opacity(m_context.settings->theme.band, opacity),
                  {left, y - height / 6, m_context.layout->text_width(), std::max(1, metrics.separator_size / 4)});
    }
}

}  // namespace signage::render

#pragma once
// The list layout: the latest notices as rows (date, title, English title), in pages of as many
// rows as fit, each page shown [screen] list_page_s.
#include "render/featured_panel.hpp"
#include "render/rotation.hpp"
#include "render/scene_settings.hpp"
#include "render/text_source.hpp"

#include <string>
#include <vector>

namespace signage::render {

struct ListRow {
    SharedTextBlock title;  // one line, "…" when longer
    SharedTextBlock english;
    SharedTextBlock date;
};

// A notice's row. `secondary`: the English title, or null; `day`: its date, possibly empty.
ListRow make_list_row(TextSource& text, const SceneContext& context, const std::string& primary, const std::string* secondary,
                      const std::string& day);
// How many rows a page has room for.
std::size_t rows_per_page(const SceneContext& context);

class ListPages : public PanelPages {
public:
    explicit ListPages(SceneContext context) : m_context(context) {}

    // The rows, their pages' counters ("1 / 3") and rotation.
    void show(std::vector<ListRow> rows, std::vector<SharedTextBlock> counters, FeaturedRotation rotation);
    bool empty() const { return m_rows.empty(); }

    const FeaturedRotation& rotation() const override { return m_rotation; }
    std::size_t count() const override { return m_counters.size(); }
    void draw_page(std::size_t page, int shift_x, Uint8 opacity) const override;
    const TextSprite& counter(std::size_t page) const override;
    SharedTextBlock identity(std::size_t page) const override;

private:
    SceneContext m_context;
    std::vector<ListRow> m_rows;
    std::vector<SharedTextBlock> m_counters;
    std::size_t m_rows_per_page = 1;
    FeaturedRotation m_rotation;
};

}  // namespace signage::render

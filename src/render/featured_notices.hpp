#pragma once
// The featured notices: one at a time, large, in the upper area: its title (auto-fitted), its
// English title, its date line, its place in the rotation ("2 / 5"), and a QR code of its link
// at the right (notice_qr.hpp), which the text then keeps clear of.
#include "render/featured_panel.hpp"
#include "render/rotation.hpp"
#include "render/scene_settings.hpp"
#include "render/text_source.hpp"

#include <string>
#include <vector>

namespace signage::render {

struct FeaturedNotice {
    SharedTextBlock title;  // in as many lines as it needs, at the size it fitted at
    SharedTextBlock subtitle;
    SharedTextBlock date;
    SharedTextBlock counter;  // "2 / 5"
    SharedTextBlock qr;        // the code of its link, one picture; null: none ([screen] qr off, no http(s) link)
    SharedTextBlock qr_label;  // "자세히 보기 · More" under the code
};

// The texts of a notice as the panel shows it, but its counter (make_counter). `secondary`: the
// English title, or null; `date`: the date line, possibly empty; `link`: its link, possibly
// empty. With a code, the text wraps in the width beside it.
FeaturedNotice make_featured_notice(TextSource& text, const SceneContext& context, const std::string& primary,
                                    const std::string* secondary, const std::string& date, const std::string& link);

class FeaturedNotices : public PanelPages {
public:
    explicit FeaturedNotices(SceneContext context) : m_context(context) {}

    void show(std::vector<FeaturedNotice> notices, FeaturedRotation rotation);
    bool empty() const { return m_notices.empty(); }
    const FeaturedNotice& at(std::size_t index) const { return m_notices.at(index); }

    const FeaturedRotation& rotation() const override { return m_rotation; }
    std::size_t count() const override { return m_notices.size(); }
    void draw_page(std::size_t index, int shift_x, Uint8 opacity) const override;
    const TextSprite& counter(std::size_t index) const override;
    SharedTextBlock identity(std::size_t index) const override { return m_notices[index].title; }
    std::optional<SDL_Rect> drawn_rows(std::size_t index) const override;
    // Where the notice's code is drawn when the page stands still; empty without one.
    SDL_Rect qr_rect(std::size_t index) const;

private:
    // The space the notice's text and its code are centred in, top and bottom.
    int area_top() const;
    int area_bottom() const;
    // The height of the notice's lines and gaps, and the top of the first where it is drawn.
    int block_height(const FeaturedNotice& notice) const;
    int block_top(const FeaturedNotice& notice) const;

    SceneContext m_context;
    std::vector<FeaturedNotice> m_notices;
    FeaturedRotation m_rotation;
};

}  // namespace signage::render

#pragma once
// Urgent notices: while there are any, a full-width banner in alert colours takes the place of
// the featured notice, "긴급 · URGENT" above the title; several take turns, a dwell each.
#include "model/notice.hpp"
#include "render/scene_settings.hpp"
#include "render/text_source.hpp"

#include <vector>

namespace signage::render {

struct UrgentNotice {
    SharedTextBlock title;
    SharedTextBlock subtitle;
};

// The banners of the notices that have a title, in their order.
std::vector<UrgentNotice> make_urgent_notices(TextSource& text, const SceneContext& context, const std::vector<const model::Notice*>& urgent);

class UrgentBanner {
public:
    // The label is primed now, so the first banner's frame pays no texture preparation.
    UrgentBanner(SceneContext context, TextSprite label) : m_context(context), m_label(std::move(label))
    {
        m_label.prime(m_context.renderer);
    }

    void show(std::vector<UrgentNotice> notices) { m_notices = std::move(notices); }
    bool empty() const { return m_notices.empty(); }
    std::size_t count() const { return m_notices.size(); }
    // Which banner shows at `seconds` of play.
    std::size_t index_at(double seconds) const;
    // Banner `index` from `top` (the upper area's, or under the alert band) down.
    void draw(std::size_t index, int top) const;

private:
    SceneContext m_context;
    TextSprite m_label;  // "긴급 · URGENT"
    std::vector<UrgentNotice> m_notices;
};

}  // namespace signage::render

#pragma once
// The upper area turning through its pages (featured notices, or pages of the list): which one
// shows when, and the change to the next as [screen] transition draws it (a crossfade, a slide
// or a cut), with the snapshot SDL's software renderer crossfades by.
#include "render/background.hpp"
#include "render/rotation.hpp"
#include "render/scene_settings.hpp"
#include "render/text_source.hpp"

#include <cstddef>

namespace signage::render {

// What the upper area turns through.
class PanelPages {
public:
    virtual ~PanelPages() = default;
    virtual const FeaturedRotation& rotation() const = 0;
    virtual std::size_t count() const = 0;
    // `shift_x` moves the page sideways (a slide), `opacity` fades it (a crossfade).
    virtual void draw_page(std::size_t index, int shift_x, Uint8 opacity) const = 0;
    virtual const TextSprite& counter(std::size_t index) const = 0;  // "2 / 5"
    // Text that differs when the page differs: a new board whose page looks otherwise retakes the
    // snapshot. Null: keep the one taken.
    virtual SharedTextBlock identity(std::size_t index) const = 0;
};

// A page's place in the rotation, "2 / 5", as its counter shows it.
SharedTextBlock make_counter(TextSource& text, const SceneContext& context, std::size_t index, std::size_t count);

// A change of the upper area's page, as screen.transition draws it: how far it has gone this
// frame, in the unit it is drawn in.
struct PanelChange {
    config::NoticeTransition kind = config::NoticeTransition::cut;  // cut: no change in progress
    int amount = 0;  // crossfade: the new one's opacity, 1..254; slide: pixels pushed, 1..width
};

class FeaturedPanel {
public:
    FeaturedPanel(SceneContext context, const Background& background) : m_context(context), m_background(background) {}

    PanelChange change_at(const FeaturedRotation::Moment& moment) const;
    // Before the first frame's background: makes the software renderer's snapshot, if it needs one.
    void prepare_once();
    // Before anything of the frame is drawn: a crossfade on the software renderer draws the
    // coming page on the target to read it back.
    void before_frame(const PanelPages& pages, const FeaturedRotation::Moment& moment, const PanelChange& change);
    // The page (or the change between two), then its counter over it.
    void draw(const PanelPages& pages, const FeaturedRotation::Moment& moment, const PanelChange& change) const;
    // A crossfade under way takes the coming page again, as a new board has it.
    void board_changed() { m_snapshot_turn = -1; }

private:
    void draw_change(const PanelPages& pages, const FeaturedRotation::Moment& moment, const PanelChange& change) const;
    void take_snapshot(const PanelPages& pages, const FeaturedRotation::Moment& moment);

    SceneContext m_context;
    const Background& m_background;
    // For a crossfade on SDL's software renderer: the upper area as the coming page will show
    // it, opaque, taken at the start of each change. Empty on a GPU, which fades each text.
    bool m_snapshot_prepared = false;
    platform::TexturePtr m_snapshot;
    long long m_snapshot_turn = -1;  // the change it was taken for
    SharedTextBlock m_snapshot_of;   // the coming page's identity: a new board retakes it
};

}  // namespace signage::render

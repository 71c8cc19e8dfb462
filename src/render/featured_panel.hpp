#pragma once
// The upper area turning through its pages (featured notices, or pages of the list): which one
// shows when, and the change to the next as [screen] transition draws it (a crossfade, a slide
// or a cut), with the snapshot SDL's software renderer crossfades by.
#include "render/background.hpp"
#include "render/rotation.hpp"
#include "render/scene_settings.hpp"
#include "render/text_source.hpp"

#include <cstddef>
#include <optional>

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
    // The rows of the upper area page `index` may draw in (full width), or nullopt: any of them.
    virtual std::optional<SDL_Rect> drawn_rows(std::size_t /*index*/) const { return std::nullopt; }
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
    // Before a whole frame's background: makes the software renderer's snapshot, if it needs one,
    // as tall as the rows the board's pages draw in (again after a board that needs more).
    void prepare(const PanelPages& pages);
    // Before anything of the frame is drawn: a crossfade on the software renderer draws the
    // coming page on the target to read it back.
    void before_frame(const PanelPages& pages, const FeaturedRotation::Moment& moment, const PanelChange& change);
    // The page (or the change between two), then its counter over it.
    void draw(const PanelPages& pages, const FeaturedRotation::Moment& moment, const PanelChange& change) const;
    // On the software path, the rows a crossfade lays the coming page over (the rows any page of
    // the board draws in): between two steps of one crossfade nothing else in the upper area
    // changes. Nullopt: no snapshot (a GPU, another transition, a list).
    std::optional<SDL_Rect> crossfade_rows() const { return m_snapshot ? std::optional<SDL_Rect>(m_rows) : std::nullopt; }
    // A crossfade under way takes the coming page again, as a new board has it.
    void board_changed()
    {
        m_snapshot_turn = -1;
        m_rows_known = false;
    }

private:
    void draw_change(const PanelPages& pages, const FeaturedRotation::Moment& moment, const PanelChange& change) const;
    void take_snapshot(const PanelPages& pages, const FeaturedRotation::Moment& moment);
    bool wants_snapshot() const;

    SceneContext m_context;
    const Background& m_background;
    // For a crossfade on SDL's software renderer: the upper area as the coming page will show
    // it, opaque, taken at the start of each change. Empty on a GPU, which fades each text. It
    // holds only m_rows, the rows any page of the board draws in: elsewhere both pages show the
    // same background, which the fade leaves as it is.
    bool m_snapshot_decided = false;
    bool m_snapshot_wanted = false;
    platform::TexturePtr m_snapshot;
    int m_snapshot_height = 0;
    SDL_Rect m_rows{0, 0, 0, 0};
    bool m_rows_known = false;
    long long m_snapshot_turn = -1;  // the change it was taken for
    SharedTextBlock m_snapshot_of;   // the coming page's identity: a new board retakes it
};

}  // namespace signage::render

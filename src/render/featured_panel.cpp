#include "render/featured_panel.hpp"

#include "render/draw_helpers.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace signage::render {

SharedTextBlock make_counter(TextSource& text, const SceneContext& context, std::size_t index, std::size_t count)
{
    const std::string counter = std::to_string(index + 1) + " / " + std::to_string(count);
    return text.get("counter", counter, line_of(&SceneFonts::date, counter, context.settings->theme.quiet_text, context.settings->text_effects));
}

PanelChange FeaturedPanel::change_at(const FeaturedRotation::Moment& moment) const
{
    const config::NoticeTransition kind = m_context.settings->screen.transition;
    PanelChange change;
    if (kind == config::NoticeTransition::crossfade) {
        // Never fully opaque nor fully clear while it lasts: on the software renderer the
        // snapshot then always blends the same way, and is never prepared again.
        const auto opacity = static_cast<int>(std::lround(moment.progress * 255));
        if (opacity > 0)
            change = {kind, std::min(opacity, 254)};
    } else if (kind == config::NoticeTransition::slide) {
        const int offset = slide_offset(moment.progress, m_context.layout->width);
        if (offset > 0)
            change = {kind, offset};
    }
    return change;
}

void FeaturedPanel::draw(const PanelPages& pages, const FeaturedRotation::Moment& moment, const PanelChange& change) const
{
    draw_change(pages, moment, change);
    // After the pages: a crossfade's snapshot covers all the rows they draw in.
    const SceneMetrics& metrics = m_context.layout->metrics;
    const TextSprite& counter = pages.counter(moment.index);
    counter.draw(m_context.renderer, m_context.layout->width - metrics.margin_x - counter.advance(), metrics.counter_baseline);
}

void FeaturedPanel::draw_change(const PanelPages& pages, const FeaturedRotation::Moment& moment, const PanelChange& change) const
{
    SDL_Renderer* renderer = m_context.renderer;
    const SDL_Rect area = m_context.layout->upper_area();
    switch (change.kind) {
    case config::NoticeTransition::cut:
        pages.draw_page(moment.index, 0, 255);
        break;
    case config::NoticeTransition::slide: {
        // The coming page pushes the shown one out to the left; neither may cross into the
        // header or the crawl band.
        SDL_Rect kept_clip{};
        const bool clipped = SDL_RenderIsClipEnabled(renderer) == SDL_TRUE;
        SDL_RenderGetClipRect(renderer, &kept_clip);
        SDL_RenderSetClipRect(renderer, &area);
        pages.draw_page(moment.index, -change.amount, 255);
        pages.draw_page(moment.next, m_context.layout->width - change.amount, 255);
        SDL_RenderSetClipRect(renderer, clipped ? &kept_clip : nullptr);
        break;
    }
    case config::NoticeTransition::crossfade: {
        const auto opacity = static_cast<Uint8>(change.amount);
        if (!m_snapshot) {
            // A GPU blends faded textures for free.
            pages.draw_page(moment.index, 0, static_cast<Uint8>(255 - opacity));
            pages.draw_page(moment.next, 0, opacity);
            break;
        }
        // SDL's software renderer blends a faded text texture (per-pixel and overall opacity)
        // with its generic blitter, about five times slower a pixel than an opaque one, and
        // prepares the texture again (an allocation) when its opacity leaves 255 and when it
        // comes back. So the shown page is drawn as usual and the coming one is laid over it as
        // one opaque picture of its rows at the fade's opacity: a blend SDL does quickly,
        // and the same crossfade of the two pictures.
        pages.draw_page(moment.index, 0, 255);
        const SDL_Rect source{0, 0, m_rows.w, m_rows.h};
        SDL_SetTextureAlphaMod(m_snapshot.get(), opacity);
        SDL_RenderCopy(renderer, m_snapshot.get(), &source, &m_rows);
        break;
    }
    }
}

bool FeaturedPanel::wants_snapshot() const
{
    SDL_RendererInfo info{};
    const bool software = SDL_GetRendererInfo(m_context.renderer, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    const config::ScreenSettings& screen = m_context.settings->screen;
    const SDL_Rect area = m_context.layout->upper_area();
    return software && screen.transition == config::NoticeTransition::crossfade && screen.layout != config::ScreenLayout::ticker && area.w > 0 &&
           area.h > 0;
}

void FeaturedPanel::prepare(const PanelPages& pages)
{
    if (!m_snapshot_decided) {
        m_snapshot_decided = true;
        m_snapshot_wanted = wants_snapshot();
    }
    if (!m_snapshot_wanted || m_rows_known || pages.count() == 0)
        return;
    m_rows_known = true;
    // The rows any page of the board draws in: a change between two of them differs nowhere else.
    const SDL_Rect area = m_context.layout->upper_area();
    int top = area.y + area.h;
    int bottom = area.y;
    for (std::size_t index = 0; index < pages.count(); ++index) {
        const SDL_Rect rows = pages.drawn_rows(index).value_or(area);
        top = std::min(top, std::max(area.y, rows.y));
        bottom = std::max(bottom, std::min(area.y + area.h, rows.y + rows.h));
    }
    m_rows = {area.x, top, area.w, std::max(1, bottom - top)};
    if (m_snapshot && m_snapshot_height == m_rows.h)
        return;
    // Without an alpha channel, so SDL blends it with one opacity for the whole picture (its
    // fast path); streaming, so the software renderer never run-length encodes it. Made on a
    // frame that draws the whole screen anyway (a new board's).
    m_snapshot.reset(SDL_CreateTexture(m_context.renderer, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING, m_rows.w, m_rows.h));
    m_snapshot_height = m_snapshot ? m_rows.h : 0;
    if (!m_snapshot)
        return;  // then each text fades by itself: slower, but a crossfade still
    SDL_SetTextureBlendMode(m_snapshot.get(), SDL_BLENDMODE_BLEND);
    // The software renderer prepares a texture for its target on its first copy (an
    // allocation): that happens now, under the background this frame paints over it, rather
    // than in the first change.
    const SDL_Rect source{0, 0, m_rows.w, m_rows.h};
    SDL_SetTextureAlphaMod(m_snapshot.get(), 1);
    SDL_RenderCopy(m_context.renderer, m_snapshot.get(), &source, &m_rows);
}

void FeaturedPanel::before_frame(const PanelPages& pages, const FeaturedRotation::Moment& moment, const PanelChange& change)
{
    if (change.kind == config::NoticeTransition::crossfade && m_snapshot)
        take_snapshot(pages, moment);
}

void FeaturedPanel::take_snapshot(const PanelPages& pages, const FeaturedRotation::Moment& moment)
{
    SharedTextBlock coming = pages.identity(moment.next);
    if (!coming)
        coming = m_snapshot_of;
    if (moment.turn == m_snapshot_turn && coming == m_snapshot_of)
        return;
    m_snapshot_turn = moment.turn;
    m_snapshot_of = coming;

    // The area as it will be once the change is over, drawn where this frame will paint over it,
    // then read back. The whole background, not a clipped part: SDL scales a clipped picture
    // from a slightly different place, which would show as the picture shifting in the fade.
    m_background.draw();
    pages.draw_page(moment.next, 0, 255);

    // SDL 2.26 reads a rectangle of the whole target, not of the viewport (a safe area).
    SDL_Rect viewport{};
    SDL_RenderGetViewport(m_context.renderer, &viewport);
    const SDL_Rect read{m_rows.x + viewport.x, m_rows.y + viewport.y, m_rows.w, m_rows.h};
    void* pixels = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(m_snapshot.get(), nullptr, &pixels, &pitch) != 0)
        return;
    // Read as ARGB8888, whose bytes are the snapshot's RGB888 with the alpha byte unused. On a
    // target of that format (stills, the turned screen's texture) SDL copies rows; on another (an
    // X11 window's surface is RGB888) it converts them, which costs one allocation per change.
    SDL_RenderReadPixels(m_context.renderer, &read, SDL_PIXELFORMAT_ARGB8888, pixels, pitch);
    SDL_UnlockTexture(m_snapshot.get());
}

}  // namespace signage::render

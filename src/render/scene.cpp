#include "render/scene.hpp"

#include "render/frame_clock.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace signage::render {

namespace {

// Before the first feed has answered, the screen shows its frame without "no notices": a
// file or a fast server answers well within this, and then the message would only flash.
constexpr double first_fetch_grace_s = 2.0;
// Text that could not be uploaded (GPU memory full) is made again this long after it was first
// drawn blank: time for the cache to let go of what left the screen, not a busy loop.
// Text whose upload failed (GPU memory short) is made again after this, then after twice as
// long each time it fails again, up to the longest wait: a Pi that stays short of memory is not
// kept busy, nor its log filled.
constexpr double failed_text_first_retry_s = 5.0;
constexpr double failed_text_longest_retry_s = 300.0;

std::vector<const model::Notice*> pointers_to(const std::vector<model::Notice>& notices)
{
    std::vector<const model::Notice*> pointers;
    for (const auto& notice : notices)
        pointers.push_back(&notice);
    return pointers;
}

}  // namespace

struct Scene::Assets {
    text::FreeTypeLibrary library;
    std::unique_ptr<SceneFonts> fonts;
    Header::Assets header;
    BackgroundPicture background;
    ComposedText urgent_label;
    ComposedText empty_message;
    text::FontRoles roles;
    int width = 0;
    int height = 0;
    SceneSettings settings;
};

Result<std::shared_ptr<Scene::Assets>> Scene::load(const text::FontRoles& roles, int width, int height, SceneSettings settings)
{
    auto library = text::FreeTypeLibrary::create();
    if (!library)
        return library.error();
    auto assets = std::make_shared<Assets>(Assets{std::move(library.value()), {}, {}, {}, {}, {}, roles, width, height, settings});
    auto fonts = SceneFonts::open(assets->library, roles, width, height);
    if (!fonts)
        return fonts.error();
    assets->fonts = std::move(fonts.value());
    auto header = Header::load(assets->library, roles, settings.screen, settings.theme, settings.text_effects, width, std::min(width, height));
    if (!header)
        return header.error();
    assets->header = std::move(header.value());
    assets->urgent_label = compose_text("긴급 · URGENT", assets->fonts->label, settings.alert_text, settings.text_effects);
    assets->empty_message = compose_text("표시할 공지가 없습니다 · No notices to show", assets->fonts->subtitle, settings.theme.quiet_text,
                                         settings.text_effects);
    assets->background = load_background(settings.screen, width, height);
    return assets;
}

Result<std::unique_ptr<Scene>> Scene::create(SDL_Renderer* renderer, const text::FontRoles& fonts, int width, int height,
                                             SceneSettings settings)
{
    auto assets = load(fonts, width, height, settings);
    if (!assets)
        return assets.error();
    return create(renderer, *assets.value());
}

std::unique_ptr<Scene> Scene::create(SDL_Renderer* renderer, Assets& assets)
{
    return std::unique_ptr<Scene>(new Scene(renderer, assets));
}

Scene::Scene(SDL_Renderer* renderer, Assets& assets)
    : m_renderer(renderer)
    , m_library(std::move(assets.library))
    , m_settings(assets.settings)
    , m_layout(assets.width, assets.height, assets.settings.screen.layout, assets.header.height)
    , m_text(renderer, std::move(assets.fonts), std::move(assets.roles), assets.width, assets.height, assets.settings.text_cache_bytes)
    , m_context{renderer, &m_layout, &m_text.fonts(), &m_settings}
    , m_background(m_context, assets.background)
    , m_header(m_context, Header::create(renderer, std::move(assets.header)))
    , m_featured(m_context)
    , m_list(m_context)
    , m_panel(m_context, m_background)
    , m_urgent(m_context, TextSprite::upload(renderer, assets.urgent_label))
    , m_alert_banner(m_context)
    , m_alert_band(m_context)
    , m_crawl(m_context)
    , m_overlay(m_context)
    , m_freshness_note(m_context)
    , m_empty_message(TextSprite::upload(renderer, assets.empty_message))
{
    m_empty_message.prime(renderer);
    m_text.prime_at({0, m_layout.upper_top()});  // a frame of new text may leave the header as it is
}

void Scene::set_notices(const std::vector<model::Notice>& notices)
{
    m_text.drop(PreparedKind::notices);
    // The old screen holds on to its text while the new one is built, so text of notices that
    // stay is found in the cache; only then may the cache drop what left the screen, least
    // recently used first, down to its budget.
    MakeText text(m_text);
    show_board(build_board(notices, text, m_context));
    m_last_notices = notices;
    m_text_stats.cache = m_text.trim();
    notice_failed_uploads();
}

void Scene::show_board(Board board, bool retry)
{
    m_notices_set = true;
    m_dirty.upper = true;
    m_panel.board_changed();
    if (!retry)
        ++m_boards_shown;
    m_text_stats.notices_rasterized = board.notices_rasterized;
    m_text_stats.notices_reused = board.notices_reused;
    m_featured.show(std::move(board.featured), std::move(board.rotation));
    m_list.show(std::move(board.rows), std::move(board.page_counters), std::move(board.pages));
    m_crawl.show(std::move(board.crawl));
}

void Scene::set_urgent(const std::vector<const model::Notice*>& urgent)
{
    m_text.drop(PreparedKind::urgent);
    MakeText text(m_text);
    m_urgent.show(make_urgent_notices(text, m_context, urgent));
    m_last_urgent.clear();
    for (const model::Notice* notice : urgent)
        m_last_urgent.push_back(*notice);
    m_dirty.upper = true;
    notice_failed_uploads();
}

void Scene::set_time(const platform::LocalTime& now)
{
    m_clock_now = now;
    if (m_header.shows(now))
        return;
    m_text.drop(PreparedKind::clock);
    MakeText text(m_text);
    m_header.show(now, m_header.lines(text, now));
    m_dirty.header = true;
    notice_failed_uploads();
}

void Scene::prepare_notices(std::vector<model::Notice> notices)
{
    plan(PreparedChange{PreparedKind::notices, std::move(notices), {}, {}, {}});
}

void Scene::prepare_urgent(std::vector<model::Notice> urgent)
{
    plan(PreparedChange{PreparedKind::urgent, std::move(urgent), {}, {}, {}});
}

void Scene::prepare_time(const platform::LocalTime& now)
{
    m_clock_now = now;
    const auto minute = HeaderClock::minute_of(now);
    const auto& pending = m_text.pending();
    const bool coming = std::any_of(pending.begin(), pending.end(), [&](const PreparedChange& change) {
        return change.kind == PreparedKind::clock && HeaderClock::minute_of(change.time) == minute;
    });
    if (m_header.shows(now) || coming)
        return;
    plan(PreparedChange{PreparedKind::clock, {}, now, {}, {}});
}

void Scene::plan(PreparedChange change)
{
    // A dry run of building the change: each text it needs that is not in the cache goes to the
    // worker, and the change waits for it. What the run builds is thrown away.
    PreparedChange& pending = m_text.queue(std::move(change));
    PlanText text(m_text, pending);
    if (pending.kind == PreparedKind::notices) {
        const Board planned = build_board(pending.notices, text, m_context);
        m_text_stats = {planned.notices_rasterized, planned.notices_reused, {}};
    } else if (pending.kind == PreparedKind::clock) {
        static_cast<void>(m_header.lines(text, pending.time));
    } else if (pending.kind == PreparedKind::alerts) {
        static_cast<void>(alert_texts(text, pending));
    } else {
        static_cast<void>(make_urgent_notices(text, m_context, pointers_to(pending.notices)));
    }
}

void Scene::upload_prepared_text(std::chrono::microseconds budget)
{
    m_text.upload_finished(budget);
}

void Scene::show_prepared_changes()
{
    bool shown = false;
    const std::size_t boards_before = m_boards_shown;
    while (auto change = m_text.take_ready()) {
        show_prepared(*change);
        shown = true;
    }
    if (!shown)
        return;
    // This frame redraws everything, over these first draws.
    m_text.prime_uploaded();
    m_text_stats.cache = m_text.trim();
    if (m_boards_shown != boards_before)
        m_text.release_heap_later();  // the old board's text and the new one's pixels were just freed
    const std::size_t failures_before = m_failures_seen;
    notice_failed_uploads();
    if (m_retrying && m_failures_seen == failures_before && !m_text.preparing()) {
        m_retrying = false;
        m_retry_wait_s = failed_text_first_retry_s;
        m_text.failures_cleared();
    }
}

void Scene::show_prepared(const PreparedChange& change)
{
    // Everything is in the cache now (held by the change): the build only looks it up.
    ReplayText text(m_text, change);
    if (change.kind == PreparedKind::notices) {
        const SceneTextStats planned = m_text_stats;
        show_board(build_board(change.notices, text, m_context), change.retry);
        m_last_notices = change.notices;
        m_text_stats = planned;
    } else if (change.kind == PreparedKind::clock) {
        m_header.show(change.time, m_header.lines(text, change.time));
        m_dirty.header = true;
    } else if (change.kind == PreparedKind::alerts) {
        show_alerts(alert_texts(text, change), change.alerts);
    } else {
        m_urgent.show(make_urgent_notices(text, m_context, pointers_to(change.notices)));
        m_last_urgent = change.notices;
        m_dirty.upper = true;
    }
}

void Scene::notice_failed_uploads()
{
    if (m_text.failed_uploads() == m_failures_seen)
        return;
    m_failures_seen = m_text.failed_uploads();
    m_retry_wanted = true;
    m_retry_at.reset();
}

void Scene::retry_failed_text(double seconds)
{
    if (!m_retry_wanted || m_text.preparing())
        return;
    if (!m_retry_at) {
        if (m_retrying)  // the last retry failed too
            m_retry_wait_s = std::min(2 * m_retry_wait_s, failed_text_longest_retry_s);
        m_retry_at = seconds + m_retry_wait_s;
        return;
    }
    if (seconds < *m_retry_at)
        return;
    m_retry_wanted = false;
    m_retry_at.reset();
    m_retrying = true;
    m_header.forget_shown();  // the next prepare_time or set_time makes the clock again
    if (m_notices_set && !m_text.waiting_for(PreparedKind::notices))
        plan(PreparedChange{PreparedKind::notices, m_last_notices, {}, {}, {}, true});
    if (!m_text.waiting_for(PreparedKind::urgent))
        prepare_urgent(m_last_urgent);
    if (!m_text.waiting_for(PreparedKind::alerts))
        prepare_alerts(m_last_alerts);
}

void Scene::set_overlay(const std::vector<std::string>& lines)
{
    if (m_overlay.set(lines))
        m_dirty.notes = true;
}

void Scene::set_freshness_note(std::string_view text)
{
    m_freshness_note.set(text);
    m_dirty.notes = true;
}

void Scene::step_featured(int notices)
{
    m_featured_step += notices;
    m_dirty.upper = true;
}

int Scene::featured_title_px(std::size_t index) const
{
    return m_featured.at(index).title->pixel_size;
}

std::size_t Scene::featured_index_at(double seconds) const
{
    return m_featured.rotation().at(seconds, m_featured_step).index;
}

const PanelPages& Scene::pages() const
{
    if (m_settings.screen.layout == config::ScreenLayout::list)
        return m_list;
    return m_featured;
}

bool Scene::has_content() const
{
    switch (m_settings.screen.layout) {
    case config::ScreenLayout::list:
        return !m_list.empty();
    case config::ScreenLayout::ticker:
        return !m_crawl.empty();
    case config::ScreenLayout::featured_ticker:
        break;
    }
    return !m_featured.empty();
}

Scene::UpperView Scene::upper_view(double seconds, const FeaturedRotation::Moment& moment, const PanelChange& change) const
{
    using Shows = UpperView::Shows;
    const std::size_t band = m_alert_band.empty() ? 0 : m_alert_band.index_at(seconds) + 1;
    if (auto banner = alert_view(seconds))
        return *banner;
    if (has_content() && m_settings.screen.layout != config::ScreenLayout::ticker)
        return {Shows::page, moment.index, change.amount, band};
    if (has_content())
        return {Shows::nothing, 0, 0, band};
    // The "no notices" message, but not before the first fetch has had its moment, nor while a
    // board is coming.
    const bool board_coming = m_text.waiting_for(PreparedKind::notices);
    return {!board_coming && (m_notices_set || seconds >= first_fetch_grace_s) ? Shows::empty_message : Shows::nothing, 0, 0, band};
}

void Scene::draw(double seconds)
{
    const std::int64_t refreshes = std::llround(seconds * m_settings.refresh_hz);
    draw(seconds, refreshes * pixels_per_refresh(m_settings.crawl_speed_px_per_s, m_settings.refresh_hz), FrameExtent::whole);
}

std::optional<SDL_Rect> Scene::draw(double seconds, std::int64_t crawl_travelled, FrameExtent extent)
{
    if (!m_text.pending().empty()) {
        // A few milliseconds of uploads a frame leave the frame on time on a Raspberry Pi.
        upload_prepared_text(std::chrono::milliseconds(3));
        show_prepared_changes();
    }
    retry_failed_text(seconds);
    const FeaturedRotation::Moment moment = pages().rotation().at(seconds, m_featured_step);
    // During a change every frame differs, by its opacity or its offset.
    const PanelChange change = m_panel.change_at(moment);
    const UpperView view = upper_view(seconds, moment, change);
    m_dirty.upper = m_dirty.upper || view != m_upper_drawn;
    if (extent == FrameExtent::changes_only && !m_dirty.any()) {
        if (!m_layout.has_band())
            return SDL_Rect{0, 0, 0, 0};  // nothing moved
        return m_crawl.draw_moved(crawl_travelled, m_kept_surface);
    }
    if (extent == FrameExtent::changes_only && !m_dirty.header && !m_dirty.notes && m_background.plain()) {
        if (auto drawn = draw_crossfade_step(crawl_travelled, view, moment, change))
            return drawn;
    }
    if (extent == FrameExtent::changes_only && !m_dirty.header && !m_dirty.notes && m_layout.upper_top() > 0 && m_background.plain()) {
        // Only the upper area changed (a step of a change of notice, most of the time): the
        // header keeps its pixels, and only what lies below it is drawn and sent to the screen.
        const SDL_Rect below_header{0, m_layout.upper_top(), m_layout.width, m_layout.height - m_layout.upper_top()};
        SDL_RenderSetClipRect(m_renderer, &below_header);
        draw_whole(crawl_travelled, view, moment, change);
        SDL_RenderSetClipRect(m_renderer, nullptr);
        return below_header;
    }
    draw_whole(crawl_travelled, view, moment, change);
    return std::nullopt;
}

std::optional<SDL_Rect> Scene::draw_crossfade_step(std::int64_t crawl_travelled, const UpperView& view, const FeaturedRotation::Moment& moment,
                                                   const PanelChange& change)
{
    // A step of a crossfade after the first, whose snapshot is taken: only the rows the pages
    // draw in change above the crawl, so only they are drawn again (clipped, in the order of a
    // whole frame), and the crawl moves as in any frame.
    const auto rows = m_panel.crossfade_rows();
    const bool next_step = view.shows == UpperView::Shows::page && m_upper_drawn.shows == UpperView::Shows::page &&
                           view.index == m_upper_drawn.index && view.band == m_upper_drawn.band && view.amount > 0 &&
                           m_upper_drawn.amount > 0 && change.kind == config::NoticeTransition::crossfade;
    if (!rows || !next_step || !m_layout.has_band())
        return std::nullopt;
    m_dirty.upper = false;
    m_upper_drawn = view;
    SDL_RenderSetClipRect(m_renderer, &*rows);
    m_panel.before_frame(pages(), moment, change);  // taken in an earlier step: nothing to do
    m_background.draw();
    m_panel.draw(pages(), moment, change);
    if (view.band > 0)
        m_alert_band.draw(view.band - 1);
    m_freshness_note.draw();
    m_overlay.draw();
    SDL_RenderSetClipRect(m_renderer, nullptr);
    const SDL_Rect moved = m_crawl.draw_moved(crawl_travelled, m_kept_surface);
    const int bottom = moved.h > 0 ? moved.y + moved.h : rows->y + rows->h;
    return SDL_Rect{0, rows->y, m_layout.width, bottom - rows->y};
}

void Scene::draw_whole(std::int64_t crawl_travelled, const UpperView& view, const FeaturedRotation::Moment& moment,
                       const PanelChange& change)
{
    m_dirty = {false, false, false};
    m_upper_drawn = view;
    m_panel.prepare(pages());
    if (view.shows == UpperView::Shows::page)
        m_panel.before_frame(pages(), moment, change);  // it draws on the target to read it back

    m_background.draw();
    if (m_layout.has_header())
        m_header.draw();
    if (view.shows == UpperView::Shows::urgent || view.shows == UpperView::Shows::alert) {
        draw_banners(view);
    } else if (view.shows == UpperView::Shows::empty_message) {
        m_empty_message.draw(m_renderer, (m_layout.width - m_empty_message.advance()) / 2, (m_layout.upper_top() + m_layout.upper_bottom()) / 2);
    } else if (view.shows == UpperView::Shows::page) {
        m_panel.draw(pages(), moment, change);
    }
    if (view.band > 0)
        m_alert_band.draw(view.band - 1);
    m_freshness_note.draw();
    if (m_layout.has_band())
        m_crawl.draw(crawl_travelled);
    m_overlay.draw();
}

}  // namespace signage::render

#pragma once
// What is on screen at a given time: the featured notice in the upper area and the crawl band
// along the bottom. Text is rasterized into sprites when the notices change; a frame only
// copies sprites. The scene composes its parts (see docs/architecture.md): the text pipeline
// (text_preparation), the header and clock, the featured panel with its notices or list pages,
// the urgent banner, the crawl band and the notes over the picture (overlay).
#include "model/alert_board.hpp"
#include "model/notice.hpp"
#include "platform/local_time.hpp"
#include "platform/sdl_handles.hpp"
#include "render/alert_banner.hpp"
#include "render/background.hpp"
#include "render/board.hpp"
#include "render/crawl_band.hpp"
#include "render/featured_notices.hpp"
#include "render/featured_panel.hpp"
#include "render/header_clock.hpp"
#include "render/list_pages.hpp"
#include "render/overlay.hpp"
#include "render/scene_layout.hpp"
#include "render/scene_settings.hpp"
#include "render/text_preparation.hpp"
#include "render/urgent_banner.hpp"
#include "text/font.hpp"
#include "text/font_roles.hpp"
#include "util/result.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace signage::render {

class Scene {
public:
    static Result<std::unique_ptr<Scene>> create(SDL_Renderer* renderer, const text::FontRoles& fonts, int width, int height,
                                                 SceneSettings settings);
    // The same in two steps, so a new look (a reload) is readied without holding up the frames
    // of the old one: load() opens fonts, decodes pictures and composes the fixed text, on any
    // thread; create() uploads what it made, on the renderer's thread, and uses it up.
    struct Assets;
    static Result<std::shared_ptr<Assets>> load(const text::FontRoles& fonts, int width, int height, SceneSettings settings);
    static std::unique_ptr<Scene> create(SDL_Renderer* renderer, Assets& assets);
    Scene(const Scene&) = delete;
    Scene& operator=(const Scene&) = delete;

    // Shapes and rasterizes each notice whose text is new; a notice already on screen with the
    // same titles and date keeps its textures. draw() then costs only texture copies.
    // Notices without a title are skipped. Every notice holds a few full-width textures: the
    // notice board's count limit is what keeps that within a Raspberry Pi's GPU memory.
    void set_notices(const std::vector<model::Notice>& notices);
    // A discreet line above the crawl, e.g. when the feeds have not answered for a while
    // ("업데이트 14:05 · Updated 14:05"); empty hides it.
    void set_freshness_note(std::string_view text);
    // The frame at `seconds` of play, with the crawl `crawl_travelled` whole pixels along (see
    // Playback). With FrameExtent::changes_only, on a target that keeps the last frame (a
    // window surface), only what changed is drawn: returned as the one rectangle drawn, most
    // of the time the crawl band; nullopt when the whole frame was drawn.
    std::optional<SDL_Rect> draw(double seconds, std::int64_t crawl_travelled, FrameExtent extent);
    // For stills and tests: the crawl has travelled as it would at the display's rate by then.
    void draw(double seconds);
    // The surface the renderer draws on, when it keeps the last frame (the software path's
    // window surface): a FrameExtent::changes_only frame where only the crawl moved then moves
    // the band's pixels along and draws only what comes in (CrawlBand::draw_moved). Null: the
    // band is drawn whole each frame.
    void set_kept_surface(SDL_Surface* kept) { m_kept_surface = kept; }
    // Urgent notices, most important first: while there are any, a full-width banner in alert
    // colours takes the place of the featured notice (several take turns). Empty: none.
    void set_urgent(const std::vector<const model::Notice*>& urgent);

    // As set_notices and set_urgent, but without stalling the screen: text not in the cache is
    // shaped and rasterized on a worker thread and uploaded a little each frame, while the
    // screen goes on showing what it shows, crawl and all. The new board (or banner) appears in
    // the first frame drawn after its last text is uploaded. A newer call of the same kind
    // replaces one still waiting; set_notices and set_urgent replace them too.
    void prepare_notices(std::vector<model::Notice> notices);
    void prepare_urgent(std::vector<model::Notice> urgent);
    // Emergency alerts on screen, most severe first (model::AlertBoard::shown()), each where its
    // placement says: the banner in the upper area (before any urgent notice), a band across the
    // top of the upper area that leaves the notices visible, or the crawl with a badge. Empty:
    // none. set_alerts shapes now (stills, tests); prepare_alerts on the worker, as
    // prepare_notices does.
    void set_alerts(const std::vector<model::ShownAlert>& alerts);
    void prepare_alerts(std::vector<model::ShownAlert> alerts);
    // Alerts the scene shows (of the last set_alerts, or prepare_alerts once shown).
    std::size_t alert_count() const;
    // Uploads what the worker has finished, for about `budget` (at least one block). draw()
    // calls it; call it too for a scene prepared while another one is on screen.
    void upload_prepared_text(std::chrono::microseconds budget);
    // Whether text of a prepare_ call is still being made or uploaded.
    bool preparing() const { return m_text.preparing(); }
    // How many boards have been shown: text_stats() describes the last one.
    std::size_t boards_shown() const { return m_boards_shown; }
    // The notices of the board on screen now (as given to set_notices or prepare_notices).
    const std::vector<model::Notice>& notices_shown() const { return m_last_notices; }
    // The wall-clock time for the header clock, as [screen] clock says to show it. Shapes and
    // uploads only when the minute differs from the one shown: cheap to call every second.
    void set_time(const platform::LocalTime& now);
    // The same, with the clock's text made on the worker (see prepare_notices).
    void prepare_time(const platform::LocalTime& now);
    // The F1 overlay of the preview: lines of diagnostics in a box at the top left; empty hides
    // it. Each call shapes and uploads the lines: call it once a second, not every frame.
    void set_overlay(const std::vector<std::string>& lines);
    // The next frame draws everything (after the screen showed something else, e.g. black).
    void invalidate() { m_dirty.mark_all(); }
    // Left/Right in the preview: the featured rotation steps a notice back or on.
    void step_featured(int notices);

    std::size_t featured_index_at(double seconds) const;
    std::size_t urgent_count() const { return m_urgent.count(); }
    const SceneTextStats& text_stats() const { return m_text_stats; }
    // The pixel size a featured notice's title was set at (auto-fit may have made it smaller).
    int featured_title_px(std::size_t index) const;
    std::size_t notice_count() const { return m_featured.count(); }
    // Where a featured notice's QR code is drawn (quiet zone included); empty without one.
    SDL_Rect featured_qr_rect(std::size_t index) const { return m_featured.qr_rect(index); }

private:
    // Which parts changed since the last whole frame; the crawl band is drawn every frame.
    struct DirtyParts {
        bool header = true;  // the clock
        bool upper = true;   // the board, the urgent banner, a step of the rotation
        bool notes = true;   // the overlay and the freshness note
        bool any() const { return header || upper || notes; }
        void mark_all() { header = upper = notes = true; }
    };
    // What the upper area shows: while it stays as it was, only the crawl band moves.
    struct UpperView {
        enum class Shows { nothing, empty_message, urgent, page, alert } shows = Shows::nothing;
        std::size_t index = 0;  // the banner, or the page (notice, page of the list)
        int amount = 0;         // how far a change of page has gone (PanelChange::amount)
        std::size_t band = 0;   // 1 + the alert in the band; 0: no band
        bool operator==(const UpperView&) const = default;
    };

    Scene(SDL_Renderer* renderer, Assets& assets);
    const PanelPages& pages() const;
    bool has_content() const;
    UpperView upper_view(double seconds, const FeaturedRotation::Moment& moment, const PanelChange& change) const;
    void draw_whole(std::int64_t crawl_travelled, const UpperView& view, const FeaturedRotation::Moment& moment,
                    const PanelChange& change);
    std::optional<SDL_Rect> draw_crossfade_step(std::int64_t crawl_travelled, const UpperView& view, const FeaturedRotation::Moment& moment,
                                                const PanelChange& change);
    void show_board(Board board, bool retry = false);
    void show_prepared_changes();
    void show_prepared(const PreparedChange& change);
    void plan(PreparedChange change);
    void notice_failed_uploads();
    void retry_failed_text(double seconds);
    // Alerts (scene_alerts.cpp).
    AlertTexts alert_texts(TextSource& text, const PreparedChange& change) const;
    void show_alerts(AlertTexts texts, const std::vector<model::ShownAlert>& alerts);
    PreparedChange alerts_change(std::vector<model::ShownAlert> alerts) const;
    // The banners' turns (alerts first, then urgent notices) and the band's; nullopt: no banner.
    std::optional<UpperView> alert_view(double seconds) const;
    void draw_banners(const UpperView& view);
    SDL_Renderer* m_renderer;
    SDL_Surface* m_kept_surface = nullptr;
    text::FreeTypeLibrary m_library;  // before every font
    SceneSettings m_settings;
    SceneLayout m_layout;
    TextPreparation m_text;  // holds the scene's fonts
    SceneContext m_context;
    Background m_background;
    HeaderClock m_header;
    FeaturedNotices m_featured;
    ListPages m_list;
    FeaturedPanel m_panel;
    UrgentBanner m_urgent;
    AlertBanner m_alert_banner;
    AlertBand m_alert_band;
    CrawlBand m_crawl;
    Overlay m_overlay;
    FreshnessNote m_freshness_note;
    TextSprite m_empty_message;

    bool m_notices_set = false;
    long long m_featured_step = 0;
    SceneTextStats m_text_stats;
    std::size_t m_boards_shown = 0;
    DirtyParts m_dirty;
    UpperView m_upper_drawn;  // at the last whole frame
    // Text that failed to upload was drawn blank: the last board and banners are made again
    // (on the worker) a few seconds after it was first drawn.
    std::vector<model::Notice> m_last_notices;
    std::vector<model::Notice> m_last_urgent;
    std::vector<model::ShownAlert> m_last_alerts;  // as shown; alert_count()
    std::optional<platform::LocalTime> m_clock_now;  // the header clock's: "until" tells another day from it
    std::size_t m_failures_seen = 0;
    bool m_retry_wanted = false;
    bool m_retrying = false;
    std::optional<double> m_retry_at;
    double m_retry_wait_s = 5.0;  // failed_text_first_retry_s, doubled while retries fail
};

}  // namespace signage::render

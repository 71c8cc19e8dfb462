#pragma once
// What is on screen at a given time: the featured notice in the upper area and the crawl band
// along the bottom. Text is rasterized into sprites when the notices change; a frame only
// copies sprites.
#include "model/notice.hpp"
#include "platform/sdl_handles.hpp"
#include "platform/local_time.hpp"
#include "render/header.hpp"
#include "render/rotation.hpp"
#include "render/scroller.hpp"
#include "render/text_cache.hpp"
#include "render/text_sprite.hpp"
#include "render/text_worker.hpp"
#include "render/theme.hpp"
#include "text/font_roles.hpp"
#include "text/font.hpp"
#include "util/result.hpp"

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

// What the last board shown cost, and the text cache as it stands after it.
struct SceneTextStats {
    std::size_t notices_rasterized = 0;  // notices with any text not found in the cache
    std::size_t notices_reused = 0;      // notices drawn entirely from cached text
    TextCacheStats cache;
};

enum class FrameExtent { whole, changes_only };

struct SceneSettings {
    double crawl_speed_px_per_s = 120.0;  // rounded to whole pixels per refresh
    double refresh_hz = 60.0;             // the display's
    double featured_dwell_s = 8.0;       // for a short title; a long one stays longer (dwell_for)
    double featured_max_dwell_s = 20.0;
    double featured_transition_s = 0.6;  // a change of notice takes this (screen.transition says how); 0: a cut
    TextEffects text_effects{};
    Theme theme{};
    SDL_Color alert_background{196, 30, 45, 255};  // the urgent banner
    SDL_Color alert_text{255, 255, 255, 255};
    ScreenSettings screen{};  // layout, agency name, logo, clock
    // GPU memory for rasterized text, on screen and kept for notices that may come back.
    std::size_t text_cache_bytes = 32u * 1024u * 1024u;
};

class Scene {
public:
    static Result<std::unique_ptr<Scene>> create(SDL_Renderer* renderer, const FontRoles& fonts, int width, int height,
                                                 SceneSettings settings);
    // The same in two steps, so a new look (a reload) is readied without holding up the frames
    // of the old one: load() opens fonts, decodes pictures and composes the fixed text, on any
    // thread; create() uploads what it made, on the renderer's thread, and uses it up.
    struct Assets;
    static Result<std::shared_ptr<Assets>> load(const FontRoles& fonts, int width, int height, SceneSettings settings);
    static std::unique_ptr<Scene> create(SDL_Renderer* renderer, Assets& assets);

    // Shapes and rasterizes each notice whose text is new; a notice already on screen with the
    // same titles and date keeps its textures. draw() then costs only texture copies.
    // Notices without a title are skipped. Every notice holds a few full-width textures: the
    // notice board's count limit is what keeps that within a Raspberry Pi's GPU memory.
    void set_notices(const std::vector<Notice>& notices);
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
    // Urgent notices, most important first: while there are any, a full-width banner in alert
    // colours takes the place of the featured notice (several take turns). Empty: none.
    void set_urgent(const std::vector<const Notice*>& urgent);

    // As set_notices and set_urgent, but without stalling the screen: text not in the cache is
    // shaped and rasterized on a worker thread and uploaded a little each frame, while the
    // screen goes on showing what it shows, crawl and all. The new board (or banner) appears in
    // the first frame drawn after its last text is uploaded. A newer call of the same kind
    // replaces one still waiting; set_notices and set_urgent replace them too.
    void prepare_notices(std::vector<Notice> notices);
    void prepare_urgent(std::vector<Notice> urgent);
    // Uploads what the worker has finished, for about `budget` (at least one block). draw()
    // calls it; call it too for a scene prepared while another one is on screen.
    void upload_prepared_text(std::chrono::microseconds budget);
    // Whether text of a prepare_ call is still being made or uploaded.
    bool preparing() const;
    // How many boards have been shown: text_stats() describes the last one.
    std::size_t boards_shown() const { return m_boards_shown; }
    // The wall-clock time for the header clock, as [screen] clock says to show it. Shapes and
    // uploads only when the minute differs from the one shown: cheap to call every second.
    void set_time(const LocalTime& now);
    // The same, with the clock's text made on the worker (see prepare_notices).
    void prepare_time(const LocalTime& now);
    // The F1 overlay of the preview: lines of diagnostics in a box at the top left; empty hides
    // it. Each call shapes and uploads the lines: call it once a second, not every frame.
    void set_overlay(const std::vector<std::string>& lines);
    // The next frame draws everything (after the screen showed something else, e.g. black).
    void invalidate() { m_redraw_all = true; }
    // Left/Right in the preview: the featured rotation steps a notice back or on.
    void step_featured(int notices);

    std::size_t featured_index_at(double seconds) const;
    std::size_t urgent_count() const { return m_urgent.size(); }
    const SceneTextStats& text_stats() const { return m_text_stats; }
    // The pixel size a featured notice's title was set at (auto-fit may have made it smaller).
    int featured_title_px(std::size_t index) const;
    std::size_t notice_count() const { return m_featured.size(); }

private:
    struct Fonts {
        FontChain label;
        FontChain title;
        // The title at smaller sizes, largest first: a headline that does not fit in its lines
        // at the full size is set at the largest of these where it does (auto-fit).
        std::vector<FontChain> smaller_titles;
        FontChain subtitle;
        FontChain date;
        FontChain crawl;
        FontChain alert;
        FontChain list_title;
        FontChain clock;          // the header's, as Header::Assets has them
        FontChain header_second;
    };
    using Block = std::shared_ptr<const TextBlock>;
    // How to make a text, with whichever fonts: the worker's on its thread, the scene's here.
    using TextRecipe = std::function<ComposedBlock(const Fonts&)>;
    struct WorkerFonts {
        std::optional<FreeTypeLibrary> library;
        std::unique_ptr<Fonts> fonts;  // null: they would not open
    };
    struct FeaturedNotice {
        Block title;  // in as many lines as it needs, at the size it fitted at
        Block subtitle;
        Block date;
        Block counter;  // "2 / 5"
    };
    struct ListRow {
        Block title;  // one line, "…" when longer
        Block english;
        Block date;
    };
    struct UrgentNotice {
        Block title;
        Block subtitle;
    };
    struct CrawlItem {
        Block primary;
        Block secondary;
        int width = 0;  // with the separator and the gaps around it
    };

    // What a board puts on screen, built whole before it replaces what is shown.
    struct Content {
        std::vector<FeaturedNotice> featured;
        std::vector<CrawlItem> crawl_items;
        std::vector<ListRow> rows;
        std::vector<Block> page_counters;
        std::size_t rows_per_page = 1;
        FeaturedRotation rotation;
        FeaturedRotation pages;
        std::vector<int> crawl_widths;
    };
    // A prepare_ call waiting for its text.
    struct PendingChange {
        enum class Kind { notices, urgent, clock } kind;
        std::vector<Notice> notices;
        LocalTime time{};  // for the clock
        std::unordered_set<std::string> waiting;  // cache keys of text not uploaded yet
        std::vector<Block> held;                  // uploaded for it: kept from trim() until shown
    };

    Scene(SDL_Renderer* renderer, FreeTypeLibrary library, int width, int height, SceneSettings settings, FontRoles roles);
    static Result<std::unique_ptr<Fonts>> open_fonts(const FreeTypeLibrary& library, const FontRoles& roles, int width, int height);
    Content build_content(const std::vector<Notice>& notices);
    void show_content(Content content);
    std::vector<UrgentNotice> build_urgent(const std::vector<const Notice*>& urgent);
    std::pair<Block, Block> clock_lines(const LocalTime& now);
    void show_time(const LocalTime& now);
    void prepare(PendingChange change);
    void show_prepared_changes();
    TextWorker* worker();
    TextSprite make_line(std::string_view text, const FontChain& chain, SDL_Color color) const;
    // Recipes for text of a role (a member of Fonts): one line, or wrapped in up to `max_lines`
    // of `width` (0: the width between the margins).
    TextRecipe line_of(FontChain Fonts::*role, std::string text, SDL_Color color) const;
    TextRecipe lines_of(FontChain Fonts::*role, std::string text, SDL_Color color, int max_lines, int width = 0) const;
    // The title in the largest size at which it fits in its lines (else the smallest, with "…").
    TextRecipe fitted_title(std::string text) const;
    // From the cache: `kind` names the role and colour the text is drawn in. While a change is
    // being prepared, a miss hands the recipe to the worker and gives nullptr.
    Block cached(std::string_view kind, std::string_view text, const TextRecipe& recipe);
    const FontChain& title_font(int pixel_size) const;
    // `shift_x` moves the notice sideways (a slide), `opacity` fades it (a crossfade).
    void draw_featured(const FeaturedNotice& notice, int shift_x = 0, Uint8 opacity = 255) const;
    void draw_crawl(std::int64_t travelled);
    void draw_overlay() const;
    void draw_urgent(const UrgentNotice& notice) const;
    void draw_list_page(std::size_t page, int shift_x = 0, Uint8 opacity = 255) const;
    // A change of the upper area's notice (or list page), as screen.transition draws it: how
    // far it has gone this frame, in the unit it is drawn in.
    struct Change {
        NoticeTransition kind = NoticeTransition::cut;  // cut: no change in progress
        int amount = 0;  // crossfade: the new one's opacity, 1..254; slide: pixels pushed, 1..width
    };
    Change change_at(const FeaturedRotation::Moment& moment) const;
    void draw_rotation(const FeaturedRotation::Moment& moment, const Change& change);
    void draw_shown(std::size_t index, int shift_x, Uint8 opacity) const;  // a notice or a list page
    SDL_Rect rotation_area() const;  // where notices change: the upper area
    // The software renderer's crossfade: see draw_rotation.
    void prepare_snapshot();
    void take_snapshot(const FeaturedRotation::Moment& moment);
    int list_row_height() const;
    // The area between the header (if the layout has one) and the crawl band (if it has one).
    int upper_top() const;
    void draw_background() const;
    int upper_bottom() const;
    int list_date_column() const;
    std::size_t urgent_index_at(double seconds) const;

    SDL_Renderer* m_renderer;
    FreeTypeLibrary m_library;
    std::unique_ptr<Fonts> m_fonts;
    FontRoles m_roles;  // for the worker's own fonts
    int m_width;
    int m_height;
    SceneSettings m_settings;

    bool m_notices_set = false;
    std::unique_ptr<Header> m_header;
    TexturePtr m_background_image;  // [screen] background_image, drawn to cover the screen
    SDL_Rect m_background_source{};
    TextSprite m_empty_message;
    TextSprite m_freshness_note;
    std::vector<TextSprite> m_overlay;
    std::vector<FeaturedNotice> m_featured;
    std::vector<UrgentNotice> m_urgent;
    std::vector<ListRow> m_rows;
    std::vector<Block> m_page_counters;  // "1 / 3"
    std::size_t m_rows_per_page = 1;
    FeaturedRotation m_pages;
    TextSprite m_urgent_label;
    std::vector<CrawlItem> m_crawl_items;
    TextCache m_text_cache;
    FeaturedRotation m_rotation;
    CrawlScroller m_scroller;
    std::vector<CrawlPlacement> m_placements;  // reused every frame: no allocation while scrolling
    SceneTextStats m_text_stats;
    long long m_featured_step = 0;
    std::optional<std::pair<std::chrono::year_month_day, std::chrono::minutes>> m_clock_shown;
    bool m_redraw_all = true;
    std::size_t m_drawn_upper = 0;  // what the upper area showed at the last whole frame
    // For a crossfade on SDL's software renderer: the upper area as the coming notice will show
    // it, opaque, taken at the start of each change. Empty on a GPU, which fades each text.
    bool m_snapshot_prepared = false;
    TexturePtr m_snapshot;
    long long m_snapshot_turn = -1;  // the change it was taken for
    Block m_snapshot_of;             // the coming notice's title (the page's first row): a new board retakes it

    std::deque<PendingChange> m_pending;
    PendingChange* m_planning = nullptr;  // while a pending change works out what text it needs
    bool m_showing_prepared = false;      // while a prepared change is built from the cache
    std::size_t m_missing_text = 0;       // texts not found in the cache, ever
    std::unordered_set<std::string> m_in_flight;  // keys the worker has been given
    std::vector<Block> m_unprimed;                // uploaded by upload_prepared_text, not drawn yet
    std::size_t m_boards_shown = 0;
    std::unique_ptr<WorkerFonts> m_worker_fonts;
    std::unique_ptr<TextWorker> m_worker;  // after its fonts: stops before they close
};

// A notice date as the screen shows it, "2018.06.04", in the screen's time zone (use_time_zone).
std::string format_notice_date(TimePoint time);

#include "render/scene.hpp"

#include "platform/local_time.hpp"
#include "platform/log.hpp"
#include "render/frame_clock.hpp"
#include "text/raster.hpp"
#include "text/shaper.hpp"
#include "text/wrap.hpp"

#include <SDL_image.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <utility>

namespace {

// A calm, high-contrast palette for a lobby: read from 3 m, not tiring over a day.

// Auto-fit steps for a long featured title, as fractions of its full size: below about 70% it
// no longer reads as a headline from across a lobby, and "…" is the better choice.
constexpr int title_fit_percent[] = {90, 80, 70};
// Before the first feed has answered, the screen shows its frame without "no notices": a
// file or a fast server answers well within this, and then the message would only flash.
constexpr double first_fetch_grace_s = 2.0;

// Proportions of the screen, so the layout reads the same at 720p, 1080p and 4K. Type and bands
// scale with the shorter side, so a portrait screen sets text at the size a landscape one of the
// same panel would, and uses its height for more lines.
struct Metrics {
    int margin_x, counter_baseline, title_top, band_height;
    int label_px, title_px, subtitle_px, date_px, crawl_px;
    int crawl_gap, separator_size;
    int title_lines, subtitle_lines;

    explicit Metrics(int width, int height)
        : Metrics(width, std::min(width, height), height > width)
    {
    }

private:
    Metrics(int width, int unit, bool portrait)
        : margin_x(std::max(16, width / 20))
        , counter_baseline(unit * 13 / 100 + unit * 6 / 100)  // below the header (header.cpp: 13%)
        , title_top(unit * 13 / 100 + unit * 8 / 100)
        , band_height(unit * 11 / 100)
        , label_px(std::max(10, unit * 32 / 1000))
        , title_px(std::max(12, unit * 80 / 1000))
        , subtitle_px(std::max(10, unit * 46 / 1000))
        , date_px(std::max(10, unit * 34 / 1000))
        , crawl_px(std::max(10, unit * 44 / 1000))
        , crawl_gap(std::max(8, unit * 30 / 1000))
        , separator_size(std::max(4, unit * 10 / 1000))
        , title_lines(portrait ? 4 : 2)
        , subtitle_lines(portrait ? 3 : 2)
    {
    }
};

int line_height(const FontChain& chain)
{
    return static_cast<int>((chain.ascender() + chain.descender() + 63) / 64);
}

int ascent(const FontChain& chain) { return static_cast<int>((chain.ascender() + 63) / 64); }

std::size_t count_code_points(std::string_view text)
{
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

const TextSprite& first_line(const std::shared_ptr<const TextBlock>& block)
{
    static const TextSprite none;
    return block && !block->lines.empty() ? block->lines.front() : none;
}

void fill(SDL_Renderer* renderer, SDL_Color colour, const SDL_Rect& rect)
{
    SDL_SetRenderDrawBlendMode(renderer, colour.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer, colour.r, colour.g, colour.b, colour.a);
    SDL_RenderFillRect(renderer, &rect);
}

std::vector<const Notice*> pointers_to(const std::vector<Notice>& notices)
{
    std::vector<const Notice*> pointers;
    for (const auto& notice : notices)
        pointers.push_back(&notice);
    return pointers;
}

SDL_Color with_opacity(SDL_Color colour, Uint8 opacity)
{
    colour.a = static_cast<Uint8>(colour.a * opacity / 255);
    return colour;
}

}  // namespace

std::string format_notice_date(TimePoint time)
{
    const std::chrono::year_month_day date = to_local(time).date;
    char text[16];
    std::snprintf(text, sizeof text, "%04d.%02u.%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    return text;
}

Scene::Scene(SDL_Renderer* renderer, FreeTypeLibrary library, int width, int height, SceneSettings settings, FontRoles roles)
    : m_renderer(renderer)
    , m_library(std::move(library))
    , m_roles(std::move(roles))
    , m_width(width)
    , m_height(height)
    , m_settings(settings)
    , m_text_cache(settings.text_cache_bytes)
{
}

Result<std::unique_ptr<Scene::Fonts>> Scene::open_fonts(const FreeTypeLibrary& library, const FontRoles& roles, int width,
                                                         int height)
{
    const Metrics metrics(width, height);
    auto open = [&](const std::vector<FontFile>& files, int px) { return FontChain::open(library, files, px); };
    auto label = open(roles.label, metrics.label_px);
    auto title = open(roles.headline, metrics.title_px);
    auto subtitle = open(roles.subtitle, metrics.subtitle_px);
    auto date = open(roles.date, metrics.date_px);
    auto crawl = open(roles.crawl, metrics.crawl_px);
    auto alert = open(roles.alert, metrics.title_px);
    const int unit = std::min(width, height);
    auto list_title = open(roles.headline, std::max(12, unit * 50 / 1000));
    auto clock = open(roles.clock, std::max(10, unit * 34 / 1000));  // as Header::load sizes them
    auto header_second = open(roles.subtitle, std::max(10, unit * 25 / 1000));
    for (const auto* chain : {&label, &title, &subtitle, &date, &crawl, &alert, &list_title, &clock, &header_second})
        if (!*chain)
            return chain->error();
    std::vector<FontChain> smaller_titles;
    for (int percent : title_fit_percent) {
        auto smaller = open(roles.headline, std::max(12, metrics.title_px * percent / 100));
        if (!smaller)
            return smaller.error();
        smaller_titles.push_back(std::move(smaller.value()));
    }
    return std::make_unique<Fonts>(Fonts{std::move(label.value()), std::move(title.value()), std::move(smaller_titles),
                                         std::move(subtitle.value()), std::move(date.value()), std::move(crawl.value()),
                                         std::move(alert.value()), std::move(list_title.value()), std::move(clock.value()),
                                         std::move(header_second.value())});
}

struct Scene::Assets {
    FreeTypeLibrary library;
    std::unique_ptr<Fonts> fonts;
    Header::Assets header;
    SurfacePtr background;  // [screen] background_image, decoded
    SDL_Rect background_source{};
    ComposedText urgent_label;
    ComposedText empty_message;
    FontRoles roles;
    int width = 0;
    int height = 0;
    SceneSettings settings;
};

Result<std::shared_ptr<Scene::Assets>> Scene::load(const FontRoles& roles, int width, int height, SceneSettings settings)
{
    auto library = FreeTypeLibrary::create();
    if (!library)
        return library.error();
    auto assets = std::make_shared<Assets>(Assets{std::move(library.value()), {}, {}, {}, {}, {}, {}, roles, width, height, settings});
    auto fonts = open_fonts(assets->library, roles, width, height);
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
    if (settings.screen.background_image) {
        // A picture that cannot be read leaves the background colour: said once, never fatal.
        const std::string name = settings.screen.background_image->string();
        SurfacePtr image(IMG_Load(name.c_str()));
        if (!image) {
            log_line("background image " + name + ": cannot be read (" + SDL_GetError() + "); the background colour is used instead");
        } else {
            // "Cover": the largest centred part of the picture with the screen's proportions.
            const double scale = std::max(static_cast<double>(width) / image->w, static_cast<double>(height) / image->h);
            const int source_w = std::min(image->w, static_cast<int>(std::lround(width / scale)));
            const int source_h = std::min(image->h, static_cast<int>(std::lround(height / scale)));
            assets->background_source = {(image->w - source_w) / 2, (image->h - source_h) / 2, source_w, source_h};
            assets->background = std::move(image);
        }
    }
    return assets;
}

Result<std::unique_ptr<Scene>> Scene::create(SDL_Renderer* renderer, const FontRoles& fonts, int width, int height,
                                             SceneSettings settings)
{
    auto assets = load(fonts, width, height, settings);
    if (!assets)
        return assets.error();
    return create(renderer, *assets.value());
}

std::unique_ptr<Scene> Scene::create(SDL_Renderer* renderer, Assets& assets)
{
    auto scene = std::unique_ptr<Scene>(
        new Scene(renderer, std::move(assets.library), assets.width, assets.height, assets.settings, std::move(assets.roles)));
    scene->m_fonts = std::move(assets.fonts);
    scene->m_header = Header::create(renderer, std::move(assets.header));
    scene->m_urgent_label = TextSprite::upload(renderer, assets.urgent_label);
    scene->m_empty_message = TextSprite::upload(renderer, assets.empty_message);
    scene->m_urgent_label.prime(renderer);
    scene->m_empty_message.prime(renderer);
    if (assets.background) {
        scene->m_background_image.reset(SDL_CreateTextureFromSurface(renderer, assets.background.get()));
        if (!scene->m_background_image)
            log_line(std::string("background image: cannot be uploaded (") + SDL_GetError() + "); the background colour is used instead");
        else
            SDL_SetTextureScaleMode(scene->m_background_image.get(), SDL_ScaleModeBest);
        scene->m_background_source = assets.background_source;
    }
    return scene;
}

TextSprite Scene::make_line(std::string_view text, const FontChain& chain, SDL_Color colour) const
{
    return TextSprite::from_text(m_renderer, text, chain, colour, m_settings.text_effects);
}

namespace {

ComposedBlock compose_line(std::string_view text, const FontChain& chain, SDL_Color colour, const TextEffects& effects)
{
    ComposedBlock block;
    block.pixel_size = chain.pixel_size();
    block.lines.push_back(compose_text(text, chain, colour, effects));
    return block;
}

ComposedBlock compose_lines(const std::vector<std::string>& lines, const FontChain& chain, SDL_Color colour,
                            const TextEffects& effects)
{
    ComposedBlock block;
    block.pixel_size = chain.pixel_size();
    for (const auto& line : lines)
        block.lines.push_back(compose_text(line, chain, colour, effects));
    return block;
}

}  // namespace

Scene::TextRecipe Scene::line_of(FontChain Fonts::*role, std::string text, SDL_Color colour) const
{
    return [role, text = std::move(text), colour, effects = m_settings.text_effects](const Fonts& fonts) {
        return compose_line(text, fonts.*role, colour, effects);
    };
}

Scene::TextRecipe Scene::lines_of(FontChain Fonts::*role, std::string text, SDL_Color colour, int max_lines, int width) const
{
    if (width <= 0)
        width = m_width - 2 * Metrics(m_width, m_height).margin_x;
    return [role, text = std::move(text), colour, max_lines, width, effects = m_settings.text_effects](const Fonts& fonts) {
        const FontChain& chain = fonts.*role;
        return compose_lines(wrap_text(text, chain, width, max_lines), chain, colour, effects);
    };
}

Scene::TextRecipe Scene::fitted_title(std::string text) const
{
    const Metrics metrics(m_width, m_height);
    return [text = std::move(text), width = m_width - 2 * metrics.margin_x, max_lines = metrics.title_lines,
            colour = m_settings.theme.text, effects = m_settings.text_effects](const Fonts& fonts) {
        std::vector<const FontChain*> sizes{&fonts.title};
        for (const auto& smaller : fonts.smaller_titles)
            sizes.push_back(&smaller);
        const FontChain* used = nullptr;
        WrappedText wrapped;
        for (const FontChain* chain : sizes) {
            used = chain;
            wrapped = wrap_paragraph(text, *chain, width, max_lines);
            if (!wrapped.truncated)
                break;
        }
        return compose_lines(wrapped.lines, *used, colour, effects);
    };
}

const FontChain& Scene::title_font(int pixel_size) const
{
    for (const auto& smaller : m_fonts->smaller_titles)
        if (smaller.pixel_size() == pixel_size)
            return smaller;
    return m_fonts->title;
}

Scene::Block Scene::cached(std::string_view kind, std::string_view text, const TextRecipe& recipe)
{
    // Sizes, colours and effects are fixed for the scene's life, so the kind and text say it all.
    std::string key(kind);
    key += '\x1f';
    key += text;
    if (auto found = m_showing_prepared ? m_text_cache.find_again(key) : m_text_cache.find(key))
        return found;
    ++m_missing_text;
    if (m_planning) {
        if (m_planning->waiting.insert(key).second && m_in_flight.insert(key).second) {
            worker()->submit(key, [recipe, fonts = m_worker_fonts.get()] {
                // Fonts that would not open there (they did here) give no text: the key then
                // comes back empty and the change is shown without it rather than never.
                return fonts->fonts ? recipe(*fonts->fonts) : ComposedBlock{};
            });
        }
        return nullptr;
    }
    auto block = m_text_cache.insert(key, upload(m_renderer, recipe(*m_fonts)));
    for (const auto& line : block->lines)
        line.prime(m_renderer);
    return block;
}

TextWorker* Scene::worker()
{
    if (!m_worker) {
        // Fonts of its own (FreeType is not to be used from two threads at once), opened by
        // its first job so that the render thread does not wait for them.
        m_worker_fonts = std::make_unique<WorkerFonts>();
        m_worker = std::make_unique<TextWorker>();
        m_worker->submit({}, [fonts = m_worker_fonts.get(), roles = m_roles, width = m_width, height = m_height] {
            if (auto library = FreeTypeLibrary::create()) {
                fonts->library = std::move(library.value());
                if (auto opened = open_fonts(*fonts->library, roles, width, height))
                    fonts->fonts = std::move(opened.value());
            }
            return ComposedBlock{};
        });
    }
    return m_worker.get();
}

void Scene::set_notices(const std::vector<Notice>& notices)
{
    std::erase_if(m_pending, [](const PendingChange& change) { return change.kind == PendingChange::Kind::notices; });
    m_text_stats = {};
    // The old screen holds on to its text while the new one is built, so text of notices that
    // stay is found in the cache; only then may the cache drop what left the screen, least
    // recently used first, down to its budget.
    show_content(build_content(notices));
    m_text_cache.trim();
    m_text_stats.cache = m_text_cache.stats();
}

void Scene::show_content(Content content)
{
    m_notices_set = true;
    m_redraw_all = true;
    m_snapshot_turn = -1;  // a crossfade under way takes the coming notice again, as the new board has it
    ++m_boards_shown;
    m_featured = std::move(content.featured);
    m_crawl_items = std::move(content.crawl_items);
    m_rows = std::move(content.rows);
    m_page_counters = std::move(content.page_counters);
    m_rows_per_page = content.rows_per_page;
    m_rotation = std::move(content.rotation);
    m_pages = std::move(content.pages);
    m_scroller = CrawlScroller(content.crawl_widths);
    // As many placements as the narrowest item can repeat across the band: draw() never grows it.
    const auto& widths = content.crawl_widths;
    const int narrowest = widths.empty() ? m_width : std::max(1, *std::min_element(widths.begin(), widths.end()));
    m_placements.reserve(static_cast<std::size_t>(m_width / narrowest + 2));
}

void Scene::prepare_notices(std::vector<Notice> notices)
{
    prepare(PendingChange{PendingChange::Kind::notices, std::move(notices), {}, {}, {}});
}

void Scene::prepare_urgent(std::vector<Notice> urgent)
{
    prepare(PendingChange{PendingChange::Kind::urgent, std::move(urgent), {}, {}, {}});
}

void Scene::prepare(PendingChange change)
{
    std::erase_if(m_pending, [&](const PendingChange& pending) { return pending.kind == change.kind; });
    m_pending.push_back(std::move(change));
    // A dry run of building the screen: each text it needs that is not in the cache goes to the
    // worker, and the change waits for it. What the run builds is thrown away.
    PendingChange& pending = m_pending.back();
    m_planning = &pending;
    if (pending.kind == PendingChange::Kind::notices) {
        m_text_stats = {};
        build_content(pending.notices);
    } else if (pending.kind == PendingChange::Kind::clock) {
        clock_lines(pending.time);
    } else {
        build_urgent(pointers_to(pending.notices));
    }
    m_planning = nullptr;
}

bool Scene::preparing() const
{
    return std::any_of(m_pending.begin(), m_pending.end(), [](const PendingChange& change) { return !change.waiting.empty(); });
}

void Scene::upload_prepared_text(std::chrono::microseconds budget)
{
    if (!m_worker)
        return;
    const auto start = std::chrono::steady_clock::now();
    while (auto finished = m_worker->take_finished()) {
        if (finished->key.empty())
            continue;  // the job that opened the worker's fonts
        m_in_flight.erase(finished->key);
        Block block = m_text_cache.insert(finished->key, upload(m_renderer, finished->block));
        m_unprimed.push_back(block);
        for (auto& change : m_pending)
            if (change.waiting.erase(finished->key) > 0)
                change.held.push_back(block);
        if (std::chrono::steady_clock::now() - start >= budget)
            break;
    }
}

void Scene::show_prepared_changes()
{
    bool shown = false;
    while (true) {
        const auto ready = std::find_if(m_pending.begin(), m_pending.end(), [](const PendingChange& change) { return change.waiting.empty(); });
        if (ready == m_pending.end())
            break;
        PendingChange change = std::move(*ready);
        m_pending.erase(ready);
        // Everything is in the cache now (held by the change): the build only looks it up.
        m_showing_prepared = true;
        if (change.kind == PendingChange::Kind::notices) {
            const SceneTextStats planned = m_text_stats;
            show_content(build_content(change.notices));
            m_text_stats = planned;
        } else if (change.kind == PendingChange::Kind::clock) {
            show_time(change.time);
        } else {
            m_urgent = build_urgent(pointers_to(change.notices));
            m_redraw_all = true;
        }
        m_showing_prepared = false;
        shown = true;
    }
    if (!shown)
        return;
    // This frame redraws everything, over these first draws.
    for (const auto& block : std::exchange(m_unprimed, {}))
        for (const auto& line : block->lines)
            line.prime(m_renderer);
    m_text_cache.trim();
    m_text_stats.cache = m_text_cache.stats();
}

Scene::Content Scene::build_content(const std::vector<Notice>& all_notices)
{
    const Metrics metrics(m_width, m_height);
    const Theme& theme = m_settings.theme;
    Content content;
    std::vector<const Notice*> notices;
    for (const auto& notice : all_notices)
        if (!notice.titles.empty())
            notices.push_back(&notice);
    std::vector<double> dwells;
    for (std::size_t i = 0; i < notices.size(); ++i) {
        const Notice& notice = *notices[i];
        // Korean above English; a notice in one language shows that one alone.
        const LocalizedTitle* korean = notice.title_in("ko");
        const LocalizedTitle* english = notice.title_in("en");
        const std::string& primary = korean ? korean->text : notice.titles.front().text;
        const std::string* secondary = korean && english ? &english->text : nullptr;
        // The date line: "2018.06.04 · 보도자료", the notice's first category after its date.
        std::string date = notice.published ? format_notice_date(*notice.published) : std::string();
        if (!notice.categories.empty() && !notice.categories.front().empty())
            date += (date.empty() ? "" : "  ·  ") + notice.categories.front();
        dwells.push_back(dwell_for(count_code_points(primary), secondary ? count_code_points(*secondary) : 0,
                                   m_settings.featured_dwell_s, m_settings.featured_max_dwell_s));
        const std::size_t missing_before = m_missing_text;
        if (m_settings.screen.layout == ScreenLayout::list) {
            const int title_width = m_width - 2 * metrics.margin_x - list_date_column();
            ListRow row;
            row.title = cached("list", primary, lines_of(&Fonts::list_title, primary, theme.text, 1, title_width));
            if (secondary)
                row.english = cached("list-english", *secondary, lines_of(&Fonts::date, *secondary, theme.secondary_text, 1, title_width));
            const std::string day = notice.published ? format_notice_date(*notice.published) : std::string();
            if (!day.empty())
                row.date = cached("list-date", day, line_of(&Fonts::date, day, theme.accent));
            content.rows.push_back(std::move(row));
            ++(m_missing_text != missing_before ? m_text_stats.notices_rasterized : m_text_stats.notices_reused);
            continue;
        }

        FeaturedNotice featured;
        featured.title = cached("title", primary, fitted_title(primary));
        if (secondary)
            featured.subtitle = cached("subtitle", *secondary, lines_of(&Fonts::subtitle, *secondary, theme.secondary_text, metrics.subtitle_lines));
        if (!date.empty())
            featured.date = cached("date", date, line_of(&Fonts::date, date, theme.accent));
        CrawlItem item;
        item.primary = cached("crawl", primary, line_of(&Fonts::crawl, primary, theme.text));
        if (secondary)
            item.secondary = cached("crawl-english", *secondary, line_of(&Fonts::crawl, *secondary, theme.secondary_text));
        ++(m_missing_text != missing_before ? m_text_stats.notices_rasterized : m_text_stats.notices_reused);

        const std::string counter = std::to_string(i + 1) + " / " + std::to_string(notices.size());
        featured.counter = cached("counter", counter, line_of(&Fonts::date, counter, theme.quiet_text));
        // [primary] gap [secondary] 2 gaps [separator] 2 gaps, then the next notice.
        item.width = first_line(item.primary).advance() + 4 * metrics.crawl_gap + metrics.separator_size;
        if (secondary)
            item.width += metrics.crawl_gap + first_line(item.secondary).advance();
        content.crawl_widths.push_back(item.width);
        content.featured.push_back(std::move(featured));
        content.crawl_items.push_back(std::move(item));
    }
    if (m_settings.screen.layout == ScreenLayout::ticker)
        content.featured.clear();  // the crawl alone
    content.rotation = FeaturedRotation(std::move(dwells), m_settings.featured_transition_s);
    // The list, in pages of as many rows as fit, each shown list_page_s.
    const int list_top = metrics.title_top;
    const int list_bottom = m_height - metrics.band_height / 2;
    content.rows_per_page = static_cast<std::size_t>(std::max(1, (list_bottom - list_top) / std::max(1, list_row_height())));
    const std::size_t pages = (content.rows.size() + content.rows_per_page - 1) / content.rows_per_page;
    for (std::size_t page = 0; page < pages; ++page) {
        const std::string counter = std::to_string(page + 1) + " / " + std::to_string(pages);
        content.page_counters.push_back(cached("counter", counter, line_of(&Fonts::date, counter, theme.quiet_text)));
    }
    content.pages = FeaturedRotation(std::vector<double>(pages, m_settings.screen.list_page_s), m_settings.featured_transition_s);
    return content;
}

int Scene::featured_title_px(std::size_t index) const
{
    return m_featured.at(index).title->pixel_size;
}

std::size_t Scene::featured_index_at(double seconds) const
{
    return m_rotation.at(seconds, m_featured_step).index;
}

void Scene::draw(double seconds)
{
    const std::int64_t refreshes = std::llround(seconds * m_settings.refresh_hz);
    draw(seconds, refreshes * pixels_per_refresh(m_settings.crawl_speed_px_per_s, m_settings.refresh_hz), FrameExtent::whole);
}

void Scene::step_featured(int notices)
{
    m_featured_step += notices;
    m_redraw_all = true;
}

std::optional<SDL_Rect> Scene::draw(double seconds, std::int64_t crawl_travelled, FrameExtent extent)
{
    if (!m_pending.empty()) {
        // A few milliseconds of uploads a frame leave the frame on time on a Raspberry Pi.
        upload_prepared_text(std::chrono::milliseconds(3));
        show_prepared_changes();
    }
    const Metrics metrics(m_width, m_height);
    const ScreenLayout layout = m_settings.screen.layout;
    const bool has_header = layout != ScreenLayout::ticker;
    const bool has_band = layout != ScreenLayout::list;
    const bool has_content = layout == ScreenLayout::list ? !m_rows.empty()
                             : layout == ScreenLayout::ticker ? !m_crawl_items.empty()
                                                              : !m_featured.empty();
    // What the upper area shows: a notice (or a page of the list), the urgent banner, the "no
    // notices" message, or (before the first fetch has had its moment) nothing. While that
    // stays as it was, only the crawl band moves.
    const bool board_coming = std::any_of(m_pending.begin(), m_pending.end(),
                                          [](const PendingChange& change) { return change.kind == PendingChange::Kind::notices; });
    const bool empty_message = !has_content && !board_coming && (m_notices_set || seconds >= first_fetch_grace_s);
    const std::size_t urgent_index = m_urgent.empty() ? 0 : urgent_index_at(seconds);
    const FeaturedRotation::Moment moment =
        layout == ScreenLayout::list ? m_pages.at(seconds, m_featured_step) : m_rotation.at(seconds, m_featured_step);
    // During a change every frame differs, by its opacity or its offset.
    const Change change = change_at(moment);
    const std::size_t upper = !m_urgent.empty() ? (std::size_t{1} << 40) + urgent_index
                              : !has_content || layout == ScreenLayout::ticker ? (empty_message ? 1 : 0)
                                                                               : 2 + (moment.index << 16) + static_cast<std::size_t>(change.amount);
    if (extent == FrameExtent::changes_only && !m_redraw_all && upper == m_drawn_upper) {
        if (!has_band)
            return SDL_Rect{0, 0, 0, 0};  // nothing moved
        draw_crawl(crawl_travelled);
        return SDL_Rect{0, m_height - metrics.band_height, m_width, metrics.band_height};
    }
    m_redraw_all = false;
    m_drawn_upper = upper;

    if (!m_snapshot_prepared)
        prepare_snapshot();
    const bool rotating = m_urgent.empty() && has_content && layout != ScreenLayout::ticker;
    if (rotating && change.kind == NoticeTransition::crossfade && m_snapshot)
        take_snapshot(moment);  // before the frame: it draws on the target to read it back

    draw_background();
    if (has_header)
        m_header->draw();
    const int top = upper_top();
    const int bottom = upper_bottom();

    if (!m_urgent.empty()) {
        draw_urgent(m_urgent[urgent_index]);
    } else if (!has_content) {
        if (empty_message)
            m_empty_message.draw(m_renderer, (m_width - m_empty_message.advance()) / 2, (top + bottom) / 2);
    } else if (layout != ScreenLayout::ticker) {
        draw_rotation(moment, change);
        // After the notices: a crossfade's snapshot covers the whole upper area.
        const bool list = layout == ScreenLayout::list;
        const TextSprite& counter = first_line(list ? m_page_counters[moment.index] : m_featured[moment.index].counter);
        counter.draw(m_renderer, m_width - metrics.margin_x - counter.advance(), metrics.counter_baseline);
    }
    if (!m_freshness_note.empty()) {
        m_freshness_note.draw(m_renderer, m_width - metrics.margin_x - m_freshness_note.advance(),
                              bottom - m_freshness_note.height() + m_freshness_note.baseline() - metrics.crawl_gap / 2);
    }
    if (has_band)
        draw_crawl(crawl_travelled);
    draw_overlay();
    return std::nullopt;
}

Scene::Change Scene::change_at(const FeaturedRotation::Moment& moment) const
{
    const NoticeTransition kind = m_settings.screen.transition;
    Change change;
    if (kind == NoticeTransition::crossfade) {
        // Never fully opaque nor fully clear while it lasts: on the software renderer the
        // snapshot then always blends the same way, and is never prepared again.
        const auto opacity = static_cast<int>(std::lround(moment.progress * 255));
        if (opacity > 0)
            change = {kind, std::min(opacity, 254)};
    } else if (kind == NoticeTransition::slide) {
        const int offset = slide_offset(moment.progress, m_width);
        if (offset > 0)
            change = {kind, offset};
    }
    return change;
}

SDL_Rect Scene::rotation_area() const
{
    return {0, upper_top(), m_width, upper_bottom() - upper_top()};
}

void Scene::draw_shown(std::size_t index, int shift_x, Uint8 opacity) const
{
    if (m_settings.screen.layout == ScreenLayout::list)
        draw_list_page(index, shift_x, opacity);
    else
        draw_featured(m_featured[index], shift_x, opacity);
}

void Scene::draw_rotation(const FeaturedRotation::Moment& moment, const Change& change)
{
    switch (change.kind) {
    case NoticeTransition::cut:
        draw_shown(moment.index, 0, 255);
        break;
    case NoticeTransition::slide: {
        // The coming notice pushes the shown one out to the left; neither may cross into the
        // header or the crawl band.
        SDL_Rect kept_clip{};
        const bool clipped = SDL_RenderIsClipEnabled(m_renderer) == SDL_TRUE;
        SDL_RenderGetClipRect(m_renderer, &kept_clip);
        const SDL_Rect area = rotation_area();
        SDL_RenderSetClipRect(m_renderer, &area);
        draw_shown(moment.index, -change.amount, 255);
        draw_shown(moment.next, m_width - change.amount, 255);
        SDL_RenderSetClipRect(m_renderer, clipped ? &kept_clip : nullptr);
        break;
    }
    case NoticeTransition::crossfade: {
        const auto opacity = static_cast<Uint8>(change.amount);
        if (!m_snapshot) {
            // A GPU blends faded textures for free.
            draw_shown(moment.index, 0, static_cast<Uint8>(255 - opacity));
            draw_shown(moment.next, 0, opacity);
            break;
        }
        // SDL's software renderer blends a faded text texture (per-pixel and overall opacity)
        // with its generic blitter, about five times slower a pixel than an opaque one, and
        // prepares the texture again (an allocation) when its opacity leaves 255 and when it
        // comes back. So the shown notice is drawn as usual and the coming one is laid over it
        // as one opaque picture of the whole area at the fade's opacity: a blend SDL does
        // quickly, and the same crossfade of the two pictures.
        draw_shown(moment.index, 0, 255);
        const SDL_Rect area = rotation_area();
        const SDL_Rect source{0, 0, area.w, area.h};
        SDL_SetTextureAlphaMod(m_snapshot.get(), opacity);
        SDL_RenderCopy(m_renderer, m_snapshot.get(), &source, &area);
        break;
    }
    }
}

void Scene::prepare_snapshot()
{
    m_snapshot_prepared = true;
    SDL_RendererInfo info{};
    const bool software = SDL_GetRendererInfo(m_renderer, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    const ScreenLayout layout = m_settings.screen.layout;
    if (!software || m_settings.screen.transition != NoticeTransition::crossfade || layout == ScreenLayout::ticker)
        return;
    const SDL_Rect area = rotation_area();
    if (area.w <= 0 || area.h <= 0)
        return;
    // Without an alpha channel, so SDL blends it with one opacity for the whole picture (its
    // fast path); streaming, so the software renderer never run-length encodes it.
    m_snapshot.reset(SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING, area.w, area.h));
    if (!m_snapshot)
        return;  // then each text fades by itself: slower, but a crossfade still
    SDL_SetTextureBlendMode(m_snapshot.get(), SDL_BLENDMODE_BLEND);
    // The software renderer prepares a texture for its target on its first copy (an
    // allocation): that happens now, under the background this frame paints over it, rather
    // than in the first change.
    const SDL_Rect source{0, 0, area.w, area.h};
    SDL_SetTextureAlphaMod(m_snapshot.get(), 1);
    SDL_RenderCopy(m_renderer, m_snapshot.get(), &source, &area);
}

void Scene::take_snapshot(const FeaturedRotation::Moment& moment)
{
    const std::size_t first_row = moment.next * m_rows_per_page;
    const Block& coming = m_settings.screen.layout != ScreenLayout::list ? m_featured[moment.next].title
                          : first_row < m_rows.size()                    ? m_rows[first_row].title
                                                                         : m_snapshot_of;
    if (moment.turn == m_snapshot_turn && coming == m_snapshot_of)
        return;
    m_snapshot_turn = moment.turn;
    m_snapshot_of = coming;

    // The area as it will be once the change is over, drawn where this frame will paint over it,
    // then read back. The whole background, not a clipped part: SDL scales a clipped picture
    // from a slightly different place, which would show as the picture shifting in the fade.
    const SDL_Rect area = rotation_area();
    draw_background();
    draw_shown(moment.next, 0, 255);

    // SDL 2.26 reads a rectangle of the whole target, not of the viewport (a safe area).
    SDL_Rect viewport{};
    SDL_RenderGetViewport(m_renderer, &viewport);
    const SDL_Rect read{area.x + viewport.x, area.y + viewport.y, area.w, area.h};
    void* pixels = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(m_snapshot.get(), nullptr, &pixels, &pitch) != 0)
        return;
    // Read as ARGB8888, whose bytes are the snapshot's RGB888 with the alpha byte unused. On a
    // target of that format (stills, the turned screen's texture) SDL copies rows; on another (an
    // X11 window's surface is RGB888) it converts them, which costs one allocation per change.
    SDL_RenderReadPixels(m_renderer, &read, SDL_PIXELFORMAT_ARGB8888, pixels, pitch);
    SDL_UnlockTexture(m_snapshot.get());
}

void Scene::draw_background() const
{
    if (!m_background_image) {
        fill(m_renderer, m_settings.theme.background, {0, 0, m_width, m_height});
        return;
    }
    const SDL_Rect screen{0, 0, m_width, m_height};
    SDL_RenderCopy(m_renderer, m_background_image.get(), &m_background_source, &screen);
}

int Scene::upper_top() const
{
    return m_settings.screen.layout == ScreenLayout::ticker ? 0 : m_header->height();
}

int Scene::upper_bottom() const
{
    return m_settings.screen.layout == ScreenLayout::list ? m_height : m_height - Metrics(m_width, m_height).band_height;
}

int Scene::list_row_height() const
{
    return line_height(m_fonts->list_title) + line_height(m_fonts->date) + std::min(m_width, m_height) * 25 / 1000;
}

int Scene::list_date_column() const
{
    return std::min(m_width, m_height) * 20 / 100;
}

void Scene::draw_list_page(std::size_t page, int shift_x, Uint8 opacity) const
{
    const Metrics metrics(m_width, m_height);
    const int row_height = list_row_height();
    const int left = metrics.margin_x + shift_x;
    int y = metrics.title_top;
    for (std::size_t i = page * m_rows_per_page; i < std::min(m_rows.size(), (page + 1) * m_rows_per_page); ++i) {
        const ListRow& row = m_rows[i];
        const int title_baseline = y + ascent(m_fonts->list_title);
        first_line(row.date).draw(m_renderer, left, title_baseline, opacity);
        first_line(row.title).draw(m_renderer, left + list_date_column(), title_baseline, opacity);
        first_line(row.english).draw(m_renderer, left + list_date_column(),
                                     title_baseline + static_cast<int>(m_fonts->list_title.descender() / 64) + ascent(m_fonts->date), opacity);
        y += row_height;
        // A hairline between rows, in the band colour.
        fill(m_renderer, with_opacity(m_settings.theme.band, opacity),
             {left, y - row_height / 6, m_width - 2 * metrics.margin_x, std::max(1, metrics.separator_size / 4)});
    }
}

void Scene::set_urgent(const std::vector<const Notice*>& urgent)
{
    std::erase_if(m_pending, [](const PendingChange& change) { return change.kind == PendingChange::Kind::urgent; });
    m_urgent = build_urgent(urgent);
    m_redraw_all = true;
}

std::vector<Scene::UrgentNotice> Scene::build_urgent(const std::vector<const Notice*>& urgent)
{
    const Metrics metrics(m_width, m_height);
    std::vector<UrgentNotice> banners;
    for (const Notice* notice : urgent) {
        if (notice->titles.empty())
            continue;
        const LocalizedTitle* korean = notice->title_in("ko");
        const LocalizedTitle* english = notice->title_in("en");
        const std::string& primary = korean ? korean->text : notice->titles.front().text;
        UrgentNotice banner;
        banner.title = cached("urgent", primary, lines_of(&Fonts::alert, primary, m_settings.alert_text, metrics.title_lines + 1));
        if (korean && english)
            banner.subtitle = cached("urgent-english", english->text,
                                     lines_of(&Fonts::subtitle, english->text, m_settings.alert_text, metrics.subtitle_lines));
        banners.push_back(std::move(banner));
    }
    return banners;
}

std::size_t Scene::urgent_index_at(double seconds) const
{
    const auto slot = static_cast<long long>(std::floor(std::max(0.0, seconds) / m_settings.featured_dwell_s));
    return static_cast<std::size_t>(slot % static_cast<long long>(m_urgent.size()));
}

void Scene::draw_urgent(const UrgentNotice& notice) const
{
    const Metrics metrics(m_width, m_height);
    const int top = upper_top();
    const int bottom = upper_bottom();
    fill(m_renderer, m_settings.alert_background, {0, top, m_width, bottom - top});
    const int label_line = line_height(m_fonts->label);
    m_urgent_label.draw(m_renderer, metrics.margin_x, top + label_line * 3 / 2);

    const std::vector<TextSprite> no_lines;
    const auto& title_lines = notice.title->lines;
    const auto& subtitle_lines = notice.subtitle ? notice.subtitle->lines : no_lines;
    const int title_line = line_height(m_fonts->alert);
    const int subtitle_line = line_height(m_fonts->subtitle);
    const int block = static_cast<int>(title_lines.size()) * title_line + subtitle_line / 3 +
                      static_cast<int>(subtitle_lines.size()) * subtitle_line;
    const int area_top = top + label_line * 2;
    int y = std::max(area_top, area_top + (bottom - area_top - block) / 2);
    for (const auto& line : title_lines) {
        line.draw(m_renderer, metrics.margin_x, y + ascent(m_fonts->alert));
        y += title_line;
    }
    y += subtitle_line / 3;
    for (const auto& line : subtitle_lines) {
        line.draw(m_renderer, metrics.margin_x, y + ascent(m_fonts->subtitle));
        y += subtitle_line;
    }
}

void Scene::set_time(const LocalTime& now)
{
    if (m_clock_shown == std::pair{now.date, now.time_of_day})
        return;
    std::erase_if(m_pending, [](const PendingChange& change) { return change.kind == PendingChange::Kind::clock; });
    show_time(now);
}

void Scene::prepare_time(const LocalTime& now)
{
    const auto minute = std::pair{now.date, now.time_of_day};
    const bool coming = std::any_of(m_pending.begin(), m_pending.end(), [&](const PendingChange& change) {
        return change.kind == PendingChange::Kind::clock && std::pair{change.time.date, change.time.time_of_day} == minute;
    });
    if (m_clock_shown == minute || coming)
        return;
    prepare(PendingChange{PendingChange::Kind::clock, {}, now, {}, {}});
}

std::pair<Scene::Block, Scene::Block> Scene::clock_lines(const LocalTime& now)
{
    const ClockStyle style = m_settings.screen.clock;
    const bool korean = style == ClockStyle::korean || style == ClockStyle::both;
    const bool english = style == ClockStyle::english || style == ClockStyle::both;
    const std::string first = korean ? format_korean_clock(now) : english ? format_english_clock(now) : std::string();
    const std::string second = korean && english ? format_english_clock(now) : std::string();
    const Theme& theme = m_settings.theme;
    return {first.empty() ? nullptr : cached("clock", first, line_of(&Fonts::clock, first, theme.text)),
            second.empty() ? nullptr : cached("clock-second", second, line_of(&Fonts::header_second, second, theme.secondary_text))};
}

void Scene::show_time(const LocalTime& now)
{
    m_clock_shown = std::pair{now.date, now.time_of_day};
    auto [first, second] = clock_lines(now);
    m_header->set_clock(std::move(first), std::move(second));
    m_redraw_all = true;
}

void Scene::set_overlay(const std::vector<std::string>& lines)
{
    if (lines.empty() && m_overlay.empty())
        return;  // still hidden: nothing to redraw
    m_redraw_all = true;
    m_overlay.clear();
    for (const auto& line : lines)
        m_overlay.push_back(make_line(line, m_fonts->date, SDL_Color{255, 255, 255, 255}));
}

void Scene::draw_overlay() const
{
    if (m_overlay.empty())
        return;
    const int line = line_height(m_fonts->date);
    const int padding = line / 2;
    int width = 0;
    for (const auto& sprite : m_overlay)
        width = std::max(width, sprite.advance());
    fill(m_renderer, {0, 0, 0, 200}, {padding, padding, width + 2 * padding, static_cast<int>(m_overlay.size()) * line + 2 * padding});
    int y = 2 * padding + ascent(m_fonts->date);
    for (const auto& sprite : m_overlay) {
        sprite.draw(m_renderer, 2 * padding, y);
        y += line;
    }
}

void Scene::set_freshness_note(std::string_view text)
{
    m_redraw_all = true;
    m_freshness_note = text.empty() ? TextSprite{} : make_line(text, m_fonts->date, m_settings.theme.quiet_text);
}

void Scene::draw_featured(const FeaturedNotice& notice, int shift_x, Uint8 opacity) const
{
    const Metrics metrics(m_width, m_height);
    const FontChain& title_font = this->title_font(notice.title->pixel_size);
    const std::vector<TextSprite> no_lines;
    const auto& title_lines = notice.title->lines;
    const auto& subtitle_lines = notice.subtitle ? notice.subtitle->lines : no_lines;
    const int title_line = line_height(title_font);
    const int subtitle_line = line_height(m_fonts->subtitle);
    const int date_line = line_height(m_fonts->date);
    const int subtitle_gap = subtitle_line / 3;
    const int date_gap = date_line / 2;
    const int block_height = static_cast<int>(title_lines.size()) * title_line + subtitle_gap +
                             static_cast<int>(subtitle_lines.size()) * subtitle_line + date_gap + date_line;

    // The notice sits in the middle of the space between the header and the crawl band, so a
    // one-line notice does not leave the lower half of the screen empty.
    const int left = metrics.margin_x + shift_x;
    const int area_top = metrics.title_top;
    const int area_bottom = m_height - metrics.band_height - metrics.label_px;
    int y = std::max(area_top, area_top + (area_bottom - area_top - block_height) / 2);  // top of the next line box
    for (const auto& line : title_lines) {
        line.draw(m_renderer, left, y + ascent(title_font), opacity);
        y += title_line;
    }
    y += subtitle_gap;
    for (const auto& line : subtitle_lines) {
        line.draw(m_renderer, left, y + ascent(m_fonts->subtitle), opacity);
        y += subtitle_line;
    }
    y += date_gap;
    if (notice.date) {
        // An accent rule before the date ties it to the notice above.
        const int rule_height = std::max(2, metrics.separator_size / 2);
        const int baseline = y + ascent(m_fonts->date);
        fill(m_renderer, with_opacity(m_settings.theme.accent, opacity), {left, baseline - date_line / 3 - rule_height / 2, metrics.crawl_gap * 2, rule_height});
        first_line(notice.date).draw(m_renderer, left + metrics.crawl_gap * 3, baseline, opacity);
    }
}

void Scene::draw_crawl(std::int64_t travelled)
{
    const Metrics metrics(m_width, m_height);
    const int band_top = m_height - metrics.band_height;
    fill(m_renderer, m_settings.theme.band, {0, band_top, m_width, metrics.band_height});
    fill(m_renderer, m_settings.theme.accent, {0, band_top, m_width, std::max(2, metrics.separator_size / 3)});

    const FontChain& font = m_fonts->crawl;
    const int baseline = band_top + (metrics.band_height + ascent(font) - static_cast<int>(font.descender() / 64)) / 2;
    const int offset = m_scroller.offset_at(travelled);
    m_scroller.place(offset, m_width, m_placements);
    for (const auto& placement : m_placements) {
        const CrawlItem& item = m_crawl_items[placement.item];
        const TextSprite& primary = first_line(item.primary);
        primary.draw(m_renderer, placement.x, baseline);
        if (item.secondary)
            first_line(item.secondary).draw(m_renderer, placement.x + primary.advance() + metrics.crawl_gap, baseline);
        // A small accent square between notices, at the height of the middle of the letters.
        const int size = metrics.separator_size;
        const int separator_x = placement.x + item.width - 2 * metrics.crawl_gap - size;
        fill(m_renderer, m_settings.theme.accent, {separator_x, baseline - ascent(font) * 2 / 5 - size / 2, size, size});
    }
}

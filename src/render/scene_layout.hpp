#pragma once
// Where the scene's parts go on the screen, and the fonts they set text in. Proportions of the
// screen, so the layout reads the same at 720p, 1080p and 4K. Type and bands scale with the
// shorter side, so a portrait screen sets text at the size a landscape one of the same panel
// would, and uses its height for more lines.
#include "config/screen_settings.hpp"
#include "text/font.hpp"
#include "text/font_roles.hpp"
#include "util/result.hpp"

#include <SDL.h>

#include <memory>
#include <vector>

namespace signage::render {

struct SceneMetrics {
    int margin_x, counter_baseline, title_top, band_height;
    int label_px, title_px, subtitle_px, date_px, crawl_px;
    int crawl_gap, separator_size;
    int title_lines, subtitle_lines;

    SceneMetrics(int width, int height);

private:
    SceneMetrics(int width, int unit, bool portrait);
};

// Every font a scene sets text in, at the sizes of its screen.
struct SceneFonts {
    text::FontChain label;
    text::FontChain title;
    // The title at smaller sizes, largest first: a headline that does not fit in its lines at
    // the full size is set at the largest of these where it does (auto-fit).
    std::vector<text::FontChain> smaller_titles;
    text::FontChain subtitle;
    text::FontChain date;
    text::FontChain crawl;
    text::FontChain alert;
    text::FontChain list_title;
    text::FontChain clock;  // the header's, as Header::Assets has them
    text::FontChain header_second;

    static Result<std::unique_ptr<SceneFonts>> open(const text::FreeTypeLibrary& library, const text::FontRoles& roles, int width, int height);
    // The title's font at `pixel_size` (one of the auto-fit sizes), else the full size.
    const text::FontChain& title_at(int pixel_size) const;
};

// The screen's areas for a layout: the header at the top (if the layout has one), the crawl band
// at the bottom (if it has one), the upper area between them.
struct SceneLayout {
    int width = 0;
    int height = 0;
    config::ScreenLayout layout = config::ScreenLayout::featured_ticker;
    int header_height = 0;
    SceneMetrics metrics;

    SceneLayout(int width, int height, config::ScreenLayout layout, int header_height);
    bool has_header() const { return layout != config::ScreenLayout::ticker; }
    bool has_band() const { return layout != config::ScreenLayout::list; }
    int upper_top() const { return has_header() ? header_height : 0; }
    int upper_bottom() const { return has_band() ? height - metrics.band_height : height; }
    // Where notices change: the upper area.
    SDL_Rect upper_area() const { return {0, upper_top(), width, upper_bottom() - upper_top()}; }
    SDL_Rect band() const { return {0, height - metrics.band_height, width, metrics.band_height}; }
    // The width between the margins.
    int text_width() const { return width - 2 * metrics.margin_x; }
    int unit() const { return std::min(width, height); }
};

}  // namespace signage::render

#include "render/scene_layout.hpp"

#include <algorithm>

namespace signage::render {

namespace {

// Auto-fit steps for a long featured title, as fractions of its full size: below about 70% it
// no longer reads as a headline from across a lobby, and "…" is the better choice.
constexpr int title_fit_percent[] = {90, 80, 70};

}  // namespace

SceneMetrics::SceneMetrics(int width, int height)
    : SceneMetrics(width, std::min(width, height), height > width)
{
}

SceneMetrics::SceneMetrics(int width, int unit, bool portrait)
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

SceneLayout::SceneLayout(int width, int height, config::ScreenLayout layout, int header_height)
    : width(width)
    , height(height)
    , layout(layout)
    , header_height(header_height)
    , metrics(width, height)
{
}

Result<std::unique_ptr<SceneFonts>> SceneFonts::open(const text::FreeTypeLibrary& library, const text::FontRoles& roles, int width, int height)
{
    const SceneMetrics metrics(width, height);
    auto open = [&](const std::vector<text::FontFile>& files, int px) { return text::FontChain::open(library, files, px); };
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
    std::vector<text::FontChain> smaller_titles;
    for (int percent : title_fit_percent) {
        auto smaller = open(roles.headline, std::max(12, metrics.title_px * percent / 100));
        if (!smaller)
            return smaller.error();
        smaller_titles.push_back(std::move(smaller.value()));
    }
    return std::make_unique<SceneFonts>(SceneFonts{std::move(label.value()), std::move(title.value()), std::move(smaller_titles),
                                                   std::move(subtitle.value()), std::move(date.value()), std::move(crawl.value()),
                                                   std::move(alert.value()), std::move(list_title.value()), std::move(clock.value()),
                                                   std::move(header_second.value())});
}

const text::FontChain& SceneFonts::title_at(int pixel_size) const
{
    for (const auto& smaller : smaller_titles)
        if (smaller.pixel_size() == pixel_size)
            return smaller;
    return title;
}

}  // namespace signage::render

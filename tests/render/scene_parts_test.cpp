// The scene's parts on their own: the board a set of notices makes, the urgent banner's turns,
// the featured panel's changes, the crawl band's items.
#include "render/board.hpp"
#include "render/crawl_band.hpp"
#include "render/featured_notices.hpp"
#include "render/featured_panel.hpp"
#include "render/urgent_banner.hpp"
#include "sample_notices.hpp"
#include "scene_parts.hpp"

#include <doctest/doctest.h>

namespace signage::render {

TEST_CASE("a board leaves out notices without a title and counts each notice's place and cost")
{
    PartsOnSurface parts;
    auto notices = sample_notices();
    notices.push_back(model::Notice{});  // no title
    MakeText text(parts.text);
    const Board board = build_board(notices, text, parts.context);
    CHECK(board.featured.size() == 5);
    CHECK(board.crawl.size() == 5);
    CHECK(board.rows.empty());
    CHECK(board.notices_rasterized == 5);
    CHECK(board.notices_reused == 0);
    CHECK(board.featured[1].counter->lines.front().advance() > 0);

    const Board again = build_board(notices, text, parts.context);
    CHECK(again.notices_reused == 5);
    CHECK(again.featured[0].title == board.featured[0].title);
}

TEST_CASE("a featured page draws within a band of rows narrower than the upper area, which the crossfade snapshot holds")
{
    PartsOnSurface parts;
    MakeText text(parts.text);
    Board board = build_board(sample_notices(), text, parts.context);
    FeaturedNotices pages(parts.context);
    pages.show(std::move(board.featured), std::move(board.rotation));
    const SDL_Rect area = parts.context.layout->upper_area();
    REQUIRE(pages.count() == 5);
    for (std::size_t index = 0; index < pages.count(); ++index) {
        const auto rows = pages.drawn_rows(index);
        REQUIRE(rows.has_value());
        CHECK(rows->h > 0);
        CHECK(rows->h < area.h);
        const SDL_Rect code = pages.qr_rect(index);
        if (code.h > 0) {
            CHECK(rows->y <= code.y);
            CHECK(rows->y + rows->h >= code.y + code.h);
        }
    }
}

TEST_CASE("in the ticker layout a board is the crawl alone, in the list layout, rows in pages")
{
    PartsOnSurface parts;
    MakeText text(parts.text);
    parts.settings.screen.layout = config::ScreenLayout::ticker;
    const Board ticker = build_board(sample_notices(), text, parts.context);
    CHECK(ticker.featured.empty());
    CHECK(ticker.crawl.size() == 5);
    // Only the crawl's text is made: none of the featured page's titles, dates, codes, counters.
    std::size_t crawl_texts = 0;
    for (const auto& item : ticker.crawl)
        crawl_texts += (item.primary ? 1 : 0) + (item.secondary ? 1 : 0);
    CHECK(crawl_texts >= 5);
    CHECK(text.misses() == crawl_texts);

    parts.settings.screen.layout = config::ScreenLayout::list;
    const Board list = build_board(sample_notices(), text, parts.context);
    CHECK(list.rows.size() == 5);
    CHECK(list.crawl.empty());
    CHECK(list.page_counters.size() == (5 + rows_per_page(parts.context) - 1) / rows_per_page(parts.context));
}

TEST_CASE("urgent banners take turns of a dwell each, and a notice without a title has none")
{
    PartsOnSurface parts;
    auto notices = sample_notices();
    std::vector<const model::Notice*> urgent{&notices[0], &notices[1]};
    const model::Notice untitled;
    urgent.push_back(&untitled);
    MakeText text(parts.text);
    UrgentBanner banner(parts.context, TextSprite{});
    banner.show(make_urgent_notices(text, parts.context, urgent));
    REQUIRE(banner.count() == 2);
    const double dwell = parts.settings.featured_dwell_s;
    CHECK(banner.index_at(0.0) == 0);
    CHECK(banner.index_at(dwell * 0.99) == 0);
    CHECK(banner.index_at(dwell) == 1);
    CHECK(banner.index_at(dwell * 2) == 0);
    CHECK(banner.index_at(-5.0) == 0);
}

TEST_CASE("the panel's change is a crossfade's opacity or a slide's offset, and nothing outside a change")
{
    PartsOnSurface parts;
    const BackgroundPicture none;
    const Background background(parts.context, none);
    FeaturedPanel panel(parts.context, background);
    FeaturedRotation::Moment moment;
    CHECK(panel.change_at(moment).kind == config::NoticeTransition::cut);
    moment.progress = 0.5;
    CHECK(panel.change_at(moment).kind == config::NoticeTransition::crossfade);
    CHECK(panel.change_at(moment).amount == 128);
    moment.progress = 1.0;
    CHECK(panel.change_at(moment).amount == 254);  // never fully opaque while it lasts
    parts.settings.screen.transition = config::NoticeTransition::slide;
    moment.progress = 0.5;
    CHECK(panel.change_at(moment).kind == config::NoticeTransition::slide);
    CHECK(panel.change_at(moment).amount == slide_offset(0.5, PartsOnSurface::width));
    parts.settings.screen.transition = config::NoticeTransition::cut;
    CHECK(panel.change_at(moment).kind == config::NoticeTransition::cut);
}

TEST_CASE("a crawl item is as wide as its titles, the gaps and the separator between notices")
{
    PartsOnSurface parts;
    MakeText text(parts.text);
    const std::string korean = "공지";
    const std::string english = "Notice";
    const CrawlItem alone = make_crawl_item(text, parts.context, korean, nullptr);
    const CrawlItem both = make_crawl_item(text, parts.context, korean, &english);
    const SceneMetrics& metrics = parts.layout.metrics;
    CHECK(alone.width == alone.primary->lines.front().advance() + 4 * metrics.crawl_gap + metrics.separator_size);
    CHECK(both.width == alone.width + metrics.crawl_gap + both.secondary->lines.front().advance());
}

}  // namespace signage::render

#include "render/board.hpp"

#include "platform/local_time.hpp"

#include <algorithm>
#include <cstdio>

namespace signage::render {

namespace {

std::size_t count_code_points(std::string_view text)
{
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A notice's texts as the screen shows them: Korean above English; a notice in one language
// shows that one alone.
struct NoticeText {
    const std::string* primary = nullptr;
    const std::string* secondary = nullptr;
    std::string day;   // "2018.06.04", or empty
    std::string date;  // "2018.06.04 · 보도자료": the first category after the date
    const std::string* link = nullptr;

    explicit NoticeText(const model::Notice& notice)
    {
        const model::LocalizedTitle* korean = notice.title_in("ko");
        const model::LocalizedTitle* english = notice.title_in("en");
        primary = korean ? &korean->text : &notice.titles.front().text;
        link = &notice.link;
        secondary = korean && english ? &english->text : nullptr;
        day = notice.published ? format_notice_date(*notice.published) : std::string();
        date = day;
        if (!notice.categories.empty() && !notice.categories.front().empty())
            date += (date.empty() ? "" : "  ·  ") + notice.categories.front();
    }
};

// Adds one notice's texts to the board for the layout; counts whether any had to be made.
void add_notice(Board& board, const NoticeText& notice, TextSource& text, const SceneContext& context)
{
    const std::size_t misses_before = text.misses();
    const config::ScreenLayout layout = context.settings->screen.layout;
    if (layout == config::ScreenLayout::list) {
        board.rows.push_back(make_list_row(text, context, *notice.primary, notice.secondary, notice.day));
    } else {
        // The ticker shows the crawl alone: the featured page's text (large titles, dates, QR
        // codes) is not made, so it neither costs the worker nor sits in the cache.
        if (layout == config::ScreenLayout::featured_ticker)
            board.featured.push_back(make_featured_notice(text, context, *notice.primary, notice.secondary, notice.date, *notice.link));
        board.crawl.push_back(make_crawl_item(text, context, *notice.primary, notice.secondary));
    }
    ++(text.misses() != misses_before ? board.notices_rasterized : board.notices_reused);
}

}  // namespace

std::string format_notice_date(model::TimePoint time)
{
    const std::chrono::year_month_day date = platform::to_local(time).date;
    char text[16];
    std::snprintf(text, sizeof text, "%04d.%02u.%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    return text;
}

Board build_board(const std::vector<model::Notice>& all_notices, TextSource& text, const SceneContext& context)
{
    const SceneSettings& settings = *context.settings;
    std::vector<const model::Notice*> notices;
    for (const auto& notice : all_notices)
        if (!notice.titles.empty())
            notices.push_back(&notice);
    Board board;
    std::vector<double> dwells;
    for (std::size_t i = 0; i < notices.size(); ++i) {
        const NoticeText notice(*notices[i]);
        dwells.push_back(dwell_for(count_code_points(*notice.primary), notice.secondary ? count_code_points(*notice.secondary) : 0,
                                   settings.featured_dwell_s, settings.featured_max_dwell_s));
        add_notice(board, notice, text, context);
        if (settings.screen.layout == config::ScreenLayout::featured_ticker)
            board.featured.back().counter = make_counter(text, context, i, notices.size());
    }
    board.rotation = FeaturedRotation(std::move(dwells), settings.featured_transition_s);
    // The list, in pages of as many rows as fit, each shown list_page_s.
    const std::size_t per_page = rows_per_page(context);
    const std::size_t pages = (board.rows.size() + per_page - 1) / per_page;
    for (std::size_t page = 0; page < pages; ++page)
        board.page_counters.push_back(make_counter(text, context, page, pages));
    board.pages = FeaturedRotation(std::vector<double>(pages, settings.screen.list_page_s), settings.featured_transition_s);
    return board;
}

}  // namespace signage::render

#pragma once
// A board: what a set of notices puts on screen (featured notices, crawl items, list rows, and
// their rotations), built whole before it replaces what is shown.
#include "model/notice.hpp"
#include "render/crawl_band.hpp"
#include "render/featured_notices.hpp"
#include "render/list_pages.hpp"
#include "render/rotation.hpp"
#include "render/scene_settings.hpp"
#include "render/text_source.hpp"

#include <string>
#include <vector>

namespace signage::render {

struct Board {
    std::vector<FeaturedNotice> featured;
    FeaturedRotation rotation;
    std::vector<CrawlItem> crawl;
    std::vector<ListRow> rows;
    std::vector<SharedTextBlock> page_counters;  // "1 / 3"
    FeaturedRotation pages;
    std::size_t notices_rasterized = 0;  // notices with any text not found in the cache
    std::size_t notices_reused = 0;
};

// Notices without a title are left out. Text comes from `text`: what it gives as null (being
// made elsewhere) is left null.
Board build_board(const std::vector<model::Notice>& notices, TextSource& text, const SceneContext& context);

// A notice date as the screen shows it, "2018.06.04", in the screen's time zone (use_time_zone).
std::string format_notice_date(model::TimePoint time);

}  // namespace signage::render

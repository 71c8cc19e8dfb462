#pragma once
// [alerts]: which CAP emergency alerts the screen shows, and how each severity looks.
#include <chrono>
#include <string>
#include <vector>

namespace signage::config {

// Where an alert of a severity goes on the screen.
enum class AlertPlacement {
    banner,  // "banner": takes the upper area, as the urgent banner does
    band,    // "band": a band across the top that leaves the notices visible
    crawl,   // "crawl": joins the crawl with a badge
    hidden,  // "hidden": logged, never shown
};

struct AlertSettings {
    // An alert is for this screen when one of its areas' <areaDesc> contains one of `areas`
    // (ASCII case ignored), or one of its <geocode> values is one of `geocodes`. Both empty:
    // every alert is.
    std::vector<std::string> areas;
    std::vector<std::string> geocodes;
    // An alert without <expires> leaves the screen this long after it took effect.
    std::chrono::hours max_age{24};
    // The <info> languages shown first, in this order ("ko" matches "ko-KR"); the others after.
    std::vector<std::string> languages{"ko", "en"};
    AlertPlacement extreme = AlertPlacement::banner;
    AlertPlacement severe_immediate = AlertPlacement::banner;  // Severe with Immediate urgency
    AlertPlacement severe = AlertPlacement::band;
    AlertPlacement moderate = AlertPlacement::crawl;
    AlertPlacement minor = AlertPlacement::crawl;
    AlertPlacement unknown = AlertPlacement::crawl;  // no severity, or Unknown

    bool operator==(const AlertSettings&) const = default;
};

}  // namespace signage::config

#pragma once
// [urgent]: which notices preempt the rotation with a full-width banner.
#include "config/rgba_color.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace signage::config {

struct UrgentSettings {
    std::vector<std::string> categories{"긴급", "urgent", "alert"};  // a notice in one of these (any case)
    std::vector<std::string> keywords;                              // or whose title contains one
    std::chrono::hours max_age{24};  // an urgent notice older than this is no longer urgent
    RgbaColor banner{196, 30, 45, 255};
    RgbaColor banner_text{255, 255, 255, 255};

    bool operator==(const UrgentSettings&) const = default;
};

}  // namespace signage::config

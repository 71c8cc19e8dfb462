#pragma once
// [screen]: what the screen shows and how it looks.
#include "config/rgba_color.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace signage::config {

enum class ScreenLayout {
    featured_ticker,  // "featured+ticker": one notice large, the crawl along the bottom (default)
    ticker,           // "ticker": the crawl band only, over the background
    list,             // "list": a page of the latest notices, turning every list_page_s
};
enum class ClockStyle { korean, english, both, off };  // "korean" 2018년 6월 4일 (월) 14:05, "english" Mon 4 Jun 2018 14:05
// How the featured notice (and a page of the list) gives way to the next, over [featured]
// transition_s.
enum class NoticeTransition {
    crossfade,  // "crossfade": the old one fades out as the new one fades in (default)
    slide,      // "slide": the new one pushes the old one out to the left
    cut,        // "cut": the new one replaces the old one at once
};

struct ScreenSettings {
    ScreenLayout layout = ScreenLayout::featured_ticker;
    std::string agency_name_ko;               // empty: none shown
    std::string agency_name_en;
    std::optional<std::filesystem::path> logo;  // absolute; PNG, SVG or JPEG, checked to exist
    ClockStyle clock = ClockStyle::both;
    std::string time_zone = "Asia/Seoul";       // an IANA name, checked against the zone database
    double list_page_s = 12.0;                  // 3..600
    NoticeTransition transition = NoticeTransition::crossfade;
    // Colours of the theme.
    RgbaColor background{11, 31, 58, 255};
    RgbaColor band{5, 18, 38, 255};  // the crawl band and the header
    RgbaColor text{255, 255, 255, 255};
    RgbaColor accent{242, 179, 61, 255};
    std::optional<std::filesystem::path> background_image;  // absolute; PNG or JPEG, scaled to cover
    // A QR code of the featured notice's link (and of an alert banner's web link), with a label.
    bool qr = true;
    std::string qr_label = "자세히 보기 · More";

    bool operator==(const ScreenSettings&) const = default;
};

}  // namespace signage::config

#pragma once
// What a CAP emergency alert puts on screen (model::ShownAlert, by its placement), as text made
// through a TextSource like the notices' (so on the worker for prepare_alerts): the banner's
// lines and QR code, the band's line, the crawl's item with its severity badge. The colours of
// each severity, and the words of its label and of "until HH:MM", are here too.
#include "model/alert_board.hpp"
#include "render/crawl_band.hpp"
#include "render/scene_settings.hpp"
#include "render/text_source.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace signage::render {

// The colours of a severity: the banner or band's ground (white text on it), and its tag.
struct AlertColours {
    SDL_Color ground;
    SDL_Color tag_ground;
    SDL_Color tag_text;
};
// Banner and band: Extreme a deep red, Severe an orange-red, the rest a dark amber; white text
// on each reads at better than 5:1.
AlertColours alert_colours(model::AlertSeverity severity);
// The crawl's badge: amber for Moderate, a yellow for Minor, grey for Unknown, dark text on it;
// red with white text for a more severe alert placed in the crawl.
AlertColours badge_colours(model::AlertSeverity severity);
// "긴급 EXTREME", "심각 SEVERE", "주의 Moderate", "정보 Minor", "알림 Alert".
std::string severity_words(model::AlertSeverity severity);
// "18:00까지 · until 18:00" in the screen's time zone; "12/07 18:00까지 · until 12/07 18:00" when
// that is not `today`; empty without a time.
std::string until_text(const std::optional<model::TimePoint>& until, std::chrono::year_month_day today);

struct AlertBannerText {
    model::AlertSeverity severity = model::AlertSeverity::unknown;
    SharedTextBlock tag;              // severity_words
    SharedTextBlock event;            // "호우경보 · Heavy Rain Warning"
    SharedTextBlock until;            // until_text (null on a portrait screen: in the footer)
    SharedTextBlock headline;         // the first info's, wrapped
    SharedTextBlock second_headline;  // the next language's
    SharedTextBlock instruction;
    SharedTextBlock footer;  // "발표 From · 기상청   지역 Area · 서울특별시, 경기도" (and until, on a portrait screen)
    SharedTextBlock qr;      // the QR code of the info's web link, as one opaque "line"; null: none
    SharedTextBlock qr_label;
};

struct AlertBandText {
    model::AlertSeverity severity = model::AlertSeverity::unknown;
    SharedTextBlock tag;
    SharedTextBlock line;   // "강풍경보 · Gale Warning · 헤드라인", one line
    SharedTextBlock until;  // at the right end
};

// Everything a list of alerts puts on screen, in its order.
struct AlertTexts {
    std::vector<AlertBannerText> banners;
    std::vector<AlertBandText> bands;
    std::vector<CrawlItem> crawl;
};

// Where the banner's parts go: a row across the top (tag, event, until), then the body with the
// QR code at the right and the text beside it.
struct AlertBannerGeometry {
    int padding = 0;     // around the row and the body
    int qr_side = 0;     // the most the QR code (quiet zone included) may take
    int text_width = 0;  // of the body's text, beside the QR code
};
AlertBannerGeometry banner_geometry(const SceneLayout& layout);
// The band's height: the top margin of the upper area, above where a featured title may start.
int alert_band_height(const SceneLayout& layout);

// A screen without a crawl band (the list layout) shows crawl alerts in the band.
AlertTexts make_alert_texts(TextSource& text, const SceneContext& context, const std::vector<model::ShownAlert>& alerts,
                            std::chrono::year_month_day today);

}  // namespace signage::render

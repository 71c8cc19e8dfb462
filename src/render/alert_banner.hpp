#pragma once
// CAP alerts drawn in the upper area. The banner (Extreme; Severe and Immediate) takes the upper
// area as the urgent banner does, in its severity's colour: a row with the severity, the event
// and "until HH:MM", then the headline (and the next language's under it), the instruction, the
// area and the sender, with the QR code of the alert's link at the right. The band (Severe) is
// one line across the top margin of the upper area, above where a featured title may start, so
// the notices under it stay whole. Several of either take turns, a dwell each.
#include "render/alert_text.hpp"
#include "render/scene_settings.hpp"

#include <cstddef>
#include <vector>

namespace signage::render {

class AlertBanner {
public:
    explicit AlertBanner(SceneContext context) : m_context(context) {}

    void show(std::vector<AlertBannerText> banners) { m_banners = std::move(banners); }
    bool empty() const { return m_banners.empty(); }
    std::size_t count() const { return m_banners.size(); }
    // Banner `index` from `top` down to the bottom of the upper area.
    void draw(std::size_t index, int top) const;

private:
    int draw_row(const AlertBannerText& banner, int top) const;
    void draw_qr(const AlertBannerText& banner, int top) const;
    void draw_body(const AlertBannerText& banner, int top, int bottom) const;

    SceneContext m_context;
    std::vector<AlertBannerText> m_banners;
};

class AlertBand {
public:
    explicit AlertBand(SceneContext context) : m_context(context) {}

    void show(std::vector<AlertBandText> bands) { m_bands = std::move(bands); }
    bool empty() const { return m_bands.empty(); }
    std::size_t count() const { return m_bands.size(); }
    // The band's height (0 with no band alert).
    int height() const;
    // Which band alert shows at `seconds` of play.
    std::size_t index_at(double seconds) const;
    void draw(std::size_t index) const;

private:
    SceneContext m_context;
    std::vector<AlertBandText> m_bands;
};

// An alert's severity tag: its words in a light box, centred on `middle_y`. Returns its width.
int draw_alert_tag(const SceneContext& context, const SharedTextBlock& tag, model::AlertSeverity severity, int x, int middle_y);

}  // namespace signage::render

#include "render/alert_text.hpp"

#include "platform/local_time.hpp"
#include "render/draw_helpers.hpp"
#include "render/notice_qr.hpp"
#include "text/shaper.hpp"
#include "text/wrap.hpp"

#include <algorithm>
#include <cstdio>

namespace signage::render {

namespace {

constexpr SDL_Color white{255, 255, 255, 255};
constexpr SDL_Color soft_white{255, 226, 220, 255};  // the area and sender lines, on any alert ground

// The parts of an alert its look is made of: the first info, and a second language's if any.
struct AlertWords {
    const model::AlertInfo* first = nullptr;
    const model::AlertInfo* second = nullptr;  // another language; null: none
    std::string event;                         // "호우경보 · Heavy Rain Warning"
    std::string headline;                      // the first info's, else its event
    std::string areas;                         // "서울특별시, 경기도"
    std::string sender;
    std::string web;

    explicit AlertWords(const model::ShownAlert& shown)
    {
        first = &shown.infos.front();
        for (const auto& info : shown.infos)
            if (info.language != first->language && !info.headline.empty()) {
                second = &info;
                break;
            }
        event = first->event;
        if (second && !second->event.empty() && second->event != event)
            event += (event.empty() ? "" : " · ") + second->event;
        headline = !first->headline.empty() ? first->headline : !first->event.empty() ? first->event : first->description;
        for (const auto& area : first->areas)
            if (!area.description.empty())
                areas += (areas.empty() ? "" : ", ") + area.description;
        sender = !first->sender_name.empty() ? first->sender_name : shown.alert.sender;
        for (const auto& info : shown.infos)
            if (!info.web.empty()) {
                web = info.web;
                break;
            }
    }
};

std::string clock_text(std::chrono::year_month_day date, std::chrono::minutes time, bool with_date)
{
    char text[32];
    const auto hours = static_cast<int>(time.count() / 60), minutes = static_cast<int>(time.count() % 60);
    if (with_date)
        std::snprintf(text, sizeof text, "%02u/%02u %02d:%02d", static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), hours,
                      minutes);
    else
        std::snprintf(text, sizeof text, "%02d:%02d", hours, minutes);
    return text;
}

// One line of `role` after the severity tag (`tag`, in its box) and before `right` (set in the
// same role at the right end), in what is left of `width`: measured where it is made.
TextRecipe after_tag(text::FontChain SceneFonts::*role, std::string line, std::string tag, std::string right, int width, int gap,
                     const TextEffects& effects)
{
    return [=, line = std::move(line), tag = std::move(tag), right = std::move(right)](const SceneFonts& fonts) {
        const text::FontChain& chain = fonts.*role;
        auto advance = [](const std::string& text, const text::FontChain& font) {
            return text.empty() ? 0 : static_cast<int>(text::shape_line(text, font).advance / 64);
        };
        // As draw_alert_tag draws the box.
        const int taken = advance(tag, fonts.label) + 2 * (line_height(fonts.label) / 2) + gap + (right.empty() ? 0 : advance(right, chain) + gap);
        ComposedBlock block;
        block.pixel_size = chain.pixel_size();
        for (const auto& wrapped : text::wrap_text(line, chain, std::max(1, width - taken), 1))
            block.lines.push_back(compose_text(wrapped, chain, white, effects));
        return block;
    };
}

std::string tag_kind(const char* part, model::AlertSeverity severity)
{
    return std::string(part) + "-" + std::to_string(static_cast<int>(severity));
}

AlertBannerText make_banner(TextSource& text, const SceneContext& context, const model::ShownAlert& shown, const AlertWords& words,
                            std::chrono::year_month_day today)
{
    const SceneLayout& layout = *context.layout;
    const TextEffects& effects = context.settings->text_effects;
    const AlertBannerGeometry geometry = banner_geometry(layout);
    const bool portrait = layout.height > layout.width;
    const bool qr = context.settings->screen.qr && !words.web.empty();
    const int width = qr ? geometry.text_width : layout.text_width();
    const std::string severity = severity_words(shown.severity);
    const std::string until = until_text(shown.until, today);
    // The kind names the width the text wraps in: beside a QR code or across the banner.
    const std::string narrow = qr ? "-beside-qr" : "";
    AlertBannerText banner;
    banner.severity = shown.severity;
    banner.tag = text.get(tag_kind("alert-tag", shown.severity), severity,
                          line_of(&SceneFonts::label, severity, alert_colours(shown.severity).tag_text, {}));
    const int gap = layout.metrics.crawl_gap / 2;
    banner.event = text.get("alert-event", words.event + "\x1e" + severity + "\x1e" + until,
                            after_tag(&SceneFonts::subtitle, words.event, severity, portrait ? "" : until, layout.text_width(), gap, effects));
    if (!until.empty() && !portrait)
        banner.until = text.get("alert-until", until, line_of(&SceneFonts::subtitle, until, white, effects));
    banner.headline = text.get("alert-headline" + narrow, words.headline, lines_of(&SceneFonts::alert, words.headline, white, effects,
                                                                         layout.metrics.title_lines, width));
    if (words.second)
        banner.second_headline = text.get("alert-second" + narrow, words.second->headline,
                                          lines_of(&SceneFonts::subtitle, words.second->headline, white, effects, portrait ? 2 : 1, width));
    if (!words.first->instruction.empty())
        banner.instruction = text.get("alert-instruction" + narrow, words.first->instruction,
                                      lines_of(&SceneFonts::subtitle, words.first->instruction, white, effects, portrait ? 4 : 2, width));
    // The sender, then the areas, in small type: who says it, and for where. A portrait banner
    // is too narrow for "until" in its top row: it goes here, after the sender.
    std::string footer = words.sender.empty() ? "" : "발표 From · " + words.sender;
    if (portrait && !until.empty())
        footer += (footer.empty() ? "" : "   ") + until;
    if (!words.areas.empty())
        footer += (footer.empty() ? "" : "   ") + ("지역 Area · " + words.areas);
    if (!footer.empty())
        banner.footer = text.get("alert-small" + narrow, footer, lines_of(&SceneFonts::date, footer, soft_white, effects, portrait ? 3 : 2, width));
    if (qr) {
        banner.qr = text.get("alert-qr", words.web, qr_code_of(words.web, geometry.qr_side));
        const std::string& label = context.settings->screen.qr_label;
        if (!label.empty())
            banner.qr_label = text.get("alert-qr-label", label, lines_of(&SceneFonts::date, label, soft_white, effects, 1, geometry.qr_side));
    }
    return banner;
}

AlertBandText make_band(TextSource& text, const SceneContext& context, const model::ShownAlert& shown, const AlertWords& words,
                        std::chrono::year_month_day today)
{
    const SceneLayout& layout = *context.layout;
    // The first language's event and headline: the band has one line.
    std::string line = words.first->event;
    if (words.headline != line)
        line += (line.empty() ? "" : " · ") + words.headline;
    const std::string until = until_text(shown.until, today);
    const TextEffects& effects = context.settings->text_effects;
    AlertBandText band;
    band.severity = shown.severity;
    const std::string severity = severity_words(shown.severity);
    band.tag = text.get(tag_kind("alert-tag", shown.severity), severity,
                        line_of(&SceneFonts::label, severity, alert_colours(shown.severity).tag_text, {}));
    band.line = text.get("alert-band", line + "\x1e" + severity + "\x1e" + until,
                         after_tag(&SceneFonts::crawl, line, severity, until, layout.text_width(), layout.metrics.crawl_gap / 2, effects));
    if (!until.empty())
        band.until = text.get("alert-band-until", until, line_of(&SceneFonts::crawl, until, white, effects));
    return band;
}

CrawlItem make_crawl(TextSource& text, const SceneContext& context, const model::ShownAlert& shown, const AlertWords& words)
{
    CrawlItem item = make_crawl_item(text, context, words.headline, words.second ? &words.second->headline : nullptr);
    const std::string severity = severity_words(shown.severity);
    item.badge = text.get(tag_kind("alert-badge", shown.severity), severity,
                          line_of(&SceneFonts::label, severity, badge_colours(shown.severity).tag_text, {}));
    item.badge_ground = badge_colours(shown.severity).tag_ground;
    item.width += badge_box_width(context.layout->metrics, first_line(item.badge).advance()) + context.layout->metrics.crawl_gap;
    return item;
}

}  // namespace

AlertColours alert_colours(model::AlertSeverity severity)
{
    switch (severity) {
    case model::AlertSeverity::extreme:
        return {{150, 10, 22, 255}, {255, 255, 255, 255}, {150, 10, 22, 255}};
    case model::AlertSeverity::severe:
        return {{188, 50, 10, 255}, {255, 255, 255, 255}, {168, 40, 6, 255}};
    default:
        return {{128, 74, 0, 255}, {255, 255, 255, 255}, {110, 62, 0, 255}};
    }
}

AlertColours badge_colours(model::AlertSeverity severity)
{
    switch (severity) {
    case model::AlertSeverity::extreme:
    case model::AlertSeverity::severe:
        return {{0, 0, 0, 0}, {200, 30, 30, 255}, {255, 255, 255, 255}};
    case model::AlertSeverity::moderate:
        return {{0, 0, 0, 0}, {245, 166, 35, 255}, {36, 22, 0, 255}};
    case model::AlertSeverity::minor:
        return {{0, 0, 0, 0}, {236, 216, 96, 255}, {40, 34, 0, 255}};
    case model::AlertSeverity::unknown:
        break;
    }
    return {{0, 0, 0, 0}, {200, 208, 218, 255}, {20, 28, 40, 255}};
}

std::string severity_words(model::AlertSeverity severity)
{
    switch (severity) {
    case model::AlertSeverity::extreme:
        return "긴급 EXTREME";
    case model::AlertSeverity::severe:
        return "심각 SEVERE";
    case model::AlertSeverity::moderate:
        return "주의 Moderate";
    case model::AlertSeverity::minor:
        return "정보 Minor";
    case model::AlertSeverity::unknown:
        break;
    }
    return "알림 Alert";
}

std::string until_text(const std::optional<model::TimePoint>& until, std::chrono::year_month_day today)
{
    if (!until)
        return {};
    const platform::LocalTime local = platform::to_local(*until);
    const std::string time = clock_text(local.date, local.time_of_day, local.date != today);
    return time + "까지 · until " + time;
}

AlertBannerGeometry banner_geometry(const SceneLayout& layout)
{
    AlertBannerGeometry geometry;
    geometry.padding = std::max(6, layout.unit() * 25 / 1000);
    geometry.qr_side = layout.unit() * 30 / 100;
    geometry.text_width = layout.text_width() - geometry.qr_side - layout.metrics.margin_x / 2;
    return geometry;
}

int alert_band_height(const SceneLayout& layout)
{
    if (!layout.has_header())
        return layout.unit() * 8 / 100;
    return std::max(layout.unit() * 5 / 100, layout.metrics.title_top - layout.upper_top() - std::max(2, layout.unit() / 200));
}

AlertTexts make_alert_texts(TextSource& text, const SceneContext& context, const std::vector<model::ShownAlert>& alerts,
                            std::chrono::year_month_day today)
{
    AlertTexts texts;
    for (const auto& shown : alerts) {
        if (shown.infos.empty())
            continue;
        const AlertWords words(shown);
        switch (shown.placement) {
        case config::AlertPlacement::banner:
            texts.banners.push_back(make_banner(text, context, shown, words, today));
            break;
        case config::AlertPlacement::crawl:
            if (context.layout->has_band()) {
                texts.crawl.push_back(make_crawl(text, context, shown, words));
                break;
            }
            [[fallthrough]];
        case config::AlertPlacement::band:
            texts.bands.push_back(make_band(text, context, shown, words, today));
            break;
        case config::AlertPlacement::hidden:
            break;
        }
    }
    return texts;
}

}  // namespace signage::render

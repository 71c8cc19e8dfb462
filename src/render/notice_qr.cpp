#include "render/notice_qr.hpp"

#include "platform/log.hpp"
#include "render/draw_helpers.hpp"
#include "render/qr_code.hpp"
#include "text/wrap.hpp"
#include "util/ascii.hpp"

#include <algorithm>

namespace signage::render {

namespace {

// Modules a side of a version 5 code with its quiet zone: a link of up to 84 bytes at level M.
constexpr int typical_side_modules = 37 + 2 * kQrQuietModules;
constexpr int min_module_px = 2;

int label_lines_height(const TextBlock* label, const SceneFonts& fonts)
{
    return label && !label->lines.empty() ? static_cast<int>(label->lines.size()) * line_height(fonts.label) : 0;
}

}  // namespace

bool shows_notice_qr(const config::ScreenSettings& screen, std::string_view link)
{
    if (!screen.qr)
        return false;
    for (std::string_view scheme : {"http://", "https://"})
        if (link.size() > scheme.size() && ascii_istarts_with(link, scheme))
            return true;
    return false;
}

int notice_qr_column_px(const SceneLayout& layout)
{
    return std::max(layout.unit() * 22 / 100, min_module_px * typical_side_modules);
}

int text_width_beside_qr(const SceneLayout& layout)
{
    return layout.text_width() - notice_qr_column_px(layout) - 2 * layout.metrics.crawl_gap;
}

TextRecipe qr_code_of(std::string link, int column_px)
{
    return [link = std::move(link), column_px](const SceneFonts&) {
        ComposedBlock block;
        auto code = QrCode::encode(link);
        if (!code) {
            platform::log({platform::LogLevel::warning, "render", "link " + link.substr(0, 80) + ": " + code.error().message + "; shown without a QR code"});
            return block;
        }
        const int module_px = qr_module_px(code.value(), column_px);
        if (module_px < min_module_px) {
            platform::log({platform::LogLevel::warning, "render",
                           "a link of " + std::to_string(link.size()) + " bytes needs a QR code of " +
                               std::to_string(code->modules()) + " modules, too many to read at this screen size; shown without one"});
            return block;
        }
        const int side = qr_side_px(code.value(), module_px);
        ComposedText picture;
        picture.width = side;
        picture.height = side;
        picture.advance = side;
        picture.pixels = qr_pixels(code.value(), module_px);
        block.lines.push_back(std::move(picture));
        return block;
    };
}

TextRecipe qr_label_of(std::string label, SDL_Color colour, const TextEffects& effects, int column_px)
{
    return [label = std::move(label), colour, effects, column_px](const SceneFonts& fonts) {
        ComposedBlock block;
        block.pixel_size = fonts.label.pixel_size();
        if (label.empty())
            return block;
        ComposedText whole = compose_text(label, fonts.label, colour, effects);
        if (whole.advance <= column_px) {
            block.lines.push_back(std::move(whole));
            return block;
        }
        constexpr std::string_view separator = " · ";
        std::string_view rest = label;
        while (!rest.empty()) {
            const std::size_t at = rest.find(separator);
            const std::string_view part = rest.substr(0, at);
            for (const auto& line : text::wrap_text(part, fonts.label, column_px, 1))
                block.lines.push_back(compose_text(line, fonts.label, colour, effects));
            rest = at == std::string_view::npos ? std::string_view() : rest.substr(at + separator.size());
        }
        return block;
    };
}

SDL_Rect notice_qr_rect(const TextBlock* code, const TextBlock* label, const SceneFonts& fonts, int right, int top, int bottom)
{
    if (!code || code->lines.empty())
        return {0, 0, 0, 0};
    const TextSprite& picture = code->lines.front();
    const int side = picture.height();
    const int label_height = label_lines_height(label, fonts);
    const int label_gap = label_height > 0 ? line_height(fonts.label) / 4 : 0;
    const int stack = side + label_gap + label_height;
    return {right - picture.advance(), std::max(top, top + (bottom - top - stack) / 2), picture.advance(), side};
}

void draw_notice_qr(SDL_Renderer* renderer, const TextBlock* code, const TextBlock* label, const SceneFonts& fonts, int right, int top,
                    int bottom, Uint8 opacity)
{
    const SDL_Rect rect = notice_qr_rect(code, label, fonts, right, top, bottom);
    if (rect.w == 0)
        return;
    code->lines.front().draw(renderer, rect.x, rect.y, opacity);
    if (!label)
        return;
    const int centre = rect.x + rect.w / 2;
    int y = rect.y + rect.h + line_height(fonts.label) / 4;
    for (const auto& line : label->lines) {
        line.draw(renderer, centre - line.advance() / 2, y + ascent(fonts.label), opacity);
        y += line_height(fonts.label);
    }
}

}  // namespace signage::render

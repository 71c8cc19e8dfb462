#pragma once
// The band along the top of the screen: the agency's logo and name in Korean and English on the
// left, the clock on the right. Without a configured name it says "공지사항 · Notices".
#include "config/screen_settings.hpp"
#include "render/text_cache.hpp"
#include "render/text_sprite.hpp"
#include "render/theme.hpp"
#include "text/font.hpp"
#include "text/font_roles.hpp"
#include "util/result.hpp"

#include <memory>
#include <string_view>

namespace signage::render {

class Header {
public:
    // The header before anything is uploaded: fonts open, logo decoded, name composed. Made on
    // any thread, so a reloaded look is readied without holding up the frames of the old one.
    struct Assets {
        Theme theme;
        TextEffects effects;
        int width = 0;
        int height = 0;
        int margin = 0;
        int rule = 0;
        std::unique_ptr<text::FontChain> name_font;
        std::unique_ptr<text::FontChain> second_font;  // the English name and the English clock
        std::unique_ptr<text::FontChain> clock_font;
        platform::SurfacePtr logo;
        SDL_Rect logo_rect{};
        ComposedText name;
        ComposedText name_second;
    };
    // `unit`: the scene's type unit (the shorter side of the screen).
    static Result<Assets> load(const text::FreeTypeLibrary& library, const text::FontRoles& fonts, const config::ScreenSettings& screen,
                               const Theme& theme, const TextEffects& effects, int width, int unit);
    static std::unique_ptr<Header> create(SDL_Renderer* renderer, Assets assets);

    int height() const { return m_assets.height; }
    // The clock's lines as they should read now ("2018년 6월 4일 (월) 14:05", "Mon 4 Jun 2018
    // 14:05"), set in the clock's font and the English name's font; nullptr shows no line. The
    // scene makes them, off the render thread.
    void set_clock(std::shared_ptr<const TextBlock> first, std::shared_ptr<const TextBlock> second);
    void draw() const;

private:
    Header() = default;

    SDL_Renderer* m_renderer = nullptr;
    Assets m_assets;  // fonts and sizes; its pictures are uploaded below
    platform::TexturePtr m_logo;
    TextSprite m_name;         // Korean (or only) name, or "공지사항 · Notices"
    TextSprite m_name_second;  // English name
    std::shared_ptr<const TextBlock> m_clock;
    std::shared_ptr<const TextBlock> m_clock_second;
};

}  // namespace signage::render

#pragma once
// The band along the top of the screen: the agency's logo and name in Korean and English on the
// left, the clock on the right. Without a configured name it says "공지사항 · Notices".
#include "config/config.hpp"
#include "render/text_sprite.hpp"
#include "render/theme.hpp"
#include "text/font.hpp"
#include "text/font_roles.hpp"
#include "util/result.hpp"

#include <memory>
#include <string_view>

class Header {
public:
    // `unit`: the scene's type unit (the shorter side of the screen).
    static Result<std::unique_ptr<Header>> create(SDL_Renderer* renderer, const FreeTypeLibrary& library, const FontRoles& fonts,
                                                  const ScreenSettings& screen, const Theme& theme, const TextEffects& effects,
                                                  int width, int unit);

    int height() const { return m_height; }
    // The clock's lines as they should read now ("2018년 6월 4일 (월) 14:05", "Mon 4 Jun 2018
    // 14:05"); empty strings show no line. Shapes and uploads: call it when the minute changes.
    void set_clock(std::string_view korean, std::string_view english);
    void draw() const;

private:
    Header() = default;

    SDL_Renderer* m_renderer = nullptr;
    Theme m_theme;
    TextEffects m_effects;
    int m_width = 0;
    int m_height = 0;
    int m_margin = 0;
    int m_rule = 0;
    std::unique_ptr<FontChain> m_name_font;
    std::unique_ptr<FontChain> m_second_font;  // the English name and the English clock
    std::unique_ptr<FontChain> m_clock_font;
    TexturePtr m_logo;
    SDL_Rect m_logo_rect{};
    TextSprite m_name;         // Korean (or only) name, or "공지사항 · Notices"
    TextSprite m_name_second;  // English name
    TextSprite m_clock;
    TextSprite m_clock_second;
};

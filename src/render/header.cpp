#include "render/header.hpp"

#include "platform/log.hpp"

#include <SDL_image.h>

#include <algorithm>

namespace {

int ascent(const FontChain& chain) { return static_cast<int>((chain.ascender() + 63) / 64); }

// The logo at `height` pixels tall. SVG is rasterized at that size, so it stays sharp; bitmaps
// are scaled by the renderer. A logo that cannot be read is left out (and said once).
TexturePtr load_logo(SDL_Renderer* renderer, const std::filesystem::path& path, int height, SDL_Rect& rect)
{
    const std::string name = path.string();
    SurfacePtr image;
    const bool svg = path.extension() == ".svg" || path.extension() == ".SVG";
    if (svg) {
        if (SDL_RWops* file = SDL_RWFromFile(name.c_str(), "rb")) {
            image.reset(IMG_LoadSizedSVG_RW(file, 0, height));
            SDL_RWclose(file);
        }
    } else {
        image.reset(IMG_Load(name.c_str()));
    }
    if (!image || image->h <= 0) {
        log_line("logo " + name + ": cannot be read (" + SDL_GetError() + "); the header shows no logo: use a PNG, JPEG or SVG file");
        return {};
    }
    TexturePtr texture(SDL_CreateTextureFromSurface(renderer, image.get()));
    if (!texture)
        return {};
    SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(texture.get(), SDL_ScaleModeBest);
    rect = {0, 0, std::max(1, image->w * height / image->h), height};
    return texture;
}

}  // namespace

Result<std::unique_ptr<Header>> Header::create(SDL_Renderer* renderer, const FreeTypeLibrary& library, const FontRoles& fonts,
                                               const ScreenSettings& screen, const Theme& theme, const TextEffects& effects,
                                               int width, int unit)
{
    auto header = std::unique_ptr<Header>(new Header());
    header->m_renderer = renderer;
    header->m_theme = theme;
    header->m_effects = effects;
    header->m_width = width;
    header->m_height = unit * 13 / 100;
    header->m_margin = std::max(16, width / 20);
    header->m_rule = std::max(2, unit / 300);

    auto open = [&](const std::vector<FontFile>& files, int px) -> Result<std::unique_ptr<FontChain>> {
        auto chain = FontChain::open(library, files, std::max(10, px));
        if (!chain)
            return chain.error();
        return std::make_unique<FontChain>(std::move(chain.value()));
    };
    auto name_font = open(fonts.label, unit * 38 / 1000);
    auto second_font = open(fonts.subtitle, unit * 25 / 1000);
    auto clock_font = open(fonts.clock, unit * 34 / 1000);
    for (auto* chain : {&name_font, &second_font, &clock_font})
        if (!*chain)
            return chain->error();
    header->m_name_font = std::move(name_font.value());
    header->m_second_font = std::move(second_font.value());
    header->m_clock_font = std::move(clock_font.value());

    if (screen.logo)
        header->m_logo = load_logo(renderer, *screen.logo, header->m_height * 62 / 100, header->m_logo_rect);
    if (screen.agency_name_ko.empty() && screen.agency_name_en.empty()) {
        header->m_name = TextSprite::from_text(renderer, "공지사항 · Notices", *header->m_name_font, theme.accent, effects);
    } else {
        const std::string& first = screen.agency_name_ko.empty() ? screen.agency_name_en : screen.agency_name_ko;
        header->m_name = TextSprite::from_text(renderer, first, *header->m_name_font, theme.text, effects);
        if (!screen.agency_name_ko.empty() && !screen.agency_name_en.empty())
            header->m_name_second = TextSprite::from_text(renderer, screen.agency_name_en, *header->m_second_font,
                                                          theme.secondary_text, effects);
    }
    return header;
}

void Header::set_clock(std::string_view korean, std::string_view english)
{
    const std::string_view first = korean.empty() ? english : korean;
    const std::string_view second = korean.empty() ? std::string_view() : english;
    m_clock = first.empty() ? TextSprite{} : TextSprite::from_text(m_renderer, first, *m_clock_font, m_theme.text, m_effects);
    m_clock_second =
        second.empty() ? TextSprite{} : TextSprite::from_text(m_renderer, second, *m_second_font, m_theme.secondary_text, m_effects);
}

void Header::draw() const
{
    SDL_SetRenderDrawColor(m_renderer, m_theme.band.r, m_theme.band.g, m_theme.band.b, 255);
    const SDL_Rect band{0, 0, m_width, m_height};
    SDL_RenderFillRect(m_renderer, &band);
    SDL_SetRenderDrawColor(m_renderer, m_theme.accent.r, m_theme.accent.g, m_theme.accent.b, 255);
    const SDL_Rect rule{0, m_height - m_rule, m_width, m_rule};
    SDL_RenderFillRect(m_renderer, &rule);

    // Two lines sit at 46% and 80% of the band; one line alone, in the middle.
    const int first_two = m_height * 46 / 100;
    const int second_two = m_height * 80 / 100;
    auto single = [&](const FontChain& font) { return (m_height - m_rule + ascent(font) - static_cast<int>(font.descender() / 64)) / 2; };

    int x = m_margin;
    if (m_logo) {
        SDL_Rect logo = m_logo_rect;
        logo.x = x;
        logo.y = (m_height - m_rule - logo.h) / 2;
        SDL_RenderCopy(m_renderer, m_logo.get(), nullptr, &logo);
        x += logo.w + m_margin / 2;
    }
    if (m_name_second.empty()) {
        m_name.draw(m_renderer, x, single(*m_name_font));
    } else {
        m_name.draw(m_renderer, x, first_two);
        m_name_second.draw(m_renderer, x, second_two);
    }
    const int right = m_width - m_margin;
    if (m_clock_second.empty()) {
        m_clock.draw(m_renderer, right - m_clock.advance(), single(*m_clock_font));
    } else {
        m_clock.draw(m_renderer, right - m_clock.advance(), first_two);
        m_clock_second.draw(m_renderer, right - m_clock_second.advance(), second_two);
    }
}

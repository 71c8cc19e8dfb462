#include "render/header.hpp"

#include "platform/log.hpp"
#include "render/draw_helpers.hpp"

#include <SDL_image.h>

#include <algorithm>

namespace signage::render {

namespace {

// The logo at `height` pixels tall. SVG is rasterized at that size, so it stays sharp; bitmaps
// are scaled by the renderer. A logo that cannot be read is left out (and said once).
platform::SurfacePtr load_logo(const std::filesystem::path& path, int height, SDL_Rect& rect)
{
    const std::string name = path.string();
    platform::SurfacePtr image;
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
        platform::log({platform::LogLevel::warning, "render",
                       "logo " + name + ": cannot be read (" + SDL_GetError() + "); the header shows no logo: use a PNG, JPEG or SVG file"});
        return {};
    }
    rect = {0, 0, std::max(1, image->w * height / image->h), height};
    return image;
}

}  // namespace

Result<Header::Assets> Header::load(const text::FreeTypeLibrary& library, const text::FontRoles& fonts, const config::ScreenSettings& screen,
                                    const Theme& theme, const TextEffects& effects, int width, int unit)
{
    Assets assets;
    assets.theme = theme;
    assets.effects = effects;
    assets.width = width;
    assets.height = unit * 13 / 100;
    assets.margin = std::max(16, width / 20);
    assets.rule = std::max(2, unit / 300);

    auto open = [&](const std::vector<text::FontFile>& files, int px) -> Result<std::unique_ptr<text::FontChain>> {
        auto chain = text::FontChain::open(library, files, std::max(10, px));
        if (!chain)
            return chain.error();
        return std::make_unique<text::FontChain>(std::move(chain.value()));
    };
    auto name_font = open(fonts.label, unit * 38 / 1000);
    auto second_font = open(fonts.subtitle, unit * 25 / 1000);
    auto clock_font = open(fonts.clock, unit * 34 / 1000);
    for (auto* chain : {&name_font, &second_font, &clock_font})
        if (!*chain)
            return chain->error();
    assets.name_font = std::move(name_font.value());
    assets.second_font = std::move(second_font.value());
    assets.clock_font = std::move(clock_font.value());

    if (screen.logo)
        assets.logo = load_logo(*screen.logo, assets.height * 62 / 100, assets.logo_rect);
    if (screen.agency_name_ko.empty() && screen.agency_name_en.empty()) {
        assets.name = compose_text("공지사항 · Notices", *assets.name_font, theme.accent, effects);
    } else {
        const std::string& first = screen.agency_name_ko.empty() ? screen.agency_name_en : screen.agency_name_ko;
        assets.name = compose_text(first, *assets.name_font, theme.text, effects);
        if (!screen.agency_name_ko.empty() && !screen.agency_name_en.empty())
            assets.name_second = compose_text(screen.agency_name_en, *assets.second_font, theme.secondary_text, effects);
    }
    return assets;
}

std::unique_ptr<Header> Header::create(SDL_Renderer* renderer, Assets assets)
{
    auto header = std::unique_ptr<Header>(new Header());
    header->m_renderer = renderer;
    if (assets.logo) {
        header->m_logo.reset(SDL_CreateTextureFromSurface(renderer, assets.logo.get()));
        if (header->m_logo) {
            SDL_SetTextureBlendMode(header->m_logo.get(), SDL_BLENDMODE_BLEND);
            SDL_SetTextureScaleMode(header->m_logo.get(), SDL_ScaleModeBest);
        }
        assets.logo.reset();  // the texture has it now
    }
    header->m_name = TextSprite::upload(renderer, assets.name);
    header->m_name_second = TextSprite::upload(renderer, assets.name_second);
    header->m_name.prime(renderer);
    header->m_name_second.prime(renderer);
    assets.name = {};
    assets.name_second = {};
    header->m_assets = std::move(assets);
    return header;
}

void Header::set_clock(std::shared_ptr<const TextBlock> first, std::shared_ptr<const TextBlock> second)
{
    m_clock = std::move(first);
    m_clock_second = std::move(second);
}

void Header::draw() const
{
    SDL_SetRenderDrawColor(m_renderer, m_assets.theme.band.r, m_assets.theme.band.g, m_assets.theme.band.b, 255);
    const SDL_Rect band{0, 0, m_assets.width, m_assets.height};
    SDL_RenderFillRect(m_renderer, &band);
    SDL_SetRenderDrawColor(m_renderer, m_assets.theme.accent.r, m_assets.theme.accent.g, m_assets.theme.accent.b, 255);
    const SDL_Rect rule{0, m_assets.height - m_assets.rule, m_assets.width, m_assets.rule};
    SDL_RenderFillRect(m_renderer, &rule);

    // Two lines sit at 46% and 80% of the band; one line alone, in the middle.
    const int first_two = m_assets.height * 46 / 100;
    const int second_two = m_assets.height * 80 / 100;
    auto single = [&](const text::FontChain& font) { return (m_assets.height - m_assets.rule + ascent(font) - static_cast<int>(font.descender() / 64)) / 2; };

    int x = m_assets.margin;
    if (m_logo) {
        SDL_Rect logo = m_assets.logo_rect;
        logo.x = x;
        logo.y = (m_assets.height - m_assets.rule - logo.h) / 2;
        SDL_RenderCopy(m_renderer, m_logo.get(), nullptr, &logo);
        x += logo.w + m_assets.margin / 2;
    }
    if (m_name_second.empty()) {
        m_name.draw(m_renderer, x, single(*m_assets.name_font));
    } else {
        m_name.draw(m_renderer, x, first_two);
        m_name_second.draw(m_renderer, x, second_two);
    }
    const int right = m_assets.width - m_assets.margin;
    if (!m_clock || m_clock->lines.empty())
        return;
    const TextSprite& clock = m_clock->lines.front();
    if (!m_clock_second || m_clock_second->lines.empty()) {
        clock.draw(m_renderer, right - clock.advance(), single(*m_assets.clock_font));
    } else {
        const TextSprite& clock_second = m_clock_second->lines.front();
        clock.draw(m_renderer, right - clock.advance(), first_two);
        clock_second.draw(m_renderer, right - clock_second.advance(), second_two);
    }
}

}  // namespace signage::render

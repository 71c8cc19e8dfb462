#include "render/background.hpp"

#include "platform/log.hpp"
#include "render/draw_helpers.hpp"

#include <SDL_image.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace signage::render {

BackgroundPicture load_background(const config::ScreenSettings& screen, int width, int height)
{
    BackgroundPicture picture;
    if (!screen.background_image)
        return picture;
    const std::string name = screen.background_image->string();
    platform::SurfacePtr image(IMG_Load(name.c_str()));
    if (!image) {
        platform::log({platform::LogLevel::warning, "render",
                       "background image " + name + ": cannot be read (" + SDL_GetError() + "); the background colour is used instead"});
        return picture;
    }
    const double scale = std::max(static_cast<double>(width) / image->w, static_cast<double>(height) / image->h);
    const int source_w = std::min(image->w, static_cast<int>(std::lround(width / scale)));
    const int source_h = std::min(image->h, static_cast<int>(std::lround(height / scale)));
    picture.source = {(image->w - source_w) / 2, (image->h - source_h) / 2, source_w, source_h};
    picture.image = std::move(image);
    return picture;
}

Background::Background(SceneContext context, const BackgroundPicture& picture)
    : m_context(context)
    , m_source(picture.source)
{
    if (!picture.image)
        return;
    m_image.reset(SDL_CreateTextureFromSurface(context.renderer, picture.image.get()));
    if (!m_image)
        platform::log({platform::LogLevel::warning, "render",
                       std::string("background image: cannot be uploaded (") + SDL_GetError() + "); the background colour is used instead"});
    else
        SDL_SetTextureScaleMode(m_image.get(), SDL_ScaleModeBest);
}

void Background::draw() const
{
    const SDL_Rect screen{0, 0, m_context.layout->width, m_context.layout->height};
    if (!m_image) {
        fill_rect(m_context.renderer, m_context.settings->theme.background, screen);
        return;
    }
    SDL_RenderCopy(m_context.renderer, m_image.get(), &m_source, &screen);
}

}  // namespace signage::render

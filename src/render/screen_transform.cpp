#include "render/screen_transform.hpp"

#include <string>

ScreenGeometry screen_geometry(int output_width, int output_height, int rotation_degrees, int safe_area_percent)
{
    ScreenGeometry geometry;
    const int margin_x = output_width * safe_area_percent / 100;
    const int margin_y = output_height * safe_area_percent / 100;
    geometry.area = {margin_x, margin_y, output_width - 2 * margin_x, output_height - 2 * margin_y};
    geometry.rotation_degrees = rotation_degrees;
    const bool sideways = rotation_degrees == 90 || rotation_degrees == 270;
    geometry.scene_width = sideways ? geometry.area.h : geometry.area.w;
    geometry.scene_height = sideways ? geometry.area.w : geometry.area.h;
    return geometry;
}

Result<ScreenTransform> ScreenTransform::create(SDL_Renderer* renderer, const ScreenGeometry& geometry)
{
    ScreenTransform transform;
    transform.m_renderer = renderer;
    transform.m_geometry = geometry;
    if (geometry.rotation_degrees != 0) {
        transform.m_turned.reset(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                                   geometry.scene_width, geometry.scene_height));
        if (!transform.m_turned)
            return Error{std::string("display: cannot turn the picture (no render-target texture: ") + SDL_GetError() +
                         "); set [display] rotation = 0 and turn the screen in the system's display settings"};
    }
    return transform;
}

void ScreenTransform::begin_frame(bool whole)
{
    if (m_turned) {
        SDL_SetRenderTarget(m_renderer, m_turned.get());
        return;
    }
    // Outside the safe area: black, as the bezel of a TV that does not overscan.
    if (whole && (m_geometry.area.x > 0 || m_geometry.area.y > 0)) {
        SDL_RenderSetViewport(m_renderer, nullptr);
        SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 255);
        SDL_RenderClear(m_renderer);
    }
    SDL_RenderSetViewport(m_renderer, &m_geometry.area);
}

void ScreenTransform::end_frame()
{
    if (!m_turned)
        return;
    SDL_SetRenderTarget(m_renderer, nullptr);
    SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 255);
    SDL_RenderClear(m_renderer);
    // The upright picture turned about its centre, which sits at the safe area's centre.
    const SDL_Rect& area = m_geometry.area;
    const SDL_Rect upright{area.x + (area.w - m_geometry.scene_width) / 2, area.y + (area.h - m_geometry.scene_height) / 2,
                           m_geometry.scene_width, m_geometry.scene_height};
    SDL_RenderCopyEx(m_renderer, m_turned.get(), nullptr, &upright, m_geometry.rotation_degrees, nullptr, SDL_FLIP_NONE);
}

std::optional<SDL_Rect> ScreenTransform::on_output(const std::optional<SDL_Rect>& in_scene) const
{
    if (!in_scene || m_turned)
        return std::nullopt;
    return SDL_Rect{in_scene->x + m_geometry.area.x, in_scene->y + m_geometry.area.y, in_scene->w, in_scene->h};
}

#include "render/screen_transform.hpp"

#include <algorithm>
#include <cstddef>
#include <string>

namespace signage::render {

namespace {

// Rows of the scene read back and turned at a time: few enough that the cache lines of a
// column stay in the cache while it becomes a row of the output.
constexpr int rows_per_pass = 32;

bool is_software(SDL_Renderer* renderer)
{
    SDL_RendererInfo info{};
    return SDL_GetRendererInfo(renderer, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
}

// `source`: `rows` rows of `width` packed pixels. `corner`: the top-left pixel of the rectangle
// they fill once turned clockwise by `degrees`, whose rows are `pitch` bytes apart.
void turn(const Uint32* source, int width, int rows, Uint8* corner, int pitch, int degrees)
{
    const auto row = [corner, pitch](int index) {
        return reinterpret_cast<Uint32*>(corner + static_cast<std::ptrdiff_t>(index) * pitch);
    };
    switch (degrees) {
    case 90:  // column x becomes row x; the first row becomes the last column
        for (int x = 0; x < width; ++x) {
            Uint32* out = row(x);
            for (int y = 0; y < rows; ++y)
                out[rows - 1 - y] = source[y * width + x];
        }
        break;
    case 180:
        for (int y = 0; y < rows; ++y) {
            Uint32* out = row(rows - 1 - y);
            const Uint32* in = source + y * width;
            for (int x = 0; x < width; ++x)
                out[width - 1 - x] = in[x];
        }
        break;
    case 270:  // column x becomes row width - 1 - x; the first row becomes the first column
        for (int x = 0; x < width; ++x) {
            Uint32* out = row(width - 1 - x);
            for (int y = 0; y < rows; ++y)
                out[y] = source[y * width + x];
        }
        break;
    default:
        break;
    }
}

}  // namespace

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
    if (geometry.rotation_degrees == 0)
        return transform;
    transform.m_turned.reset(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                               geometry.scene_width, geometry.scene_height));
    if (!transform.m_turned)
        return Error{std::string("display: cannot turn the picture (no render-target texture: ") + SDL_GetError() +
                     "); set [display] rotation = 0 and turn the screen in the system's display settings"};
    if (is_software(renderer)) {
        transform.m_output.reset(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
                                                   geometry.area.w, geometry.area.h));
        if (!transform.m_output)
            return Error{std::string("display: cannot turn the picture (no texture for it: ") + SDL_GetError() +
                         "); set [display] rotation = 0 and turn the screen in the system's display settings"};
        // The turned pixels replace what was there: no blending with the last frame.
        SDL_SetTextureBlendMode(transform.m_output.get(), SDL_BLENDMODE_NONE);
        transform.m_rows.resize(static_cast<std::size_t>(rows_per_pass) * static_cast<std::size_t>(geometry.scene_width));
    }
    return transform;
}

void ScreenTransform::begin_frame(bool whole)
{
    m_whole = whole;
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

std::optional<SDL_Rect> ScreenTransform::end_frame(const std::optional<SDL_Rect>& changed_in_scene)
{
    if (!m_turned)
        return on_output(changed_in_scene);
    if (!m_output) {
        copy_turned_by_gpu();
        return on_output(changed_in_scene);
    }

    const SDL_Rect scene{0, 0, m_geometry.scene_width, m_geometry.scene_height};
    const bool everything = m_whole || !changed_in_scene;
    SDL_Rect changed = scene;
    if (!everything && !SDL_IntersectRect(&*changed_in_scene, &scene, &changed)) {
        SDL_SetRenderTarget(m_renderer, nullptr);
        return SDL_Rect{m_geometry.area.x, m_geometry.area.y, 0, 0};  // nothing moved
    }
    SDL_RenderSetViewport(m_renderer, nullptr);  // read back in the scene's own coordinates
    turn_pixels(changed);
    SDL_SetRenderTarget(m_renderer, nullptr);
    if (everything) {
        SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 255);  // the margins outside the safe area
        SDL_RenderClear(m_renderer);
    }
    const SDL_Rect source = turned(changed);
    const SDL_Rect destination{source.x + m_geometry.area.x, source.y + m_geometry.area.y, source.w, source.h};
    SDL_RenderCopy(m_renderer, m_output.get(), &source, &destination);
    if (everything)
        return std::nullopt;
    return destination;
}

std::optional<SDL_Rect> ScreenTransform::on_output(const std::optional<SDL_Rect>& in_scene) const
{
    if (!in_scene)
        return std::nullopt;
    const SDL_Rect in_area = turned(*in_scene);
    return SDL_Rect{in_area.x + m_geometry.area.x, in_area.y + m_geometry.area.y, in_area.w, in_area.h};
}

SDL_Rect ScreenTransform::turned(const SDL_Rect& in_scene) const
{
    const int width = m_geometry.scene_width;
    const int height = m_geometry.scene_height;
    const SDL_Rect& r = in_scene;
    switch (m_geometry.rotation_degrees) {
    case 90:
        return {height - r.y - r.h, r.x, r.h, r.w};
    case 180:
        return {width - r.x - r.w, height - r.y - r.h, r.w, r.h};
    case 270:
        return {r.y, width - r.x - r.w, r.h, r.w};
    default:
        return r;
    }
}

void ScreenTransform::copy_turned_by_gpu()
{
    SDL_SetRenderTarget(m_renderer, nullptr);
    SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 255);
    SDL_RenderClear(m_renderer);
    // The upright picture turned about its centre, which sits at the safe area's centre.
    const SDL_Rect& area = m_geometry.area;
    const SDL_Rect upright{area.x + (area.w - m_geometry.scene_width) / 2, area.y + (area.h - m_geometry.scene_height) / 2,
                           m_geometry.scene_width, m_geometry.scene_height};
    SDL_RenderCopyEx(m_renderer, m_turned.get(), nullptr, &upright, m_geometry.rotation_degrees, nullptr, SDL_FLIP_NONE);
}

void ScreenTransform::turn_pixels(const SDL_Rect& in_scene)
{
    const SDL_Rect out = turned(in_scene);
    void* locked = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(m_output.get(), &out, &locked, &pitch) != 0)
        return;
    // The software renderer keeps its render target's pixels out of reach but for reading
    // back, so the scene comes back a few rows at a time and is turned from there.
    for (int top = 0; top < in_scene.h; top += rows_per_pass) {
        const SDL_Rect rows{in_scene.x, in_scene.y + top, in_scene.w, std::min(rows_per_pass, in_scene.h - top)};
        if (SDL_RenderReadPixels(m_renderer, &rows, SDL_PIXELFORMAT_ARGB8888, m_rows.data(), rows.w * 4) != 0)
            break;
        const SDL_Rect rows_out = turned(rows);
        Uint8* corner = static_cast<Uint8*>(locked) + static_cast<std::ptrdiff_t>(rows_out.y - out.y) * pitch +
                        static_cast<std::ptrdiff_t>(rows_out.x - out.x) * 4;
        turn(m_rows.data(), rows.w, rows.h, corner, pitch, m_geometry.rotation_degrees);
    }
    SDL_UnlockTexture(m_output.get());
}

}  // namespace signage::render

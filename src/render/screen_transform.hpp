#pragma once
// Where the scene goes on the panel: inside the safe area (TVs that overscan crop the edges),
// turned for screens mounted in portrait. The scene is laid out for its own upright size and
// never knows either.
#include "platform/sdl_handles.hpp"
#include "util/result.hpp"

#include <optional>
#include <vector>

namespace signage::render {

struct ScreenGeometry {
    int scene_width = 0;  // upright, as the scene lays itself out
    int scene_height = 0;
    SDL_Rect area{};        // on the output: the safe area the scene fills once turned
    int rotation_degrees = 0;  // clockwise
};

// The safe area is `safe_area_percent` of the output's width and height in from each side; a
// rotation of 90 or 270 degrees gives the scene the area's height as its width.
ScreenGeometry screen_geometry(int output_width, int output_height, int rotation_degrees, int safe_area_percent);

class ScreenTransform {
public:
    static Result<ScreenTransform> create(SDL_Renderer* renderer, const ScreenGeometry& geometry);

    const ScreenGeometry& geometry() const { return m_geometry; }
    // Around the scene's draw calls: they then land upright in the scene's own coordinates.
    // `whole`: the frame redraws everything, so the margins outside the safe area are too.
    void begin_frame(bool whole = true);
    // `changed_in_scene`: the only rectangle of the scene that differs from the last frame
    // (nullopt: everything). On SDL's software renderer a turned picture then turns only that
    // rectangle. Returns where it is on the output, as on_output does.
    std::optional<SDL_Rect> end_frame(const std::optional<SDL_Rect>& changed_in_scene = std::nullopt);
    // A rectangle of the scene on the output (turned with the picture); nullopt: everything.
    std::optional<SDL_Rect> on_output(const std::optional<SDL_Rect>& in_scene) const;

private:
    SDL_Renderer* m_renderer = nullptr;
    ScreenGeometry m_geometry;
    platform::TexturePtr m_turned;  // only when rotated: the scene is drawn here, then copied turned
    // Only when rotated on the software renderer, whose SDL_RenderCopyEx makes a new turned
    // surface at every call: the turned picture, and a few rows of the scene read back to turn.
    platform::TexturePtr m_output;
    std::vector<Uint32> m_rows;
    bool m_whole = true;

    SDL_Rect turned(const SDL_Rect& in_scene) const;  // in the safe area's coordinates
    void copy_turned_by_gpu();
    void turn_pixels(const SDL_Rect& in_scene);
};

}  // namespace signage::render

#pragma once
// Behind everything: the theme's background colour, or [screen] background_image scaled to cover.
#include "platform/sdl_handles.hpp"
#include "render/scene_settings.hpp"

#include <optional>

namespace signage::render {

// The picture decoded, before it is uploaded: on any thread. Nothing: the colour alone (a picture
// that cannot be read is said once, never fatal).
struct BackgroundPicture {
    platform::SurfacePtr image;
    SDL_Rect source{};  // "cover": the largest centred part with the screen's proportions
};
BackgroundPicture load_background(const config::ScreenSettings& screen, int width, int height);

class Background {
public:
    Background(SceneContext context, const BackgroundPicture& picture);
    void draw() const;
    // Whether it is the background colour alone, which draws the same clipped or not (a scaled
    // picture may land a pixel apart when SDL clips it).
    bool plain() const { return !m_image; }

private:
    SceneContext m_context;
    platform::TexturePtr m_image;
    SDL_Rect m_source{};
};

}  // namespace signage::render

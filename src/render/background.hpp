#pragma once
// Behind everything: the theme's background colour, or [screen] background_image scaled to cover.
#include "platform/sdl_handles.hpp"
#include "render/scene_settings.hpp"

#include <optional>

// The picture decoded, before it is uploaded: on any thread. Nothing: the colour alone (a picture
// that cannot be read is said once, never fatal).
struct BackgroundPicture {
    SurfacePtr image;
    SDL_Rect source{};  // "cover": the largest centred part with the screen's proportions
};
BackgroundPicture load_background(const ScreenSettings& screen, int width, int height);

class Background {
public:
    Background(SceneContext context, const BackgroundPicture& picture);
    void draw() const;

private:
    SceneContext m_context;
    TexturePtr m_image;
    SDL_Rect m_source{};
};

#pragma once
// The window and renderer: fullscreen on the display's native mode for the lobby, or a window
// for desktop preview. Presents with vsync where the driver offers it.
#include "config/config.hpp"
#include "platform/sdl_handles.hpp"
#include "util/result.hpp"

#include <optional>

struct DisplayRequest {
    std::optional<int> window_width;  // set: a window of this size; unset: fullscreen
    std::optional<int> window_height;
};

class Display {
public:
    // `renderer`: the GPU, SDL's software renderer, or (automatic) the GPU unless OpenGL is itself
    // drawn in software (Mesa llvmpipe), where SDL's own software renderer costs far less CPU.
    static Result<Display> open(const DisplayRequest& request, RendererChoice renderer);

    SDL_Renderer* renderer() const { return m_renderer.get(); }
    SDL_Window* window() const { return m_window.get(); }
    // Drawable size in pixels (differs from the window size on high-DPI desktops).
    void output_size(int& width, int& height) const;
    bool vsync() const { return m_vsync; }
    // Shows the frame. `changed`: the only rectangle that differs from the last frame, which
    // the software path then copies alone to the screen; nullptr: everything.
    void present(const SDL_Rect* changed = nullptr);
    // After the window changed size. The software path then has a new renderer: every texture
    // of the old one is gone, and the scene must be built again.
    Status handle_resize();
    // Whether the last frame stays in place to draw over (the software path's window surface),
    // so a frame may redraw only what changed.
    bool keeps_last_frame() const { return m_on_window_surface; }
    // The display's refresh rate, 60 when it does not say; the renderer's name ("opengl", ...).
    double refresh_hz() const;
    const char* renderer_name() const;

private:
    WindowPtr m_window;
    RendererPtr m_renderer;
    bool m_vsync = false;
    bool m_on_window_surface = false;  // the software path

    Status make_surface_renderer();
};

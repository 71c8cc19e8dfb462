#include "platform/display.hpp"

#include "platform/log.hpp"

#include <string>
#include <string_view>

namespace {

// The OpenGL implementation of the current context, as it names itself ("llvmpipe (LLVM 15.0.6,
// 256 bits)", "V3D 4.2"); empty when there is no current context.
std::string opengl_renderer_name()
{
    using GetString = const unsigned char* (*)(unsigned);
    constexpr unsigned gl_renderer = 0x1F01;
    auto get_string = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString"));
    if (!get_string || !SDL_GL_GetCurrentContext())
        return {};
    const unsigned char* name = get_string(gl_renderer);
    return name ? reinterpret_cast<const char*>(name) : "";
}

bool opengl_is_software()
{
    const std::string name = opengl_renderer_name();
    for (std::string_view software : {"llvmpipe", "softpipe", "swrast", "Software Rasterizer"})
        if (name.find(software) != std::string::npos)
            return true;
    return false;
}

}  // namespace

Result<Display> Display::open(const DisplayRequest& request, RendererChoice choice)
{
    const bool fullscreen = !request.window_width;
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    // FULLSCREEN_DESKTOP keeps the display's native mode: no mode switch, no blurry scaling.
    flags |= fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE;
    // Fullscreen windows are still created at the desktop's size: some X11 setups (no window
    // manager, as on a bare kiosk) never resize a 0x0 window to fill the screen.
    SDL_DisplayMode desktop{};
    if (fullscreen && SDL_GetDesktopDisplayMode(0, &desktop) != 0)
        desktop = SDL_DisplayMode{0, 1280, 720, 0, nullptr};
    const int width = request.window_width.value_or(desktop.w);
    const int height = request.window_height.value_or(desktop.h);

    Display display;
    display.m_window.reset(SDL_CreateWindow("signage-player", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags));
    if (!display.m_window)
        return Error{std::string("unable to create the window: ") + SDL_GetError() + " (is a display attached? try SDL_VIDEODRIVER=kmsdrm or x11)"};

    if (choice != RendererChoice::software) {
        display.m_renderer.reset(SDL_CreateRenderer(display.m_window.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
        if (display.m_renderer && choice == RendererChoice::automatic && opengl_is_software()) {
            log_line(std::string("display: OpenGL is drawn in software here (") + opengl_renderer_name() +
                     "); using SDL's software renderer, which costs less CPU; [display] renderer = \"gpu\" overrides");
            display.m_renderer.reset();
        }
    }
    if (!display.m_renderer) {
        // Without this hint SDL routes its software renderer through OpenGL again on X11.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        display.m_on_window_surface = true;
        if (auto made = display.make_surface_renderer(); !made)
            return made.error();
    }
    if (!display.m_renderer)
        return Error{std::string("unable to create a renderer: ") + SDL_GetError()};

    SDL_RendererInfo info{};
    SDL_GetRendererInfo(display.m_renderer.get(), &info);
    // SDL's software renderer claims vsync but does not wait for it.
    display.m_vsync = !display.m_on_window_surface && (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
    if (fullscreen)
        SDL_ShowCursor(SDL_DISABLE);  // nobody points at a lobby screen
    return display;
}

void Display::output_size(int& width, int& height) const
{
    SDL_GetRendererOutputSize(m_renderer.get(), &width, &height);
}

double Display::refresh_hz() const
{
    SDL_DisplayMode mode{};
    const int index = SDL_GetWindowDisplayIndex(m_window.get());
    if (index < 0 || SDL_GetCurrentDisplayMode(index, &mode) != 0 || mode.refresh_rate <= 0)
        return 60.0;
    return mode.refresh_rate;
}

const char* Display::renderer_name() const
{
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(m_renderer.get(), &info) != 0 || !info.name)
        return "unknown";
    return info.name;
}

Status Display::make_surface_renderer()
{
    // Drawing straight into the window's surface lets a frame push only the rectangles it
    // changed to the screen (SDL_UpdateWindowSurfaceRects): the crawl band, most of the time.
    m_renderer.reset();
    SDL_Surface* surface = SDL_GetWindowSurface(m_window.get());
    if (!surface)
        return Error{std::string("unable to get the window's surface: ") + SDL_GetError()};
    m_renderer.reset(SDL_CreateSoftwareRenderer(surface));
    if (!m_renderer)
        return Error{std::string("unable to create the software renderer: ") + SDL_GetError()};
    return Done{};
}

Status Display::handle_resize()
{
    // The window surface is replaced on resize, and with it this renderer and its textures.
    return m_on_window_surface ? make_surface_renderer() : Status(Done{});
}

void Display::present(const SDL_Rect* changed)
{
    if (!m_on_window_surface) {
        SDL_RenderPresent(m_renderer.get());
        return;
    }
    SDL_RenderFlush(m_renderer.get());
    if (changed && (changed->w <= 0 || changed->h <= 0))
        return;  // nothing moved this frame
    if (changed)
        SDL_UpdateWindowSurfaceRects(m_window.get(), changed, 1);
    else
        SDL_UpdateWindowSurface(m_window.get());
}

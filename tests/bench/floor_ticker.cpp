// bench-floor_ticker HEADLINES_FILE FONT_FILE [WxH]: the least a program can spend on the
// benchmark's screen (tests/bench/side_by_side.py), to measure the player against.
//
// The same picture as the player's `ticker` layout: the background, a band along the bottom
// (11% of the screen's height, a 3 px accent line on top) and the headlines of HEADLINES_FILE
// (one per line) crawling through it at 120 px/s, white, separated by small accent squares.
// Everything a real player does beside that is left out: no feed, no layout, no fallback
// fonts, no clock, no cache, no watchdog. The headlines are rasterized once at start with
// SDL_ttf (HarfBuzz-shaped) into surfaces in the window's own format, the font is closed, and
// each frame fills the band, copies the visible headlines into the window surface and sends
// only the band's rectangle to the X server; 60 frames a second, paced by the clock.
//
// It links SDL2 and SDL2_ttf only (tests/CMakeLists.txt), so that nothing of ours is loaded.
#include <SDL.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

struct SurfaceFree {
    void operator()(SDL_Surface* surface) const { SDL_FreeSurface(surface); }
};
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceFree>;
struct WindowDestroy {
    void operator()(SDL_Window* window) const { SDL_DestroyWindow(window); }
};
struct FontClose {
    void operator()(TTF_Font* font) const { TTF_CloseFont(font); }
};

// The player's metrics at this size (render/scene_layout.cpp), so the two pictures match.
struct Metrics {
    int band_height, text_px, gap, separator, accent_line;
    explicit Metrics(int height)
        : band_height(height * 11 / 100)
        , text_px(height * 44 / 1000)
        , gap(height * 30 / 1000)
        , separator(std::max(4, height * 10 / 1000))
        , accent_line(std::max(2, separator / 3))
    {
    }
};

std::vector<std::string> read_lines(const char* path)
{
    std::vector<std::string> lines;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            lines.push_back(line);
    return lines;
}

std::vector<SurfacePtr> rasterize(const std::vector<std::string>& headlines, const char* font_path, int px)
{
    std::vector<SurfacePtr> surfaces;
    const std::unique_ptr<TTF_Font, FontClose> font(TTF_OpenFont(font_path, px));
    if (!font) {
        std::fprintf(stderr, "bench-floor_ticker: %s: %s\n", font_path, TTF_GetError());
        return surfaces;
    }
    for (const auto& headline : headlines) {
        const SurfacePtr rendered(TTF_RenderUTF8_Blended(font.get(), headline.c_str(), SDL_Color{255, 255, 255, 255}));
        if (!rendered)
            continue;
        SurfacePtr converted(SDL_ConvertSurfaceFormat(rendered.get(), SDL_PIXELFORMAT_ARGB8888, 0));
        SDL_SetSurfaceBlendMode(converted.get(), SDL_BLENDMODE_BLEND);
        surfaces.push_back(std::move(converted));
    }
    return surfaces;
}

Uint32 rgb(const SDL_PixelFormat* format, Uint32 hex)
{
    return SDL_MapRGB(format, (hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF);
}

// One frame of the band: the headlines from `offset` px into their endless strip.
void draw_band(SDL_Surface* screen, const std::vector<SurfacePtr>& headlines, const Metrics& m, long offset, long strip_width)
{
    const int band_y = screen->h - m.band_height;
    SDL_Rect band{0, band_y + m.accent_line, screen->w, m.band_height - m.accent_line};
    SDL_FillRect(screen, &band, rgb(screen->format, 0x0B3D91));
    const int text_y = band_y + (m.band_height - headlines.front()->h) / 2;
    long x = -(offset % strip_width);
    for (std::size_t i = 0; x < screen->w; i = (i + 1) % headlines.size()) {
        SDL_Surface* headline = headlines[i].get();
        if (x + headline->w > 0) {
            SDL_Rect at{static_cast<int>(x), text_y, 0, 0};
            SDL_BlitSurface(headline, nullptr, screen, &at);
        }
        x += headline->w + 2 * m.gap;
        SDL_Rect square{static_cast<int>(x), band_y + m.band_height / 2 - m.separator / 2, m.separator, m.separator};
        SDL_FillRect(screen, &square, rgb(screen->format, 0xF2B33D));
        x += m.separator + 2 * m.gap;
    }
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench-floor_ticker HEADLINES_FILE FONT_FILE [WxH]\n");
        return 2;
    }
    int width = 1920, height = 1080;
    if (argc > 3 && std::sscanf(argv[3], "%dx%d", &width, &height) != 2)
        return 2;
    const auto lines = read_lines(argv[1]);
    // The window surface in the X server's shared memory, as the player's software path has it;
    // without this hint SDL would put it in an OpenGL texture, drawn by llvmpipe here.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (lines.empty() || SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        std::fprintf(stderr, "bench-floor_ticker: no headlines in %s, or SDL did not start: %s\n", argv[1], SDL_GetError());
        return 1;
    }
    const std::unique_ptr<SDL_Window, WindowDestroy> window(
        SDL_CreateWindow("floor", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, width, height, 0));
    SDL_Surface* screen = window ? SDL_GetWindowSurface(window.get()) : nullptr;
    if (!screen) {
        std::fprintf(stderr, "bench-floor_ticker: no window: %s\n", SDL_GetError());
        return 1;
    }
    const Metrics metrics(height);
    const auto headlines = rasterize(lines, argv[2], metrics.text_px);
    TTF_Quit();
    if (headlines.empty())
        return 1;
    long strip_width = 0;
    for (const auto& headline : headlines)
        strip_width += headline->w + 4 * metrics.gap + metrics.separator;

    SDL_FillRect(screen, nullptr, rgb(screen->format, 0x0B1F3A));
    SDL_Rect accent{0, height - metrics.band_height, width, metrics.accent_line};
    SDL_FillRect(screen, &accent, rgb(screen->format, 0xF2B33D));
    const SDL_Rect band{0, height - metrics.band_height, width, metrics.band_height};
    draw_band(screen, headlines, metrics, 0, strip_width);
    SDL_UpdateWindowSurface(window.get());

    constexpr double frame_s = 1.0 / 60, speed_px_per_s = 120;
    const Uint64 ticks_per_s = SDL_GetPerformanceFrequency();
    const Uint64 start = SDL_GetPerformanceCounter();
    for (long frame = 1;; ++frame) {
        for (SDL_Event event; SDL_PollEvent(&event);)
            if (event.type == SDL_QUIT)
                return 0;
        // Sleep to the frame's due time, then draw: whole pixels, 2 px a frame at 60 Hz.
        const double due_s = static_cast<double>(frame) * frame_s;
        const double now_s = static_cast<double>(SDL_GetPerformanceCounter() - start) / static_cast<double>(ticks_per_s);
        if (due_s > now_s)
            SDL_Delay(static_cast<Uint32>(std::lround((due_s - now_s) * 1000)));
        draw_band(screen, headlines, metrics, std::lround(static_cast<double>(frame) * frame_s * speed_px_per_s), strip_width);
        SDL_UpdateWindowSurfaceRects(window.get(), &band, 1);
    }
}

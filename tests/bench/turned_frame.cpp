// bench-turned_frame [FRAMES]: what turning the picture costs per frame on SDL's software
// renderer, for a 1920x1080 panel mounted in portrait (rotation 90), over FRAMES frames
// (default 600): the scene is drawn into a target texture and put on the panel turned.
//   copy_ex.*     SDL_RenderCopyEx of the whole scene, as ScreenTransform did before
//   whole.*       ScreenTransform::end_frame turning every pixel (a whole frame)
//   band.*        ScreenTransform::end_frame turning only the crawl band (a steady frame on the
//                 player's window surface)
// The scene's own drawing (a band filled) is in each. Prints one "name: value unit" line per
// measure: microseconds per frame and SDL allocations per frame. A program that prints numbers:
// no assertion on time, which a shared machine cannot promise.
#include "platform/sdl_handles.hpp"
#include "render/screen_transform.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace {

constexpr int kPanelWidth = 1920;
constexpr int kPanelHeight = 1080;

std::atomic<unsigned long> sdl_allocations{0};
SDL_malloc_func sdl_malloc = nullptr;
SDL_calloc_func sdl_calloc = nullptr;
SDL_realloc_func sdl_realloc = nullptr;
SDL_free_func sdl_free = nullptr;

void* counting_malloc(size_t size)
{
    ++sdl_allocations;
    return sdl_malloc(size);
}
void* counting_calloc(size_t count, size_t size)
{
    ++sdl_allocations;
    return sdl_calloc(count, size);
}
void* counting_realloc(void* memory, size_t size)
{
    ++sdl_allocations;
    return sdl_realloc(memory, size);
}
void counting_free(void* memory) { sdl_free(memory); }

enum class Way { copy_ex, whole, band };

void measure(const char* name, Way way, int frames)
{
    signage::platform::SurfacePtr panel(SDL_CreateRGBSurfaceWithFormat(0, kPanelWidth, kPanelHeight, 32, SDL_PIXELFORMAT_ARGB8888));
    signage::platform::RendererPtr renderer(SDL_CreateSoftwareRenderer(panel.get()));
    const signage::render::ScreenGeometry geometry = signage::render::screen_geometry(kPanelWidth, kPanelHeight, 90, 0);
    auto transform = signage::render::ScreenTransform::create(renderer.get(), geometry);
    signage::platform::TexturePtr upright(SDL_CreateTexture(renderer.get(), SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, geometry.scene_width,
                                         geometry.scene_height));
    if (!renderer || !transform || !upright) {
        std::fprintf(stderr, "bench-turned_frame: cannot set up: %s\n", SDL_GetError());
        std::exit(1);
    }
    // The crawl band: the bottom 11% of the upright scene, as the scene lays it out.
    const SDL_Rect band{0, geometry.scene_height * 89 / 100, geometry.scene_width, geometry.scene_height - geometry.scene_height * 89 / 100};
    const SDL_Rect centred{(kPanelWidth - geometry.scene_width) / 2, (kPanelHeight - geometry.scene_height) / 2, geometry.scene_width,
                           geometry.scene_height};
    const auto frame = [&](int index) {
        const Uint8 shade = static_cast<Uint8>(index);
        if (way == Way::copy_ex) {
            SDL_SetRenderTarget(renderer.get(), upright.get());
            SDL_SetRenderDrawColor(renderer.get(), shade, 0, 0, 255);
            SDL_RenderFillRect(renderer.get(), &band);
            SDL_SetRenderTarget(renderer.get(), nullptr);
            SDL_RenderCopyEx(renderer.get(), upright.get(), nullptr, &centred, 90, nullptr, SDL_FLIP_NONE);
        } else {
            transform->begin_frame(false);
            SDL_SetRenderDrawColor(renderer.get(), shade, 0, 0, 255);
            SDL_RenderFillRect(renderer.get(), &band);
            transform->end_frame(way == Way::band ? std::optional<SDL_Rect>(band) : std::nullopt);
        }
        SDL_RenderPresent(renderer.get());
    };
    for (int i = 0; i < 30; ++i)
        frame(i);
    const unsigned long allocations_before = sdl_allocations.load();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < frames; ++i)
        frame(i);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s.us_per_frame: %.0f us\n", name, seconds * 1e6 / frames);
    std::printf("%s.sdl_allocations_per_frame: %.1f\n", name, static_cast<double>(sdl_allocations.load() - allocations_before) / frames);
}

}  // namespace

int main(int argc, char** argv)
{
    const int frames = argc > 1 ? std::atoi(argv[1]) : 600;
    if (frames <= 0) {
        std::fprintf(stderr, "usage: bench-turned_frame [FRAMES]\n");
        return 2;
    }
    SDL_GetMemoryFunctions(&sdl_malloc, &sdl_calloc, &sdl_realloc, &sdl_free);
    SDL_SetMemoryFunctions(counting_malloc, counting_calloc, counting_realloc, counting_free);
    measure("copy_ex", Way::copy_ex, frames);
    measure("whole", Way::whole, frames);
    measure("band", Way::band, frames);
    return 0;
}

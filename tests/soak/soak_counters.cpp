// The --wrap side of soak_counters.hpp: every SDL_CreateTexture*, SDL_DestroyTexture,
// FT_New_Face, FT_Done_Face and malloc_trim call of the player's code comes here first.
#include "soak/soak_counters.hpp"

#include <SDL.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <atomic>
#include <chrono>
#include <cstddef>

namespace {

std::atomic<std::int64_t> textures{0};
std::atomic<std::int64_t> faces{0};
std::atomic<std::int64_t> trims{0};
std::atomic<std::int64_t> longest_trim_us{0};

}  // namespace

extern "C" {

SDL_Texture* __real_SDL_CreateTexture(SDL_Renderer* renderer, Uint32 format, int access, int w, int h);
SDL_Texture* __real_SDL_CreateTextureFromSurface(SDL_Renderer* renderer, SDL_Surface* surface);
void __real_SDL_DestroyTexture(SDL_Texture* texture);
FT_Error __real_FT_New_Face(FT_Library library, const char* path, FT_Long index, FT_Face* face);
FT_Error __real_FT_Done_Face(FT_Face face);
int __real_malloc_trim(size_t pad);

int __wrap_malloc_trim(size_t pad)
{
    const auto start = std::chrono::steady_clock::now();
    const int released = __real_malloc_trim(pad);
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
    ++trims;
    std::int64_t longest = longest_trim_us.load();
    while (took > longest && !longest_trim_us.compare_exchange_weak(longest, took)) {
    }
    return released;
}

SDL_Texture* __wrap_SDL_CreateTexture(SDL_Renderer* renderer, Uint32 format, int access, int w, int h)
{
    SDL_Texture* texture = __real_SDL_CreateTexture(renderer, format, access, w, h);
    if (texture)
        ++textures;
    return texture;
}

SDL_Texture* __wrap_SDL_CreateTextureFromSurface(SDL_Renderer* renderer, SDL_Surface* surface)
{
    SDL_Texture* texture = __real_SDL_CreateTextureFromSurface(renderer, surface);
    if (texture)
        ++textures;
    return texture;
}

void __wrap_SDL_DestroyTexture(SDL_Texture* texture)
{
    if (texture)
        --textures;
    __real_SDL_DestroyTexture(texture);
}

FT_Error __wrap_FT_New_Face(FT_Library library, const char* path, FT_Long index, FT_Face* face)
{
    const FT_Error error = __real_FT_New_Face(library, path, index, face);
    if (error == 0)
        ++faces;
    return error;
}

FT_Error __wrap_FT_Done_Face(FT_Face face)
{
    if (face)
        --faces;
    return __real_FT_Done_Face(face);
}

}  // extern "C"

namespace signage::soak {

std::int64_t textures_alive() { return textures.load(); }
std::int64_t font_faces_alive() { return faces.load(); }
std::int64_t heap_trims() { return trims.load(); }
std::int64_t longest_heap_trim_us() { return longest_trim_us.load(); }

}  // namespace signage::soak

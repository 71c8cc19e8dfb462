#pragma once
// A line of rasterized text as GPU textures, cut into tiles no wider than the renderer allows
// (2048 px on some Raspberry Pi GPUs), drawn by its pen origin and baseline. The textures hold
// only the inked rectangle of the line; its height and baseline stay those of the line box.
#include "platform/sdl_handles.hpp"
#include "text/raster.hpp"
#include "util/result.hpp"

#include <string_view>
#include <vector>

namespace signage::render {

// Legibility over busy backgrounds (images, video): an outline around each letter, a soft
// drop shadow down and to the right, or both. Zero sizes: plain text.
struct TextEffects {
    int outline_px = 0;
    SDL_Color outline_color{0, 0, 0, 255};
    int shadow_px = 0;  // how far the shadow falls; it is softened by about half as much
    SDL_Color shadow_color{0, 0, 0, 160};
};

// A line of text made on the CPU, ready to upload: coloured, with its effects, as ARGB8888
// rows. Making it needs no renderer, so it can be done on any thread (with fonts of its own).
struct ComposedText {
    std::vector<Uint32> pixels;  // width * height
    int width = 0;
    int height = 0;
    int baseline = 0;  // row of the baseline
    int origin_x = 0;  // column where the pen starts
    int advance = 0;
};

// Colours the coverage image and adds the effects under it.
ComposedText compose_text(const text::CoverageImage& image, SDL_Color color, const TextEffects& effects = {});
// Shapes, rasterizes and composes a line of text.
ComposedText compose_text(std::string_view text, const text::FontChain& chain, SDL_Color color, const TextEffects& effects = {});

class TextSprite {
public:
    TextSprite() = default;
    // Uploads composed text. Empty text gives an empty sprite.
    static TextSprite upload(SDL_Renderer* renderer, const ComposedText& text);
    // The same, or what failed (the GPU out of memory, most likely) when a texture could not be
    // made or filled.
    static Result<TextSprite> try_upload(SDL_Renderer* renderer, const ComposedText& text);
    // Colours the coverage image, adds the effects under it and uploads it.
    static TextSprite create(SDL_Renderer* renderer, const text::CoverageImage& image, SDL_Color color, const TextEffects& effects = {});

    // Shapes, rasterizes and uploads a line of text, then primes it.
    static TextSprite from_text(SDL_Renderer* renderer, std::string_view text, const text::FontChain& chain, SDL_Color color,
                                const TextEffects& effects = {});

    // Draws one pixel of each tile at `at` (the top left unless told), where the next frame must
    // paint over it: a renderer prepares a texture on its first use (SDL's software renderer
    // allocates its blit map then), and that must not fall on a frame of the crawl. One pixel
    // is enough for that, and costs nothing like drawing the whole texture.
    void prime(SDL_Renderer* renderer, SDL_Point at = {0, 0}) const;

    // Draws with the pen starting at x and the baseline at y.
    void draw(SDL_Renderer* renderer, int x, int y) const;
    // The same, `opacity` of 255 opaque: for crossfades on a GPU, where it costs nothing. SDL's
    // software renderer blends a faded texture several times slower, and prepares it again
    // (an allocation) each time its opacity leaves or returns to 255.
    void draw(SDL_Renderer* renderer, int x, int y, Uint8 opacity) const;

    int advance() const { return m_advance; }
    int height() const { return m_height; }
    int baseline() const { return m_baseline; }
    // The rectangle that has ink, in the line box's coordinates (top left 0,0); empty: none.
    const SDL_Rect& ink() const { return m_ink; }
    bool empty() const { return m_tiles.empty(); }
    // Texture memory held, at 4 bytes a pixel.
    std::size_t bytes() const;

private:
    struct Tile {
        platform::TexturePtr texture;
        int x = 0;  // within the whole image
        int width = 0;
    };
    std::vector<Tile> m_tiles;
    SDL_Rect m_ink{0, 0, 0, 0};  // what the tiles hold, within the whole composed image
    int m_height = 0;
    int m_baseline = 0;
    int m_origin_x = 0;
    int m_advance = 0;
};

}  // namespace signage::render

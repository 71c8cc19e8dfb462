#include "render/text_sprite.hpp"

#include <algorithm>

namespace {

int max_texture_width(SDL_Renderer* renderer)
{
    SDL_RendererInfo info{};
    // The software renderer reports no limit (0); keep tiles modest there too.
    constexpr int fallback = 4096;
    if (SDL_GetRendererInfo(renderer, &info) != 0 || info.max_texture_width <= 0)
        return fallback;
    return info.max_texture_width;
}

}  // namespace

TextSprite TextSprite::create(SDL_Renderer* renderer, const CoverageImage& image, SDL_Color color)
{
    TextSprite sprite;
    sprite.m_height = image.height;
    sprite.m_baseline = image.baseline;
    sprite.m_origin_x = image.origin_x;
    sprite.m_advance = image.advance;
    if (image.width <= 0 || image.height <= 0)
        return sprite;

    const int tile_width = max_texture_width(renderer);
    std::vector<Uint32> pixels;
    for (int tile_x = 0; tile_x < image.width; tile_x += tile_width) {
        const int width = std::min(tile_width, image.width - tile_x);
        pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(image.height));
        // Straight (not premultiplied) alpha: the text colour everywhere, coverage as alpha.
        const Uint32 rgb = (Uint32{color.r} << 16) | (Uint32{color.g} << 8) | Uint32{color.b};
        for (int y = 0; y < image.height; ++y)
            for (int x = 0; x < width; ++x) {
                const Uint32 alpha = image.at(tile_x + x, y) * Uint32{color.a} / 255;
                pixels[static_cast<std::size_t>(y * width + x)] = (alpha << 24) | rgb;
            }
        TexturePtr texture(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, width, image.height));
        if (!texture)
            return TextSprite{};
        SDL_UpdateTexture(texture.get(), nullptr, pixels.data(), width * static_cast<int>(sizeof(Uint32)));
        SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
        sprite.m_tiles.push_back({std::move(texture), tile_x, width});
    }
    return sprite;
}

void TextSprite::draw(SDL_Renderer* renderer, int x, int y) const
{
    const int left = x - m_origin_x;
    const int top = y - m_baseline;
    for (const auto& tile : m_tiles) {
        const SDL_Rect destination{left + tile.x, top, tile.width, m_height};
        SDL_RenderCopy(renderer, tile.texture.get(), nullptr, &destination);
    }
}

std::size_t TextSprite::bytes() const
{
    std::size_t total = 0;
    for (const auto& tile : m_tiles)
        total += static_cast<std::size_t>(tile.width) * static_cast<std::size_t>(m_height) * 4;
    return total;
}

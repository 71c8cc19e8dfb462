#pragma once
// Small drawing arithmetic the scene's parts share: font line boxes in whole pixels, the first
// line of a text block, and filled rectangles (with an opacity for fades).
#include "render/text_cache.hpp"
#include "text/font.hpp"

#include <SDL.h>

#include <memory>

namespace signage::render {

inline int line_height(const text::FontChain& chain)
{
    return static_cast<int>((chain.ascender() + chain.descender() + 63) / 64);
}

inline int ascent(const text::FontChain& chain) { return static_cast<int>((chain.ascender() + 63) / 64); }

// The first line of a block; an empty sprite for no block (text not made) or no lines.
inline const TextSprite& first_line(const std::shared_ptr<const TextBlock>& block)
{
    static const TextSprite none;
    return block && !block->lines.empty() ? block->lines.front() : none;
}

inline void fill_rect(SDL_Renderer* renderer, SDL_Color colour, const SDL_Rect& rect)
{
    SDL_SetRenderDrawBlendMode(renderer, colour.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer, colour.r, colour.g, colour.b, colour.a);
    SDL_RenderFillRect(renderer, &rect);
}

inline SDL_Color with_opacity(SDL_Color colour, Uint8 opacity)
{
    colour.a = static_cast<Uint8>(colour.a * opacity / 255);
    return colour;
}

}  // namespace signage::render

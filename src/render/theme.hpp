#pragma once
// The screen's colours. Four are configured ([screen] background, band, text, accent); the two
// quieter tones are mixed from them (the built-in palette's were picked by hand), so any brand
// palette stays legible and of a piece.
#include <SDL.h>

namespace signage::render {

struct Theme {
    SDL_Color background{11, 31, 58, 255};
    SDL_Color band{5, 18, 38, 255};  // the header and the crawl band
    SDL_Color text{255, 255, 255, 255};
    SDL_Color accent{242, 179, 61, 255};
    SDL_Color secondary_text{196, 214, 236, 255};  // the English line
    SDL_Color quiet_text{140, 162, 190, 255};      // counters, the "updated" note, the empty state

    static Theme from(SDL_Color background, SDL_Color band, SDL_Color text, SDL_Color accent)
    {
        const Theme builtin;
        auto same = [](SDL_Color a, SDL_Color b) { return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a; };
        if (same(background, builtin.background) && same(text, builtin.text))
            return Theme{background, band, text, accent, builtin.secondary_text, builtin.quiet_text};
        return Theme{background, band, text, accent, mix(text, background, 20), mix(text, background, 45)};
    }

    static SDL_Color mix(SDL_Color from, SDL_Color toward, int percent)
    {
        auto channel = [&](Uint8 a, Uint8 b) { return static_cast<Uint8>((a * (100 - percent) + b * percent + 50) / 100); };
        return {channel(from.r, toward.r), channel(from.g, toward.g), channel(from.b, toward.b), 255};
    }
};

}  // namespace signage::render

#pragma once
// Comparing a rendered surface with a golden PNG in tests/data/golden/, with a tolerance for
// anti-aliasing differences between FreeType builds. SIGNAGE_UPDATE_GOLDEN=1 rewrites the
// golden images (look at each before committing); a mismatch leaves NAME.png.actual.png beside
// the golden image to look at.
#include "app/headless.hpp"
#include "test_support.hpp"

#include <SDL_image.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

inline Uint32 argb_pixel(const SDL_Surface* surface, int x, int y)
{
    const auto* row = static_cast<const Uint8*>(surface->pixels) + static_cast<std::ptrdiff_t>(y) * surface->pitch;
    Uint32 value = 0;
    std::memcpy(&value, row + static_cast<std::ptrdiff_t>(x) * 4, 4);
    return value;
}

inline void check_against_golden(SDL_Surface* rendered, const std::string& name)
{
    const auto golden_path = test_data_dir() / "golden" / name;
    if (const char* update = std::getenv("SIGNAGE_UPDATE_GOLDEN"); update && std::string(update) == "1") {
        REQUIRE(save_png(rendered, golden_path.string()));
        MESSAGE("golden image rewritten: " << golden_path.string());
    }
    SurfacePtr loaded(IMG_Load(golden_path.string().c_str()));
    REQUIRE_MESSAGE(loaded, "missing golden image " << golden_path.string() << "; run with SIGNAGE_UPDATE_GOLDEN=1 and look at it");
    const SurfacePtr golden(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
    const SurfacePtr actual(SDL_ConvertSurfaceFormat(rendered, SDL_PIXELFORMAT_ARGB8888, 0));
    REQUIRE(golden->w == actual->w);
    REQUIRE(golden->h == actual->h);

    // Small per-channel differences anywhere, larger ones on a few pixels only.
    int differing = 0;
    int worst = 0;
    for (int y = 0; y < actual->h; ++y)
        for (int x = 0; x < actual->w; ++x) {
            const Uint32 p = argb_pixel(actual.get(), x, y), q = argb_pixel(golden.get(), x, y);
            int channel_diff = 0;
            for (int shift : {0, 8, 16})
                channel_diff = std::max(channel_diff, std::abs(static_cast<int>((p >> shift) & 0xFF) - static_cast<int>((q >> shift) & 0xFF)));
            worst = std::max(worst, channel_diff);
            differing += channel_diff > 24;
        }
    CAPTURE(name);
    CAPTURE(worst);
    const int allowed = actual->w * actual->h / 500;
    if (differing > allowed)
        (void)save_png(actual.get(), golden_path.string() + ".actual.png").ok();
    CHECK(differing <= allowed);
}

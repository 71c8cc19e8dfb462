#pragma once
// Comparing a rendered surface with a golden PNG in tests/data/golden/, with a tolerance for
// rounding differences between builds (see GoldenDifference). SIGNAGE_UPDATE_GOLDEN=1 rewrites the
// golden images (look at each before committing); a mismatch leaves NAME.png.actual.png beside
// the golden image to look at.
#include "app/headless.hpp"
#include "test_support.hpp"

#include <SDL_image.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace signage::render {

inline Uint32 argb_pixel(const SDL_Surface* surface, int x, int y)
{
    const auto* row = static_cast<const Uint8*>(surface->pixels) + static_cast<std::ptrdiff_t>(y) * surface->pitch;
    Uint32 value = 0;
    std::memcpy(&value, row + static_cast<std::ptrdiff_t>(x) * 4, 4);
    return value;
}

// How far a rendered frame is from a golden one. The goldens are made with Debian 12's FreeType
// 2.12 and SDL 2.26, and a frame drawn there is bit-exact (worst 0): what a tolerance must allow
// is another build's rounding, not another picture. SDL's blitters blend in SSE2, NEON or plain C,
// and their rounding differs by 1 or 2 per channel; a hinting or rasterizer difference between
// FreeType releases moves the odd edge pixel of a glyph. A changed digit of the clock or one
// changed syllable of a headline changes hundreds of pixels by far more (tests/render/
// golden_tolerance_test.cpp proves it), so it must never pass.
struct GoldenDifference {
    int worst = 0;      // the largest difference of one colour channel, 0..255
    int differing = 0;  // pixels with a channel off by more than rounding_allowance
};

constexpr int rounding_allowance = 2;     // per channel, anywhere: blending rounded another way
constexpr int stray_pixels_allowed = 24;  // pixels anywhere beyond that: a glyph edge hinted another way

inline GoldenDifference difference(SDL_Surface* rendered, SDL_Surface* golden_surface)
{
    const platform::SurfacePtr golden(SDL_ConvertSurfaceFormat(golden_surface, SDL_PIXELFORMAT_ARGB8888, 0));
    const platform::SurfacePtr actual(SDL_ConvertSurfaceFormat(rendered, SDL_PIXELFORMAT_ARGB8888, 0));
    REQUIRE(golden->w == actual->w);
    REQUIRE(golden->h == actual->h);
    GoldenDifference found;
    for (int y = 0; y < actual->h; ++y)
        for (int x = 0; x < actual->w; ++x) {
            const Uint32 p = argb_pixel(actual.get(), x, y), q = argb_pixel(golden.get(), x, y);
            int channel_diff = 0;
            for (int shift : {0, 8, 16})
                channel_diff = std::max(channel_diff, std::abs(static_cast<int>((p >> shift) & 0xFF) - static_cast<int>((q >> shift) & 0xFF)));
            found.worst = std::max(found.worst, channel_diff);
            found.differing += channel_diff > rounding_allowance;
        }
    return found;
}

inline bool within_tolerance(const GoldenDifference& found) { return found.differing <= stray_pixels_allowed; }

inline void check_against_golden(SDL_Surface* rendered, const std::string& name)
{
    const auto golden_path = test_data_dir() / "golden" / name;
    if (const char* update = std::getenv("SIGNAGE_UPDATE_GOLDEN"); update && std::string(update) == "1") {
        REQUIRE(app::save_png(rendered, golden_path.string()));
        MESSAGE("golden image rewritten: " << golden_path.string());
    }
    platform::SurfacePtr loaded(IMG_Load(golden_path.string().c_str()));
    REQUIRE_MESSAGE(loaded, "missing golden image " << golden_path.string() << "; run with SIGNAGE_UPDATE_GOLDEN=1 and look at it");
    const GoldenDifference found = difference(rendered, loaded.get());
    CAPTURE(name);
    CAPTURE(found.worst);
    CAPTURE(found.differing);
    if (!within_tolerance(found))
        (void)app::save_png(rendered, golden_path.string() + ".actual.png").ok();
    CHECK(within_tolerance(found));
}

}  // namespace signage::render

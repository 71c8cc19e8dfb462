#pragma once
// A part of the scene on its own, drawing on a surface through SDL's software renderer, with the
// repository's fonts at the sizes of a 960x540 screen.
#include "render/scene_layout.hpp"
#include "render/scene_settings.hpp"
#include "render/text_preparation.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <memory>

namespace signage::render {

struct PartsOnSurface {
    static constexpr int width = 960;
    static constexpr int height = 540;
    platform::SurfacePtr surface{SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888)};
    platform::RendererPtr renderer{SDL_CreateSoftwareRenderer(surface.get())};
    text::FreeTypeLibrary library = open_library();
    SceneSettings settings;
    SceneLayout layout{width, height, config::ScreenLayout::featured_ticker, height * 13 / 100};
    TextPreparation text{renderer.get(), open_fonts(library), repository_roles(), width, height, settings.text_cache_bytes};
    SceneContext context{renderer.get(), &layout, &text.fonts(), &settings};

    static text::FreeTypeLibrary open_library()
    {
        auto library = text::FreeTypeLibrary::create();
        REQUIRE(library);
        return std::move(library.value());
    }
    static std::unique_ptr<SceneFonts> open_fonts(const text::FreeTypeLibrary& library)
    {
        auto fonts = SceneFonts::open(library, repository_roles(), width, height);
        REQUIRE(fonts);
        return std::move(fonts.value());
    }
};

}  // namespace signage::render

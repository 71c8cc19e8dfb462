#pragma once
// A scene drawing on a surface of its own through SDL's software renderer, as the tests look at it.
#include "render/scene.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <vector>

namespace signage::render {

struct SceneOnSurface {
    platform::SurfacePtr surface;
    platform::RendererPtr renderer;
    std::unique_ptr<Scene> scene;

    SceneOnSurface(int width, int height, SceneSettings settings = {})
        : surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888))
        , renderer(SDL_CreateSoftwareRenderer(surface.get()))
    {
        REQUIRE(renderer);
        auto created = Scene::create(renderer.get(), repository_roles(), width, height, settings);
        REQUIRE(created);
        scene = std::move(created.value());
    }

    std::vector<Uint8> pixels() const
    {
        const auto* first = static_cast<const Uint8*>(surface->pixels);
        return {first, first + static_cast<std::size_t>(surface->pitch) * static_cast<std::size_t>(surface->h)};
    }
};

}  // namespace signage::render

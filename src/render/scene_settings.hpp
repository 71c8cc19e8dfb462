#pragma once
// How a scene looks and moves, and what each of its parts draws with. The defaults are the
// config's (config/config.hpp), so a key and its default are written once.
#include "config/config.hpp"
#include "render/scene_layout.hpp"
#include "render/text_cache.hpp"
#include "render/text_sprite.hpp"
#include "render/theme.hpp"

#include <SDL.h>

#include <cstddef>

namespace signage::render {

inline SDL_Color sdl_color(config::RgbaColor colour) { return SDL_Color{colour.r, colour.g, colour.b, colour.a}; }

inline TextEffects text_effects_of(const config::TextSettings& text)
{
    return TextEffects{text.outline_px, sdl_color(text.outline_color), text.shadow_px, sdl_color(text.shadow_color)};
}

// The config's defaults, made once.
inline const config::Config& default_config_values()
{
    static const config::Config defaults;
    return defaults;
}

struct SceneSettings {
    double crawl_speed_px_per_s = default_config_values().crawl_speed_px_per_s;  // rounded to whole pixels per refresh
    double refresh_hz = 60.0;                                                    // the display's
    double featured_dwell_s = default_config_values().featured_dwell_s;  // for a short title; a long one stays longer (dwell_for)
    double featured_max_dwell_s = default_config_values().featured_max_dwell_s;
    // A change of notice takes this (screen.transition says how); 0: a cut.
    double featured_transition_s = default_config_values().featured_transition_s;
    TextEffects text_effects = text_effects_of(default_config_values().text);
    Theme theme = Theme::from(sdl_color(default_config_values().screen.background), sdl_color(default_config_values().screen.band),
                              sdl_color(default_config_values().screen.text), sdl_color(default_config_values().screen.accent));
    SDL_Color alert_background = sdl_color(default_config_values().urgent.banner);  // the urgent banner
    SDL_Color alert_text = sdl_color(default_config_values().urgent.banner_text);
    config::ScreenSettings screen{};  // layout, agency name, logo, clock
    // GPU memory for rasterized text, on screen and kept for notices that may come back.
    std::size_t text_cache_bytes = default_config_values().text.cache_bytes;
};

// What the last board shown cost, and the text cache as it stands after it.
struct SceneTextStats {
    std::size_t notices_rasterized = 0;  // notices with any text not found in the cache
    std::size_t notices_reused = 0;      // notices drawn entirely from cached text
    TextCacheStats cache;
};

enum class FrameExtent { whole, changes_only };

// What every part of a scene draws with; the scene owns all of it and outlives its parts.
struct SceneContext {
    SDL_Renderer* renderer = nullptr;
    const SceneLayout* layout = nullptr;
    const SceneFonts* fonts = nullptr;
    const SceneSettings* settings = nullptr;
};

}  // namespace signage::render

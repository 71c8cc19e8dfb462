#pragma once
// Frames without a display: SDL's software renderer drawing on a surface. Same inputs, same pixels.
#include "config/config.hpp"
#include "model/notice.hpp"
#include "platform/sdl_handles.hpp"
#include "render/scene.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

// The frame at `at_seconds` on a `width` x `height` output, turned and inset as `display` says,
// its clock showing `wall_clock` (nullopt: now).
Result<SurfacePtr> render_still(const std::vector<Notice>& notices, const SceneSettings& settings, const FontRoles& fonts,
                                int width, int height, double at_seconds, const DisplaySettings& display = {},
                                std::optional<TimePoint> wall_clock = std::nullopt);

// Reads every configured feed once, in order, and merges them as the player would. Sources that
// fail are logged and skipped; an error only when none could be read.
Result<std::vector<Notice>> read_all_sources(const Config& config);

Status save_png(SDL_Surface* surface, const std::string& path);

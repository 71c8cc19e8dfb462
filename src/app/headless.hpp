#pragma once
// Frames without a display: SDL's software renderer drawing on a surface. Same inputs, same pixels.
#include "config/config.hpp"
#include "model/alert.hpp"
#include "model/notice.hpp"
#include "platform/sdl_handles.hpp"
#include "render/scene.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace signage::app {

// What a still shows besides the notices: the output's size, how long after start, and the
// wall-clock time (for the header clock, the schedule and urgency).
struct StillRequest {
    int width = 1920;
    int height = 1080;
    double at_seconds = 3.0;
    std::optional<model::TimePoint> wall_clock;  // nullopt: now
    // CAP alerts of every alerts source, judged at wall_clock by the config's [alerts].
    std::vector<model::Alert> alerts{};
};

// The frame the player would show with `config`: its layout, theme, rotation and safe area,
// its urgent notices' banner, or black outside the schedule's on hours. Times are in the
// process's time zone (use_time_zone).
Result<platform::SurfacePtr> render_still(const config::Config& config, const std::vector<model::Notice>& notices, const text::FontRoles& fonts,
                                const StillRequest& request);

// What every configured feed says now: the merged notices, and the alerts of alerts sources.
struct SourcesRead {
    std::vector<model::Notice> notices;
    std::vector<model::Alert> alerts;
};

// Reads every configured feed once, in order, and merges them as the player would. Sources that
// fail are logged and skipped (their cached copy shown, if any); an error only when none could
// be read.
Result<SourcesRead> read_all_sources(const config::Config& config);

Status save_png(SDL_Surface* surface, const std::string& path);

}  // namespace signage::app

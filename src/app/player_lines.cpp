#include "app/player_lines.hpp"

#include "util/work_counters.hpp"

#include <cmath>
#include <cstdio>

namespace signage::app {

namespace {

std::string fixed(double value, int decimals)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string crawl_speed(const render::Playback& playback)
{
    return std::to_string(playback.crawl_px_per_refresh()) + " px per refresh (" + std::to_string(std::lround(playback.crawl_px_per_s())) +
           " px/s)";
}

}  // namespace

std::string display_line(const platform::Display& display, const render::Playback& playback)
{
    int width = 0, height = 0;
    display.output_size(width, height);
    return std::to_string(width) + "x" + std::to_string(height) + " at " + std::to_string(std::lround(display.refresh_hz())) +
           " Hz, " + display.renderer_name() + " renderer, vsync " + (display.vsync() ? "on" : "off") + "; crawl " + crawl_speed(playback);
}

std::vector<std::string> overlay_lines(const platform::Display& display, const render::Playback& playback,
                                       const render::FrameSummary& frames, const render::Scene& scene, std::size_t notices)
{
    const WorkCounts work = WorkCounters::now();
    return {
        std::string(display.renderer_name()) + " renderer, vsync " + (display.vsync() ? "on" : "off") + ", " +
            std::to_string(std::lround(display.refresh_hz())) + " Hz",
        "this minute: " + render::describe(frames),
        "crawl " + std::to_string(playback.crawl_px_per_refresh()) + " px per refresh, " + std::to_string(std::lround(playback.crawl_px_per_s())) +
            " px/s" + (playback.paused() ? " (paused)" : ""),
        render::describe(scene.text_stats().cache),
        "since start: " + std::to_string(work.lines_shaped) + " lines shaped, " + std::to_string(work.lines_rasterized) + " rasterized, " +
            std::to_string(work.textures_uploaded) + " textures uploaded",
        std::to_string(notices) + " notices; scene time " + fixed(playback.scene_seconds(), 1) + " s",
    };
}

std::string service_status_line(std::size_t notices, std::size_t feeds_current, std::size_t feeds, bool screen_on)
{
    if (!screen_on)
        return "off hours: the screen is black; " + std::to_string(notices) + " notices waiting";
    return std::to_string(notices) + " notices on screen, " + std::to_string(feeds_current) + " of " + std::to_string(feeds) +
           " feeds current";
}

}  // namespace signage::app

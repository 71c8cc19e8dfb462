#pragma once
// What the render thread knows of the player's health, kept up as it goes (a feed update, a
// frame) by copying values only, and turned once a second into a HealthSnapshot for the
// StatusWriter. No disk, no locks, no clock of its own: the times are passed in.
#include "app/board_state.hpp"
#include "app/status_snapshot.hpp"
#include "config/feed_settings.hpp"
#include "feed/fetcher.hpp"
#include "platform/display.hpp"
#include "render/playback.hpp"

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace signage::app {

// The screen's side of a snapshot, as the player has it at that moment.
struct ScreenHealth {
    std::size_t notices_shown = 0;
    std::size_t urgent_on_screen = 0;
    std::size_t alerts_on_screen = 0;  // CAP alerts shown, in any placement
    std::int64_t crawl_pixels = 0;
    bool display_on = false;
    std::string renderer;
    int width = 0;
    int height = 0;
    bool schedule_on = false;
};

// The same, from the player's parts: `screen_built`, a scene on the renderer.
ScreenHealth screen_health(const BoardState& board, std::size_t alerts_on_screen, const render::Playback& playback, const platform::Display& display,
                           bool screen_built, bool schedule_on);

class StatusTracker {
public:
    using Monotonic = std::chrono::steady_clock::time_point;

    explicit StatusTracker(Monotonic start) : m_start(start) {}

    // The configured sources, in order, as a new fetcher starts with them (at start and on a
    // reload); others are forgotten, the ones kept keep their history.
    void use_sources(const std::vector<config::FeedSource>& sources);
    // Updates as the player takes them from the fetcher, before the board does; their status
    // (feed::SourceStatus) is the source's latest attempt.
    void saw(const std::vector<feed::SourceUpdate>& updates, std::chrono::sys_seconds now);
    // A frame drawn at `now`; `late`: it missed a refresh.
    void frame_drawn(Monotonic now, bool late);
    HealthSnapshot snapshot(Monotonic now, std::chrono::sys_seconds wall, std::chrono::seconds stale_after, const ScreenHealth& screen);

private:
    // One source: what the snapshot shows, and what it is computed from at snapshot time.
    struct Tracked {
        SourceHealth health;
        std::optional<Monotonic> next_poll;  // the fetcher's clock, steady_clock like the player's
        std::int64_t failures_before = 0;    // failed attempts counted by fetchers a reload replaced
    };
    void advance_to(Monotonic now);

    Monotonic m_start;
    std::vector<std::string> m_order;
    std::map<std::string, Tracked> m_sources;
    // Frames per second of the last minute, a ring indexed by the second since start.
    std::array<std::int64_t, 60> m_frames{};
    std::array<std::int64_t, 60> m_late{};
    std::int64_t m_second = 0;
    std::int64_t m_frames_total = 0;
    std::int64_t m_late_total = 0;
};

}  // namespace signage::app

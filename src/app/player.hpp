#pragma once
// The player on a real display: fetcher thread -> notice board -> scene -> screen. The main
// loop is here; its parts are in board_state, config_watch, feed_updates, renderer_switch,
// screens, screen_schedule and screenshot.
#include "app/alert_state.hpp"
#include "app/board_state.hpp"
#include "app/config_watch.hpp"
#include "app/display_wait.hpp"
#include "app/feed_updates.hpp"
#include "app/remote_snapshot.hpp"
#include "app/renderer_switch.hpp"
#include "app/screen_schedule.hpp"
#include "app/screens.hpp"
#include "app/status_tracker.hpp"
#include "app/status_writer.hpp"
#include "config/config.hpp"
#include "platform/display.hpp"
#include "platform/display_loss.hpp"
#include "platform/log.hpp"
#include "platform/service_notify.hpp"
#include "render/frame_clock.hpp"
#include "render/playback.hpp"

#include <SDL.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace signage::app {

// Runs until Esc, q or the window closes. Returns the process exit code. With `config_path`,
// the config is read again on SIGHUP, on R and when the file changes; a file with a mistake
// leaves the running configuration as it is.
int run_player(const config::Config& config, const platform::DisplayRequest& request, const std::filesystem::path& data_dir,
               const std::optional<std::filesystem::path>& config_path = std::nullopt);

struct PlayerClocks {
    using Monotonic = std::chrono::steady_clock::time_point;
    // Frames, the crawl and the once-a-second work: wall-clock jumps never jerk the crawl.
    std::function<Monotonic()> monotonic = [] { return std::chrono::steady_clock::now(); };
    // The header clock, the schedule, the ageing of notices, the freshness note.
    std::function<std::chrono::sys_seconds()> wall = [] {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    };
};

// What the player works with besides the display; tests put in their own.
struct PlayerParts {
    PlayerClocks clocks;
    SceneLoader load_scene = app::load_scene;
    FetcherFactory make_fetcher = make_feed_fetcher;
    platform::LogSink log = platform::log;
    // For a reload to `[display] renderer = "auto"`; runs beside the loop.
    RendererSwitch::Probe probe_renderer = [] { return platform::probe_renderer(); };
    // Where the health snapshot goes each second (and signage_player.prom beside it); nullopt:
    // nowhere. run_player sets default_status_path().
    std::optional<std::filesystem::path> status_file;
    // Opens the display again after it went away (the X server or the compositor restarted, the
    // GPU reset), tried every `display_retry` meanwhile; unset: a lost display stops the player
    // with exit code 1. run_player sets app::open_display.
    std::function<Result<OpenedDisplay>(config::RendererChoice renderer)> reopen_display;
    std::chrono::milliseconds display_retry{2000};
    // The display was opened on SDL's software renderer without waiting for the probe of
    // `[display] renderer = "auto"` (renderer_memory.hpp): the probe is asked beside the loop
    // once the first board is on screen (or a second after the first frame), and a GPU it finds
    // replaces the software renderer on the same window.
    bool probe_after_first_board = false;
};

class Player {
public:
    // `fullscreen`: the lobby screen, whose panel the schedule puts to sleep.
    Player(config::Config config, std::optional<std::filesystem::path> config_path, platform::Display display,
           std::filesystem::path data_dir, bool fullscreen, PlayerParts parts = {});
    ~Player();
    Player(const Player&) = delete;
    Player& operator=(const Player&) = delete;

    // Builds the screen and starts the fetcher; false (with the reason logged) when the screen
    // cannot be built at all.
    bool start();
    // One turn of the loop: the events, a config read again, the once-a-second work, and a
    // frame unless it is off hours, where it waits up to `idle_wait_ms` for an event instead.
    // An exit code when the player should stop.
    std::optional<int> step(int idle_wait_ms = 0);
    // Steps until it should stop, pacing frames where the display does not.
    int run();
    // What SIGHUP and R do: the config file is read again (on another thread).
    void reload(const std::string& why);

    // SDL video as run_player started it: the player quits it when the display goes away.
    void adopt_video(std::unique_ptr<platform::SdlSubsystems> video) { m_video = std::move(video); }
    platform::Display& display() { return m_display; }
    // The display went away and the player waits for it (the feeds go on meanwhile).
    bool waiting_for_display() const { return m_display_lost_at.has_value(); }
    // The scene on screen (null while there is none): what it shows, for tests and the soak.
    const render::Scene* scene() const { return m_screens.scene(); }
    const config::Config& config() const { return m_config; }
    // Nothing under way: no config being read, no screen being loaded or readied, no board
    // being prepared.
    bool settled() const;
    // snapshot.png beside the status file (remote_snapshot.hpp); null without a status file.
    SnapshotWriter* snapshot_writer() { return m_snapshot_writer.get(); }

private:
    std::optional<int> handle_event(const SDL_Event& event);
    bool handle_key(const SDL_KeyboardEvent& key);
    bool handle_resize();
    void handle_second();
    void apply_reading(ConfigReading reading);
    void apply_time_zone();
    void probe_after_first_board();
    bool use_renderer(const RendererSwitch::Decided& decided);
    void start_fetcher();
    ScreenPlan plan_now() const;
    void fill_new_scene(render::Scene& scene);
    void show_board();
    void update_urgent();
    void show_alerts();
    std::optional<int> frame();
    void draw_frame(render::Scene& scene, render::ScreenTransform& transform);
    void log_display(const std::string& why = "") const;
    void log_board_shown(const render::Scene& scene);
    void update_overlay();
    void log_crawl_speed() const;
    std::string service_status() const;
    void offer_status();
    // player_outage.cpp: the display going away and coming back.
    bool handle_display_event(const SDL_Event& event);
    std::optional<int> check_connection();
    std::optional<int> lose_display(const platform::LostConnection& lost);
    std::optional<int> step_without_display(int idle_wait_ms);
    void try_display_again();

    platform::SdlSubsystems m_events{SDL_INIT_EVENTS};  // the queue outlives SDL video, which may go and come
    config::Config m_config;
    PlayerParts m_parts;
    std::unique_ptr<platform::SdlSubsystems> m_video;  // torn down after the display it runs
    platform::Display m_display;
    std::filesystem::path m_data_dir;
    Uint32 m_feed_event;
    ConfigWatch m_watch;
    ScreenSchedule m_schedule;  // after the display whose window it uses: goes before it
    Screens m_screens;          // the same for the renderer
    RendererSwitch m_renderer_switch;
    BoardState m_board;
    AlertState m_alerts;
    FetcherSlot m_fetchers;
    platform::ServiceNotifier m_service;  // systemd: READY, the watchdog, STATUS
    render::Playback m_playback;
    render::FrameStats m_frame_stats;
    StatusTracker m_status_tracker;
    std::unique_ptr<SnapshotWriter> m_snapshot_writer;  // snapshot.png, off this thread; outlives the HTTP server
    std::unique_ptr<StatusWriter> m_status_writer;  // status.json and the metrics, off this thread
    std::optional<PlayerClocks::Monotonic> m_start;
    PlayerClocks::Monotonic m_next_second{};
    PlayerClocks::Monotonic m_next_stats_log{};
    std::optional<PlayerClocks::Monotonic> m_previous_frame;
    std::optional<PlayerClocks::Monotonic> m_display_lost_at;
    PlayerClocks::Monotonic m_next_display_try{};
    std::string m_display_said;  // why the last try failed
    std::optional<int> m_display_exit;  // a display lost for good: the exit code
    std::size_t m_boards_logged = 0;
    bool m_whole_frame = true;
    bool m_rebuild = false;
    bool m_alerts_changed = false;  // the scenes show alerts that are no longer the AlertState's
    bool m_status_changed = false;
    bool m_overlay_shown = false;
    bool m_screenshot_requested = false;
};

}  // namespace signage::app

#include "app/player.hpp"

#include "app/player_lines.hpp"
#include "app/renderer_memory.hpp"
#include "app/screenshot.hpp"
#include "app/settings.hpp"
#include "app/stop_deadline.hpp"
#include "feed/http_client.hpp"
#include "platform/local_time.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace signage::app {

namespace {

void draw_black(platform::Display& display)
{
    SDL_SetRenderDrawColor(display.renderer(), 0, 0, 0, 255);
    SDL_RenderSetViewport(display.renderer(), nullptr);
    SDL_RenderClear(display.renderer());
    display.present();
}

}  // namespace

Player::Player(config::Config config, std::optional<std::filesystem::path> config_path, platform::Display display,
               std::filesystem::path data_dir, bool fullscreen, PlayerParts parts)
    : m_config(std::move(config))
    , m_parts(std::move(parts))
    , m_display(std::move(display))
    , m_data_dir(std::move(data_dir))
    , m_feed_event(SDL_RegisterEvents(1))
    , m_watch(std::move(config_path))
    , m_schedule(m_display, fullscreen, m_parts.log)
    , m_screens(m_display, m_parts.load_scene)
    , m_renderer_switch(m_parts.probe_renderer)
    , m_board(m_config.notice_rules)
    , m_alerts(m_config.alerts)
    , m_fetchers(m_parts.make_fetcher)
    , m_playback(m_display.refresh_hz(), render::pixels_per_refresh(m_config.crawl_speed_px_per_s, m_display.refresh_hz()))
    , m_frame_stats(m_display.refresh_hz(), 240 * 60)  // a minute at up to 240 Hz, reserved now
    , m_status_tracker(m_parts.clocks.monotonic())
{
    if (!m_parts.status_file)
        return;
    m_snapshot_writer = std::make_unique<SnapshotWriter>(snapshot_path_for(*m_parts.status_file), m_parts.log);
    m_status_writer = std::make_unique<StatusWriter>(*m_parts.status_file, m_parts.log, m_config.status_http_port,
                                                     [this](std::string_view path) { return m_snapshot_writer->http_reply(path); });
}

Player::~Player() = default;

bool Player::start()
{
    if (auto built = m_screens.build_now(plan_now(), [this](render::Scene& scene) { fill_new_scene(scene); }); !built) {
        m_parts.log({platform::LogLevel::error, "render", built.error().message});
        return false;
    }
    log_display();
    platform::watch_connection(m_display.window());
    if (const auto watchdog = m_service.watchdog_interval())
        m_parts.log({platform::LogLevel::info, "service",
                     "systemd's watchdog wants a sign of life every " + std::to_string(watchdog->count() / 1000) + " ms; the frame loop sends one every " +
                         std::to_string(watchdog->count() / 3000) + " ms"});
    m_schedule.use_commands(m_config.schedule);
    if (m_schedule.apply(m_config.schedule, platform::to_local(m_parts.clocks.wall()), true))
        m_screens.scene()->invalidate();
    start_fetcher();
    return true;
}

std::optional<int> Player::step(int idle_wait_ms)
{
    if (waiting_for_display())
        return step_without_display(idle_wait_ms);
    SDL_Event event;
    // Off hours: no frames at all, just a wake-up each second for the clock, the schedule and
    // the feeds, so the loop costs next to nothing overnight.
    if (!m_schedule.screen_on() && SDL_WaitEventTimeout(&event, idle_wait_ms)) {
        if (auto exit_code = handle_event(event))
            return exit_code;
    }
    while (SDL_PollEvent(&event)) {
        if (auto exit_code = handle_event(event))
            return exit_code;
    }
    if (auto stop = check_connection(); stop || waiting_for_display())
        return stop;  // lost: the next turns wait for the display
    if (ConfigWatch::take_sighup())
        reload("SIGHUP");
    if (auto reading = m_watch.take_reading())
        apply_reading(std::move(*reading));
    if (auto decided = m_renderer_switch.take_decision(); decided && !use_renderer(*decided))
        return 1;
    // Wall-clock matters only for ageing notices, the "updated HH:MM" line, the config file's
    // changes and the overlay: once a second.
    const auto now = m_parts.clocks.monotonic();
    if (m_status_changed || now >= m_next_second) {
        m_next_second = now + std::chrono::seconds(1);
        handle_second();
    }
    if (m_rebuild)
        show_board();
    std::optional<int> exit_code;
    if (m_schedule.screen_on())
        exit_code = frame();
    else
        m_previous_frame.reset();  // the dark hours are not a late frame
    probe_after_first_board();
    // Signs of life come from the loop itself: a loop that freezes stops them, and systemd's
    // watchdog restarts the player. READY once the first frame (or the off hours' black) is up.
    m_service.alive(m_parts.clocks.monotonic());
    if (!exit_code && !m_service.ready_sent())
        m_service.ready(service_status());
    return exit_code;
}

int Player::run()
{
    const auto period =
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(1.0 / m_display.refresh_hz()));
    auto next_frame = std::chrono::steady_clock::now();
    for (;;) {
        if (auto exit_code = step(1000)) {
            m_service.stopping();
            return *exit_code;
        }
        // SDL's software renderer says it has vsync but returns from present at once: frames
        // are then paced here, on a fixed grid of refresh periods. A reload may change it.
        const bool paced_by_display = m_display.vsync() && std::string_view(m_display.renderer_name()) != "software";
        if (paced_by_display || !m_schedule.screen_on())
            continue;
        next_frame += period;
        if (next_frame < std::chrono::steady_clock::now() - period)
            next_frame = std::chrono::steady_clock::now();  // far behind (the machine was busy): start the grid again
        std::this_thread::sleep_until(next_frame);
    }
}

void Player::reload(const std::string& why)
{
    if (!m_watch.path()) {
        m_parts.log({platform::LogLevel::notice, "config", "reload (" + why + "): no --config file; fetching the feeds again"});
        start_fetcher();
        return;
    }
    m_watch.start_reading(why);
}

bool Player::settled() const
{
    return !m_watch.reading() && !m_renderer_switch.deciding() && !m_screens.swapping() && !m_rebuild && !m_alerts_changed && m_screens.scene() &&
           !m_screens.scene()->preparing();
}

// A file with a mistake changes nothing: the screen keeps running as it was, and the log says why.
void Player::apply_reading(ConfigReading reading)
{
    const std::string said = "reload (" + reading.why + "): ";
    if (!reading.config) {
        m_parts.log({platform::LogLevel::warning, "config", said + "kept the running configuration: " + reading.config.error().message});
        return;
    }
    config::Config next = std::move(reading.config.value());
    next.offline_cache = m_config.offline_cache;
    const ConfigChanges changes = compare_configs(m_config, next);
    m_config = std::move(next);
    if (changes.time_zone)
        apply_time_zone();
    if (changes.renderer)
        m_renderer_switch.request(m_config.display.renderer, said);  // "auto" asks the probe first, beside the loop
    if (changes.screen)
        m_screens.build_later(plan_now(), said + "the screen keeps its previous look");
    if (changes.display_power && m_schedule.use_commands(m_config.schedule)) {
        if (m_schedule.apply(m_config.schedule, platform::to_local(m_parts.clocks.wall()), true))
            m_screens.for_each_scene([](render::Scene& scene) { scene.invalidate(); });
    }
    if (changes.crawl_speed)
        m_playback.set_crawl_px_per_refresh(render::pixels_per_refresh(m_config.crawl_speed_px_per_s, m_display.refresh_hz()));
    if (changes.notice_rules)
        m_board.use_rules(m_config.notice_rules);
    const auto now = m_parts.clocks.wall();
    m_alerts.use_settings(m_config.alerts, now, m_parts.log);
    m_alerts_changed = true;
    for (const auto& name : changes.removed_feeds) {
        m_rebuild |= m_board.remove_source(name);
        m_alerts_changed |= m_alerts.remove_source(name, now, m_parts.log);
    }
    // The fetcher starts over: new feeds are read at once, and the others answer from their
    // cache and a conditional GET, so the notices on screen stay.
    start_fetcher();
    for (const auto& key : changes.at_next_start)
        m_parts.log({platform::LogLevel::notice, "config", said + key + " changes at the next start: sudo systemctl restart signage-player"});
    m_status_changed = true;  // the clock, the schedule and the note at once, in the zone now set
    m_parts.log({platform::LogLevel::notice, "config", said + m_watch.path()->string() + " applied"});
}

// Not before: the probe (a process loading OpenGL) would take the CPU from the first board's text.
void Player::probe_after_first_board()
{
    if (!m_parts.probe_after_first_board || !m_start)
        return;
    const bool board_shown = m_screens.scene() && m_screens.scene()->boards_shown() > 0;
    if (!board_shown && m_parts.clocks.monotonic() - *m_start < std::chrono::seconds(1))
        return;
    m_parts.probe_after_first_board = false;
    // A reload that already asked for a renderer decides it.
    if (m_config.display.renderer == config::RendererChoice::automatic && !m_renderer_switch.deciding())
        m_renderer_switch.request(config::RendererChoice::automatic, "after start: ");
}

// TZ was set at start (run_player), to the configured zone or the system's, before any other
// thread ran, so the variable exists and use_time_zone may change it now (local_time.hpp).
void Player::apply_time_zone()
{
    if (auto zone = platform::use_time_zone(m_config.screen.time_zone); !zone)
        m_parts.log({platform::LogLevel::warning, "clock", zone.error().message + "; the clock keeps its time zone"});
}

// False when there is no renderer any more. Every texture goes with the old renderer: the
// screen is built again as after a resize, black frames until it is there.
bool Player::use_renderer(const RendererSwitch::Decided& decided)
{
    const std::string key = renderer_key(decided.choice);
    if (!m_display.needs_renderer(decided.decision.path)) {
        if (!decided.decision.log.empty())
            m_parts.log({decided.decision.level, "display", decided.why + decided.decision.log});
        m_parts.log({platform::LogLevel::info, "display", decided.why + key + ": the " + m_display.renderer_name() + " renderer stays"});
        return true;
    }
    m_screens.drop();
    const Status replaced = m_display.replace_renderer(
        decided.decision, [&](const platform::LogEntry& entry) { m_parts.log({entry.level, entry.module, decided.why + std::string(entry.message)}); });
    if (!m_display.renderer()) {
        m_parts.log({platform::LogLevel::error, "display", decided.why + key + ": " + replaced.error().message + "; no renderer left, the player stops"});
        return false;
    }
    if (replaced)
        log_display(decided.why);
    else
        m_parts.log({platform::LogLevel::warning, "display", decided.why + key + ": " + replaced.error().message + "; check the GPU's driver, or set it to \"software\""});
    if (!m_schedule.screen_on())
        draw_black(m_display);
    m_screens.build_later(plan_now(), decided.why + "the screen could not be built for the new renderer");
    return true;
}

void Player::start_fetcher()
{
    // The fetcher thread never touches SDL video: it only posts an event that wakes this loop.
    // It also reads the offline cache, so cached notices arrive the same way.
    const Uint32 feed_event = m_feed_event;
    m_status_tracker.use_sources(m_config.feeds);
    m_fetchers.start(m_config, [feed_event] {
        SDL_Event event{};
        event.type = feed_event;
        SDL_PushEvent(&event);
    });
}

// The scene for the window's current size, laid out for the upright safe area; the transform
// turns it onto the panel.
ScreenPlan Player::plan_now() const
{
    int width = 0, height = 0;
    m_display.output_size(width, height);
    render::SceneSettings settings = scene_settings(m_config);
    settings.refresh_hz = m_display.refresh_hz();
    return {font_roles(m_config, m_data_dir),
            render::screen_geometry(width, height, m_config.display.rotation_degrees, m_config.display.safe_area_percent), settings};
}

void Player::fill_new_scene(render::Scene& scene)
{
    const auto now = m_parts.clocks.wall();
    scene.set_freshness_note(m_board.freshness());
    std::vector<model::Notice> urgent = m_board.urgent_for_new_scene(m_config, now);
    scene.prepare_time(platform::to_local(now));
    // Before any feed answered, the scene waits a moment before it says "no notices".
    if (!m_board.has_answer())
        return;
    scene.prepare_notices(m_board.notices());
    scene.prepare_urgent(std::move(urgent));
    scene.prepare_alerts(m_alerts.shown());
}

// An exit code when the player should stop.
std::optional<int> Player::handle_event(const SDL_Event& event)
{
    if (handle_display_event(event))
        return std::exchange(m_display_exit, std::nullopt);
    if (event.type == SDL_QUIT)
        return 0;
    if (event.type == m_feed_event) {
        m_status_changed = true;
        auto updates = m_fetchers.take_updates();
        m_status_tracker.saw(updates, m_parts.clocks.wall());
        m_alerts_changed |= m_alerts.take(updates, m_parts.clocks.wall(), m_parts.log);
        m_rebuild |= m_board.take(std::move(updates), m_parts.log);
    } else if (event.type == SDL_KEYDOWN && !handle_key(event.key)) {
        return 0;
    } else if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED && !handle_resize()) {
        return 1;
    } else if (event.type == SDL_WINDOWEVENT && (event.window.event == SDL_WINDOWEVENT_EXPOSED || event.window.event == SDL_WINDOWEVENT_SHOWN)) {
        // A window just mapped, or uncovered, shows nothing of what was drawn before: the next
        // frame draws it all, not only what moved.
        m_whole_frame = true;
    }
    return std::nullopt;
}

void Player::handle_second()
{
    const auto now = m_parts.clocks.wall();
    m_rebuild |= m_board.set_now(now);
    if (auto note = m_board.freshness_change(now, m_config.stale_after))
        m_screens.for_each_scene([&](render::Scene& scene) { scene.set_freshness_note(*note); });
    m_status_changed = false;
    const platform::LocalTime local = platform::to_local(now);
    if (m_schedule.apply(m_config.schedule, local, false))
        m_screens.for_each_scene([](render::Scene& scene) { scene.invalidate(); });
    m_screens.for_each_scene([&](render::Scene& scene) { scene.prepare_time(local); });
    update_urgent();
    m_alerts_changed |= m_alerts.set_now(now, m_parts.log);
    show_alerts();
    m_schedule.poll();
    if (m_watch.file_changed())
        reload("the file changed");
    update_overlay();
    m_service.status(service_status());
    offer_status();
}

void Player::update_urgent()
{
    if (auto urgent = m_board.urgent_change(m_config, m_parts.clocks.wall(), m_parts.log))
        m_screens.for_each_scene([&](render::Scene& scene) { scene.prepare_urgent(*urgent); });
}

// Alerts go on screen as soon as they change, not with the next board: they are what the
// screen is for in an emergency.
void Player::show_alerts()
{
    if (!std::exchange(m_alerts_changed, false))
        return;
    m_screens.for_each_scene([&](render::Scene& scene) { scene.prepare_alerts(m_alerts.shown()); });
}

// The board's text is made on the scene's worker; the new board shows when it is ready.
void Player::show_board()
{
    m_rebuild = false;
    m_screens.for_each_scene([&](render::Scene& scene) { scene.prepare_notices(m_board.notices()); });
    update_urgent();
    show_alerts();
}

std::optional<int> Player::frame()
{
    const auto frame_start = m_parts.clocks.monotonic();
    if (!m_start) {
        m_start = frame_start;
        m_next_stats_log = frame_start + std::chrono::minutes(1);
    }
    const double interval = m_previous_frame ? std::chrono::duration<double>(frame_start - *m_previous_frame).count() : 0.0;
    if (m_previous_frame)
        m_frame_stats.record(interval);
    m_status_tracker.frame_drawn(frame_start, interval > 1.5 / m_display.refresh_hz());  // as FrameStats counts late
    m_previous_frame = frame_start;
    if (frame_start >= m_next_stats_log) {
        m_next_stats_log += std::chrono::minutes(1);
        m_parts.log({platform::LogLevel::debug, "render", render::describe(m_frame_stats.summary())});
        m_frame_stats.reset();
    }
    m_playback.frame(std::chrono::duration<double>(frame_start - *m_start).count());
    if (auto advanced = m_screens.advance([this](render::Scene& scene) { fill_new_scene(scene); }); !advanced) {
        const bool stops = !m_screens.scene() && !m_screens.loading();
        m_parts.log({stops ? platform::LogLevel::error : platform::LogLevel::warning, "render", advanced.error().message});
        if (stops)
            return 1;
    }
    if (m_screens.take_new_screen()) {
        m_whole_frame = true;  // the margins of a new safe area too
        m_boards_logged = 0;
        update_overlay();
    }
    if (render::Scene* scene = m_screens.scene())
        draw_frame(*scene, *m_screens.transform());
    else
        draw_black(m_display);  // the software path after a resize, until the new screen is loaded
    return std::nullopt;
}

void Player::draw_frame(render::Scene& scene, render::ScreenTransform& transform)
{
    const render::FrameExtent extent = m_display.keeps_last_frame() && !m_whole_frame ? render::FrameExtent::changes_only : render::FrameExtent::whole;
    m_whole_frame = false;
    transform.begin_frame(extent == render::FrameExtent::whole);
    scene.set_kept_surface(m_display.kept_surface());
    const auto changed = transform.end_frame(scene.draw(m_playback.scene_seconds(), m_playback.crawl_travelled(), extent));
    if (m_screenshot_requested) {
        m_screenshot_requested = false;
        save_screenshot(m_display, m_parts.clocks.wall(), m_parts.log);
    }
    answer_snapshot_request(m_display, m_snapshot_writer.get(), m_parts.log);
    m_display.present(changed ? &*changed : nullptr);
    log_board_shown(scene);
}

void Player::log_display(const std::string& why) const
{
    m_parts.log({platform::LogLevel::info, "display", why + display_line(m_display, m_playback)});
}

void Player::log_board_shown(const render::Scene& scene)
{
    if (scene.boards_shown() == m_boards_logged)
        return;
    m_boards_logged = scene.boards_shown();
    const render::SceneTextStats& stats = scene.text_stats();
    if (stats.notices_rasterized + stats.notices_reused == 0)
        return;  // an empty board: the screen says so itself
    m_parts.log({platform::LogLevel::info, "screen",
                 std::to_string(stats.notices_rasterized) + " notices rasterized, " + std::to_string(stats.notices_reused) + " from the text cache; " +
                     render::describe(stats.cache)});
}

void Player::update_overlay()
{
    render::Scene* scene = m_screens.scene();
    if (!scene)
        return;
    if (!m_overlay_shown) {
        scene->set_overlay({});
        return;
    }
    scene->set_overlay(overlay_lines(m_display, m_playback, m_frame_stats.summary(), *scene, m_board.notices().size()));
}

int run_player(const config::Config& config, const platform::DisplayRequest& request, const std::filesystem::path& data_dir,
               const std::optional<std::filesystem::path>& config_path)
{
    // Declared first, destroyed last: the teardown of everything below is bounded by it.
    std::optional<StopDeadline> teardown;
    // Before any other thread runs: the zone is the process's TZ, which then always exists.
    if (auto zone = platform::use_time_zone(config.screen.time_zone); !zone) {
        platform::log({platform::LogLevel::warning, "clock", zone.error().message + "; the clock shows the system's time zone"});
        platform::use_system_time_zone();
    }
    // The probe's last answer: where it found no GPU to use, the first frame does not wait for it.
    const RendererMemory memory(renderer_memory_file(config.cache_directory));
    const bool automatic = config.display.renderer == config::RendererChoice::automatic;
    const StartRenderer renderer = start_renderer(config.display.renderer, automatic ? memory.recall(platform::log) : std::nullopt);
    if (!renderer.log.empty())
        platform::log({platform::LogLevel::info, "display", renderer.log});
    // Before SDL video starts here, so that the renderer probe's own start runs beside ours.
    std::optional<platform::RendererProbeRun> probe;
    if (renderer.renderer == config::RendererChoice::automatic)
        probe = platform::RendererProbeRun::start();
    install_snapshot_signal_handler();  // before player.pid names us, even while no display is there
    const PidFile pid_file(pid_path_for(default_status_path()), platform::log);
    // Declared first, torn down last: everything below uses SDL or curl.
    platform::DisplayRequest asked = request;
    asked.mode = config.display.mode;
    auto opened = wait_for_display(asked, renderer.renderer, std::move(probe));
    if (!opened)
        return 0;  // asked to stop before there was a display
    feed::CurlGlobal curl;
    ConfigWatch::install_sighup_handler();
    PlayerParts parts;
    parts.status_file = default_status_path();
    parts.probe_renderer = [memory] {
        const platform::RendererProbe answer = platform::probe_renderer();
        memory.remember(answer, platform::log);
        return answer;
    };
    parts.probe_after_first_board = renderer.probe_later;
    parts.reopen_display = [request](config::RendererChoice renderer) { return open_display(request, renderer); };
    Player player(config, config_path, std::move(opened->display), data_dir, !request.window_width, std::move(parts));
    player.adopt_video(std::move(opened->sdl));
    if (!player.start())
        return 1;
    const int exit_code = player.run();
    // Armed once the loop has ended; disarmed when everything above it has been torn down.
    teardown.emplace(kStopGrace, end_process_now);
    return exit_code;
}

}  // namespace signage::app

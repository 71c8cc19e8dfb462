#pragma once
// The window and renderer: fullscreen on the display's native mode for the lobby, or a window
// for desktop preview. Presents with vsync where the driver offers it.
#include "config/display_settings.hpp"
#include "platform/log.hpp"
#include "platform/sdl_handles.hpp"
#include "util/result.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signage::platform {

struct DisplayRequest {
    std::optional<int> window_width;  // set: a window of this size; unset: fullscreen
    std::optional<int> window_height;
    config::ScreenMode mode = {};  // fullscreen: native, or a mode switched to ([display] mode)
};

// What a short-lived child process found out by making an accelerated renderer, so that the
// player itself never loads OpenGL just to learn that it is drawn in software: Mesa's llvmpipe
// and LLVM, once loaded, stay resident for the life of the process (65 MB more, measured with
// a 1280x720 preview under Xvfb).
struct RendererProbe {
    enum class Outcome {
        gpu,              // an accelerated renderer not drawn in software
        software_opengl,  // OpenGL drawn in software (Mesa llvmpipe, softpipe)
        no_accelerated,   // no accelerated renderer at all
        not_run,          // the probe could not start, or gave no answer
        crashed,          // it died making the renderer
        timed_out,        // it did not answer in time (and was killed)
    };
    Outcome outcome = Outcome::not_run;
    std::string detail;  // the OpenGL renderer's name, or what went wrong
};

// How the probe runs: this program again, which answers before main() when it finds the probe's
// environment variable (SIGNAGE_PLAYER_RENDERER_PROBE=1). Tests run stand-ins for it.
struct ProbeCommand {
    std::string program = "/proc/self/exe";
    // Should the probe ever run as a plain player, the command line stops it at once.
    std::vector<std::string> arguments = {"signage-player", "--renderer-probe"};
    // Generous: LLVM loads from a cold SD card in seconds. Only a hung driver waits this long.
    std::chrono::milliseconds timeout{10000};
};

// A probe under way. Started before this process starts SDL video, the probe's own start-up (a
// new process, SDL video) runs beside ours, and Display::open waits only for the rest.
class RendererProbeRun {
public:
    static RendererProbeRun start(const ProbeCommand& command = {});
    // Waits for the answer until the command's timeout from the start, then kills the probe.
    RendererProbe answer();

    RendererProbeRun(RendererProbeRun&&) noexcept;
    RendererProbeRun& operator=(RendererProbeRun&&) noexcept;
    ~RendererProbeRun();  // a probe left unasked is killed and reaped

private:
    struct Process;
    explicit RendererProbeRun(std::unique_ptr<Process> process);
    std::unique_ptr<Process> m_process;
};
RendererProbe probe_renderer(const ProbeCommand& command = {});

enum class RendererPath {
    gpu,
    software,
    check_here,  // the probe said nothing useful: make the GPU renderer and ask OpenGL here
};
struct RendererDecision {
    RendererPath path = RendererPath::check_here;
    std::string log;  // one line for the log (without "display: "), or empty when there is nothing to say
    LogLevel level = LogLevel::info;
};
// For `[display] renderer = "auto"`: the GPU unless the probe found OpenGL drawn in software,
// none at all, or died or hung making it.
RendererDecision decide_renderer(const RendererProbe& probe);
// For `[display] renderer = "gpu"` or `"software"`: what it says, and nothing to log.
RendererDecision fixed_renderer(config::RendererChoice choice);

class Display {
public:
    // `renderer`: the GPU, SDL's software renderer, or (automatic) the GPU unless OpenGL is itself
    // drawn in software (Mesa llvmpipe), where SDL's own software renderer costs far less CPU.
    // Automatic asks a probe: `probe` if one was started early, else one started here.
    static Result<Display> open(const DisplayRequest& request, config::RendererChoice renderer,
                                std::optional<RendererProbeRun> probe = std::nullopt);

    SDL_Renderer* renderer() const { return m_renderer.get(); }
    SDL_Window* window() const { return m_window.get(); }
    // Drawable size in pixels (differs from the window size on high-DPI desktops).
    void output_size(int& width, int& height) const;
    bool vsync() const { return m_vsync; }
    // Shows the frame. `changed`: the only rectangle that differs from the last frame, which
    // the software path then copies alone to the screen; nullptr: everything.
    void present(const SDL_Rect* changed = nullptr);
    // After the window changed size. The software path then has a new renderer: every texture
    // of the old one is gone, and the scene must be built again.
    Status handle_resize();
    // Whether `path` leads to another renderer than the one in use (check_here: only from the
    // software one; the GPU's was checked when it was made).
    bool needs_renderer(RendererPath path) const;
    // Replaces the renderer on the same window by the one `decision` picks, as open() picks it,
    // with its lines for `log`. Every texture of the old renderer goes, whatever the outcome:
    // drop them before, make them again after. An error when the renderer asked for could not
    // be made: another one works in its place (SDL's software renderer for the GPU's, the GPU's
    // again for a software renderer that failed), or none at all (renderer() is then null).
    Status replace_renderer(const RendererDecision& decision, const LogSink& log);
    // Whether the last frame stays in place to draw over (the software path's window surface),
    // so a frame may redraw only what changed.
    bool keeps_last_frame() const { return m_on_window_surface; }
    // The surface the software renderer draws on (the window's), which keeps the last frame;
    // null on the GPU path.
    SDL_Surface* kept_surface() const { return m_on_window_surface ? m_surface : nullptr; }
    // The display's refresh rate, 60 when it does not say; the renderer's name ("opengl", ...).
    double refresh_hz() const;
    const char* renderer_name() const;

private:
    WindowPtr m_window;
    RendererPtr m_renderer;
    bool m_vsync = false;
    bool m_on_window_surface = false;  // the software path
    SDL_Surface* m_surface = nullptr;  // the window's, owned by SDL, while the software renderer draws on it

    Status make_surface_renderer();
    bool use_accelerated_instead(const std::string& why, const LogSink& log);
    Status make_renderer(const RendererDecision& decision, const LogSink& log, std::string& refused);
    bool make_accelerated_renderer();
    void note_vsync();
};

}  // namespace signage::platform

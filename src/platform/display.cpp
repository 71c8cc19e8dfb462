#include "platform/display.hpp"

#include "platform/display_loss.hpp"
#include "platform/display_mode.hpp"
#include "platform/log.hpp"
#include "platform/spawn_settings.hpp"
#include "util/unique_fd.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace signage::platform {

namespace {

constexpr std::string_view probe_variable = "SIGNAGE_PLAYER_RENDERER_PROBE";

// The OpenGL implementation of the current context, as it names itself ("llvmpipe (LLVM 15.0.6,
// 256 bits)", "V3D 4.2"); empty when there is no current context.
std::string opengl_renderer_name()
{
    using GetString = const unsigned char* (*)(unsigned);
    constexpr unsigned gl_renderer = 0x1F01;
    auto get_string = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString"));
    if (!get_string || !SDL_GL_GetCurrentContext())
        return {};
    const unsigned char* name = get_string(gl_renderer);
    return name ? reinterpret_cast<const char*>(name) : "";
}

bool is_software_opengl(std::string_view name)
{
    for (std::string_view software : {"llvmpipe", "softpipe", "swrast", "Software Rasterizer"})
        if (name.find(software) != std::string_view::npos)
            return true;
    return false;
}

// The probe's side: one line on standard output (the parent's pipe), then the end of the
// process. "renderer\tNAME" with the OpenGL renderer's name (empty when the renderer is not
// OpenGL), "none\tERROR" when there is no accelerated renderer, "no-video\tERROR" when SDL
// video does not start. No teardown: the end of the process is all the clean-up a driver
// needs, and unloading Mesa and LLVM would only keep the parent waiting.
[[noreturn]] void answer(std::string_view kind, std::string_view detail)
{
    std::string line(kind);
    line += '\t';
    for (const char c : detail)
        line += c == '\n' || c == '\t' ? ' ' : c;
    line += '\n';
    for (std::size_t written = 0; written < line.size();) {
        const ssize_t n = ::write(STDOUT_FILENO, line.data() + written, line.size() - written);
        if (n > 0)
            written += static_cast<std::size_t>(n);
        else if (errno != EINTR)
            break;
    }
    std::_Exit(0);
}

// SDL video on a display server (X11, then Wayland, as SDL tries them) or the driver that
// SDL_VIDEODRIVER names, but never KMSDRM: there the player must hold the DRM device alone, and
// checks OpenGL for itself as it always did. Returns only when video runs.
void start_probe_video()
{
    const char* named = std::getenv("SDL_VIDEODRIVER");
    if (named && SDL_strcasecmp(named, "kmsdrm") == 0)
        answer("no-video", "KMSDRM is for the player alone");
    if (named) {
        if (SDL_Init(SDL_INIT_VIDEO) != 0)
            answer("no-video", SDL_GetError());
        return;
    }
    for (const char* driver : {"x11", "wayland"}) {
        ::setenv("SDL_VIDEODRIVER", driver, 1);
        if (SDL_Init(SDL_INIT_VIDEO) == 0)
            return;
    }
    answer("no-video", "no X11 or Wayland display (KMSDRM is for the player alone)");
}

[[noreturn]] void run_renderer_probe()
{
    // The probe may run beside the player's loop: an X server that goes meanwhile is the
    // player's to report, in one line, not Xlib's "X connection to ... broken" from here too.
    end_quietly_on_x11_loss([] { answer("no-video", "the connection to the X server broke"); });
    start_probe_video();
    // Hidden: nothing flashes on the panel. The renderer is chosen as Display::open chooses it.
    WindowPtr window(SDL_CreateWindow("signage-player renderer probe", 0, 0, 64, 64, SDL_WINDOW_HIDDEN));
    if (!window)
        answer("no-video", SDL_GetError());
    RendererPtr renderer(SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
    if (!renderer)
        answer("none", SDL_GetError());
    answer("renderer", opengl_renderer_name());
}

// Before main() and anything else of the program, so that the probe is the same binary (the
// same SDL, the same environment) without a command of its own.
[[gnu::constructor]] void run_renderer_probe_when_asked()
{
    const char* asked = std::getenv(std::string(probe_variable).c_str());
    if (asked && std::string_view(asked) == "1")
        run_renderer_probe();
}

// The probe starts clean: the player's ignored and blocked signals would carry over exec, and
// it holds none of the player's files but the pipe it answers on (as its standard output).
int set_up_probe(SpawnAttributes& attributes, SpawnFileActions& actions, int answer_fd)
{
    if (const int error = reset_signals_in_child(attributes))
        return error;
    if (actions.error() != 0)
        return actions.error();
    if (const int error = posix_spawn_file_actions_adddup2(actions.get(), answer_fd, STDOUT_FILENO))
        return error;
    return posix_spawn_file_actions_addclosefrom_np(actions.get(), STDERR_FILENO + 1);
}

// A child process that is always reaped: killed first if it is still running when we leave.
class Child {
public:
    explicit Child(pid_t pid) : m_pid(pid) {}
    ~Child()
    {
        if (m_pid > 0) {
            kill();
            wait();
        }
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    // The wait status.
    int wait()
    {
        if (m_pid <= 0)
            return 0;
        int status = 0;
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
        return status;
    }
    void kill()
    {
        if (m_pid > 0)
            ::kill(m_pid, SIGKILL);
    }

private:
    pid_t m_pid;
};

// argv and envp as execve wants them, pointing into `strings`.
std::vector<char*> c_strings(std::vector<std::string>& strings)
{
    std::vector<char*> pointers;
    for (std::string& text : strings)
        pointers.push_back(text.data());
    pointers.push_back(nullptr);
    return pointers;
}

RendererProbe parse_answer(std::string_view line)
{
    const auto tab = line.find('\t');
    const std::string_view kind = line.substr(0, tab);
    const std::string detail(tab == std::string_view::npos ? std::string_view{} : line.substr(tab + 1));
    if (kind == "renderer")
        return {is_software_opengl(detail) ? RendererProbe::Outcome::software_opengl : RendererProbe::Outcome::gpu, detail};
    if (kind == "none")
        return {RendererProbe::Outcome::no_accelerated, detail};
    if (kind == "no-video")
        return {RendererProbe::Outcome::not_run, "could not start SDL video: " + detail};
    return {RendererProbe::Outcome::not_run, "gave no answer"};
}

}  // namespace

struct RendererProbeRun::Process {
    std::optional<Child> child;
    UniqueFd from_probe;
    std::chrono::steady_clock::time_point deadline;
    std::chrono::milliseconds timeout{0};
    std::string not_started;  // why it could not start, if it could not
    std::optional<RendererProbe> answer;

    RendererProbe wait_for_answer();
};

RendererProbeRun::RendererProbeRun(std::unique_ptr<Process> process) : m_process(std::move(process)) {}
RendererProbeRun::RendererProbeRun(RendererProbeRun&&) noexcept = default;
RendererProbeRun& RendererProbeRun::operator=(RendererProbeRun&&) noexcept = default;
RendererProbeRun::~RendererProbeRun() = default;

RendererProbeRun RendererProbeRun::start(const ProbeCommand& command)
{
    auto process = std::make_unique<Process>();
    process->timeout = command.timeout;
    process->deadline = std::chrono::steady_clock::now() + command.timeout;
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) {
        process->not_started = std::string("could not start (no pipe: ") + std::strerror(errno) + ")";
        return RendererProbeRun(std::move(process));
    }
    process->from_probe = UniqueFd(ends[0]);
    UniqueFd to_parent(ends[1]);

    SpawnAttributes attributes;
    SpawnFileActions actions;
    if (const int error = set_up_probe(attributes, actions, to_parent.get()); error != 0) {
        process->not_started = std::string("could not start (") + std::strerror(error) + ")";
        return RendererProbeRun(std::move(process));
    }
    std::vector<std::string> arguments = command.arguments;
    std::vector<std::string> environment;
    const std::string assignment = std::string(probe_variable) + "=";
    for (char** variable = environ; *variable; ++variable)
        if (!std::string_view(*variable).starts_with(assignment))
            environment.emplace_back(*variable);
    environment.push_back(assignment + "1");
    std::vector<char*> argv = c_strings(arguments);
    std::vector<char*> envp = c_strings(environment);
    pid_t pid = -1;
    if (const int error = ::posix_spawn(&pid, command.program.c_str(), actions.get(), attributes.get(), argv.data(), envp.data()); error != 0)
        process->not_started = "could not start " + command.program + ": " + std::strerror(error);
    else
        process->child.emplace(pid);
    return RendererProbeRun(std::move(process));
}

RendererProbe RendererProbeRun::answer()
{
    if (!m_process->answer) {
        m_process->answer = m_process->wait_for_answer();
        m_process->child.reset();
    }
    return *m_process->answer;
}

RendererProbe RendererProbeRun::Process::wait_for_answer()
{
    using Outcome = RendererProbe::Outcome;
    if (!child)
        return {Outcome::not_run, not_started};

    // The answer is the first line; the pipe closing before it says the child is gone.
    std::string output;
    bool closed = false;
    while (!closed && output.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            break;
        pollfd readable{from_probe.get(), POLLIN, 0};
        const int ready = ::poll(&readable, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            break;
        char buffer[512];
        const ssize_t n = ::read(from_probe.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        if (n == 0)
            closed = true;
        output.append(buffer, static_cast<std::size_t>(n));
    }
    if (!closed)
        child->kill();  // hung, or on its way out after answering: the answer is all we need
    const int status = child->wait();
    if (const auto line_end = output.find('\n'); line_end != std::string::npos)
        return parse_answer(std::string_view(output).substr(0, line_end));
    if (!closed)
        return {Outcome::timed_out, "did not answer within " + std::to_string(timeout.count()) + " ms"};
    if (WIFSIGNALED(status))
        return {Outcome::crashed, std::string("crashed (") + strsignal(WTERMSIG(status)) + ")"};
    return {Outcome::not_run, "gave no answer (exit status " + std::to_string(WEXITSTATUS(status)) + ")"};
}

RendererProbe probe_renderer(const ProbeCommand& command)
{
    return RendererProbeRun::start(command).answer();
}

RendererDecision decide_renderer(const RendererProbe& probe)
{
    using Outcome = RendererProbe::Outcome;
    const std::string overrides = "; [display] renderer = \"gpu\" overrides";
    switch (probe.outcome) {
    case Outcome::gpu:
        return {RendererPath::gpu, ""};
    case Outcome::software_opengl:
        return {RendererPath::software,
                "OpenGL is drawn in software here (" + probe.detail + "); using SDL's software renderer, which costs less CPU" + overrides,
                LogLevel::notice};
    case Outcome::no_accelerated:
        return {RendererPath::software, ""};  // as SDL_CreateRenderer failing always did
    case Outcome::crashed:
    case Outcome::timed_out:
        // OpenGL itself died or hung in the probe: this process stays away from it.
        return {RendererPath::software,
                "the renderer probe " + probe.detail + " making an accelerated renderer; using SDL's software renderer" + overrides,
                LogLevel::warning};
    case Outcome::not_run:
        break;
    }
    return {RendererPath::check_here, "the renderer probe " + probe.detail + ", so OpenGL was checked in this process"};
}

RendererDecision fixed_renderer(config::RendererChoice choice)
{
    return {choice == config::RendererChoice::software ? RendererPath::software : RendererPath::gpu, ""};
}

Result<Display> Display::open(const DisplayRequest& request, config::RendererChoice choice, std::optional<RendererProbeRun> probe)
{
    // Started before the window, so that the two are made side by side.
    if (choice == config::RendererChoice::automatic && !probe)
        probe = RendererProbeRun::start();

    const bool fullscreen = !request.window_width;
    Display display;
    auto window = make_window(request.window_width, request.window_height, request.mode);
    if (!window)
        return window.error();
    display.m_window = std::move(window.value());

    const RendererDecision decision = choice == config::RendererChoice::automatic ? decide_renderer(probe->answer()) : fixed_renderer(choice);
    std::string refused;  // as SDL_CreateRenderer failing always did: the software renderer, and nothing said
    if (auto made = display.make_renderer(decision, platform::log, refused); !made)
        return made.error();
    if (fullscreen)
        SDL_ShowCursor(SDL_DISABLE);  // nobody points at a lobby screen
    return display;
}

void Display::output_size(int& width, int& height) const
{
    SDL_GetRendererOutputSize(m_renderer.get(), &width, &height);
}

double Display::refresh_hz() const
{
    SDL_DisplayMode mode{};
    const int index = SDL_GetWindowDisplayIndex(m_window.get());
    if (index < 0 || SDL_GetCurrentDisplayMode(index, &mode) != 0 || mode.refresh_rate <= 0)
        return 60.0;
    return mode.refresh_rate;
}

const char* Display::renderer_name() const
{
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(m_renderer.get(), &info) != 0 || !info.name)
        return "unknown";
    return info.name;
}

// On a window without a renderer. `refused`: why the GPU's could not be made, when it was asked
// for and SDL's software renderer stands in for it.
Status Display::make_renderer(const RendererDecision& decision, const LogSink& log, std::string& refused)
{
    if (decision.path != RendererPath::check_here && !decision.log.empty())
        log({decision.level, "display", decision.log});
    if (decision.path != RendererPath::software) {
        const bool made = make_accelerated_renderer();
        if (!made && decision.path == RendererPath::gpu)
            refused = std::string("no accelerated renderer here (") + SDL_GetError() + ")";
        const std::string name = made ? opengl_renderer_name() : "";
        if (decision.path == RendererPath::check_here && is_software_opengl(name)) {
            log({LogLevel::notice, "display", decide_renderer({RendererProbe::Outcome::software_opengl, name}).log + "; " + decision.log});
            m_renderer.reset();
        } else if (decision.path == RendererPath::check_here) {
            log({LogLevel::info, "display", decision.log});
        }
    }
    if (!m_renderer) {
        // Without this hint SDL routes its software renderer through OpenGL again on X11.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        m_on_window_surface = true;
        if (auto made = make_surface_renderer(); !made && !use_accelerated_instead(made.error().message, log))
            return made.error();
    }
    note_vsync();
    return Done{};
}

// Some window systems give no surface to draw in (SDL 2.26 on Wayland, as in the cage kiosk
// compositor): OpenGL drawn in software costs more CPU, but a screen beats none.
bool Display::use_accelerated_instead(const std::string& why, const LogSink& log)
{
    if (!make_accelerated_renderer())
        return false;
    log({LogLevel::notice, "display", why + "; the accelerated renderer (" + opengl_renderer_name() + ") draws instead"});
    return true;
}

void Display::note_vsync()
{
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(m_renderer.get(), &info);
    // SDL's software renderer claims vsync but does not wait for it.
    m_vsync = !m_on_window_surface && (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
}

bool Display::make_accelerated_renderer()
{
    m_renderer.reset(SDL_CreateRenderer(m_window.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
    m_on_window_surface = false;
    return m_renderer != nullptr;
}

bool Display::needs_renderer(RendererPath path) const
{
    return path == RendererPath::software ? !m_on_window_surface : m_on_window_surface;
}

Status Display::replace_renderer(const RendererDecision& decision, const LogSink& log)
{
    const bool was_accelerated = !m_on_window_surface;
    // The software renderer draws into the window surface, which a GPU renderer's window
    // replaces: it goes first.
    m_renderer.reset();
    std::string refused;
    Status made = make_renderer(decision, log, refused);
    if (!made && was_accelerated && make_accelerated_renderer()) {
        note_vsync();
        return Error{made.error().message + "; the " + renderer_name() + " renderer stays"};
    }
    if (!made)
        return made.error();
    if (!refused.empty())
        return Error{refused + "; SDL's software renderer is in use"};
    return Done{};
}

Status Display::make_surface_renderer()
{
    // Drawing straight into the window's surface lets a frame push only the rectangles it
    // changed to the screen (SDL_UpdateWindowSurfaceRects): the crawl band, most of the time.
    m_renderer.reset();
    m_surface = nullptr;
    SDL_Surface* surface = SDL_GetWindowSurface(m_window.get());
    if (!surface)
        return Error{std::string("unable to get the window's surface: ") + SDL_GetError()};
    m_renderer.reset(SDL_CreateSoftwareRenderer(surface));
    if (!m_renderer)
        return Error{std::string("unable to create the software renderer: ") + SDL_GetError()};
    m_surface = surface;
    return Done{};
}

Status Display::handle_resize()
{
    // The window surface is replaced on resize, and with it this renderer and its textures.
    return m_on_window_surface ? make_surface_renderer() : Status(Done{});
}

void Display::present(const SDL_Rect* changed)
{
    if (!m_on_window_surface) {
        SDL_RenderPresent(m_renderer.get());
        return;
    }
    SDL_RenderFlush(m_renderer.get());
    if (changed && (changed->w <= 0 || changed->h <= 0))
        return;  // nothing moved this frame
    if (changed)
        SDL_UpdateWindowSurfaceRects(m_window.get(), changed, 1);
    else
        SDL_UpdateWindowSurface(m_window.get());
}

}  // namespace signage::platform

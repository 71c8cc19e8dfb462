// With `[display] renderer = "auto"` a short-lived child process makes the accelerated renderer
// and says what it is, so that the player never loads OpenGL (and Mesa's LLVM, ~60 MB that stay)
// just to find it drawn in software. Stand-in probes play each answer and each failure.
#include "platform/display.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace signage::platform {

namespace {

ProbeCommand stand_in(const std::string& script, std::chrono::milliseconds timeout = std::chrono::seconds(20))
{
    return ProbeCommand{"/bin/sh", {"sh", "-c", script}, timeout};
}

// The OpenGL, EGL and Mesa libraries mapped into this process.
std::set<std::string> opengl_libraries()
{
    std::set<std::string> found;
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        const auto slash = line.find('/');
        if (slash == std::string::npos)
            continue;
        const std::string path = line.substr(slash);
        for (const char* part : {"libGL", "libEGL", "libGLX", "libgallium", "_dri.so", "libLLVM", "libglapi"})
            if (path.find(part) != std::string::npos)
                found.insert(path);
    }
    return found;
}

// Sets an environment variable for the life of the object; the probe inherits it.
class ScopedVariable {
public:
    ScopedVariable(const char* name, const char* value) : m_name(name)
    {
        if (const char* old = std::getenv(name))
            m_old = old;
        ::setenv(name, value, 1);
    }
    ~ScopedVariable()
    {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }
    ScopedVariable(const ScopedVariable&) = delete;
    ScopedVariable& operator=(const ScopedVariable&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("the probe's answer says whether OpenGL is drawn in software")
{
    using Outcome = RendererProbe::Outcome;
    struct Case {
        const char* script;
        Outcome outcome;
        const char* detail;
    };
    const Case cases[] = {
        {R"(printf 'renderer\tllvmpipe (LLVM 15.0.6, 256 bits)\n')", Outcome::software_opengl, "llvmpipe (LLVM 15.0.6, 256 bits)"},
        {R"(printf 'renderer\tsoftpipe\n')", Outcome::software_opengl, "softpipe"},
        {R"(printf 'renderer\tV3D 4.2\n')", Outcome::gpu, "V3D 4.2"},
        {R"(printf 'renderer\tMesa Intel(R) UHD Graphics 620 (KBL GT2)\n')", Outcome::gpu, "Mesa Intel(R) UHD Graphics 620 (KBL GT2)"},
        {R"(printf 'none\tCouldn'"'"'t find matching render driver\n')", Outcome::no_accelerated, "Couldn't find matching render driver"},
        {R"(printf 'no-video\tNo available video device\n')", Outcome::not_run, "could not start SDL video: No available video device"},
        {"exit 2", Outcome::not_run, "gave no answer (exit status 2)"},
        {R"(printf 'hello\n')", Outcome::not_run, "gave no answer"},
        {"kill -SEGV $$", Outcome::crashed, "crashed (Segmentation fault)"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.script);
        const RendererProbe probe = probe_renderer(stand_in(c.script));
        CHECK(probe.outcome == c.outcome);
        CHECK(probe.detail == c.detail);
    }
}

TEST_CASE("a probe that does not answer in time is killed and counts as timed out")
{
    const auto start = std::chrono::steady_clock::now();
    const RendererProbe probe = probe_renderer(stand_in("exec sleep 60", std::chrono::milliseconds(300)));
    CHECK(probe.outcome == RendererProbe::Outcome::timed_out);
    CHECK(probe.detail == "did not answer within 300 ms");
    CHECK(seconds_since(start) < 30);  // not the probe's 60 s: it was killed
}

TEST_CASE("a probe that lingers after its answer is not waited for")
{
    const auto start = std::chrono::steady_clock::now();
    const RendererProbe probe = probe_renderer(stand_in(R"(printf 'renderer\tV3D 4.2\n'; exec sleep 60)"));
    CHECK(probe.outcome == RendererProbe::Outcome::gpu);
    CHECK(seconds_since(start) < 15);  // neither the 60 s of the probe nor the 20 s timeout
}

TEST_CASE("a probe holds none of the player's files")
{
    // Opened as a careless library would, without close-on-exec.
    const int inherited = ::open("/dev/null", O_RDONLY);
    REQUIRE(inherited > 2);
    const std::string fd = "/proc/$$/fd/" + std::to_string(inherited);
    const RendererProbe probe = probe_renderer(
        stand_in("if [ -e " + fd + " ]; then printf 'renderer\\tkept\\n'; else printf 'renderer\\tclosed\\n'; fi"));
    ::close(inherited);
    CHECK(probe.detail == "closed");
}

TEST_CASE("a probe that cannot start says so, naming the program")
{
    const RendererProbe probe = probe_renderer(ProbeCommand{"/nonexistent/signage-probe", {"signage-probe"}});
    CHECK(probe.outcome == RendererProbe::Outcome::not_run);
    CHECK(probe.detail == "could not start /nonexistent/signage-probe: No such file or directory");
}

TEST_CASE("a probe left unasked is killed and reaped")
{
    const auto start = std::chrono::steady_clock::now();
    std::optional<RendererProbeRun> run = RendererProbeRun::start(stand_in("exec sleep 60"));
    run.reset();
    CHECK(seconds_since(start) < 30);
}

TEST_CASE("the renderer follows the probe: software for OpenGL drawn in software, none, a crash or a hang")
{
    using Outcome = RendererProbe::Outcome;
    struct Case {
        RendererProbe probe;
        RendererPath path;
        const char* log_has;  // nullptr: nothing logged
    };
    const Case cases[] = {
        {{Outcome::gpu, "V3D 4.2"}, RendererPath::gpu, nullptr},
        {{Outcome::software_opengl, "llvmpipe (LLVM 15.0.6, 256 bits)"}, RendererPath::software,
         "OpenGL is drawn in software here (llvmpipe (LLVM 15.0.6, 256 bits)); using SDL's software renderer"},
        {{Outcome::no_accelerated, "Couldn't find matching render driver"}, RendererPath::software, nullptr},
        {{Outcome::crashed, "crashed (Segmentation fault)"}, RendererPath::software,
         "the renderer probe crashed (Segmentation fault) making an accelerated renderer; using SDL's software renderer"},
        {{Outcome::timed_out, "did not answer within 10000 ms"}, RendererPath::software,
         "the renderer probe did not answer within 10000 ms"},
        {{Outcome::not_run, "could not start /proc/self/exe: Permission denied"}, RendererPath::check_here,
         "the renderer probe could not start /proc/self/exe: Permission denied, so OpenGL was checked in this process"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.probe.detail);
        const RendererDecision decision = decide_renderer(c.probe);
        CHECK(decision.path == c.path);
        if (c.log_has) {
            CHECK(decision.log.find(c.log_has) != std::string::npos);
            CHECK(decision.log.find('\n') == std::string::npos);
        } else {
            CHECK(decision.log.empty());
        }
        if (c.path == RendererPath::software && c.log_has)
            CHECK(decision.log.ends_with("[display] renderer = \"gpu\" overrides"));
        if (c.probe.outcome == Outcome::crashed || c.probe.outcome == Outcome::timed_out)
            CHECK(decision.level == LogLevel::warning);  // OpenGL died or hung: worth a look
    }
}

TEST_CASE("this program is its own probe: it answers before main() and goes")
{
    // SDL's dummy video driver has no accelerated renderer: the answer is known everywhere.
    const ScopedVariable driver("SDL_VIDEODRIVER", "dummy");
    const RendererProbe probe = probe_renderer();
    CHECK(probe.outcome == RendererProbe::Outcome::no_accelerated);
    CHECK(probe.detail == "Couldn't find matching render driver");
}

// SDL's offscreen video driver makes OpenGL through EGL: Mesa's llvmpipe on a machine without a
// GPU, as on an X11 desktop without one. Elsewhere the display tests below have nothing to show.
bool offscreen_opengl_is_software()
{
    const RendererProbe probe = probe_renderer();
    if (probe.outcome == RendererProbe::Outcome::software_opengl)
        return true;
    skip_test("SDL's offscreen driver gives no OpenGL drawn in software here (" + probe.detail + "; Debian packages libegl-mesa0 libgl1-mesa-dri)");
    return false;
}

TEST_CASE("a display on OpenGL drawn in software gets SDL's software renderer without loading OpenGL here")
{
    const ScopedVariable driver("SDL_VIDEODRIVER", "offscreen");
    if (!offscreen_opengl_is_software())
        return;
    const auto before = opengl_libraries();
    SdlSubsystems video(SDL_INIT_VIDEO);
    REQUIRE(video.ok());
    auto display = Display::open(DisplayRequest{320, 240}, config::RendererChoice::automatic);
    REQUIRE(display);
    CHECK(std::string(display->renderer_name()) == "software");
    CHECK(display->keeps_last_frame());
    CHECK(opengl_libraries() == before);
}

TEST_CASE("a display follows its probe: software after a crash, the accelerated renderer when it found a GPU")
{
    const ScopedVariable driver("SDL_VIDEODRIVER", "offscreen");
    if (!offscreen_opengl_is_software())
        return;
    const auto before = opengl_libraries();
    SdlSubsystems video(SDL_INIT_VIDEO);
    REQUIRE(video.ok());
    {
        auto display = Display::open(DisplayRequest{320, 240}, config::RendererChoice::automatic, RendererProbeRun::start(stand_in("kill -SEGV $$")));
        REQUIRE(display);
        CHECK(std::string(display->renderer_name()) == "software");
        CHECK(opengl_libraries() == before);  // what crashed the probe is not tried here
    }
    auto display = Display::open(DisplayRequest{320, 240}, config::RendererChoice::automatic,
                                 RendererProbeRun::start(stand_in(R"(printf 'renderer\tV3D 4.2\n')")));
    REQUIRE(display);
    CHECK(std::string(display->renderer_name()) != "software");
    CHECK(!display->keeps_last_frame());
}

TEST_CASE("a display whose probe could not run checks OpenGL in this process, as before")
{
    const ScopedVariable driver("SDL_VIDEODRIVER", "offscreen");
    if (!offscreen_opengl_is_software())
        return;
    const auto before = opengl_libraries();
    SdlSubsystems video(SDL_INIT_VIDEO);
    REQUIRE(video.ok());
    auto display = Display::open(DisplayRequest{320, 240}, config::RendererChoice::automatic,
                                 RendererProbeRun::start(ProbeCommand{"/nonexistent/signage-probe", {"signage-probe"}}));
    REQUIRE(display);
    CHECK(std::string(display->renderer_name()) == "software");
    CHECK(opengl_libraries() != before);  // it was asked here, and stays
}

// Clears the frame to a colour and reads the middle pixel back as 0xRRGGBB.
Uint32 drawn_pixel(Display& display, Uint8 red, Uint8 green, Uint8 blue)
{
    SDL_SetRenderDrawColor(display.renderer(), red, green, blue, 255);
    SDL_RenderClear(display.renderer());
    Uint32 pixel = 0;
    const SDL_Rect middle{160, 120, 1, 1};
    REQUIRE(SDL_RenderReadPixels(display.renderer(), &middle, SDL_PIXELFORMAT_ARGB8888, &pixel, 4) == 0);
    display.present();
    return pixel & 0xffffff;
}

TEST_CASE("a display replaces its renderer on the same window: the GPU's and SDL's software renderer, both ways")
{
    const ScopedVariable driver("SDL_VIDEODRIVER", "offscreen");
    if (!offscreen_opengl_is_software())
        return;
    SdlSubsystems video(SDL_INIT_VIDEO);
    REQUIRE(video.ok());
    auto display = Display::open(DisplayRequest{320, 240}, config::RendererChoice::software);
    REQUIRE(display);
    SDL_Window* const window = display->window();
    std::vector<std::string> lines;
    const LogSink log = [&](const LogEntry& entry) { lines.push_back(journal_line(entry)); };
    CHECK(display->needs_renderer(RendererPath::gpu));
    CHECK_FALSE(display->needs_renderer(RendererPath::software));

    const Status to_gpu = display->replace_renderer(fixed_renderer(config::RendererChoice::gpu), log);
    REQUIRE_MESSAGE(to_gpu, problem(to_gpu));
    CHECK(std::string(display->renderer_name()) != "software");
    CHECK_FALSE(display->keeps_last_frame());
    CHECK_FALSE(display->needs_renderer(RendererPath::check_here));
    CHECK(display->window() == window);
    CHECK(drawn_pixel(display.value(), 200, 40, 10) == 0xc8280a);

    const Status to_software = display->replace_renderer(fixed_renderer(config::RendererChoice::software), log);
    REQUIRE_MESSAGE(to_software, problem(to_software));
    CHECK(std::string(display->renderer_name()) == "software");
    CHECK(display->keeps_last_frame());
    CHECK(drawn_pixel(display.value(), 10, 40, 200) == 0x0a28c8);
    CHECK(lines.empty());

    // Checked here, as open() checks it: OpenGL drawn in software gives SDL's software renderer.
    const Status checked = display->replace_renderer({RendererPath::check_here, "the renderer probe gave no answer"}, log);
    REQUIRE_MESSAGE(checked, problem(checked));
    CHECK(std::string(display->renderer_name()) == "software");
    REQUIRE(lines.size() == 1);
    CHECK(lines.front().starts_with("<5>display: OpenGL is drawn in software here ("));
    CHECK(drawn_pixel(display.value(), 40, 200, 10) == 0x28c80a);
}

TEST_CASE("a display asked for the GPU's renderer where there is none keeps SDL's software renderer and says why")
{
    // SDL's dummy video driver has no accelerated renderer.
    const ScopedVariable driver("SDL_VIDEODRIVER", "dummy");
    SdlSubsystems video(SDL_INIT_VIDEO);
    REQUIRE(video.ok());
    auto display = Display::open(DisplayRequest{320, 240}, config::RendererChoice::software);
    REQUIRE(display);
    const Status to_gpu = display->replace_renderer(fixed_renderer(config::RendererChoice::gpu), [](const LogEntry&) {});
    REQUIRE_FALSE(to_gpu);
    CHECK(to_gpu.error().message == "no accelerated renderer here (Couldn't find matching render driver); SDL's software renderer is in use");
    REQUIRE(display->renderer());
    CHECK(std::string(display->renderer_name()) == "software");
    CHECK(display->keeps_last_frame());
    CHECK(drawn_pixel(display.value(), 200, 40, 10) == 0xc8280a);
}

}  // namespace signage::platform

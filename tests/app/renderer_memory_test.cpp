// The renderer probe's last answer, remembered in the cache folder so that a start on a machine
// without a GPU worth using need not wait for the probe.
#include "app/renderer_memory.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

namespace signage::app {

namespace {

using Outcome = platform::RendererProbe::Outcome;

struct Said {
    std::vector<std::string> lines;
    platform::LogSink sink()
    {
        return [this](const platform::LogEntry& entry) { lines.push_back(platform::journal_line(entry)); };
    }
};

void write(const std::filesystem::path& file, const std::string& text)
{
    std::ofstream(file, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("a remembered probe answer comes back as it was, each outcome worth remembering")
{
    const ScratchDir dir("renderer-memory");
    const RendererMemory memory(renderer_memory_file(dir.path() / "cache"));
    CHECK(memory.file() == dir.path() / "cache" / "renderer-probe");
    Said said;
    CHECK_FALSE(memory.recall(said.sink()));  // never probed here
    for (const Outcome outcome : {Outcome::gpu, Outcome::software_opengl, Outcome::no_accelerated, Outcome::crashed, Outcome::timed_out}) {
        memory.remember({outcome, "llvmpipe\t(LLVM 15.0.6,\n256 bits)"}, said.sink());  // the folder is made
        const auto recalled = memory.recall(said.sink());
        REQUIRE(recalled);
        CHECK(recalled->outcome == outcome);
        CHECK(recalled->detail == "llvmpipe (LLVM 15.0.6, 256 bits)");
    }
    CHECK(said.lines.empty());

    // A probe that could not run says nothing about the renderer: the last answer stays.
    memory.remember({Outcome::not_run, "could not start SDL video"}, said.sink());
    const auto kept = memory.recall(said.sink());
    REQUIRE(kept);
    CHECK(kept->outcome == Outcome::timed_out);
    CHECK(said.lines.empty());
}

TEST_CASE("a renderer memory file this player did not write is said in one line and ignored")
{
    const ScratchDir dir("renderer-memory-bad");
    const RendererMemory memory(dir.path() / "renderer-probe");
    for (const std::string& text : std::vector<std::string>{"", "garbage", "signage-player renderer probe 1\n", "signage-player renderer probe 1\ngpu",
                                   "signage-player renderer probe 1\nquantum\tchip\n", "signage-player renderer probe 2\ngpu\tV3D\n",
                                   "signage-player renderer probe 1\ngpu\tV3D\nsoftware-opengl\tllvmpipe\n", std::string("\0\xff\xfe", 3)}) {
        CAPTURE(text);
        write(memory.file(), text);
        Said said;
        CHECK_FALSE(memory.recall(said.sink()));
        REQUIRE(said.lines.size() == 1);
        CHECK(said.lines[0] == "<5>display: " + memory.file().string() +
                                   ": not a renderer probe answer this player wrote; the probe's next answer replaces it");
    }
    // The next answer replaces it.
    Said said;
    memory.remember({Outcome::software_opengl, "llvmpipe"}, said.sink());
    const auto recalled = memory.recall(said.sink());
    REQUIRE(recalled);
    CHECK(recalled->outcome == Outcome::software_opengl);
    CHECK(said.lines.empty());
}

TEST_CASE("a renderer memory that cannot be written says so and costs only a slower next start")
{
    const ScratchDir dir("renderer-memory-unwritable");
    write(dir.path() / "a-file", "not a folder");
    const RendererMemory memory(dir.path() / "a-file" / "renderer-probe");
    Said said;
    CHECK_NOTHROW(memory.remember({Outcome::gpu, "V3D 4.2"}, said.sink()));
    REQUIRE(said.lines.size() == 1);
    CHECK(said.lines[0].starts_with("<4>display: " + memory.file().string()));
    CHECK(said.lines[0].ends_with("; the next start waits for the renderer probe again"));
    CHECK_FALSE(memory.recall(said.sink()));
}

TEST_CASE("the display opens at once on SDL's software renderer unless the probe last found a GPU")
{
    using config::RendererChoice;
    // What the config fixes is what opens, and the probe has no part in it.
    for (const RendererChoice fixed : {RendererChoice::gpu, RendererChoice::software}) {
        const StartRenderer start = start_renderer(fixed, platform::RendererProbe{Outcome::gpu, "V3D 4.2"});
        CHECK(start.renderer == fixed);
        CHECK_FALSE(start.probe_later);
        CHECK(start.log.empty());
    }
    // A GPU last time: the probe is waited for, so that a driver broken since is never loaded here.
    const StartRenderer gpu = start_renderer(RendererChoice::automatic, platform::RendererProbe{Outcome::gpu, "V3D 4.2"});
    CHECK(gpu.renderer == RendererChoice::automatic);
    CHECK_FALSE(gpu.probe_later);
    CHECK(gpu.log.empty());

    const StartRenderer never = start_renderer(RendererChoice::automatic, std::nullopt);
    CHECK(never.renderer == RendererChoice::software);
    CHECK(never.probe_later);
    CHECK(never.log == "[display] renderer = \"auto\": no renderer probe has answered here yet; SDL's software renderer draws the first "
                       "frames while the probe asks again");
    for (const Outcome outcome : {Outcome::software_opengl, Outcome::no_accelerated, Outcome::crashed, Outcome::timed_out}) {
        const StartRenderer start = start_renderer(RendererChoice::automatic, platform::RendererProbe{outcome, "llvmpipe"});
        CHECK(start.renderer == RendererChoice::software);
        CHECK(start.probe_later);
        CHECK(start.log.starts_with("[display] renderer = \"auto\": the renderer probe found no GPU to use last time (llvmpipe); "));
    }
}

}  // namespace signage::app

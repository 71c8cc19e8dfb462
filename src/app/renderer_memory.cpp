#include "app/renderer_memory.hpp"

#include "feed/feed_cache.hpp"
#include "platform/atomic_file.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace signage::app {

namespace {

using Outcome = platform::RendererProbe::Outcome;

constexpr std::string_view first_line = "signage-player renderer probe 1";

// The outcomes worth remembering, by the word the file says.
constexpr std::array<std::pair<Outcome, std::string_view>, 5> words = {{
    {Outcome::gpu, "gpu"},
    {Outcome::software_opengl, "software-opengl"},
    {Outcome::no_accelerated, "no-accelerated"},
    {Outcome::crashed, "crashed"},
    {Outcome::timed_out, "timed-out"},
}};

std::optional<platform::RendererProbe> parse(std::string_view text)
{
    if (!text.starts_with(first_line) || text.size() <= first_line.size() || text[first_line.size()] != '\n')
        return std::nullopt;
    std::string_view line = text.substr(first_line.size() + 1);
    const auto end = line.find('\n');
    if (end == std::string_view::npos || end + 1 != line.size())
        return std::nullopt;
    line = line.substr(0, end);
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos)
        return std::nullopt;
    for (const auto& [outcome, word] : words)
        if (line.substr(0, tab) == word)
            return platform::RendererProbe{outcome, std::string(line.substr(tab + 1))};
    return std::nullopt;
}

}  // namespace

std::optional<platform::RendererProbe> RendererMemory::recall(const platform::LogSink& log) const
{
    std::ifstream in(m_file, std::ios::binary);
    if (!in)
        return std::nullopt;  // never probed here, or the cache was cleared
    std::ostringstream text;
    text << in.rdbuf();
    auto probe = parse(std::move(text).str());
    if (!probe)
        log({platform::LogLevel::notice, "display",
             m_file.string() + ": not a renderer probe answer this player wrote; the probe's next answer replaces it"});
    return probe;
}

void RendererMemory::remember(const platform::RendererProbe& probe, const platform::LogSink& log) const
{
    std::string_view word;
    for (const auto& [outcome, name] : words)
        if (probe.outcome == outcome)
            word = name;
    if (word.empty())
        return;  // the probe could not run: that says nothing about the renderer
    std::string text = std::string(first_line) + "\n" + std::string(word) + "\t";
    for (const char c : probe.detail)
        text += c == '\n' || c == '\t' ? ' ' : c;
    text += '\n';
    std::error_code error;
    std::filesystem::create_directories(m_file.parent_path(), error);
    if (auto written = platform::write_file_atomically(m_file, text); !written)
        log({platform::LogLevel::warning, "display", written.error().message + "; the next start waits for the renderer probe again"});
}

std::filesystem::path renderer_memory_file(const std::optional<std::filesystem::path>& cache_directory)
{
    return cache_directory.value_or(feed::default_cache_directory()) / "renderer-probe";
}

StartRenderer start_renderer(config::RendererChoice configured, const std::optional<platform::RendererProbe>& remembered)
{
    if (configured != config::RendererChoice::automatic)
        return {configured, false, ""};
    if (remembered && platform::decide_renderer(*remembered).path == platform::RendererPath::gpu)
        return {configured, false, ""};  // OpenGL is loaded here only after the probe has said it works
    std::string what = "no renderer probe has answered here yet";
    if (remembered)
        what = "the renderer probe found no GPU to use last time" + (remembered->detail.empty() ? "" : " (" + remembered->detail + ")");
    return {config::RendererChoice::software, true,
            "[display] renderer = \"auto\": " + what + "; SDL's software renderer draws the first frames while the probe asks again"};
}

}  // namespace signage::app

#pragma once
// The renderer probe's last answer, kept in the cache directory so that a start need not wait
// for the probe: where it last found no GPU worth using (OpenGL drawn in software, no
// accelerated renderer, a driver that crashed or hung), the display opens at once on SDL's
// software renderer, which needs no OpenGL, and the probe asks again beside the loop. Only a
// remembered GPU is waited for as before, so a driver that broke since is never loaded here.
#include "config/display_settings.hpp"
#include "platform/display.hpp"
#include "platform/log.hpp"

#include <filesystem>
#include <optional>

namespace signage::app {

class RendererMemory {
public:
    // `file`: the answer's file, whose folder is made when missing.
    explicit RendererMemory(std::filesystem::path file) : m_file(std::move(file)) {}

    // The last answer; nullopt when there is none, or the file is not one this program wrote
    // (said in one line to `log`: the next answer replaces it).
    std::optional<platform::RendererProbe> recall(const platform::LogSink& log) const;
    // Keeps `probe` for the next start. An answer that says nothing (the probe could not run)
    // leaves the last one; a file that cannot be written is said in one line to `log`.
    void remember(const platform::RendererProbe& probe, const platform::LogSink& log) const;

    const std::filesystem::path& file() const { return m_file; }

private:
    std::filesystem::path m_file;
};

// `renderer-probe` in the feed cache's folder ([cache] directory, or the default one).
std::filesystem::path renderer_memory_file(const std::optional<std::filesystem::path>& cache_directory);

// How the display opens at start: `renderer` as the config says it, or SDL's software renderer
// at once with the probe asked beside the loop after the first board (`probe_later`).
struct StartRenderer {
    config::RendererChoice renderer;
    bool probe_later = false;
    std::string log;  // one line for the log (without "display: "), or empty
};
StartRenderer start_renderer(config::RendererChoice configured, const std::optional<platform::RendererProbe>& remembered);

}  // namespace signage::app

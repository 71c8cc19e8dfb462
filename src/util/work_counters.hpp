#pragma once
// How often the expensive steps of drawing text have run, process-wide. A steady frame must run
// none of them: the tests count over hundreds of frames, and the F1 overlay shows them live.
#include <atomic>
#include <cstdint>

namespace signage {

struct WorkCounts {
    std::uint64_t lines_shaped = 0;
    std::uint64_t lines_rasterized = 0;
    std::uint64_t textures_uploaded = 0;
};

class WorkCounters {
public:
    static void line_shaped()
    {
        instance().m_shaped.fetch_add(1, std::memory_order_relaxed);
        ++mine().lines_shaped;
    }
    static void line_rasterized()
    {
        instance().m_rasterized.fetch_add(1, std::memory_order_relaxed);
        ++mine().lines_rasterized;
    }
    static void texture_uploaded()
    {
        instance().m_uploaded.fetch_add(1, std::memory_order_relaxed);
        ++mine().textures_uploaded;
    }
    // The work done by the calling thread alone: the render loop's must stay flat while a
    // worker makes text for it.
    static WorkCounts on_this_thread() { return mine(); }
    static WorkCounts now()
    {
        const auto& self = instance();
        return {self.m_shaped.load(std::memory_order_relaxed), self.m_rasterized.load(std::memory_order_relaxed),
                self.m_uploaded.load(std::memory_order_relaxed)};
    }

private:
    static WorkCounts& mine()
    {
        thread_local WorkCounts counts;
        return counts;
    }
    static WorkCounters& instance()
    {
        static WorkCounters counters;
        return counters;
    }
    std::atomic<std::uint64_t> m_shaped{0};
    std::atomic<std::uint64_t> m_rasterized{0};
    std::atomic<std::uint64_t> m_uploaded{0};
};

}  // namespace signage

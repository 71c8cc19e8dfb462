#pragma once
// Time for motion, in display refreshes. The crawl moves a whole number of pixels per refresh,
// so every frame moves it by the same amount and text stays on whole pixels; a frame that comes
// late (a dropped refresh) moves it by two steps, so nothing slows down.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace signage::render {

class RefreshCounter {
public:
    explicit RefreshCounter(double refresh_hz);

    // The refresh a frame started at `seconds` (monotonic) is shown on. The first frame is
    // refresh 0; each later one is as many refreshes on as have passed, rounded, and at least
    // one. Frame timing jitters by a fraction of a refresh; only a whole missed refresh counts.
    std::int64_t advance(double seconds);
    double refresh_hz() const { return m_refresh_hz; }

private:
    static constexpr double grid_follow = 0.1;  // of the distance to each frame's actual time
    double m_refresh_hz;
    double m_grid_seconds = 0.0;
    std::int64_t m_refresh = -1;
};

// Whole pixels per refresh for a speed in pixels per second: the nearest, and at least 1.
int pixels_per_refresh(double speed_px_per_s, double refresh_hz);

// Frame intervals over a period (a minute), summarised for the log and the F1 overlay. Storage
// is reserved up front: recording a frame never allocates.
struct FrameSummary {
    std::size_t frames = 0;
    double mean_ms = 0.0;
    double p99_ms = 0.0;
    double worst_ms = 0.0;
    std::size_t late = 0;  // intervals longer than one and a half refreshes: a refresh was missed
};

// "frames: 3600, mean 16.7 ms, p99 17.1 ms, worst 18.0 ms, 0 late", for the log.
std::string describe(const FrameSummary& summary);

class FrameStats {
public:
    FrameStats(double refresh_hz, std::size_t capacity);

    void record(double interval_s);
    FrameSummary summary();  // of what was recorded since the last reset
    void reset();

private:
    double m_late_after_s;
    std::vector<double> m_intervals;
    std::vector<double> m_sorted;  // scratch for the percentile
    std::size_t m_count = 0;
    double m_sum = 0.0;
    double m_worst = 0.0;
    std::size_t m_late = 0;
};

}  // namespace signage::render

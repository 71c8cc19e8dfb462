#pragma once
// The soak itself: the world around the player (feeds, faults, reloads, the display, the
// schedule), the samples over time, and the checks at the end.
#include <filesystem>

namespace signage::soak {

struct Options {
    double days = 30.0;
    double speed = 2880.0;  // simulated seconds per real second
    std::filesystem::path csv;  // empty: soak.csv in the working folder
    // Resident memory stays this much above what it was at start: the text cache's budget
    // (32 MiB by default; on the software renderer textures are heap memory) and 40 MB for a
    // second scene's fonts and pixels while a new look is readied, the text worker's own fonts
    // and malloc's slack in its two arenas. Measured: 64 MB at most (docs/reliability.md).
    double rss_growth_mb = 72.0;
};

// The process exit code: 0 all checks held, 1 a check failed, 2 the soak could not start.
int run_soak(const Options& options);

}  // namespace signage::soak

#pragma once
// The featured rotation's timing, as pure arithmetic: each notice stays for its own dwell (a
// long title longer, so it can be read), and the change to the next one takes the last moments
// of it.
#include <cstddef>
#include <vector>

namespace signage::render {

// How long a notice stays: long enough to read its titles at a glance's pace (about 8 Hangul
// or 15 Latin characters a second, plus 2 s to look up), never less than `dwell_s` nor more
// than `max_dwell_s`.
double dwell_for(std::size_t primary_characters, std::size_t secondary_characters, double dwell_s, double max_dwell_s);

class FeaturedRotation {
public:
    FeaturedRotation() = default;
    FeaturedRotation(std::vector<double> dwell_s, double transition_s);

    struct Moment {
        std::size_t index = 0;  // the notice shown
        std::size_t next = 0;   // the one coming
        double progress = 0.0;  // how far the change to `next` has gone, 0 (not begun) to 1
        // Which stay this is, counted from the start (and moved by steps): two changes between
        // the same notices are still told apart.
        long long turn = 0;
    };
    // Where the rotation stands `seconds` after start, moved on by `step` notices (the preview's
    // Left and Right keys). An empty rotation stands at 0.
    Moment at(double seconds, long long step = 0) const;
    double cycle_s() const { return m_cycle_s; }

private:
    std::vector<double> m_starts;  // each notice's start within the cycle
    std::vector<double> m_dwells;
    double m_cycle_s = 0.0;
    double m_transition_s = 0.0;
};

// Slow at both ends, fastest in the middle (cubic): a moving notice starts and settles gently,
// so the eye can follow it in and the text is still when it has to be read. 0..1 to 0..1.
double ease_in_out(double t);

// How far a slide has pushed the notices sideways, in whole pixels (0..width): text moved by
// fractions of a pixel would be resampled and blur.
int slide_offset(double progress, int width);

}  // namespace signage::render

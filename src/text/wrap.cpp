#include "text/wrap.hpp"

#include "text/itemizer.hpp"
#include "text/shaper.hpp"
#include "text/utf8.hpp"
#include "util/line_breaks.hpp"

#include <linebreak.h>

#include <algorithm>

namespace signage::text {

namespace {

constexpr std::string_view ellipsis = "…";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t trim_end(std::string_view text, std::size_t begin, std::size_t end)
{
    while (end > begin && is_space(text[end - 1]))
        --end;
    return end;
}

std::size_t skip_spaces(std::string_view text, std::size_t offset)
{
    while (offset < text.size() && is_space(text[offset]))
        ++offset;
    return offset;
}

// The last of `candidates` (in increasing order) that `fits`, or 0 when none does. A line grows
// wider as it grows longer, so bisection finds it with a few shapings, not one per candidate
// (a title of stray bytes and zero-width characters has thousands); the one returned is
// always shaped and checked, should kerning ever make the widths not grow in order.
template <class Fits>
std::size_t longest_fitting(const std::vector<std::size_t>& candidates, Fits fits)
{
    const auto after = std::partition_point(candidates.begin(), candidates.end(), fits);
    if (after == candidates.begin() || !fits(*(after - 1)))
        return 0;
    return *(after - 1);
}

// The longest start of `line`, in whole clusters, that still fits with "…" after it.
std::string truncate_with_ellipsis(std::string_view line, const FontChain& chain, int max_width_px)
{
    const auto starts = grapheme_cluster_starts(line);
    auto candidate = [&](std::size_t end) { return std::string(line.substr(0, trim_end(line, 0, end))) + std::string(ellipsis); };
    // Offsets shifted by one, so that keeping nothing (offset 0) is a candidate too.
    std::vector<std::size_t> ends;
    for (std::size_t start : starts)
        ends.push_back(start + 1);
    const std::size_t kept = longest_fitting(
        ends, [&](std::size_t end) { return shape_line(candidate(end - 1), chain).advance <= max_width_px * 64; });
    return kept == 0 ? std::string(ellipsis) : candidate(kept - 1);
}

// Each line is shaped alone, and takes its direction from its own first strong letter: the
// second line of "환영합니다 محمد علي 님" would be set right to left. A line whose first strong
// letter runs against the paragraph starts with an invisible mark of the paragraph's direction.
void keep_paragraph_direction(std::string_view text, std::vector<std::string>& lines)
{
    const hb_direction_t direction = paragraph_direction(text);
    if (direction == HB_DIRECTION_INVALID)
        return;
    for (auto& line : lines) {
        const hb_direction_t own = paragraph_direction(line);
        if (own != HB_DIRECTION_INVALID && own != direction)
            line.insert(0, direction == HB_DIRECTION_LTR ? "\xE2\x80\x8E" : "\xE2\x80\x8F");  // U+200E LRM, U+200F RLM
    }
}

}  // namespace

std::vector<std::string> wrap_text(std::string_view text, const FontChain& chain, int max_width_px, int max_lines)
{
    return wrap_paragraph(text, chain, max_width_px, max_lines).lines;
}

WrappedText wrap_paragraph(std::string_view text, const FontChain& chain, int max_width_px, int max_lines)
{
    WrappedText wrapped;
    std::vector<std::string>& lines = wrapped.lines;
    const auto shaped = shape_line(text, chain);
    const auto x = cluster_positions(text, shaped);
    const auto breaks = line_break_opportunities(text);
    const hb_position_t max_width = static_cast<hb_position_t>(max_width_px) * 64;

    std::size_t begin = skip_spaces(text, 0);
    while (begin < text.size() && static_cast<int>(lines.size()) < max_lines) {
        // Positions from shaping the whole text pick the candidates; shaping the line alone
        // decides, because a line's start can shape differently without what came before it.
        auto estimate = [&](std::size_t end) { return x[trim_end(text, begin, end)] - x[begin]; };
        auto line_text = [&](std::size_t end) { return text.substr(begin, trim_end(text, begin, end) - begin); };
        auto fits = [&](std::size_t end) { return shape_line(line_text(end), chain).advance <= max_width; };
        if (estimate(text.size()) <= max_width && fits(text.size())) {
            lines.emplace_back(line_text(text.size()));
            begin = text.size();
            break;
        }
        // Break after byte i when allowed; a break after a space keeps Korean words whole.
        std::vector<std::size_t> at_space;
        std::vector<std::size_t> anywhere;
        for (std::size_t i = begin; i + 1 < text.size(); ++i) {
            const bool must = breaks[i] == LINEBREAK_MUSTBREAK;
            if (breaks[i] != LINEBREAK_ALLOWBREAK && !must)
                continue;
            if (estimate(i + 1) > max_width)
                break;
            (is_space(text[i]) ? at_space : anywhere).push_back(i + 1);
            if (must)
                break;
        }
        std::size_t end = longest_fitting(at_space, fits);
        if (end == 0)
            end = longest_fitting(anywhere, fits);
        if (end == 0) {
            // Not even one word fits: cut between grapheme clusters, at least one per line.
            const auto starts = grapheme_cluster_starts(text.substr(begin));
            std::vector<std::size_t> cuts;
            for (std::size_t k = 2; k < starts.size(); ++k)
                if (estimate(begin + starts[k]) <= max_width)
                    cuts.push_back(begin + starts[k]);
            end = longest_fitting(cuts, fits);
            if (end == 0)
                end = begin + starts[1];
        }
        lines.emplace_back(line_text(end));
        begin = skip_spaces(text, end);
    }
    if (begin < text.size() && !lines.empty()) {
        // More text than lines: the last line gives up clusters at its end to make room for "…".
        lines.back() = truncate_with_ellipsis(lines.back(), chain, max_width_px);
        wrapped.truncated = true;
    }
    keep_paragraph_direction(text, lines);
    return wrapped;
}

}  // namespace signage::text

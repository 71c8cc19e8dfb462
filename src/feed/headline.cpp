#include "feed/headline.hpp"

#include "util/line_breaks.hpp"

#include <linebreak.h>

#include <algorithm>
#include <vector>

namespace signage::feed {

namespace {

constexpr std::string_view kEllipsis = "…";

// Marks that end a sentence only before a space or the end of the text ("3.5", "e.g.x" do not).
bool is_ascii_terminator(char c) { return c == '.' || c == '!' || c == '?'; }

// Ideographic and fullwidth marks end a sentence wherever they stand: 。 ！ ？
constexpr std::string_view kWideTerminators[] = {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F"};

// What may follow a terminator and still belong to its sentence: closing quotes and brackets.
constexpr std::string_view kClosers[] = {"\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99", "\xE3\x80\x8D", "\xE3\x80\x8F",
                                         "\xEF\xBC\x89", "\xE3\x80\x89", "\xE3\x80\x8B"};

std::size_t skip_closers(std::string_view text, std::size_t at)
{
    for (bool more = true; more;) {
        more = false;
        for (const std::string_view closer : kClosers) {
            if (text.substr(at).starts_with(closer)) {
                at += closer.size();
                more = true;
            }
        }
    }
    return at;
}

// The end (a byte offset) of the first sentence, or text.size() when there is no end mark.
std::size_t first_sentence_end(std::string_view text)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (is_ascii_terminator(text[i])) {
            std::size_t end = i + 1;
            while (end < text.size() && is_ascii_terminator(text[end]))  // "?!", "..."
                ++end;
            end = skip_closers(text, end);
            if (end == text.size() || text[end] == ' ')
                return end;
            i = end - 1;
            continue;
        }
        for (const std::string_view mark : kWideTerminators) {
            if (text.substr(i).starts_with(mark))
                return skip_closers(text, i + mark.size());
        }
    }
    return text.size();
}

// Grapheme clusters in text[0, end).
std::size_t clusters_before(const std::vector<std::size_t>& starts, std::size_t end)
{
    return static_cast<std::size_t>(std::lower_bound(starts.begin(), starts.end(), end) - starts.begin());
}

bool is_trailing_junk(char c) { return c == ' ' || c == ',' || c == ';' || c == ':' || c == '-' || c == '(' || c == '/'; }

// The cut for a text longer than `max_chars`: at most max_chars - 1 clusters, leaving room for
// the ellipsis.
std::size_t cut_point(std::string_view text, const std::vector<std::size_t>& starts, std::size_t max_chars)
{
    const std::size_t limit = starts[std::min(max_chars - 1, starts.size() - 1)];
    const std::vector<char> breaks = line_break_opportunities(text);
    std::size_t any_break = 0;
    for (std::size_t end = limit; end > limit / 2; --end) {
        if (breaks[end - 1] != LINEBREAK_ALLOWBREAK && breaks[end - 1] != LINEBREAK_MUSTBREAK)
            continue;
        if (text[end - 1] == ' ')
            return end;
        if (any_break == 0)
            any_break = end;
    }
    return any_break != 0 ? any_break : limit;
}

}  // namespace

std::string headline_from_text(std::string_view text, std::size_t max_chars)
{
    max_chars = std::max<std::size_t>(max_chars, 2);
    const std::vector<std::size_t> starts = grapheme_starts(text);
    const std::size_t sentence = first_sentence_end(text);
    if (clusters_before(starts, sentence) <= max_chars)
        return std::string(text.substr(0, sentence));
    std::size_t end = cut_point(text, starts, max_chars);
    while (end > 0 && is_trailing_junk(text[end - 1]))
        --end;
    return std::string(text.substr(0, end)) + std::string(kEllipsis);
}

}  // namespace signage::feed

#include "text/itemizer.hpp"

#include "platform/c_deleter.hpp"
#include "text/utf8.hpp"

#include <fribidi.h>
#include <unictype.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>

namespace signage::text {

namespace {

hb_unicode_funcs_t* unicode_funcs()
{
    return hb_unicode_funcs_get_default();
}

constexpr char32_t zero_width_joiner = 0x200D;

bool is_variation_selector(char32_t cp)
{
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

bool is_digit(char32_t cp)
{
    return hb_unicode_general_category(unicode_funcs(), cp) == HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER;
}

bool is_weak_script(hb_script_t script)
{
    return script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN;
}

// Fonts need not have glyphs for these: shapers handle them without one.
bool is_default_ignorable(char32_t cp)
{
    // Joiners, variation selectors, and the invisible format characters: zero width space and
    // the bidi marks, embeddings and overrides (wrap_paragraph puts marks before lines).
    return cp == zero_width_joiner || cp == 0x200C || is_variation_selector(cp) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
}

struct Cluster {
    std::size_t begin;
    std::size_t end;
    hb_script_t script;  // of its first character that has a script of its own, else Common
    int bidi_level;      // of its first character: even left-to-right, odd right-to-left
};

// Extended grapheme clusters (UAX #29) by utf8proc: Hangul syllables and conjoining jamo
// sequences, bases with their marks, emoji ZWJ sequences, flags. Bidi embedding levels (UAX #9)
// by FriBidi, for the whole string as one paragraph whose direction is its first strong letter's.
std::vector<Cluster> split_clusters(std::string_view text)
{
    std::vector<FriBidiChar> code_points;
    std::vector<std::size_t> offsets;
    for (std::size_t offset = 0; offset < text.size();) {
        const auto cp = decode_utf8(text, offset);
        code_points.push_back(cp.value);
        offsets.push_back(offset);
        offset += cp.length;
    }
    offsets.push_back(text.size());

    const auto count = static_cast<FriBidiStrIndex>(code_points.size());
    std::vector<FriBidiCharType> types(code_points.size());
    std::vector<FriBidiBracketType> brackets(code_points.size());
    std::vector<FriBidiLevel> levels(code_points.size(), 0);
    fribidi_get_bidi_types(code_points.data(), count, types.data());
    fribidi_get_bracket_types(code_points.data(), count, types.data(), brackets.data());
    FriBidiParType direction = FRIBIDI_PAR_ON;
    if (count > 0 && fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), count, &direction, levels.data()) == 0)
        std::fill(levels.begin(), levels.end(), 0);  // only on allocation failure: left to right

    std::vector<Cluster> clusters;
    utf8proc_int32_t break_state = 0;
    for (std::size_t i = 0; i < code_points.size(); ++i) {
        const auto cp = static_cast<char32_t>(code_points[i]);
        const bool starts = i == 0 || utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(code_points[i - 1]),
                                                                         static_cast<utf8proc_int32_t>(cp), &break_state);
        if (starts)
            clusters.push_back({offsets[i], offsets[i], HB_SCRIPT_COMMON, levels[i]});
        auto& cluster = clusters.back();
        cluster.end = offsets[i + 1];
        const hb_script_t script = hb_unicode_script(unicode_funcs(), cp);
        if (is_weak_script(cluster.script) && !is_weak_script(script))
            cluster.script = script;
    }
    return clusters;
}

bool is_conjoining_jamo(char32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF);
}

bool font_covers_cluster(const FontCoverage& coverage, std::size_t font, std::string_view text, const Cluster& cluster)
{
    bool jamo = false;
    for (std::size_t offset = cluster.begin; offset < cluster.end;) {
        const auto cp = decode_utf8(text, offset);
        if (!is_default_ignorable(cp.value) && !coverage.covers(font, cp.value))
            return false;
        jamo = jamo || is_conjoining_jamo(cp.value);
        offset += cp.length;
    }
    if (jamo && needs_jamo_composition(text.substr(cluster.begin, cluster.end - cluster.begin)))
        return coverage.composes_jamo && coverage.composes_jamo(font);
    return true;
}

bool is_emoji_font(const FontCoverage& coverage, std::size_t font)
{
    return coverage.draws_emoji && coverage.draws_emoji(font);
}

std::optional<std::size_t> first_covering_font(const FontCoverage& coverage, std::string_view text, const Cluster& cluster)
{
    for (std::size_t font = 0; font < coverage.font_count; ++font)
        if (font_covers_cluster(coverage, font, text, cluster))
            return font;
    return std::nullopt;
}

// An emoji cluster: the first emoji font that has the whole sequence, else any font that does.
std::optional<std::size_t> emoji_font(const FontCoverage& coverage, std::string_view text, const Cluster& cluster)
{
    for (std::size_t font = 0; font < coverage.font_count; ++font)
        if (is_emoji_font(coverage, font) && font_covers_cluster(coverage, font, text, cluster))
            return font;
    return first_covering_font(coverage, text, cluster);
}

hb_language_t language_for(hb_script_t script)
{
    // The product sets Korean and English; Han characters in our feeds are Korean hanja.
    static const hb_language_t korean = hb_language_from_string("ko", -1);
    static const hb_language_t english = hb_language_from_string("en", -1);
    if (script == HB_SCRIPT_HANGUL || script == HB_SCRIPT_HAN)
        return korean;
    if (script == HB_SCRIPT_LATIN || is_weak_script(script))
        return english;
    return hb_language_get_default();
}

}  // namespace

bool wants_emoji_presentation(std::string_view cluster)
{
    if (cluster.empty())
        return false;
    const auto base = static_cast<ucs4_t>(decode_utf8(cluster, 0).value);
    if (!uc_is_property_emoji(base))
        return false;
    bool sequence = false;
    for (std::size_t offset = 0; offset < cluster.size();) {
        const auto cp = decode_utf8(cluster, offset);
        if (cp.value == 0xFE0E)
            return false;
        if (cp.value == 0xFE0F || cp.value == 0x20E3 || cp.value == zero_width_joiner ||
            uc_is_property_emoji_modifier(static_cast<ucs4_t>(cp.value)))
            sequence = true;
        offset += cp.length;
    }
    return sequence || uc_is_property_emoji_presentation(base);
}

namespace {

void free_utf8proc_bytes(utf8proc_uint8_t* bytes)
{
    std::free(bytes);  // utf8proc_map allocates with malloc
}

}  // namespace

bool needs_jamo_composition(std::string_view cluster)
{
    utf8proc_uint8_t* composed = nullptr;
    const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(cluster.data()), static_cast<utf8proc_ssize_t>(cluster.size()),
                                     &composed, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    const std::unique_ptr<utf8proc_uint8_t, platform::CDeleter<free_utf8proc_bytes>> owned(composed);
    if (length < 0)
        return false;  // not valid UTF-8: the cluster is drawn as it is
    const std::string_view text(reinterpret_cast<const char*>(composed), static_cast<std::size_t>(length));
    bool jamo = false;
    for (std::size_t offset = 0; offset < text.size() && !jamo;) {
        const auto cp = decode_utf8(text, offset);
        jamo = is_conjoining_jamo(cp.value);
        offset += cp.length;
    }
    return jamo;
}

hb_direction_t paragraph_direction(std::string_view text)
{
    for (std::size_t offset = 0; offset < text.size();) {
        const auto cp = decode_utf8(text, offset);
        const FriBidiCharType type = fribidi_get_bidi_type(cp.value);
        if (FRIBIDI_IS_STRONG(type) && FRIBIDI_IS_LETTER(type))
            return FRIBIDI_IS_RTL(type) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR;
        offset += cp.length;
    }
    return HB_DIRECTION_INVALID;
}

std::vector<std::size_t> grapheme_cluster_starts(std::string_view text)
{
    std::vector<std::size_t> starts;
    for (const auto& cluster : split_clusters(text))
        starts.push_back(cluster.begin);
    starts.push_back(text.size());
    return starts;
}

namespace {

using FontChoice = std::optional<std::size_t>;  // an index into the chain; nullopt: no font has it

// Fonts: a cluster of a script of its own takes the first font that covers it, and so do digits,
// so that "2018" is set alike in Korean and English text (a Korean face's Latin digits are
// lighter than the Latin face's). Spaces and punctuation stay in the font of their neighbour
// (before, else after) when that font has them: the "·" and "," of a Korean title come from
// the Korean face. An emoji takes an emoji font, and never lends it to a neighbour.
std::vector<FontChoice> choose_fonts(std::string_view text, const std::vector<Cluster>& clusters, const std::vector<bool>& weak,
                                     const FontCoverage& coverage)
{
    std::vector<FontChoice> fonts(clusters.size());
    std::vector<bool> own_font(clusters.size());
    for (std::size_t i = 0; i < clusters.size(); ++i) {
        const std::string_view cluster = text.substr(clusters[i].begin, clusters[i].end - clusters[i].begin);
        if (weak[i] && wants_emoji_presentation(cluster)) {
            own_font[i] = true;
            fonts[i] = emoji_font(coverage, text, clusters[i]);
            continue;
        }
        own_font[i] = !weak[i] || is_digit(decode_utf8(text, clusters[i].begin).value);
        if (own_font[i])
            fonts[i] = first_covering_font(coverage, text, clusters[i]);
    }
    // Emoji are passed over: the space after "공지 📢" is the Korean face's.
    const auto is_emoji = [&](const FontChoice& font) { return font && is_emoji_font(coverage, *font); };
    std::vector<FontChoice> next_strong_font(clusters.size() + 1);
    for (std::size_t i = clusters.size(); i-- > 0;)
        next_strong_font[i] = own_font[i] && !is_emoji(fonts[i]) ? fonts[i] : next_strong_font[i + 1];
    FontChoice previous_font;
    for (std::size_t i = 0; i < clusters.size(); ++i) {
        if (!own_font[i]) {
            const auto next_font = next_strong_font[i + 1];
            if (previous_font && font_covers_cluster(coverage, *previous_font, text, clusters[i]))
                fonts[i] = previous_font;
            else if (next_font && font_covers_cluster(coverage, *next_font, text, clusters[i]))
                fonts[i] = next_font;
            else
                fonts[i] = first_covering_font(coverage, text, clusters[i]);
        }
        if (!is_emoji(fonts[i]))
            previous_font = fonts[i];
    }
    return fonts;
}

// Scripts: within each stretch of one bidi level, weak clusters take the script before them and
// a weak start takes the first strong one, so the space between "עולם" and "end" goes with the
// side it is read with. A stretch with no strong cluster (digits alone) keeps the script before
// it; text with none at all is shaped as Latin.
void give_weak_clusters_a_script(std::vector<Cluster>& clusters, const std::vector<bool>& weak)
{
    hb_script_t carried = HB_SCRIPT_LATIN;
    for (std::size_t i = 0; i < clusters.size(); ++i)
        if (!weak[i]) {
            carried = clusters[i].script;
            break;
        }
    for (std::size_t begin = 0; begin < clusters.size();) {
        std::size_t end = begin;
        while (end < clusters.size() && clusters[end].bidi_level == clusters[begin].bidi_level)
            ++end;
        hb_script_t current = carried;
        for (std::size_t i = begin; i < end; ++i)
            if (!weak[i]) {
                current = clusters[i].script;
                break;
            }
        for (std::size_t i = begin; i < end; ++i) {
            if (weak[i])
                clusters[i].script = current;
            else
                current = clusters[i].script;
        }
        carried = current;
        begin = end;
    }
}

// Neighbouring clusters share a run when they share font, script and bidi level.
std::vector<TextRun> merge_into_runs(const std::vector<Cluster>& clusters, const std::vector<FontChoice>& fonts)
{
    std::vector<TextRun> runs;
    for (std::size_t i = 0; i < clusters.size(); ++i) {
        const hb_script_t script = clusters[i].script;
        const bool missing = !fonts[i].has_value();
        const std::size_t font = fonts[i].value_or(0);
        const int level = clusters[i].bidi_level;
        if (!runs.empty() && runs.back().missing == missing && runs.back().font_index == font && runs.back().script == script &&
            runs.back().bidi_level == level) {
            runs.back().end = clusters[i].end;
            continue;
        }
        TextRun run;
        run.begin = clusters[i].begin;
        run.end = clusters[i].end;
        run.font_index = font;
        run.missing = missing;
        run.script = script;
        run.bidi_level = level;
        run.direction = level % 2 == 1 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR;
        run.language = language_for(script);
        runs.push_back(run);
    }
    return runs;
}

}  // namespace

std::vector<TextRun> itemize(std::string_view text, const FontCoverage& coverage)
{
    auto clusters = split_clusters(text);
    std::vector<bool> weak(clusters.size());
    for (std::size_t i = 0; i < clusters.size(); ++i)
        weak[i] = is_weak_script(clusters[i].script);
    const auto fonts = choose_fonts(text, clusters, weak, coverage);
    give_weak_clusters_a_script(clusters, weak);
    return merge_into_runs(clusters, fonts);
}

std::vector<std::size_t> visual_run_order(const std::vector<TextRun>& runs)
{
    std::vector<std::size_t> order(runs.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    int highest = 0;
    int lowest_odd = 1000;
    for (const auto& run : runs) {
        highest = std::max(highest, run.bidi_level);
        if (run.bidi_level % 2 == 1)
            lowest_odd = std::min(lowest_odd, run.bidi_level);
    }
    for (int level = highest; level >= lowest_odd; --level) {
        for (std::size_t i = 0; i < order.size();) {
            if (runs[order[i]].bidi_level < level) {
                ++i;
                continue;
            }
            std::size_t end = i;
            while (end < order.size() && runs[order[end]].bidi_level >= level)
                ++end;
            std::reverse(order.begin() + static_cast<std::ptrdiff_t>(i), order.begin() + static_cast<std::ptrdiff_t>(end));
            i = end;
        }
    }
    return order;
}

}  // namespace signage::text

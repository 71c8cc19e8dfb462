#include "text/itemizer.hpp"

#include "text/utf8.hpp"

#include <optional>

namespace {

hb_unicode_funcs_t* unicode_funcs()
{
    return hb_unicode_funcs_get_default();
}

bool is_mark(char32_t cp)
{
    switch (hb_unicode_general_category(unicode_funcs(), cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
        return true;
    default:
        return false;
    }
}

constexpr char32_t zero_width_joiner = 0x200D;

bool is_variation_selector(char32_t cp)
{
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

bool is_emoji_modifier(char32_t cp) { return cp >= 0x1F3FB && cp <= 0x1F3FF; }
bool is_regional_indicator(char32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }

// Hangul syllable structure (UAX #29 rules GB6-GB8): leading consonants, vowels, trailing consonants.
enum class Jamo { none, leading, vowel, trailing, lv, lvt };

Jamo jamo_kind(char32_t cp)
{
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0xA960 && cp <= 0xA97C))
        return Jamo::leading;
    if ((cp >= 0x1160 && cp <= 0x11A7) || (cp >= 0xD7B0 && cp <= 0xD7C6))
        return Jamo::vowel;
    if ((cp >= 0x11A8 && cp <= 0x11FF) || (cp >= 0xD7CB && cp <= 0xD7FB))
        return Jamo::trailing;
    if (cp >= 0xAC00 && cp <= 0xD7A3)
        return (cp - 0xAC00) % 28 == 0 ? Jamo::lv : Jamo::lvt;
    return Jamo::none;
}

bool hangul_continues(Jamo before, Jamo after)
{
    switch (before) {
    case Jamo::leading:
        return after == Jamo::leading || after == Jamo::vowel || after == Jamo::lv || after == Jamo::lvt;
    case Jamo::vowel:
    case Jamo::lv:
        return after == Jamo::vowel || after == Jamo::trailing;
    case Jamo::trailing:
    case Jamo::lvt:
        return after == Jamo::trailing;
    default:
        return false;
    }
}

// Whether `next` extends the cluster whose last code point is `previous`. An approximation of
// UAX #29 extended grapheme clusters that covers Hangul, marks, ZWJ sequences, flags and CR LF.
bool extends_cluster(char32_t previous, char32_t next, int regional_indicators_so_far)
{
    if (previous == '\r' && next == '\n')
        return true;
    if (is_mark(next) || next == zero_width_joiner || is_variation_selector(next) || is_emoji_modifier(next))
        return true;
    if (previous == zero_width_joiner)
        return true;
    if (is_regional_indicator(previous) && is_regional_indicator(next))
        return regional_indicators_so_far % 2 == 1;
    return hangul_continues(jamo_kind(previous), jamo_kind(next));
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
    return cp == zero_width_joiner || cp == 0x200C || is_variation_selector(cp);
}

struct Cluster {
    std::size_t begin;
    std::size_t end;
    hb_script_t script;  // of its first character that has a script of its own, else Common
};

std::vector<Cluster> split_clusters(std::string_view text)
{
    std::vector<Cluster> clusters;
    char32_t previous = 0;
    int regional_indicators = 0;
    for (std::size_t offset = 0; offset < text.size();) {
        const auto cp = decode_utf8(text, offset);
        const bool extend = !clusters.empty() && extends_cluster(previous, cp.value, regional_indicators);
        if (!extend) {
            clusters.push_back({offset, offset, HB_SCRIPT_COMMON});
            regional_indicators = 0;
        }
        auto& cluster = clusters.back();
        cluster.end = offset + cp.length;
        const hb_script_t script = hb_unicode_script(unicode_funcs(), cp.value);
        if (is_weak_script(cluster.script) && !is_weak_script(script))
            cluster.script = script;
        regional_indicators = is_regional_indicator(cp.value) ? regional_indicators + 1 : 0;
        previous = cp.value;
        offset += cp.length;
    }
    return clusters;
}

bool font_covers_cluster(const FontCoverage& coverage, std::size_t font, std::string_view text, const Cluster& cluster)
{
    for (std::size_t offset = cluster.begin; offset < cluster.end;) {
        const auto cp = decode_utf8(text, offset);
        if (!is_default_ignorable(cp.value) && !coverage.covers(font, cp.value))
            return false;
        offset += cp.length;
    }
    return true;
}

std::optional<std::size_t> first_covering_font(const FontCoverage& coverage, std::string_view text, const Cluster& cluster)
{
    for (std::size_t font = 0; font < coverage.font_count; ++font)
        if (font_covers_cluster(coverage, font, text, cluster))
            return font;
    return std::nullopt;
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

std::vector<std::size_t> grapheme_cluster_starts(std::string_view text)
{
    std::vector<std::size_t> starts;
    for (const auto& cluster : split_clusters(text))
        starts.push_back(cluster.begin);
    starts.push_back(text.size());
    return starts;
}

std::vector<TextRun> itemize(std::string_view text, const FontCoverage& coverage)
{
    auto clusters = split_clusters(text);
    std::vector<bool> weak(clusters.size());
    for (std::size_t i = 0; i < clusters.size(); ++i)
        weak[i] = is_weak_script(clusters[i].script);

    // Fonts: a cluster of a script of its own takes the first font that covers it, and so do
    // digits, so that "2018" is set alike in Korean and English text (a Korean face's Latin
    // digits are lighter than the Latin face's). Spaces and punctuation stay in the font of
    // their neighbour (before, else after) when that font has them: the "·" and "," of a Korean
    // title come from the Korean face.
    std::vector<std::optional<std::size_t>> fonts(clusters.size());
    std::vector<bool> own_font(clusters.size());
    for (std::size_t i = 0; i < clusters.size(); ++i) {
        own_font[i] = !weak[i] || is_digit(decode_utf8(text, clusters[i].begin).value);
        if (own_font[i])
            fonts[i] = first_covering_font(coverage, text, clusters[i]);
    }
    std::vector<std::optional<std::size_t>> next_strong_font(clusters.size() + 1);
    for (std::size_t i = clusters.size(); i-- > 0;)
        next_strong_font[i] = own_font[i] ? fonts[i] : next_strong_font[i + 1];
    std::optional<std::size_t> previous_font;
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
        previous_font = fonts[i];
    }

    // Scripts: weak clusters take the script before them; a weak start takes the first strong one.
    hb_script_t current = HB_SCRIPT_COMMON;
    for (std::size_t i = 0; i < clusters.size(); ++i)
        if (!weak[i]) {
            current = clusters[i].script;
            break;
        }
    if (is_weak_script(current))
        current = HB_SCRIPT_LATIN;  // digits and punctuation alone: shape them as Latin
    for (std::size_t i = 0; i < clusters.size(); ++i) {
        if (weak[i])
            clusters[i].script = current;
        else
            current = clusters[i].script;
    }

    std::vector<TextRun> runs;
    for (std::size_t i = 0; i < clusters.size(); ++i) {
        const hb_script_t script = clusters[i].script;
        const bool missing = !fonts[i].has_value();
        const std::size_t font = fonts[i].value_or(0);
        if (!runs.empty() && runs.back().missing == missing && runs.back().font_index == font && runs.back().script == script) {
            runs.back().end = clusters[i].end;
            continue;
        }
        TextRun run;
        run.begin = clusters[i].begin;
        run.end = clusters[i].end;
        run.font_index = font;
        run.missing = missing;
        run.script = script;
        run.direction = hb_script_get_horizontal_direction(script);
        if (run.direction == HB_DIRECTION_INVALID)
            run.direction = HB_DIRECTION_LTR;
        run.language = language_for(script);
        runs.push_back(run);
    }
    return runs;
}

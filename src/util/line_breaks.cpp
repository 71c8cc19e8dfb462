#include "util/line_breaks.hpp"

#include <linebreak.h>
#include <utf8proc.h>

#include <mutex>

namespace signage {

namespace {

struct CodePoint {
    utf8proc_int32_t value;  // -1: an invalid byte
    std::size_t length;
};

CodePoint decode_at(std::string_view text, std::size_t offset)
{
    utf8proc_int32_t value = -1;
    const auto rest = static_cast<utf8proc_ssize_t>(text.size() - offset);
    const utf8proc_ssize_t read = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + offset), rest, &value);
    if (read <= 0)
        return {-1, 1};
    return {value, static_cast<std::size_t>(read)};
}

}  // namespace

std::vector<std::size_t> grapheme_starts(std::string_view text)
{
    std::vector<std::size_t> starts;
    utf8proc_int32_t state = 0;
    utf8proc_int32_t previous = -1;
    for (std::size_t offset = 0; offset < text.size();) {
        const CodePoint cp = decode_at(text, offset);
        // An invalid byte stands alone, as U+FFFD would.
        if (previous < 0 || cp.value < 0 || utf8proc_grapheme_break_stateful(previous, cp.value, &state))
            starts.push_back(offset);
        if (cp.value < 0)
            state = 0;
        previous = cp.value;
        offset += cp.length;
    }
    starts.push_back(text.size());
    return starts;
}

std::string safe_for_libunibreak(std::string_view text)
{
    std::string copy(text);
    for (std::size_t offset = 0; offset < copy.size();) {
        const CodePoint cp = decode_at(copy, offset);
        if (cp.value >= 0x1F1E6 && cp.value <= 0x1F1FF)
            copy.replace(offset, 4, "\xF0\xA0\x80\x80");
        else if (cp.value == 0xFFFF)
            copy.replace(offset, 3, "\xEF\xBF\xBD");
        else if (cp.value < 0)
            copy[offset] = 'x';
        offset += cp.length;
    }
    return copy;
}

std::vector<char> line_break_opportunities(std::string_view text)
{
    static std::once_flag initialized;
    std::call_once(initialized, init_linebreak);
    const std::string safe = safe_for_libunibreak(text);
    std::vector<char> breaks(text.size());
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(safe.data()), safe.size(), "ko", breaks.data());
    std::vector<bool> cluster_start(text.size() + 1, false);
    for (std::size_t start : grapheme_starts(text))
        cluster_start[start] = true;
    for (std::size_t i = 0; i < breaks.size(); ++i) {
        if (breaks[i] != LINEBREAK_NOBREAK && breaks[i] != LINEBREAK_INSIDEACHAR && !cluster_start[i + 1])
            breaks[i] = LINEBREAK_NOBREAK;
    }
    return breaks;
}

}  // namespace signage

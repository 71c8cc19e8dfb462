#pragma once
// Where UTF-8 text may be broken: grapheme cluster starts (UAX #29, by utf8proc) and line break
// opportunities (UAX #14, by libunibreak), for code below the text layer that cuts text (a
// headline made from a description) and for the wrapper.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace signage {

// The byte offset of each grapheme cluster's start, then text.size(). Invalid bytes count as
// one cluster each.
std::vector<std::size_t> grapheme_starts(std::string_view text);

// libunibreak 1.1 (Debian 12) aborts on regional indicators (flags) and on U+FFFF, and expects
// valid UTF-8: a copy of `text` with those replaced by characters of the same byte length that
// break alike, so offsets stay the same: a flag letter by an ideograph (U+20000), U+FFFF by
// U+FFFD, a stray byte by "x".
std::string safe_for_libunibreak(std::string_view text);

// For each byte i of `text`, whether a line may end after it (libunibreak's LINEBREAK_*
// values, "ko" rules), kept only where the next byte starts a grapheme cluster.
std::vector<char> line_break_opportunities(std::string_view text);

}  // namespace signage

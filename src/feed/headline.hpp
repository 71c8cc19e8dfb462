#pragma once
// A headline for an item that has no title, made from its description, summary or content.
#include <cstddef>
#include <string>
#include <string_view>

namespace signage::feed {

// `text` is one line of plain text (clean_text's output). Its first sentence when that holds
// at most `max_chars` grapheme clusters: a sentence ends at ".", "!" or "?" before a space or
// the end ("...했습니다. 다음" ends after "다."), or at "。", "！", "？" (closing quotes and
// brackets after the mark stay with it). Else the whole text when it fits; else the longest
// start that fits with an ellipsis ("…"), cut where a line may break (UAX #14), after a space
// when there is one in the second half, never inside a grapheme cluster.
std::string headline_from_text(std::string_view text, std::size_t max_chars);

}  // namespace signage::feed

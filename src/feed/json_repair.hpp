#pragma once
// The two mistakes in a JSON Feed that stop nlohmann-json's parser for good, fixed before it
// reads the text, so that one bad item costs that item's bad value and not every item after it:
//
// - a lone surrogate escape ("\ud800" with no low surrogate after it, or "\udc00" alone), which
//   encodes no character: written as "\ufffd", the replacement character, as a browser's
//   JSON.parse + TextDecoder would show it;
// - a number too large for a double ("1e999999"): written as null, the JSON Feed value a
//   reader skips.
//
// Like feed_xml_repair, a lexical pass over strings and numbers, not a parser.
#include <cstddef>
#include <string>
#include <string_view>

namespace signage::feed {

struct RepairedJson {
    std::string text;
    std::size_t lone_surrogates = 0;
    std::size_t numbers_too_large = 0;
};

RepairedJson repair_json(std::string_view json);

}  // namespace signage::feed

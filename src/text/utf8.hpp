#pragma once
// Walking UTF-8 by code point. Invalid bytes decode as U+FFFD one byte at a time, so every
// byte of the input belongs to exactly one code point.
#include <cstddef>
#include <string_view>

namespace signage::text {

struct DecodedCodePoint {
    char32_t value;
    std::size_t length;  // bytes consumed, 1..4
};

DecodedCodePoint decode_utf8(std::string_view text, std::size_t offset);

}  // namespace signage::text

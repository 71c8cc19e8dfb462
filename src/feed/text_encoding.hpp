#pragma once
// Bytes in a declared or detected character encoding -> UTF-8, through glibc iconv. Pure
// functions: the encoding decision itself (which label to trust) is the feed parser's.
#include "util/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace signage::feed {

// Canonical names this module hands out; any other name is one iconv accepted as given.
inline constexpr std::string_view kUtf8 = "UTF-8";
inline constexpr std::string_view kUtf16Le = "UTF-16LE";
inline constexpr std::string_view kUtf16Be = "UTF-16BE";
inline constexpr std::string_view kUtf32Le = "UTF-32LE";
inline constexpr std::string_view kUtf32Be = "UTF-32BE";
inline constexpr std::string_view kWindows1252 = "windows-1252";
inline constexpr std::string_view kCp949 = "CP949";
// A label that names UTF-16 or UTF-32 without a byte order ("utf-16"): the bytes decide.
inline constexpr std::string_view kUtf16AnyOrder = "UTF-16";
inline constexpr std::string_view kUtf32AnyOrder = "UTF-32";

// How the first characters are laid out in bytes, from the zero bytes among the first four:
// enough to read "<?xml" or "{" before the encoding is known.
enum class ByteLayout { ascii_compatible, utf16le, utf16be, utf32le, utf32be };

struct ByteOrderMark {
    std::string_view encoding;  // one of the canonical UTF names above
    std::size_t length = 0;
};

std::optional<ByteOrderMark> byte_order_mark(std::string_view bytes);
ByteLayout byte_layout(std::string_view bytes);
ByteLayout layout_of(std::string_view encoding);
std::size_t code_unit_size(ByteLayout layout);

// The encoding a charset label means, as a browser reads it: latin1 and ASCII labels are
// windows-1252, the Korean labels are all CP949 (see docs/feeds.md). Any other label iconv
// knows comes back upper-cased; an unknown or malformed one gives an empty string.
std::string encoding_for_label(std::string_view label);

bool is_valid_utf8(std::string_view text);
bool has_non_ascii(std::string_view text);

// Valid UTF-8 for any input: each ill-formed sequence (its maximal subpart, as Unicode
// recommends) becomes U+FFFD.
std::string repair_utf8(std::string_view text);

// `bytes` (without a byte order mark) from `encoding` to UTF-8. Invalid or unmappable
// sequences become U+FFFD rather than failing the whole text; windows-1252's five undefined
// bytes become the C1 controls of the same value, as in browsers. Fails only when iconv
// knows no such encoding.
Result<std::string> to_utf8(std::string_view bytes, std::string_view encoding);

// The longest prefix of `text` of at most `max_bytes` that ends on a UTF-8 character boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

}  // namespace signage::feed

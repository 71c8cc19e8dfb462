#pragma once
// What the loader does before toml++ sees a config: the file read with bounds, and the text
// checked for keys nested deeper than any config of ours needs. A config is read at start and on
// every reload of a running player; a file that is a FIFO, a device, huge, unreadable or made to
// exhaust the parser's stack must give the usual one-line error, never hang or kill the player.
#include "util/result.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace signage::config {

// Far above any real config (the example, with every key and its comments, is 20 KB).
inline constexpr std::size_t kMaxConfigBytes = 1 << 20;
// toml++ makes a table per part of a dotted key or table header, recursively: 50,000 parts
// overflow the stack. Our deepest key has 3 parts.
inline constexpr std::size_t kMaxKeyParts = 64;

// The file's bytes: a regular file of at most kMaxConfigBytes, read without blocking on a FIFO
// or a device. Errors read "<path>: <what>; <what to do>".
Result<std::string> read_config_file(const std::filesystem::path& path);

// An error naming the line of the first key, table header or inline table with more than
// kMaxKeyParts parts or levels; Done otherwise. Strings and comments are skipped as TOML reads
// them, multi-line strings included.
Status check_key_depth(std::string_view toml_text, std::string_view origin);

}  // namespace signage::config

#pragma once
// Base64 (RFC 4648, the standard alphabet) to bytes. None of the libraries the player links
// offers a public decoder: libxml2 and libcurl only encode, or keep theirs private.
#include <optional>
#include <string>
#include <string_view>

namespace signage {

// White space anywhere is skipped (MIME and XML wrap base64 in lines); "=" padding may be
// there or not. nullopt for any other character, or a length no encoder makes.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace signage

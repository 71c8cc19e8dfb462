#pragma once
// A feed body's bytes -> UTF-8 text: which encoding they are in (a byte order mark, the HTTP
// charset, the XML declaration, what the bytes themselves show) and whether they hold XML or
// JSON. The decision is here; the conversion itself is text_encoding's.
#include "util/result.hpp"

#include <string>
#include <string_view>

namespace signage::feed {

enum class BodySyntax { xml, json };

struct Utf8Body {
    std::string text;      // valid UTF-8, without a byte order mark
    std::string encoding;  // what it was decoded from: "UTF-8", "CP949", "windows-1252"...
    BodySyntax syntax = BodySyntax::xml;
    // One line for the log when a label was not followed because no one knows it: "unknown
    // encoding label charset \"u16\" of the HTTP Content-Type: read as UTF-16LE (...)". Empty otherwise.
    std::string note;
};

// `content_type` is the HTTP Content-Type ("application/rss+xml; charset=euc-kr"), empty when
// there is none (a file). For XML: a byte order mark, then the HTTP charset, then the XML
// declaration, then the bytes, except where the bytes prove the header wrong (see docs/feeds.md);
// the Korean and Latin-1 labels mean their browser supersets (EUC-KR is CP949). Without a label
// anyone knows: UTF-16/32 from the zero bytes, UTF-8 if the bytes are UTF-8, else the fallback
// for undeclared feeds, which `language` (the source's configured language) picks: CP949 for
// Korean (where it leaves fewer undecodable bytes than UTF-8), else UTF-8 with U+FFFD for what
// does not decode. JSON is UTF-8 (RFC 8259) whatever the
// server says; UTF-16 and UTF-32 show by their layout. Errors, one line: "empty body", "not a
// feed: neither xml nor json, starts with \"...\"" (without `quote_unknown`, for a local file,
// its size instead of its bytes).
Result<Utf8Body> body_to_utf8(std::string_view body, std::string_view content_type, bool quote_unknown = true,
                              std::string_view language = {});

// The charset parameter of an HTTP Content-Type ("text/xml; charset=\"EUC-KR\"" -> "euc-kr"),
// lower-cased and unquoted; empty when there is none.
std::string charset_from_content_type(std::string_view content_type);

}  // namespace signage::feed

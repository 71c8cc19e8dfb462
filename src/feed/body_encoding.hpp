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
};

// `content_type` is the HTTP Content-Type ("application/rss+xml; charset=euc-kr"), empty when
// there is none (a file). For XML: a byte order mark, then the HTTP charset, then the XML
// declaration, then UTF-8, except where the bytes prove the header wrong (see docs/feeds.md);
// the Korean and Latin-1 labels mean their browser supersets (EUC-KR is CP949). JSON is UTF-8
// (RFC 8259) whatever the server says; UTF-16 and UTF-32 show by their layout. Errors, one
// line: "empty body", "not a feed: neither xml nor json, starts with \"...\"" (without
// `quote_unknown`, for a local file, its size instead of its bytes), "not xml: unsupported
// encoding ...".
Result<Utf8Body> body_to_utf8(std::string_view body, std::string_view content_type, bool quote_unknown = true);

// The charset parameter of an HTTP Content-Type ("text/xml; charset=\"EUC-KR\"" -> "euc-kr"),
// lower-cased and unquoted; empty when there is none.
std::string charset_from_content_type(std::string_view content_type);

}  // namespace signage::feed

#pragma once
// Text as feeds hold it -> the plain text a screen shows. Shared by the XML and JSON readers.
#include <libxml/tree.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace signage::feed {

// One line of plain text: runs of white space (including ideographic spaces) become one space,
// no-break spaces (U+00A0, U+2007, U+202F) stay as they are, one for one, control characters and byte order marks go, and the result is cut at a
// character boundary to at most `max_bytes`. `raw` must be valid UTF-8.
std::string clean_text(std::string_view raw, std::size_t max_bytes);

// Whether text that is meant to be plain holds HTML after all: a tag of a known HTML element
// ("<b>", "</p>", "<br/>"), a comment, or a character reference ("&quot;", "&#8217;"). Text
// such as "a < b", "<Parasite>" or "R&D" is left as it is.
bool looks_like_html(std::string_view text);

// The text of an HTML fragment, through libxml2's HTML parser: tags stripped, entities and
// character references decoded, a space where a block element or <br> breaks the line,
// scripts and styles left out. Only the first part of a huge fragment is read: enough for
// `max_text_bytes` of text.
std::string html_to_text(std::string_view html, std::size_t max_text_bytes);

// Appends the text and CDATA below `first` (and its siblings), in document order, the way
// html_to_text does; stops appending once `out` holds `max_bytes`. Entity references are left
// out on purpose: following them is how an entity bomb would get expanded after the parser
// declined to.
void append_markup_text(const xmlNode* first, std::string& out, std::size_t max_bytes);

// libxml2 wants one initialisation before threads share it; the fetcher parses off the main
// thread. Every entry into libxml2's parsers calls this first.
void ensure_libxml_ready();

// A BCP 47 tag as the notice keeps it: trimmed, lower case, '_' as '-' ("ko_KR" -> "ko-kr").
std::string language_tag(std::string_view raw);
bool is_korean(std::string_view language_tag);

std::string fnv1a_hex(std::string_view data);

}  // namespace signage::feed

#pragma once
// The mistakes real feeds make, fixed before libxml2 reads them.
//
// libxml2 2.9's recover mode keeps going after an error, but from the first error on it drops
// every named entity reference ("&amp;" included) for the rest of the document, and it eats the
// word after a bare ampersand ("R&D" -> "R", "?a=1&b=2" -> "?a=1=2"). One unescaped "&" or
// one HTML-only "&nbsp;" in one title would quietly damage every title after it. So, outside
// comments, CDATA sections and processing instructions, this rewrites:
//
// - "&amp;", "&lt;", ... and the HTML 4 entities ("&nbsp;", "&eacute;") as numeric character
//   references, which libxml2 keeps even after an error (RSS 0.91's Netscape DTD defines the
//   HTML entities, and it is never loaded);
// - a bare "&" (no name and ';' after it) as "&amp;";
// - a "<" that cannot start markup ("a < b", "<3") as "&lt;";
// - characters XML forbids (C0 controls other than tab, CR and LF; U+FFFE, U+FFFF), and
//   references to them, are dropped;
// - "&#X41;" (an upper-case X, which HTML allows and XML does not) as "&#x41;";
// - a reference to an entity neither XML, HTML nor the document's DTD defines ("&foo;",
//   "&nbspx;") as its own text ("&amp;foo;"), which is what a browser shows;
// - a comment only HTML allows ("<!-->", "<!--->", "--" inside, "--!>" at its end), which
//   libxml2 would read past the end of, eating the text after it, is left out.
//
// Entity references to names the document's DTD declares are left for libxml2, which does not
// expand them. This is a lexical pass over the characters, not a parser: the document's
// structure is libxml2's to read.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signage::feed {

// `utf8` must be valid UTF-8; so is the result. What a feed author should hear about (an
// upper-case X, an unknown entity, an ill-formed comment) is appended to `mended`, one line each.
std::string repair_xml_text(std::string_view utf8, std::vector<std::string>& mended);

// The index after the comment that starts at `at` ("<!--"), read as HTML reads it ("<!-->" and
// "<!--->" are whole comments, "--!>" ends one); npos when it never ends.
std::size_t comment_end(std::string_view text, std::size_t at);

// `html` without its comments (read as comment_end reads them; one that never ends runs to the
// end, as in browsers). libxml2's HTML parser reads "A<!--->B" as a comment that eats "B".
std::string without_comments(std::string_view html);

// A numeric character reference ("&#8217;", "&#x2019;") at `at`, which holds '&': the value it
// names (not checked to be a character) and the index after its ';'. nullopt when there is no
// well-formed one with at most `max_digits` digits.
struct NumericReference {
    std::uint64_t value = 0;
    std::size_t end = 0;
};
std::optional<NumericReference> numeric_reference_at(std::string_view text, std::size_t at, std::size_t max_digits);

}  // namespace signage::feed

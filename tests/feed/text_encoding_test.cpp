#include "feed/text_encoding.hpp"

#include "feed/body_encoding.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace signage::feed {

TEST_CASE("encoding_for_label reads charset labels as browsers do")
{
    struct LabelCase {
        std::string_view label;
        std::string_view encoding;
    };
    constexpr LabelCase cases[] = {
        {"utf-8", "UTF-8"},
        {" UTF8 ", "UTF-8"},
        {"\"utf-8\"", "UTF-8"},
        // Every Korean label is CP949: the servers behind them send CP949.
        {"euc-kr", "CP949"},
        {"EUC-KR", "CP949"},
        {"ks_c_5601-1987", "CP949"},
        {"KS_C_5601-1987", "CP949"},
        {"windows-949", "CP949"},
        {"ks_c_5601", "CP949"},
        {"x-windows-949", "CP949"},
        {"cp949", "CP949"},
        {"uhc", "CP949"},
        // Latin-1 and ASCII are windows-1252 (WHATWG Encoding Standard).
        {"iso-8859-1", "windows-1252"},
        {"ISO_8859-1", "windows-1252"},
        {"latin1", "windows-1252"},
        {"us-ascii", "windows-1252"},
        {"windows-1252", "windows-1252"},
        {"utf-16", "UTF-16"},
        {"utf-16le", "UTF-16LE"},
        {"UTF-16BE", "UTF-16BE"},
        {"utf-32", "UTF-32"},
        {"shift_jis", "CP932"},
        {"gb2312", "GBK"},
        // Anything else iconv knows, as given; unknown or malformed labels, nothing.
        {"iso-8859-15", "ISO-8859-15"},
        {"koi8-r", "KOI8-R"},
        {"x-no-such-charset", ""},
        {"", ""},
        {"utf-8//TRANSLIT", ""},
        {"utf 8", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.label);
        CHECK(encoding_for_label(c.label) == c.encoding);
    }
}

TEST_CASE("to_utf8 converts and replaces what does not decode with U+FFFD")
{
    struct ConvertCase {
        std::string_view description;
        std::string bytes;
        std::string_view encoding;
        std::string_view utf8;
    };
    const ConvertCase cases[] = {
        {"CP949 beyond EUC-KR", "\x8C\x63\xBE\xE4\xB2\xE1", "CP949", "똠얌꿍"},
        {"CP949: a bad byte costs one character", "\xB0\xF8\xFF\xC1\xF6", "CP949", "공\xEF\xBF\xBD지"},
        {"CP949 cut inside a character", "\xB0\xF8\xC1", "CP949", "공\xEF\xBF\xBD"},
        {"windows-1252 punctuation", "\x93q\x94 \x96 \x85 \x80 \x99", "windows-1252", "“q” – … € ™"},
        {"windows-1252 undefined bytes are C1 controls", "a\x81" "b\x9D", "windows-1252", "a\xC2\x81" "b\xC2\x9D"},
        {"UTF-16LE with a surrogate pair", std::string("A\0\x34\xD8\x1E\xDD", 6), "UTF-16LE", "A\xF0\x9D\x84\x9E"},
        {"UTF-16LE lone surrogate", std::string("\x34\xD8" "A\0", 4), "UTF-16LE", "\xEF\xBF\xBD" "A"},
        {"UTF-16BE odd length", std::string("\0A\0", 3), "UTF-16BE", "A\xEF\xBF\xBD"},
        {"UTF-32BE", std::string("\0\0\xD5\x5C", 4), "UTF-32BE", "한"},
        {"UTF-8 stays", "한글 ok", "UTF-8", "한글 ok"},
        {"UTF-8 overlong", "a\xC0\xAF" "b", "UTF-8", "a\xEF\xBF\xBD\xEF\xBF\xBD" "b"},
        {"UTF-8 surrogate", "\xED\xA0\x80", "UTF-8", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"UTF-8 truncated sequence is one replacement", "\xE2\x82" "x", "UTF-8", "\xEF\xBF\xBD" "x"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.description);
        const auto converted = to_utf8(c.bytes, c.encoding);
        REQUIRE(converted.ok());
        CHECK(converted.value() == c.utf8);
        CHECK(is_valid_utf8(converted.value()));
    }
    const auto unknown = to_utf8("x", "x-no-such-charset");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message == "unsupported encoding x-no-such-charset");
}

TEST_CASE("byte_order_mark and byte_layout recognise the Unicode forms")
{
    CHECK(byte_order_mark("\xEF\xBB\xBF<")->encoding == kUtf8);
    CHECK(byte_order_mark("\xFF\xFE<\0")->encoding == kUtf16Le);
    CHECK(byte_order_mark("\xFE\xFF\0<")->encoding == kUtf16Be);
    CHECK(byte_order_mark(std::string_view("\xFF\xFE\0\0<\0\0\0", 8))->encoding == kUtf32Le);
    CHECK(byte_order_mark(std::string_view("\0\0\xFE\xFF", 4))->length == 4);
    CHECK_FALSE(byte_order_mark("<?xml").has_value());

    CHECK(byte_layout("<?xm") == ByteLayout::ascii_compatible);
    CHECK(byte_layout(std::string_view("<\0?\0", 4)) == ByteLayout::utf16le);
    CHECK(byte_layout(std::string_view("\0<\0?", 4)) == ByteLayout::utf16be);
    CHECK(byte_layout(std::string_view("<\0\0\0", 4)) == ByteLayout::utf32le);
    CHECK(byte_layout(std::string_view("\0\0\0<", 4)) == ByteLayout::utf32be);
    CHECK(byte_layout("<") == ByteLayout::ascii_compatible);
}

TEST_CASE("utf8_prefix cuts on a character boundary")
{
    const std::string text = "가나다";  // three bytes each
    CHECK(utf8_prefix(text, 9) == "가나다");
    CHECK(utf8_prefix(text, 8) == "가나");
    CHECK(utf8_prefix(text, 6) == "가나");
    CHECK(utf8_prefix(text, 5) == "가");
    CHECK(utf8_prefix(text, 2).empty());
    CHECK(utf8_prefix("abc", 2) == "ab");
}

TEST_CASE("charset_from_content_type finds the charset parameter")
{
    struct CharsetCase {
        std::string_view content_type;
        std::string_view charset;
    };
    constexpr CharsetCase cases[] = {
        {"text/xml; charset=EUC-KR", "euc-kr"},
        {"application/rss+xml;charset=utf-8", "utf-8"},
        {"text/xml; CHARSET=\"ks_c_5601-1987\"", "ks_c_5601-1987"},
        {"text/xml ; foo=bar ; charset = windows-949 ", "windows-949"},
        {"text/xml; foo=\"a;charset=wrong\"; charset=utf-8", "utf-8"},
        {"text/xml; charset=\"utf\\-8\"", "utf-8"},  // a quoted-pair
        {"text/xml", ""},
        {"text/xml;", ""},
        {"text/xml; charset=", ""},
        {"", ""},
        {"text/xml; charsets=utf-8", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.content_type);
        CHECK(charset_from_content_type(c.content_type) == c.charset);
    }
}

namespace {

// A Content-Type as a server sends it; a file (no header) has none.
std::string content_type_with(std::string_view charset)
{
    return charset.empty() ? std::string() : "application/rss+xml; charset=" + std::string(charset);
}

}  // namespace

TEST_CASE("body_to_utf8 decides an XML encoding from the BOM, the HTTP charset, the declaration, then the bytes")
{
    const std::string korean_utf8 = "공지";
    const std::string korean_cp949 = "\xB0\xF8\xC1\xF6";  // 공지
    const std::string cafe_latin1 = "Caf\xE9";
    const auto doc = [](std::string_view declaration, std::string_view title) {
        return std::string(declaration) + "<rss version=\"2.0\"><channel><item><title>" + std::string(title)
             + "</title></item></channel></rss>";
    };
    const std::string utf8_decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    const std::string euc_kr_decl = "<?xml version=\"1.0\" encoding=\"euc-kr\"?>";
    const std::string latin1_decl = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>";
    const std::string utf16_decl = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>";

    struct EncodingCase {
        std::string_view description;
        std::string body;
        std::string_view header_charset;  // the charset of the HTTP Content-Type; empty: none
        std::string_view title;
        std::string_view encoding;
    };
    const EncodingCase cases[] = {
        {"declaration alone", doc(euc_kr_decl, korean_cp949), "", "공지", "CP949"},
        {"no declaration, no header: UTF-8", doc("", korean_utf8), "", "공지", "UTF-8"},
        {"the header beats the declaration", doc(utf8_decl, korean_cp949), "ks_c_5601-1987", "공지", "CP949"},
        {"the header alone", doc("", korean_cp949), "x-windows-949", "공지", "CP949"},
        {"a header that names UTF-8 for bytes that are not: the declaration", doc(euc_kr_decl, korean_cp949), "utf-8",
            "공지", "CP949"},
        {"a legacy header on valid UTF-8 declared UTF-8: UTF-8", doc(utf8_decl, korean_utf8), "iso-8859-1", "공지", "UTF-8"},
        {"a legacy header on valid UTF-8 without declaration: UTF-8", doc("", korean_utf8), "euc-kr", "공지", "UTF-8"},
        {"a legacy header on ASCII: the header", doc(utf8_decl, "plain"), "iso-8859-1", "plain", "windows-1252"},
        {"an unknown header charset is ignored", doc(latin1_decl, cafe_latin1), "x-unheard-of", "Café", "windows-1252"},
        {"the BOM beats the header", "\xEF\xBB\xBF" + doc(euc_kr_decl, korean_utf8), "euc-kr", "공지", "UTF-8"},
        {"latin1 labels are windows-1252", doc(latin1_decl, "\x93quoted\x94 \x80 5"), "", "\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC 5",
            "windows-1252"},
        {"a UTF-16 declaration in a one-byte document: the bytes win", doc(utf16_decl, korean_utf8), "", "공지", "UTF-8"},
        {"invalid UTF-8 becomes U+FFFD, the rest stays", doc(utf8_decl, "a\xFF" "b\xE2\x82"), "", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD",
            "UTF-8"},
        {"invalid CP949 becomes U+FFFD", doc(euc_kr_decl, "\xB0\xF8\xFF\xC1\xF6"), "", "공\xEF\xBF\xBD지", "CP949"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.description);
        const auto decoded = body_to_utf8(c.body, content_type_with(c.header_charset));
        REQUIRE_MESSAGE(decoded.ok(), (decoded.ok() ? std::string{} : decoded.error().message));
        CHECK(decoded->syntax == BodySyntax::xml);
        CHECK(decoded->encoding == c.encoding);
        CHECK(decoded->text.find("<title>" + std::string(c.title) + "</title>") != std::string::npos);
    }
}

TEST_CASE("body_to_utf8 reads JSON as UTF-8 whatever the header says, and names what it cannot read")
{
    const auto utf16le = [](std::string_view ascii) {
        std::string out;
        for (const char c : ascii) {
            out += c;
            out += '\0';
        }
        return out;
    };
    struct BodyCase {
        std::string_view description;
        std::string body;
        std::string_view header_charset;  // the charset of the HTTP Content-Type; empty: none
        std::string_view encoding;  // empty: an error
        std::string_view text_or_error;
    };
    const BodyCase cases[] = {
        {"JSON in UTF-8 under a legacy header", "{\"title\":\"공지\"}", "euc-kr", "UTF-8", "{\"title\":\"공지\"}"},
        {"JSON after white space", " \n{}", "", "UTF-8", " \n{}"},
        {"JSON in UTF-16LE without a BOM", utf16le("{}"), "", "UTF-16LE", "{}"},
        {"JSON with a UTF-8 BOM", "\xEF\xBB\xBF{}", "", "UTF-8", "{}"},
        {"XML in UTF-16LE with a BOM", "\xFF\xFE" + utf16le("<a/>"), "utf-8", "UTF-16LE", "<a/>"},
        {"nothing but white space", " \r\n\t", "", "", "empty body"},
        {"nothing at all", "", "", "", "empty body"},
        {"neither XML nor JSON", "Service \"down\"", "", "", "not a feed: neither xml nor json, starts with \"Service 'down'\""},
        {"an unknown declared encoding: the bytes decide", "<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss/>", "",
            "UTF-8", "<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss/>"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.description);
        const auto decoded = body_to_utf8(c.body, content_type_with(c.header_charset));
        if (c.encoding.empty()) {
            REQUIRE_FALSE(decoded.ok());
            CHECK(decoded.error().message == c.text_or_error);
            continue;
        }
        REQUIRE_MESSAGE(decoded.ok(), (decoded.ok() ? std::string{} : decoded.error().message));
        CHECK(decoded->encoding == c.encoding);
        CHECK(decoded->text == c.text_or_error);
        CHECK(decoded->syntax == (c.text_or_error.find('{') != std::string_view::npos ? BodySyntax::json : BodySyntax::xml));
    }
}

}  // namespace signage::feed

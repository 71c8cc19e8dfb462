#include "feed/text_encoding.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

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

#include "feed/body_encoding.hpp"

#include "feed/feed_text.hpp"
#include "feed/text_encoding.hpp"
#include "util/ascii.hpp"

#include <cstdint>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace signage::feed {

namespace {

// The first characters of a body that an error quotes when it is neither XML nor JSON.
constexpr std::size_t kQuotedPrefixBytes = 24;

// Code unit `index` of `bytes` in `layout`, or nullopt past the end.
std::optional<std::uint32_t> code_unit(std::string_view bytes, ByteLayout layout, std::size_t index)
{
    const std::size_t size = code_unit_size(layout);
    const std::size_t at = index * size;
    if (at + size > bytes.size())
        return std::nullopt;
    const auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + k])); };
    switch (layout) {
    case ByteLayout::ascii_compatible:
        return byte(0);
    case ByteLayout::utf16le:
        return byte(0) | byte(1) << 8;
    case ByteLayout::utf16be:
        return byte(0) << 8 | byte(1);
    case ByteLayout::utf32le:
        return byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
    case ByteLayout::utf32be:
        return byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
    }
    return std::nullopt;
}

bool is_space(std::uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The first character that is not white space: '<' for XML, '{' for JSON. Reading it needs
// only the layout, not the encoding, as both are ASCII.
std::optional<std::uint32_t> first_significant(std::string_view bytes, ByteLayout layout)
{
    for (std::size_t i = 0;; ++i) {
        const auto unit = code_unit(bytes, layout, i);
        if (!unit || !is_space(*unit))
            return unit;
    }
}

// The encoding="..." of an XML declaration, read in the layout the bytes have (so it works
// for UTF-16 without a byte order mark too); empty when there is none.
std::string declared_encoding(std::string_view bytes, ByteLayout layout)
{
    constexpr std::size_t kMaxDeclaration = 256;
    std::string declaration;
    for (std::size_t i = 0; i < kMaxDeclaration; ++i) {
        const auto unit = code_unit(bytes, layout, i);
        if (!unit || *unit == 0 || *unit >= 0x80)
            break;
        declaration += static_cast<char>(*unit);
        if (declaration.ends_with("?>"))
            break;
    }
    if (!declaration.starts_with("<?xml"))
        return {};
    auto at = declaration.find("encoding");
    if (at == std::string::npos)
        return {};
    at = declaration.find_first_not_of(" \t\r\n", at + 8);
    if (at == std::string::npos || declaration[at] != '=')
        return {};
    at = declaration.find_first_not_of(" \t\r\n", at + 1);
    if (at == std::string::npos || (declaration[at] != '"' && declaration[at] != '\''))
        return {};
    const auto end = declaration.find(declaration[at], at + 1);
    if (end == std::string::npos)
        return {};
    return declaration.substr(at + 1, end - at - 1);
}

// `encoding` if the bytes can be in it, with a byte order left open ("UTF-16") settled by the
// layout; empty if the layout rules it out (a one-byte encoding for bytes laid out as UTF-16).
std::string fitting(const std::string& encoding, ByteLayout layout)
{
    if (encoding.empty())
        return {};
    if (encoding == kUtf16AnyOrder) {
        if (layout == ByteLayout::utf16le)
            return std::string(kUtf16Le);
        return layout == ByteLayout::utf16be ? std::string(kUtf16Be) : std::string{};
    }
    if (encoding == kUtf32AnyOrder) {
        if (layout == ByteLayout::utf32le)
            return std::string(kUtf32Le);
        return layout == ByteLayout::utf32be ? std::string(kUtf32Be) : std::string{};
    }
    return layout_of(encoding) == layout ? encoding : std::string{};
}

std::string layout_default(ByteLayout layout)
{
    switch (layout) {
    case ByteLayout::utf16le:
        return std::string(kUtf16Le);
    case ByteLayout::utf16be:
        return std::string(kUtf16Be);
    case ByteLayout::utf32le:
        return std::string(kUtf32Le);
    case ByteLayout::utf32be:
        return std::string(kUtf32Be);
    case ByteLayout::ascii_compatible:
        break;
    }
    return std::string(kUtf8);
}

// How many U+FFFD a decoding holds: what did not decode.
std::size_t replacements(const Result<std::string>& decoded)
{
    if (!decoded)
        return SIZE_MAX;
    std::size_t count = 0;
    for (auto at = decoded->find("\xEF\xBF\xBD"); at != std::string::npos; at = decoded->find("\xEF\xBF\xBD", at + 3))
        ++count;
    return count;
}

// The encoding of undeclared bytes (or bytes whose every label is unknown), as XML 1.0
// Appendix F reads them: UTF-16/32 where the zero bytes say so, UTF-8 where the bytes are
// UTF-8, else the fallback for undeclared feeds. With the reason, for a log line.
std::pair<std::string, std::string_view> undeclared_encoding(std::string_view bytes, ByteLayout layout,
                                                             std::string_view fallback)
{
    if (layout != ByteLayout::ascii_compatible)
        return {layout_default(layout), "from where the zero bytes are"};
    if (is_valid_utf8(bytes))
        return {std::string(kUtf8), "the bytes are valid UTF-8"};
    // UTF-8 with a stray byte stays UTF-8: the fallback only where it reads with fewer holes.
    if (fallback != kUtf8 && replacements(to_utf8(bytes, fallback)) < replacements(repair_utf8(bytes)))
        return {std::string(fallback), "the fallback for undeclared feeds of the source's language"};
    return {std::string(kUtf8), "the fallback for undeclared feeds; bytes that are not UTF-8 shown as U+FFFD"};
}

// `label` quoted for a log line, as the feed wrote it.
std::string quoted_label(std::string_view label)
{
    return "\"" + clean_text(label, 40) + "\"";
}

struct EncodingChoice {
    std::string encoding;
    std::string note;  // for the log: a label that was not followed, and what was used instead
};

// The HTTP charset first, then the XML declaration, then the bytes (a byte order mark was looked
// at before, and beats both). The header is not trusted where the bytes prove it wrong: valid
// UTF-8 with non-ASCII characters in a body the server calls something else, whose declaration
// says UTF-8 or nothing, is UTF-8 (a server-wide default charset on an UTF-8 feed); bytes that
// are not UTF-8 in a body the server calls UTF-8 follow the declaration (a Korean feed in CP949
// served as UTF-8). A label neither iconv nor the WHATWG table knows ("u16", "bogus") is read
// as no label at all, and noted.
EncodingChoice choose_xml_encoding(std::string_view bytes, ByteLayout layout, std::string_view http_charset,
                                   std::string_view fallback)
{
    const std::string declared = declared_encoding(bytes, layout);
    const std::string from_declaration = declared.empty() ? std::string{} : encoding_for_label(declared);
    const std::string declaration = fitting(from_declaration, layout);
    const std::string from_http = http_charset.empty() ? std::string{} : encoding_for_label(http_charset);
    const std::string http = fitting(from_http, layout);

    std::string unknown;
    if (!http_charset.empty() && from_http.empty())
        unknown = "charset " + quoted_label(http_charset) + " of the HTTP Content-Type";
    if (!declared.empty() && from_declaration.empty())
        unknown += (unknown.empty() ? "encoding " : " and encoding ") + quoted_label(declared) + " of the XML declaration";
    const auto noted = [&](std::string encoding, std::string_view why) {
        std::string note = unknown.empty() ? std::string{}
                                           : "unknown encoding label " + unknown + ": read as " + encoding + " (" + std::string(why) + ")";
        return EncodingChoice{std::move(encoding), std::move(note)};
    };

    if (!http.empty()) {
        const bool ascii_layout = layout == ByteLayout::ascii_compatible;
        if (ascii_layout && http != kUtf8 && (declared.empty() || declaration == kUtf8) && has_non_ascii(bytes)
            && is_valid_utf8(bytes))
            return noted(std::string(kUtf8), "the bytes are valid UTF-8");
        if (ascii_layout && http == kUtf8 && !declaration.empty() && declaration != kUtf8 && !is_valid_utf8(bytes))
            return noted(declaration, "the XML declaration");
        return noted(http, "the HTTP charset");
    }
    if (!declaration.empty())
        return noted(declaration, "the XML declaration");
    // No label, an unknown one, or one the bytes contradict ("UTF-16" in a one-byte document).
    auto [encoding, why] = undeclared_encoding(bytes, layout, fallback);
    return noted(std::move(encoding), why);
}

// The first characters of a body, quoted safely in an error line.
std::string quoted_prefix(std::string_view bytes, ByteLayout layout)
{
    const Result<std::string> decoded = to_utf8(bytes.substr(0, kQuotedPrefixBytes * code_unit_size(layout)), layout_default(layout));
    std::string text = decoded ? decoded.value() : std::string{};
    text = clean_text(text, kQuotedPrefixBytes);
    for (char& c : text) {
        if (c == '"')
            c = '\'';
    }
    return "\"" + text + "\"";
}

}  // namespace

std::string_view undeclared_fallback(std::string_view language)
{
    return is_korean(language_tag(language)) ? kCp949 : kUtf8;
}

Result<Utf8Body> body_to_utf8(std::string_view body, std::string_view content_type, bool quote_unknown,
                              std::string_view language)
{
    const std::string http_charset = charset_from_content_type(content_type);
    const auto bom = byte_order_mark(body);
    const std::string_view bytes = bom ? body.substr(bom->length) : body;
    const ByteLayout layout = bom ? layout_of(bom->encoding) : byte_layout(bytes);
    const auto first = first_significant(bytes, layout);
    if (!first)
        return Error{"empty body"};

    Utf8Body decoded;
    if (*first == '{') {
        // JSON is UTF-8 (RFC 8259), whatever the server says; UTF-16/32 show by their layout.
        decoded.syntax = BodySyntax::json;
        decoded.encoding = bom ? std::string(bom->encoding) : layout_default(layout);
    }
    else if (*first == '<') {
        if (bom) {
            decoded.encoding = std::string(bom->encoding);
        }
        else {
            auto chosen = choose_xml_encoding(bytes, layout, http_charset, undeclared_fallback(language));
            decoded.encoding = std::move(chosen.encoding);
            decoded.note = std::move(chosen.note);
        }
    }
    else {
        return Error{quote_unknown ? "not a feed: neither xml nor json, starts with " + quoted_prefix(bytes, layout)
                                   : "not a feed: neither xml nor json (" + std::to_string(body.size()) + " bytes, not shown); is the path the feed's?"};
    }

    auto text = to_utf8(bytes, decoded.encoding);
    if (!text)
        return Error{(decoded.syntax == BodySyntax::json ? "not json: " : "not xml: ") + text.error().message};
    decoded.text = std::move(text.value());
    return decoded;
}

std::string charset_from_content_type(std::string_view content_type)
{
    // type/subtype *( ";" name "=" ( token / quoted-string ) ), RFC 9110 section 8.3.
    std::size_t at = content_type.find(';');
    while (at != std::string_view::npos && at < content_type.size()) {
        ++at;
        while (at < content_type.size() && (content_type[at] == ' ' || content_type[at] == '\t'))
            ++at;
        const auto equals = content_type.find_first_of("=;", at);
        if (equals == std::string_view::npos)
            return {};
        if (content_type[equals] == ';') {
            at = equals;
            continue;
        }
        std::string name(content_type.substr(at, equals - at));
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
            name.pop_back();
        name = ascii_lower(std::move(name));

        std::size_t value_at = equals + 1;
        while (value_at < content_type.size() && (content_type[value_at] == ' ' || content_type[value_at] == '\t'))
            ++value_at;
        std::string value;
        std::size_t next = value_at;
        if (value_at < content_type.size() && content_type[value_at] == '"') {
            for (next = value_at + 1; next < content_type.size() && content_type[next] != '"'; ++next) {
                if (content_type[next] == '\\' && next + 1 < content_type.size())
                    ++next;
                value += content_type[next];
            }
            next = content_type.find(';', next);
        }
        else {
            next = content_type.find(';', value_at);
            value = std::string(content_type.substr(value_at, next == std::string_view::npos ? std::string_view::npos : next - value_at));
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
                value.pop_back();
        }
        if (name == "charset")
            return ascii_lower(std::move(value));
        at = next;
    }
    return {};
}

}  // namespace signage::feed

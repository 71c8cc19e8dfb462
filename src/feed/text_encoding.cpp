#include "feed/text_encoding.hpp"

#include "platform/c_deleter.hpp"
#include "util/ascii.hpp"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <memory>
#include <string>
#include <string_view>

namespace signage::feed {

namespace {

using IconvHandle = std::unique_ptr<void, platform::CDeleter<iconv_close>>;

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// A well-formed sequence (valid = true, its length) or the maximal subpart of an ill-formed
// one (valid = false, at least 1 byte), per Unicode table 3-7.
struct Utf8Scan {
    bool valid = false;
    std::size_t length = 1;
};

Utf8Scan scan_utf8(std::string_view text, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const unsigned lead = byte(0);
    if (lead < 0x80)
        return {true, 1};
    std::size_t length = 0;
    unsigned low = 0x80;
    unsigned high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    }
    else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0;  // overlong
        else if (lead == 0xED)
            high = 0x9F;  // surrogates
    }
    else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90;  // overlong
        else if (lead == 0xF4)
            high = 0x8F;  // beyond U+10FFFF
    }
    else {
        return {false, 1};
    }
    for (std::size_t k = 1; k < length; ++k) {
        if (i + k >= text.size())
            return {false, k};
        const unsigned b = byte(k);
        if (b < low || b > high)
            return {false, k};
        low = 0x80;
        high = 0xBF;
    }
    return {true, length};
}

void append_code_point(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    }
    else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

struct LabelAlias {
    std::string_view label;
    std::string_view encoding;
};

// After the WHATWG Encoding Standard's label table, for the encodings real feeds use. The
// Korean and Chinese/Japanese legacy labels name their Microsoft supersets, because that is
// what the servers behind those labels actually send (a Korean feed "in EUC-KR" holds CP949
// syllables such as 똠 that EUC-KR cannot encode).
constexpr LabelAlias kAliases[] = {
    {"utf-8", kUtf8}, {"utf8", kUtf8}, {"unicode-1-1-utf-8", kUtf8}, {"x-unicode20utf8", kUtf8},
    {"utf-16", kUtf16AnyOrder}, {"unicode", kUtf16AnyOrder}, {"ucs-2", kUtf16AnyOrder},
    {"csunicode", kUtf16AnyOrder}, {"iso-10646-ucs-2", kUtf16AnyOrder},
    {"utf-16le", kUtf16Le}, {"unicodefeff", kUtf16Le},
    {"utf-16be", kUtf16Be}, {"unicodefffe", kUtf16Be},
    {"utf-32", kUtf32AnyOrder}, {"utf-32le", kUtf32Le}, {"utf-32be", kUtf32Be},
    {"us-ascii", kWindows1252}, {"ascii", kWindows1252}, {"ansi_x3.4-1968", kWindows1252},
    {"iso-8859-1", kWindows1252}, {"iso8859-1", kWindows1252}, {"iso88591", kWindows1252},
    {"iso_8859-1", kWindows1252}, {"iso_8859-1:1987", kWindows1252}, {"latin1", kWindows1252},
    {"l1", kWindows1252}, {"cp819", kWindows1252}, {"ibm819", kWindows1252},
    {"csisolatin1", kWindows1252}, {"iso-ir-100", kWindows1252}, {"cp1252", kWindows1252},
    {"windows-1252", kWindows1252}, {"x-cp1252", kWindows1252},
    {"euc-kr", kCp949}, {"ks_c_5601-1987", kCp949}, {"ks_c_5601-1989", kCp949}, {"ks_c_5601", kCp949},
    {"windows-949", kCp949}, {"x-windows-949", kCp949}, {"cp949", kCp949}, {"uhc", kCp949},
    {"ksc5601", kCp949}, {"ksc_5601", kCp949}, {"cseuckr", kCp949}, {"csksc56011987", kCp949},
    {"iso-ir-149", kCp949}, {"korean", kCp949},
    {"gb2312", "GBK"}, {"gbk", "GBK"}, {"x-gbk", "GBK"}, {"chinese", "GBK"}, {"csgb2312", "GBK"},
    {"big5", "BIG5-HKSCS"}, {"big5-hkscs", "BIG5-HKSCS"}, {"cn-big5", "BIG5-HKSCS"}, {"x-x-big5", "BIG5-HKSCS"},
    {"shift_jis", "CP932"}, {"sjis", "CP932"}, {"x-sjis", "CP932"}, {"ms_kanji", "CP932"},
    {"windows-31j", "CP932"}, {"csshiftjis", "CP932"},
};

bool iconv_knows(const std::string& encoding)
{
    const iconv_t cd = iconv_open("UTF-8", encoding.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1))
        return false;
    const IconvHandle handle{cd};
    return true;
}

}  // namespace

std::optional<ByteOrderMark> byte_order_mark(std::string_view bytes)
{
    // UTF-32LE's mark begins with UTF-16LE's: test the longer one first.
    if (bytes.starts_with(std::string_view("\xFF\xFE\x00\x00", 4)))
        return ByteOrderMark{kUtf32Le, 4};
    if (bytes.starts_with(std::string_view("\x00\x00\xFE\xFF", 4)))
        return ByteOrderMark{kUtf32Be, 4};
    if (bytes.starts_with("\xEF\xBB\xBF"))
        return ByteOrderMark{kUtf8, 3};
    if (bytes.starts_with("\xFF\xFE"))
        return ByteOrderMark{kUtf16Le, 2};
    if (bytes.starts_with("\xFE\xFF"))
        return ByteOrderMark{kUtf16Be, 2};
    return std::nullopt;
}

ByteLayout byte_layout(std::string_view bytes)
{
    // A document starts with an ASCII character ('<', '{' or white space), so in UTF-16 or
    // UTF-32 the zero bytes of that character give the layout away (RFC 4627 section 3).
    if (bytes.size() < 4)
        return ByteLayout::ascii_compatible;
    const bool z0 = bytes[0] == '\0';
    const bool z1 = bytes[1] == '\0';
    const bool z2 = bytes[2] == '\0';
    const bool z3 = bytes[3] == '\0';
    if (z0 && z1 && z2 && !z3)
        return ByteLayout::utf32be;
    if (!z0 && z1 && z2 && z3)
        return ByteLayout::utf32le;
    if (z0 && !z1)
        return ByteLayout::utf16be;
    if (!z0 && z1)
        return ByteLayout::utf16le;
    return ByteLayout::ascii_compatible;
}

ByteLayout layout_of(std::string_view encoding)
{
    if (encoding == kUtf16Le)
        return ByteLayout::utf16le;
    if (encoding == kUtf16Be)
        return ByteLayout::utf16be;
    if (encoding == kUtf32Le)
        return ByteLayout::utf32le;
    if (encoding == kUtf32Be)
        return ByteLayout::utf32be;
    return ByteLayout::ascii_compatible;
}

std::size_t code_unit_size(ByteLayout layout)
{
    switch (layout) {
    case ByteLayout::utf16le:
    case ByteLayout::utf16be:
        return 2;
    case ByteLayout::utf32le:
    case ByteLayout::utf32be:
        return 4;
    case ByteLayout::ascii_compatible:
        break;
    }
    return 1;
}

std::string encoding_for_label(std::string_view label)
{
    constexpr std::string_view spaces = " \t\r\n\"'";
    const auto first = label.find_first_not_of(spaces);
    if (first == std::string_view::npos)
        return {};
    label = label.substr(first, label.find_last_not_of(spaces) - first + 1);
    // Only name characters reach iconv: "//TRANSLIT" and the like are options, not names.
    if (label.size() > 40)
        return {};
    for (const char c : label) {
        const bool name_char = is_ascii_alnum(c) || c == '-'
                            || c == '_' || c == '.' || c == ':';
        if (!name_char)
            return {};
    }
    const std::string lower = ascii_lower(label);
    for (const auto& alias : kAliases) {
        if (alias.label == lower)
            return std::string(alias.encoding);
    }
    std::string upper(label);
    for (char& c : upper)
        c = ascii_upper(c);
    return iconv_knows(upper) ? upper : std::string{};
}

bool is_valid_utf8(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const Utf8Scan scan = scan_utf8(text, i);
        if (!scan.valid)
            return false;
        i += scan.length;
    }
    return true;
}

bool has_non_ascii(std::string_view text)
{
    for (const char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return true;
    }
    return false;
}

std::string repair_utf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Scan scan = scan_utf8(text, i);
        if (scan.valid)
            out.append(text.substr(i, scan.length));
        else
            out += kReplacementCharacter;
        i += scan.length;
    }
    return out;
}

Result<std::string> to_utf8(std::string_view bytes, std::string_view encoding)
{
    if (encoding == kUtf8)
        return is_valid_utf8(bytes) ? std::string(bytes) : repair_utf8(bytes);

    const std::string name(encoding);
    const iconv_t cd = iconv_open("UTF-8", name.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1))
        return Error{"unsupported encoding " + name};
    const IconvHandle handle{cd};

    const std::size_t unit = code_unit_size(layout_of(encoding));
    const bool windows_1252 = encoding == kWindows1252;
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    // iconv's input parameter is not const, but iconv only reads through it.
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    std::array<char, 16 * 1024> buffer{};
    for (;;) {
        char* out_ptr = buffer.data();
        std::size_t out_left = buffer.size();
        const std::size_t converted = in_left > 0 ? iconv(cd, &in, &in_left, &out_ptr, &out_left)
                                                  : iconv(cd, nullptr, nullptr, &out_ptr, &out_left);
        const int error = converted == static_cast<std::size_t>(-1) ? errno : 0;
        out.append(buffer.data(), static_cast<std::size_t>(out_ptr - buffer.data()));
        if (error == 0) {
            if (in_left == 0 && out_ptr == buffer.data())
                break;  // input done and shift state flushed
            continue;
        }
        if (error == E2BIG)
            continue;
        if (error == EINVAL) {  // cut short inside a character
            out += kReplacementCharacter;
            break;
        }
        // EILSEQ: one unit that does not decode (or maps nowhere) becomes one replacement.
        const std::size_t skip = std::min(unit, in_left);
        const auto first = static_cast<unsigned char>(*in);
        if (windows_1252 && first >= 0x80 && first <= 0x9F)
            append_code_point(out, first);
        else
            out += kReplacementCharacter;
        in += skip;
        in_left -= skip;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
    return out;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes)
{
    if (text.size() <= max_bytes)
        return text;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return text.substr(0, cut);
}

}  // namespace signage::feed

// Fuzz target: a feed body as a server or a file hands it over, through feed::parse_feed (which
// decides the encoding with body_to_utf8, then reads RSS, RDF, Atom or JSON Feed). The first byte
// picks the Content-Type it arrives with: none (a file, or a server that sends none), a type
// without a charset, or one declaring a charset (right, wrong, unknown or malformed); its top bit
// makes it a local file (errors then name the file, not its bytes). The rest is the body.
#include "feed/body_encoding.hpp"
#include "feed/feed_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kContentTypes[] = {
    "",
    "application/rss+xml",
    "application/atom+xml; charset=utf-8",
    "text/xml; charset=euc-kr",
    "text/xml; charset=\"ISO-8859-1\"",
    "application/xml; charset=windows-1252",
    "application/feed+json",
    "application/json; charset=utf-16",
    "text/xml; charset=utf-16le",
    "text/xml; charset=UTF-16BE",
    "text/xml; charset=shift_jis",
    "text/xml; charset=ks_c_5601-1987",
    "application/rss+xml; charset=utf-32",
    "text/html; charset=no-such-encoding",
    "text/xml; charset=",
    "text/xml; charset=\"utf-8; q=\"\\",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::uint8_t choice = data[0];
    const std::string_view content_type = kContentTypes[(choice & 0x7f) % std::size(kContentTypes)];
    const bool local_file = (choice & 0x80) != 0;
    const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);

    (void)signage::feed::charset_from_content_type(content_type);
    const signage::feed::FeedContext context{"fuzz", "en", std::string(content_type), local_file};
    const auto parsed = signage::feed::parse_feed(body, context);
    if (!parsed.ok()) {
        if (parsed.error().message.find('\n') != std::string::npos)
            std::abort();  // an error is one line of the log
        return 0;
    }
    if (parsed.value().notices.size() > signage::feed::kMaxItems)
        std::abort();
    for (const auto& notice : parsed.value().notices) {
        if (notice.source_name != "fuzz" || notice.titles.empty() || notice.titles.size() > signage::feed::kMaxTitles)
            std::abort();
    }
    return 0;
}

// Fuzz target: a feed body as a server or a file hands it over, through feed::parse_feed (which
// decides the encoding with body_to_utf8, then reads RSS, RDF, Atom or JSON Feed). The first byte
// picks the Content-Type it arrives with: none (a file, or a server that sends none), a type
// without a charset, or one declaring a charset (right, wrong, unknown or malformed); its top bit
// makes it a local file (errors then name the file, not its bytes). The rest is the body.
// Invariants: an error is one line; every field of every notice is valid UTF-8 within its limit
// (feed_parser.hpp), at most kMaxItems notices, each with a title.
#include "feed/body_encoding.hpp"
#include "feed/feed_parser.hpp"

#include <utf8proc.h>

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

namespace limits = signage::feed;

// Valid UTF-8 within `max_bytes`: what every field of a notice is promised to be.
void require_text(const std::string& text, std::size_t max_bytes)
{
    if (text.size() > max_bytes)
        std::abort();
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    for (std::size_t at = 0; at < text.size();) {
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t length = utf8proc_iterate(bytes + at, static_cast<utf8proc_ssize_t>(text.size() - at), &code_point);
        if (length <= 0)
            std::abort();
        at += static_cast<std::size_t>(length);
    }
}

void check_notice(const signage::model::Notice& notice)
{
    if (notice.source_name != "fuzz" || notice.titles.empty() || notice.titles.size() > limits::kMaxTitles)
        std::abort();
    for (const signage::model::LocalizedTitle& title : notice.titles) {
        require_text(title.text, limits::kMaxTitleBytes);
        require_text(title.lang, limits::kMaxLanguageBytes);
    }
    if (notice.categories.size() > limits::kMaxCategories)
        std::abort();
    for (const std::string& category : notice.categories)
        require_text(category, limits::kMaxCategoryBytes);
    require_text(notice.summary, limits::kMaxSummaryBytes);
    require_text(notice.id, limits::kMaxIdBytes);
    require_text(notice.link, limits::kMaxLinkBytes);
}

void check_alert(const signage::model::Alert& alert)
{
    require_text(alert.identifier, limits::kMaxIdBytes);
    require_text(alert.sender, limits::kMaxIdBytes);
    if (alert.identifier.empty() || alert.source_name != "fuzz" || alert.infos.size() > limits::kMaxAlertInfos)
        std::abort();
    for (const signage::model::AlertInfo& info : alert.infos) {
        require_text(info.headline, limits::kMaxTitleBytes);
        require_text(info.event, limits::kMaxTitleBytes);
        require_text(info.description, limits::kMaxAlertTextBytes);
        require_text(info.instruction, limits::kMaxAlertTextBytes);
        require_text(info.web, limits::kMaxLinkBytes);
        if (info.areas.size() > limits::kMaxAlertAreas)
            std::abort();
        for (const signage::model::AlertArea& area : info.areas)
            require_text(area.description, limits::kMaxTitleBytes);
    }
}

// An alerts document has alerts and links but no notices; any other document neither.
void check_alerts(const signage::feed::ParsedFeed& feed)
{
    if (!feed.alerts_document && (!feed.alerts.empty() || !feed.alert_links.empty()))
        std::abort();
    if (feed.alerts_document && !feed.notices.empty())
        std::abort();
    if (feed.alerts.size() > limits::kMaxAlerts || feed.alert_links.size() > limits::kMaxAlerts)
        std::abort();
    for (const signage::model::Alert& alert : feed.alerts)
        check_alert(alert);
    for (const signage::feed::AlertLink& link : feed.alert_links) {
        require_text(link.url, limits::kMaxLinkBytes);
        if (link.url.empty())
            std::abort();
    }
}

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
    signage::feed::FeedContext context{"fuzz", "en", std::string(content_type), local_file};
    context.expect_alerts = (choice & 0x40) != 0;  // the content type takes the low four bits
    context.base_url = local_file ? "file:///srv/alerts/index.xml" : "https://example.org/cap/index.xml";
    const auto parsed = signage::feed::parse_feed(body, context);
    if (!parsed.ok()) {
        if (parsed.error().message.find('\n') != std::string::npos)
            std::abort();  // an error is one line of the log
        return 0;
    }
    const signage::feed::ParsedFeed& feed = parsed.value();
    require_text(feed.title, signage::feed::kMaxTitleBytes);
    if (feed.notices.size() > signage::feed::kMaxItems)
        std::abort();
    for (const signage::model::Notice& notice : feed.notices)
        check_notice(notice);
    check_alerts(feed);
    return 0;
}

#include "feed/cap_reader.hpp"

#include "feed/feed_notice.hpp"
#include "feed/feed_text.hpp"
#include "feed/feed_time.hpp"
#include "feed/text_encoding.hpp"
#include "feed/xml_feeds.hpp"
#include "feed/xml_reading.hpp"
#include "util/ascii.hpp"

#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace signage::feed {

namespace {

// A code ("Actual", "Severe") or a date is a few dozen bytes.
constexpr std::size_t kMaxCodeBytes = 64;
constexpr std::size_t kMaxGeocodeBytes = kMaxCategoryBytes;
// Raw text read per byte of text kept: room for the white space and markup that cleaning drops.
constexpr std::size_t kRawBytesPerTextByte = 4;

std::string line_of(const xmlNode* element, std::size_t max_bytes)
{
    return clean_text(raw_text(element, max_bytes * kRawBytesPerTextByte), max_bytes);
}

std::string line_in(const xmlNode* parent, std::string_view ns, std::string_view name, std::size_t max_bytes)
{
    return line_of(first_child(parent, ns, name), max_bytes);
}

struct LineField {
    std::string* field;
    std::string_view name;
    std::size_t max_bytes;
};

// Each field found and not blank replaces what it held (an index entry's own title...).
void keep_lines(const xmlNode* parent, std::string_view ns, std::initializer_list<LineField> fields)
{
    for (const LineField& wanted : fields) {
        if (std::string text = line_in(parent, ns, wanted.name, wanted.max_bytes); !text.empty())
            *wanted.field = std::move(text);
    }
}

// CAP text is plain, but some senders write HTML into it: that is read as HTML (one line).
std::string text_in(const xmlNode* parent, std::string_view ns, std::string_view name, std::size_t max_bytes)
{
    const std::string raw = raw_text(first_child(parent, ns, name), max_bytes * kMarkupBytesPerTextByte);
    if (looks_like_html(raw))
        return clean_text(html_to_text(raw, max_bytes), max_bytes);
    return clean_paragraphs(raw, max_bytes);
}

std::optional<model::TimePoint> time_in(const xmlNode* parent, std::string_view ns, std::string_view name)
{
    const std::string text = line_in(parent, ns, name, kMaxDateBytes);
    if (text.empty())
        return std::nullopt;
    return parse_feed_time(text);
}

// <valueName> and <value> in pairs: CAP has one pair per <geocode>; some Atom indexes put
// several pairs in one.
void read_geocode(const xmlNode* geocode, std::vector<model::AlertGeocode>& codes)
{
    std::string name;
    for (const xmlNode* child = geocode->children; child && codes.size() < kMaxAlertGeocodes; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        if (view(child->name) == "valueName")
            name = line_of(child, kMaxGeocodeBytes);
        else if (view(child->name) == "value") {
            std::string value = line_of(child, kMaxGeocodeBytes);
            if (!value.empty())
                codes.push_back({std::exchange(name, {}), std::move(value)});
        }
    }
}

bool starts_paragraph(std::string_view line)
{
    static constexpr std::array<std::string_view, 13> marks = {
        "* ", "- ", "\xE2\x80\xA2", "\xE2\x97\x8B", "\xE2\x97\x8F", "\xE2\x96\xA1", "\xE2\x96\xA0", "\xE2\x96\xB6",
        "\xE2\x80\xBB", "\xE2\x97\xA6", "\xC2\xB7", "\xE2\x96\xB7", "\xE2\x97\x86"};  // • ○ ● □ ■ ▶ ※ ◦ · ▷ ◆
    for (const std::string_view mark : marks) {
        if (line.starts_with(mark))
            return true;
    }
    return false;
}

std::string_view trim_start(std::string_view line)
{
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
        line.remove_prefix(1);
    return line;
}

void end_paragraph(std::string& paragraph, std::string& out, std::size_t max_bytes)
{
    const std::string cleaned = clean_text(paragraph, max_bytes);
    paragraph.clear();
    if (cleaned.empty() || out.size() >= max_bytes)
        return;
    if (!out.empty())
        out += '\n';
    out += cleaned;
}

bool is_cap_code_element(const xmlNode* node)
{
    return node->type == XML_ELEMENT_NODE && is_cap_namespace(namespace_of(node));
}

std::string cap_format(std::string_view ns)
{
    if (ns == kCap12Ns)
        return "cap 1.2";
    if (ns == kCap11Ns)
        return "cap 1.1";
    if (ns == kCap10Ns)
        return "cap 1.0";
    return "cap";
}

}  // namespace

bool is_cap_namespace(std::string_view ns)
{
    return ns == kCap12Ns || ns == kCap11Ns || ns == kCap10Ns;
}

bool is_cap_alert(const xmlNode* root)
{
    if (!root || root->type != XML_ELEMENT_NODE || view(root->name) != "alert")
        return false;
    if (is_cap_code_element(root))
        return true;
    return namespace_of(root).empty() && first_child(root, kNoNamespace, "identifier")
        && first_child(root, kNoNamespace, "sender");
}

std::string clean_paragraphs(std::string_view raw, std::size_t max_bytes)
{
    std::string out;
    std::string paragraph;
    while (!raw.empty() && out.size() < max_bytes) {
        const std::size_t end = raw.find_first_of("\r\n");
        const std::string_view line = trim_start(raw.substr(0, end));
        raw.remove_prefix(end == std::string_view::npos ? raw.size() : end + 1);
        if (clean_text(line, max_bytes).empty() || starts_paragraph(line))
            end_paragraph(paragraph, out, max_bytes);
        if (paragraph.size() < max_bytes * kRawBytesPerTextByte) {
            paragraph += ' ';
            paragraph += line;
        }
    }
    end_paragraph(paragraph, out, max_bytes);
    return std::string(utf8_prefix(out, max_bytes));
}

std::string web_link(std::string_view raw)
{
    std::string link = clean_text(raw, kMaxLinkBytes + 1);
    const bool http = ascii_istarts_with(link, "http://") || ascii_istarts_with(link, "https://");
    if (!http || link.size() > kMaxLinkBytes || link.find(' ') != std::string::npos)
        return {};
    return link;
}

std::vector<model::AlertReference> parse_references(std::string_view text)
{
    std::vector<model::AlertReference> references;
    const std::string cleaned = clean_text(text, kMaxAlertReferences * (2 * kMaxIdBytes + kMaxDateBytes));
    std::string_view rest = cleaned;
    while (!rest.empty() && references.size() < kMaxAlertReferences) {
        const std::size_t space = rest.find(' ');
        std::string_view triple = rest.substr(0, space);
        rest.remove_prefix(space == std::string_view::npos ? rest.size() : space + 1);
        const std::size_t first = triple.find(',');
        if (first == std::string_view::npos || first == 0)
            continue;
        model::AlertReference reference;
        reference.sender = std::string(utf8_prefix(triple.substr(0, first), kMaxIdBytes));
        triple.remove_prefix(first + 1);
        const std::size_t second = triple.find(',');
        reference.identifier = std::string(utf8_prefix(triple.substr(0, second), kMaxIdBytes));
        if (second != std::string_view::npos)
            reference.sent = parse_feed_time(triple.substr(second + 1));
        if (!reference.identifier.empty())
            references.push_back(std::move(reference));
    }
    return references;
}

void read_alert_fields(const xmlNode* parent, std::string_view ns, model::Alert& alert)
{
    keep_lines(parent, ns, {{&alert.identifier, "identifier", kMaxIdBytes}, {&alert.sender, "sender", kMaxIdBytes},
        {&alert.status, "status", kMaxCodeBytes}, {&alert.msg_type, "msgType", kMaxCodeBytes},
        {&alert.scope, "scope", kMaxCodeBytes}});
    if (const auto sent = time_in(parent, ns, "sent"))
        alert.sent = sent;
    if (const xmlNode* references = first_child(parent, ns, "references"))
        alert.references = parse_references(raw_text(references, kMaxAlertReferences * 2 * (2 * kMaxIdBytes)));
}

model::AlertArea read_area(const xmlNode* parent, std::string_view ns)
{
    model::AlertArea area;
    area.description = line_in(parent, ns, "areaDesc", kMaxTitleBytes);
    for_each_child(parent, ns, "geocode", [&](const xmlNode* geocode) { read_geocode(geocode, area.geocodes); });
    return area;
}

void read_info_fields(const xmlNode* parent, std::string_view ns, model::AlertInfo& info)
{
    if (std::string language = language_tag(line_in(parent, ns, "language", kMaxLanguageBytes)); !language.empty())
        info.language = std::move(language);
    keep_lines(parent, ns, {{&info.event, "event", kMaxTitleBytes}, {&info.urgency, "urgency", kMaxCodeBytes},
        {&info.severity, "severity", kMaxCodeBytes}, {&info.certainty, "certainty", kMaxCodeBytes},
        {&info.sender_name, "senderName", kMaxTitleBytes}, {&info.headline, "headline", kMaxTitleBytes}});
    if (const auto effective = time_in(parent, ns, "effective"))
        info.effective = effective;
    if (const auto onset = time_in(parent, ns, "onset"))
        info.onset = onset;
    if (const auto expires = time_in(parent, ns, "expires"))
        info.expires = expires;
    if (std::string text = text_in(parent, ns, "description", kMaxAlertTextBytes); !text.empty())
        info.description = std::move(text);
    if (std::string text = text_in(parent, ns, "instruction", kMaxAlertTextBytes); !text.empty())
        info.instruction = std::move(text);
    if (std::string web = web_link(raw_text(first_child(parent, ns, "web"), 2 * kMaxLinkBytes)); !web.empty())
        info.web = std::move(web);
    for_each_child(parent, ns, "area", [&](const xmlNode* area) {
        if (info.areas.size() < kMaxAlertAreas)
            info.areas.push_back(read_area(area, ns));
    });
}

Result<ParsedFeed> read_cap_document(const xmlNode* root, const FeedContext& context)
{
    const std::string_view ns = namespace_of(root);
    model::Alert alert;
    alert.source_name = context.source_name;
    read_alert_fields(root, ns, alert);
    if (alert.identifier.empty())
        return Error{"CAP alert without <identifier>: nothing could update or cancel it"};
    if (alert.sender.empty())
        return Error{"CAP alert without <sender>: nothing could update or cancel it"};
    for_each_child(root, ns, "info", [&](const xmlNode* element) {
        if (alert.infos.size() >= kMaxAlertInfos)
            return;
        model::AlertInfo info;
        read_info_fields(element, ns, info);
        alert.infos.push_back(std::move(info));
    });
    ParsedFeed feed;
    feed.format = cap_format(ns);
    feed.alerts_document = true;
    feed.title = alert.infos.empty() || alert.infos.front().sender_name.empty() ? alert.sender
                                                                                 : alert.infos.front().sender_name;
    feed.alerts.push_back(std::move(alert));
    return feed;
}

}  // namespace signage::feed

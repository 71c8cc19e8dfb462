#pragma once
// OASIS CAP (Common Alerting Protocol) 1.0, 1.1 and 1.2 -> model::Alert: a CAP <alert>
// document, prefixed or not, and the CAP fields an alerts index carries inline (cap_index.hpp).
// Codes are kept as written (trimmed); times are read as feed times (CAP's dateTime with its
// zone, "-00:00" being UTC); texts are cleaned as feed text is.
#include "feed/feed_parser.hpp"
#include "model/alert.hpp"

#include <libxml/tree.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace signage::feed {

inline constexpr std::string_view kCap12Ns = "urn:oasis:names:tc:emergency:cap:1.2";
inline constexpr std::string_view kCap11Ns = "urn:oasis:names:tc:emergency:cap:1.1";
inline constexpr std::string_view kCap10Ns = "http://www.incident.com/cap/1.0";

// The MIME type of a CAP document, as an index's links name it.
inline constexpr std::string_view kCapMediaType = "application/cap+xml";

// Geocodes per area and references per alert kept: an area of a nationwide alert lists hundreds
// of codes, and an area filter must see them all.
inline constexpr std::size_t kMaxAlertGeocodes = 1000;
inline constexpr std::size_t kMaxAlertReferences = 100;

bool is_cap_namespace(std::string_view ns);

// Whether the root element is a CAP alert: <alert> in a CAP namespace, or in none with an
// <identifier> and a <sender> (a CAP 1.0 document written without its namespace).
bool is_cap_alert(const xmlNode* root);

// A CAP document: alerts_document set, its one alert in `alerts`, no notices nor items; the
// title is the sender's name. An <alert> without <identifier> or <sender> names no alert that
// an update or a cancel could reach: an error.
Result<ParsedFeed> read_cap_document(const xmlNode* root, const FeedContext& context);

// The alert-level fields (identifier, sender, sent, status, msgType, scope, references) among
// the children of `parent` in namespace `ns`; fields not found are left as they are.
void read_alert_fields(const xmlNode* parent, std::string_view ns, model::Alert& alert);
// The fields of one <info> among the children of `parent` in `ns`, its <area>s included.
void read_info_fields(const xmlNode* parent, std::string_view ns, model::AlertInfo& info);
// An <area>, or the loose <areaDesc> and <geocode>s an index entry carries inline.
model::AlertArea read_area(const xmlNode* parent, std::string_view ns);

// "sender,identifier,sent" triples separated by white space; a pair without `sent` is kept.
std::vector<model::AlertReference> parse_references(std::string_view text);

// Multi-line text (description, instruction): lines of one paragraph joined by a space,
// paragraphs (after a blank line, or a line opening with a list mark such as "*", "-", "○")
// by a single '\n'; each paragraph cleaned as clean_text does; at most `max_bytes`.
std::string clean_paragraphs(std::string_view raw, std::size_t max_bytes);

// A web link as an alert keeps it: an absolute http(s) URL within kMaxLinkBytes, else empty.
std::string web_link(std::string_view raw);

}  // namespace signage::feed

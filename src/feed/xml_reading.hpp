#pragma once
// What the XML feed readers (RSS, Atom) share: finding elements and attributes by namespace,
// the text constructs of each format, and the vocabularies feeds borrow (Dublin Core, Media
// RSS, iTunes) for what the core element leaves out.
#include "feed/feed_notice.hpp"
#include "feed/feed_parser.hpp"

#include <libxml/tree.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace signage::feed {

inline constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view kAtom03Ns = "http://purl.org/atom/ns#";
// The drafts between 0.3 and 1.0: "http://purl.org/atom/ns#draft-ietf-atompub-format-08"...
inline constexpr std::string_view kAtomDraftNsPrefix = "http://purl.org/atom/ns#draft-ietf-atompub-format-";
inline constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRss10Ns = "http://purl.org/rss/1.0/";
inline constexpr std::string_view kRss090Ns = "http://my.netscape.com/rdf/simple/0.9/";  // RSS 0.90: the same shape
// RSS 2.0 as UserLand once published it, under a default namespace.
inline constexpr std::string_view kUserlandRss2Ns = "http://backend.userland.com/rss2";
inline constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view kDcTermsNs = "http://purl.org/dc/terms/";
inline constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";
inline constexpr std::string_view kExtensionNs = "urn:signage-player:feed:1";
inline constexpr std::string_view kNoNamespace{};

// Markup read from a field that may be HTML, per byte of text wanted (see html_to_text).
inline constexpr std::size_t kMarkupBytesPerTextByte = 16;

std::string_view view(const xmlChar* text);
std::string_view namespace_of(const xmlNode* node);
bool is_element(const xmlNode* node, std::string_view ns, std::string_view name);
const xmlNode* first_child(const xmlNode* parent, std::string_view ns, std::string_view name);

template <class Fn>
void for_each_child(const xmlNode* parent, std::string_view ns, std::string_view name, Fn&& fn)
{
    for (const xmlNode* child = parent->children; child; child = child->next) {
        if (is_element(child, ns, name))
            fn(child);
    }
}

// for_each_child for the items of a feed, up to kMaxItems of them.
template <class Fn>
void for_each_item(const xmlNode* parent, std::string_view ns, std::string_view name, Fn&& fn)
{
    std::size_t count = 0;
    for (const xmlNode* child = parent->children; child && count < kMaxItems; child = child->next) {
        if (is_element(child, ns, name)) {
            ++count;
            fn(child);
        }
    }
}

// The text of an element meant to hold plain text (an id, a date, a URL): at most `max_bytes`.
std::string raw_text(const xmlNode* element, std::size_t max_bytes);
std::string first_text(const xmlNode* parent, std::string_view ns, std::string_view name, std::size_t max_bytes);
std::optional<std::string> attribute(const xmlNode* node, std::string_view ns, std::string_view name);

// RSS text (titles, descriptions): plain by the spec, read as HTML when it looks like HTML.
std::string rss_text(const xmlNode* element, std::size_t max_bytes);
// An Atom text construct, 1.0 (type=) or 0.3 (mode=, base64 decoded), told apart by mode=.
std::string atom_text(const xmlNode* element, std::size_t max_bytes);

// xml:lang on `node` or its ancestors, up to and including `last` (nullptr: the whole way).
std::string xml_lang(const xmlNode* node, const xmlNode* last = nullptr);
// The language of an item's title: xml:lang on the title or the item, else what the feed
// says above the item, else the source's configured language.
std::string item_language(const xmlNode* title, const xmlNode* item, const std::string& lang_above_item,
    const FeedContext& context);

// What every XML item may carry beside its core elements: sp:pair, sp:title, sp:urgent,
// dc:subject, and the borrowed titles, summaries and dates where the core ones are missing.
void read_extensions(const xmlNode* item, NoticeDraft& draft);
// dc:title, media:title, itunes:title: the title of an item without a core one (plain text).
std::string borrowed_title(const xmlNode* item);
// Dates from Dublin Core where the core elements gave none.
void read_borrowed_dates(const xmlNode* item, NoticeDraft& draft);
// itunes:summary, itunes:subtitle, media:description, dc:description: when the core gave no
// summary; the summary_from names the element found.
void read_borrowed_summary(const xmlNode* item, NoticeDraft& draft);

}  // namespace signage::feed

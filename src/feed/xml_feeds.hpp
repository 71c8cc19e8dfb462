#pragma once
// The XML feed formats, each from its root element (parse_feed picks by the root's name and
// namespace): RSS 0.9x/2.0, RSS 1.0 and 0.90 (RDF), Atom 1.0, its drafts and 0.3.
#include "feed/feed_parser.hpp"
#include "util/result.hpp"

#include <libxml/tree.h>

namespace signage::feed {

// <rss> in no namespace or in UserLand's RSS 2.0 one. An <rss> with nothing in it, or an
// empty <channel>, is an empty feed; an <rss> holding other elements but no channel is not a feed.
Result<ParsedFeed> read_rss(const xmlNode* root, const FeedContext& context);
// <rdf:RDF>: RSS 1.0 keeps its items beside the channel, not in it.
Result<ParsedFeed> read_rdf(const xmlNode* root, const FeedContext& context);
// Whether <feed> in this namespace is Atom (1.0, 0.3 or a draft between them).
bool is_atom_namespace(std::string_view ns);
Result<ParsedFeed> read_atom(const xmlNode* root, const FeedContext& context);

}  // namespace signage::feed

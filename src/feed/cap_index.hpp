#pragma once
// An Atom or RSS feed that indexes CAP alerts: its root declares a CAP namespace, or an entry
// links a CAP document (<link type="application/cap+xml">, an RSS <enclosure> of that type) or
// carries CAP fields inline (cap:status, cap:severity, cap:areaDesc..., as the alert feeds of
// weather services do).
//
// An entry that links a CAP document gives an AlertLink (resolved against
// FeedContext::base_url), even when it carries fields inline too: the linked document is the
// whole alert. An entry with only inline fields gives an Alert of one <info>: the CAP fields it
// carries, the entry's own where CAP's are missing (identifier: the entry's id; sender: its
// author, else the feed's, else the source's name; sent: published, else updated; headline:
// the title; description: the summary; web: the link). In an index whose root declares a CAP
// namespace, an entry with neither gives its own link as an AlertLink. Other entries are not
// alerts and are left out: an alerts index has no notices.
#include "feed/feed_parser.hpp"

#include <libxml/tree.h>

namespace signage::feed {

// When `root` (an Atom <feed>, an <rss> or an <rdf:RDF>, already read into `feed`) is an alerts
// index, makes `feed` one: alerts_document set, its alerts and alert_links filled, notices and
// items cleared; returns whether it did. Otherwise `feed` is left as it was.
bool read_alerts_index(const xmlNode* root, const FeedContext& context, ParsedFeed& feed);

}  // namespace signage::feed

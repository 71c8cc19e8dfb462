#pragma once
// signage-player dump-feed: one feed, read and parsed as the player reads it, printed as JSON,
// so whoever configures a screen can see what it will make of a feed before it goes up.
#include "config/alert_settings.hpp"
#include "feed/feed_parser.hpp"
#include "model/notice.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace signage::app {

// The JSON dump-feed prints (two-space indent, UTF-8 as is, ending in a newline):
// {"title", "format", "encoding", "items": [{"id", "title", "link", "published", "updated",
// "lang", "categories", "titles": [{"lang", "text"}], "summary"}]}. Times are ISO 8601 UTC
// ("2018-06-04T05:05:00Z"); absent times, links, languages and summaries are null.
//
// An alerts document (a CAP alert, or an index of them) adds "alerts": [{"identifier", "sender",
// "sent", "status", "msg_type", "scope", "references": [{"sender", "identifier", "sent"}],
// "shown", "why", "info": [{"language", "event", "urgency", "severity", "certainty",
// "effective", "onset", "expires", "sender_name", "headline", "description", "instruction",
// "web", "areas": [areaDesc, ...], "geocodes": [{"name", "value"}]}]}], "shown" and "why" saying
// whether the alert, on its own, would show at `now` by `alert_settings`, and "alert_links":
// the CAP documents an index links to.
std::string feed_to_json(const feed::ParsedFeed& feed, const config::AlertSettings& alert_settings = {},
                         model::TimePoint now = model::TimePoint{});

// Reads `location` (a URL, or a path relative to the current directory) and prints its JSON on
// stdout. Returns the exit status: 0 when a feed was read (even an ill-formed one, recovered),
// 1 with one line on stderr when nothing could be read. `language` is the language of titles
// the feed does not label; empty: unknown. Alerts are judged by the [alerts] of `config_path`
// (when given) at the time of the run.
int run_dump_feed(const std::string& location, const std::string& language,
                  const std::optional<std::filesystem::path>& config_path = std::nullopt);

}  // namespace signage::app

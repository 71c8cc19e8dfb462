// read_source() and read_source_all(): one source read once, blocking (the `render` command).
#include "feed/source_poller.hpp"

#include "platform/log.hpp"

#include <algorithm>
#include <utility>

namespace signage::feed {

namespace {

std::string prefix_of(const config::FeedSource& source)
{
    return "\"" + source.name + "\": ";
}

// The alerts behind one link, or an empty list after one log line saying why.
std::vector<model::Alert> read_linked(const config::FeedSource& source, const AlertLink& link, std::stop_token stop)
{
    FetchRequest request = request_for(source);
    request.url = link.url;
    Result<FetchedBody> fetched = fetch(request, stop);
    Result<std::vector<model::Alert>> alerts = Error{""};
    if (!fetched.ok())
        alerts = fetched.error();
    else if (fetched.value().status >= 300)
        alerts = Error{describe_status(fetched.value().status)};
    else
        alerts = parse_linked_alert(source, fetched.value().bytes, fetched.value().content_type, fetched.value().effective_url, stop);
    if (alerts.ok())
        return std::move(alerts.value());
    platform::log({platform::LogLevel::warning, "feed",
                   prefix_of(source) + "linked alert " + link.url + ": " + alerts.error().message + "; left out (check the link in the index)"});
    return {};
}

}  // namespace

Result<SourceRead> read_source_all(const config::FeedSource& source, std::stop_token stop)
{
    Result<FetchedBody> fetched = fetch(request_for(source), stop);
    if (!fetched.ok())
        return Error{prefix_of(source) + fetched.error().message};
    const FetchedBody& body = fetched.value();
    if (body.status >= 300)
        return Error{prefix_of(source) + source.location + ": " + describe_status(body.status)};
    Result<ParsedFeed> parsed = parse_feed(body.bytes, feed_context_for(source, body.content_type, body.effective_url, stop));
    if (!parsed.ok())
        return Error{prefix_of(source) + source.location + ": " + parsed.error().message};
    ParsedFeed& feed = parsed.value();
    for (const std::string& mended : feed.mended)
        platform::log({platform::LogLevel::warning, "feed", prefix_of(source) + "mended in the feed: " + mended});
    if (source.kind == config::FeedKind::alerts && !feed.alerts_document)
        return Error{prefix_of(source) + source.location + ": kind = \"cap\", but this is a " + feed.format +
                     " feed, not a CAP alert nor an index of alerts; point the feed at CAP or set kind = \"auto\""};
    SourceRead read{std::move(feed.notices), feed.alerts_document, std::move(feed.alerts)};
    std::size_t followed = 0;
    for (const AlertLink& link : feed.alert_links) {
        if (!may_follow(source, link.url) || followed == kMaxAlerts)
            continue;
        ++followed;
        std::vector<model::Alert> linked = read_linked(source, link, stop);
        read.alerts.insert(read.alerts.end(), std::make_move_iterator(linked.begin()), std::make_move_iterator(linked.end()));
    }
    for (model::Alert& alert : read.alerts)
        alert.source_name = source.name;
    return read;
}

Result<std::vector<model::Notice>> read_source(const config::FeedSource& source)
{
    return read_source(source, std::stop_token{});
}

Result<std::vector<model::Notice>> read_source(const config::FeedSource& source, std::stop_token stop)
{
    Result<SourceRead> read = read_source_all(source, std::move(stop));
    if (!read.ok())
        return read.error();
    return std::move(read.value().notices);
}

}  // namespace signage::feed

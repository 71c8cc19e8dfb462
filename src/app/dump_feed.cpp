#include "app/dump_feed.hpp"

#include "config/config.hpp"
#include "feed/feed_time.hpp"
#include "feed/http_client.hpp"
#include "platform/log.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace signage::app {

namespace {

// ordered_json: the keys come out in the documented order, not sorted.
using Json = nlohmann::ordered_json;

Json iso_utc(const std::optional<model::TimePoint>& time)
{
    return time ? Json(feed::format_iso8601_utc(*time)) : Json(nullptr);
}

Json text_or_null(const std::string& text)
{
    return text.empty() ? Json(nullptr) : Json(text);
}

Json notice_to_json(const model::Notice& notice, const feed::ReadItem& item)
{
    Json titles = Json::array();
    for (const auto& title : notice.titles)
        titles.push_back(Json{{"lang", text_or_null(title.lang)}, {"text", title.text}});
    const model::LocalizedTitle* main = notice.titles.empty() ? nullptr : &notice.titles.front();
    return Json{
        {"id", notice.id},
        {"shown", true},
        {"title", main ? main->text : std::string{}},
        {"title_from", text_or_null(item.title_from)},
        {"link", text_or_null(notice.link)},
        {"published", iso_utc(notice.published)},
        {"updated", iso_utc(notice.updated)},
        {"lang", text_or_null(main ? main->lang : std::string{})},
        {"categories", notice.categories},
        {"titles", std::move(titles)},
        {"summary", text_or_null(notice.summary)},
    };
}

// An item the player read but does not show: what identifies it, and why.
Json unshown_to_json(const feed::ReadItem& item)
{
    return Json{
        {"id", text_or_null(item.id)},
        {"shown", false},
        {"why", item.why},
        {"link", text_or_null(item.link)},
        {"published", iso_utc(item.published)},
        {"updated", iso_utc(item.updated)},
    };
}

}  // namespace

std::string feed_to_json(const feed::ParsedFeed& feed)
{
    Json items = Json::array();
    std::size_t next_notice = 0;
    for (const auto& item : feed.items) {
        if (item.shown && next_notice < feed.notices.size())
            items.push_back(notice_to_json(feed.notices[next_notice++], item));
        else if (!item.shown)
            items.push_back(unshown_to_json(item));
    }
    // A ParsedFeed made by hand may list notices without items.
    for (; next_notice < feed.notices.size(); ++next_notice)
        items.push_back(notice_to_json(feed.notices[next_notice], feed::ReadItem{}));
    const Json document{
        {"title", feed.title},
        {"format", text_or_null(feed.format)},
        {"encoding", text_or_null(feed.encoding)},
        {"items", std::move(items)},
    };
    // The parser hands out valid UTF-8; replace rather than throw if that ever fails, since a
    // diagnostic tool must print what it has.
    return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

int run_dump_feed(const std::string& location, const std::string& language)
{
    feed::CurlGlobal curl;
    const std::string url = config::feed_location_to_url(location, std::filesystem::current_path());
    // fetch_url and parse_feed rather than read_source(): dump-feed prints the feed's own title
    // and its format, and shows a feed with no items as one, where the player refuses it.
    Result<feed::FetchedBody> fetched = feed::fetch_url(url);
    if (!fetched) {
        platform::log({platform::LogLevel::error, "dump-feed", fetched.error().message});
        return 1;
    }
    const feed::FeedContext context{"dump-feed", language, fetched->content_type, url.starts_with("file://")};
    Result<feed::ParsedFeed> parsed = feed::parse_feed(fetched->bytes, context);
    if (!parsed) {
        platform::log({platform::LogLevel::error, "dump-feed", url + ": " + parsed.error().message});
        return 1;
    }
    const std::string json = feed_to_json(parsed.value());
    std::fwrite(json.data(), 1, json.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

}  // namespace signage::app

#include "app/dump_feed.hpp"

#include "app/config_checks.hpp"
#include "config/config.hpp"
#include "feed/alert_links.hpp"
#include "feed/feed_time.hpp"
#include "feed/http_client.hpp"
#include "model/alert_board.hpp"
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

Json info_to_json(const model::AlertInfo& info)
{
    Json areas = Json::array();
    Json geocodes = Json::array();
    for (const auto& area : info.areas) {
        areas.push_back(area.description);
        for (const auto& geocode : area.geocodes)
            geocodes.push_back(Json{{"name", geocode.name}, {"value", geocode.value}});
    }
    return Json{
        {"language", text_or_null(info.language)},
        {"event", text_or_null(info.event)},
        {"urgency", text_or_null(info.urgency)},
        {"severity", text_or_null(info.severity)},
        {"certainty", text_or_null(info.certainty)},
        {"effective", iso_utc(info.effective)},
        {"onset", iso_utc(info.onset)},
        {"expires", iso_utc(info.expires)},
        {"sender_name", text_or_null(info.sender_name)},
        {"headline", text_or_null(info.headline)},
        {"description", text_or_null(info.description)},
        {"instruction", text_or_null(info.instruction)},
        {"web", text_or_null(info.web)},
        {"areas", std::move(areas)},
        {"geocodes", std::move(geocodes)},
    };
}

Json alert_to_json(const model::Alert& alert, const config::AlertSettings& settings, model::TimePoint now)
{
    Json references = Json::array();
    for (const auto& reference : alert.references)
        references.push_back(Json{{"sender", reference.sender}, {"identifier", reference.identifier}, {"sent", iso_utc(reference.sent)}});
    Json infos = Json::array();
    for (const auto& info : alert.infos)
        infos.push_back(info_to_json(info));
    const model::AlertVerdict verdict = model::judge_alert(alert, settings, now);
    const bool shown = verdict.why == model::AlertAbsence::none;
    return Json{
        {"identifier", text_or_null(alert.identifier)},
        {"sender", text_or_null(alert.sender)},
        {"sent", iso_utc(alert.sent)},
        {"status", text_or_null(alert.status)},
        {"msg_type", text_or_null(alert.msg_type)},
        {"scope", text_or_null(alert.scope)},
        {"references", std::move(references)},
        {"shown", shown},
        {"why", shown ? Json(nullptr) : Json(model::describe(verdict.why, alert))},
        {"info", std::move(infos)},
    };
}

// The alerts an index links to, fetched and read as the player would: a link that cannot be
// used is said on stderr, and the rest are still printed.
void add_linked_alerts(feed::ParsedFeed& parsed, const std::string& index_url, const std::string& language)
{
    config::FeedSource source;
    source.name = "dump-feed";
    source.location = index_url;
    source.language = language;
    for (const auto& link : parsed.alert_links) {
        if (!feed::may_follow(source, link.url)) {
            platform::log({platform::LogLevel::warning, "dump-feed", link.url + ": not followed from " + index_url});
            continue;
        }
        Result<feed::FetchedBody> fetched = feed::fetch_url(link.url);
        Result<std::vector<model::Alert>> alerts =
            fetched ? feed::parse_linked_alert(source, fetched->bytes, fetched->content_type, link.url, {}) : Error{fetched.error().message};
        if (!alerts) {
            platform::log({platform::LogLevel::warning, "dump-feed", link.url + ": " + alerts.error().message});
            continue;
        }
        parsed.alerts.insert(parsed.alerts.end(), alerts->begin(), alerts->end());
    }
}

}  // namespace

std::string feed_to_json(const feed::ParsedFeed& feed, const config::AlertSettings& alert_settings, model::TimePoint now)
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
    Json document{
        {"title", feed.title},
        {"format", text_or_null(feed.format)},
        {"encoding", text_or_null(feed.encoding)},
        {"items", std::move(items)},
    };
    if (feed.alerts_document) {
        Json alerts = Json::array();
        for (const auto& alert : feed.alerts)
            alerts.push_back(alert_to_json(alert, alert_settings, now));
        Json links = Json::array();
        for (const auto& link : feed.alert_links)
            links.push_back(link.url);
        document["alerts"] = std::move(alerts);
        document["alert_links"] = std::move(links);
    }
    // The parser hands out valid UTF-8; replace rather than throw if that ever fails, since a
    // diagnostic tool must print what it has.
    return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

int run_dump_feed(const std::string& location, const std::string& language, const std::optional<std::filesystem::path>& config_path)
{
    config::AlertSettings alert_settings;
    if (config_path) {
        auto config = load_checked_config(*config_path);
        if (!config) {
            platform::log({platform::LogLevel::error, "dump-feed", config.error().message});
            return 1;
        }
        alert_settings = config->alerts;
    }
    feed::CurlGlobal curl;
    const std::string url = config::feed_location_to_url(location, std::filesystem::current_path());
    // fetch_url and parse_feed rather than read_source(): dump-feed prints the feed's own title
    // and its format, and shows a feed with no items as one, where the player refuses it.
    Result<feed::FetchedBody> fetched = feed::fetch_url(url);
    if (!fetched) {
        platform::log({platform::LogLevel::error, "dump-feed", fetched.error().message});
        return 1;
    }
    feed::FeedContext context{"dump-feed", language, fetched->content_type, url.starts_with("file://")};
    context.base_url = fetched->effective_url.empty() ? url : fetched->effective_url;
    Result<feed::ParsedFeed> parsed = feed::parse_feed(fetched->bytes, context);
    if (!parsed) {
        platform::log({platform::LogLevel::error, "dump-feed", url + ": " + parsed.error().message});
        return 1;
    }
    add_linked_alerts(parsed.value(), url, language);
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::string json = feed_to_json(parsed.value(), alert_settings, now);
    std::fwrite(json.data(), 1, json.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

}  // namespace signage::app

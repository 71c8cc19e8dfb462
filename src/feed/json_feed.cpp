#include "feed/json_feed.hpp"

#include "feed/feed_notice.hpp"
#include "feed/feed_text.hpp"
#include "feed/json_repair.hpp"
#include "feed/text_encoding.hpp"
#include "model/urgency.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace signage::feed {

namespace {

// ordered_json keeps an object's members in document order: the order of the translations in
// "_signage_player"."titles" is the order they are shown in.
using Json = nlohmann::ordered_json;
using Event = Json::parse_event_t;

constexpr std::string_view kVersionPrefixes[] = {"https://jsonfeed.org/version/", "http://jsonfeed.org/version/"};
// JSON Feed's way to extend an item: a member whose name starts with an underscore.
constexpr std::string_view kExtensionKey = "_signage_player";

// Depths as nlohmann-json counts them for a container: the number of containers around it.
constexpr int kRootDepth = 0;
constexpr int kTopMemberDepth = 1;  // "version", "title", "items"...
constexpr int kItemDepth = 2;
constexpr int kItemMemberDepth = 3;
constexpr int kExtensionMemberDepth = 4;

struct JsonItem {
    NoticeDraft draft;
    std::string own_language;  // the item's "language" (1.1), before the fallbacks
};

std::string string_member(const Json& object, std::string_view key)
{
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string{};
}

// JSON Feed 1.1: "if an id is presented as a number or other type, a JSON Feed reader must
// coerce it to a string".
std::string id_member(const Json& object)
{
    const auto found = object.find("id");
    if (found == object.end())
        return {};
    if (found->is_string())
        return found->get<std::string>();
    if (found->is_number())
        return found->dump();
    return {};
}

// JSON has a true of its own; the words of XML's sp:urgent are read too, for hand-written feeds.
bool is_urgent_value(const Json& value)
{
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number_integer())
        return value == 1;
    return value.is_string() && model::is_urgent_flag_text(value.get<std::string>());
}

JsonItem read_item(const Json& item)
{
    JsonItem parsed;
    NoticeDraft& draft = parsed.draft;
    draft.id = id_member(item);
    draft.title = string_member(item, "title");
    draft.link = string_member(item, "url");
    if (draft.link.empty())
        draft.link = string_member(item, "external_url");
    draft.published = string_member(item, "date_published");
    draft.updated = string_member(item, "date_modified");
    draft.text_fields = "content_text, content_html or summary";
    draft.summary = string_member(item, "content_text");
    draft.summary_from = "content_text";
    if (clean_text(draft.summary, kMaxSummaryBytes).empty()) {
        draft.summary = string_member(item, "summary");
        draft.summary_from = "summary";
    }
    if (clean_text(draft.summary, kMaxSummaryBytes).empty()) {
        draft.summary = html_to_text(string_member(item, "content_html"), kMaxSummaryBytes);
        draft.summary_from = "content_html";
    }

    if (const auto tags = item.find("tags"); tags != item.end() && tags->is_array()) {
        for (const auto& tag : *tags) {
            if (tag.is_string() && draft.categories.size() < kMaxCategories)
                draft.categories.push_back(tag.get<std::string>());
        }
    }
    if (const auto extension = item.find(kExtensionKey); extension != item.end() && extension->is_object()) {
        if (const auto pair = extension->find("pair"); pair != extension->end() && pair->is_string())
            draft.pair_id = pair->get<std::string>();
        if (const auto urgent = extension->find("urgent"); urgent != extension->end())
            draft.urgent = is_urgent_value(*urgent);
        if (const auto titles = extension->find("titles"); titles != extension->end() && titles->is_object()) {
            for (const auto& [lang, text] : titles->items()) {
                if (text.is_string())
                    draft.translations.push_back({lang, text.get<std::string>()});
            }
        }
    }
    parsed.own_language = language_tag(string_member(item, "language"));
    return parsed;
}

// Reads the parser's events and keeps only what a notice needs: the top-level strings, and
// each item, turned into a draft as soon as it is complete and then dropped from the tree.
// Any other object or array is discarded unread, which bounds memory whatever the body holds.
class JsonFeedReader {
public:
    bool on_event(int depth, Event event, Json& parsed)
    {
        switch (event) {
        case Event::key:
            if (static_cast<std::size_t>(depth) >= m_keys.size())
                m_keys.resize(static_cast<std::size_t>(depth) + 1);
            m_keys[static_cast<std::size_t>(depth)] = parsed.get<std::string>();
            return true;
        case Event::object_start:
        case Event::array_start:
            return keep_container(depth, event == Event::object_start);
        case Event::value:
            if (depth == kTopMemberDepth) {
                read_top_level(parsed);
                return false;
            }
            // Twice the limit of titles: some may turn out empty or repeated.
            if (depth == kExtensionMemberDepth + 1 && key_at(kItemMemberDepth) == kExtensionKey)
                return m_translations_in_item++ < 2 * kMaxTitles;
            return true;
        case Event::object_end:
            if (depth == kItemDepth && key_at(kTopMemberDepth) == "items") {
                m_items.push_back(read_item(parsed));
                return false;
            }
            return true;
        case Event::array_end:
            return true;
        }
        return true;
    }

    std::string version;
    std::string title;
    std::string language;
    bool saw_items = false;

    std::vector<JsonItem>& items() { return m_items; }

private:
    std::string_view key_at(int depth) const
    {
        const auto index = static_cast<std::size_t>(depth);
        return index < m_keys.size() ? std::string_view(m_keys[index]) : std::string_view{};
    }

    bool keep_container(int depth, bool object)
    {
        switch (depth) {
        case kRootDepth:
            return true;
        case kTopMemberDepth:
            if (key_at(kTopMemberDepth) == "items" && !object) {
                saw_items = true;
                return true;
            }
            return false;
        case kItemDepth:
            if (!object || key_at(kTopMemberDepth) != "items" || m_items_started == kMaxItems)
                return false;
            ++m_items_started;
            m_translations_in_item = 0;
            return true;
        case kItemMemberDepth:
            return (!object && key_at(kItemMemberDepth) == "tags") || (object && key_at(kItemMemberDepth) == kExtensionKey);
        case kExtensionMemberDepth:
            return object && key_at(kItemMemberDepth) == kExtensionKey && key_at(kExtensionMemberDepth) == "titles";
        default:
            return false;
        }
    }

    void read_top_level(const Json& value)
    {
        if (!value.is_string())
            return;
        const std::string_view key = key_at(kTopMemberDepth);
        if (key == "version")
            version = value.get<std::string>();
        else if (key == "title")
            title = value.get<std::string>();
        else if (key == "language")
            language = value.get<std::string>();
    }

    std::vector<std::string> m_keys;  // the last key seen at each depth
    std::vector<JsonItem> m_items;
    std::size_t m_items_started = 0;
    std::size_t m_translations_in_item = 0;
};

// "[json.exception.parse_error.101] parse error at line 1, column 9: ..." -> the part after
// the bracket, one line.
std::string json_error_reason(const char* what)
{
    std::string message = repair_utf8(what);
    if (message.starts_with('[')) {
        const auto close = message.find("] ");
        if (close != std::string::npos)
            message.erase(0, close + 2);
    }
    for (char& c : message) {
        if (c == '\n' || c == '\r')
            c = ' ';
    }
    return message;
}

std::string json_feed_version(std::string_view version)
{
    for (const auto prefix : kVersionPrefixes) {
        if (version.starts_with(prefix)) {
            std::string number(version.substr(prefix.size()));
            if (number == "1")
                number = "1.0";
            return number;
        }
    }
    return {};
}

}  // namespace

Result<ParsedFeed> parse_json_feed(std::string_view utf8, const FeedContext& context)
{
    JsonFeedReader reader;
    std::string failure;
    // Mended first: nlohmann-json stops at a lone surrogate or a number too large for a double,
    // and every item after it would be lost.
    const RepairedJson repaired = repair_json(utf8);
    try {
        const Json root = Json::parse(repaired.text.begin(), repaired.text.end(),
            [&reader](int depth, Event event, Json& parsed) { return reader.on_event(depth, event, parsed); });
    }
    catch (const Json::exception& e) {
        failure = json_error_reason(e.what());
    }

    const std::string version = json_feed_version(reader.version);
    if (version.empty()) {
        if (!failure.empty())
            return Error{"not json: " + failure};
        return Error{"not a feed: json without a jsonfeed.org version"};
    }
    // Cut short after the version: like a cut XML feed, what came before the cut still shows.
    if (!reader.saw_items && failure.empty())
        return Error{"not a feed: json feed without an items array"};

    ParsedFeed feed;
    feed.format = "json feed " + version;
    feed.ill_formed = failure;
    if (repaired.lone_surrogates > 0)
        feed.mended.push_back(std::to_string(repaired.lone_surrogates) + " lone surrogate escape(s) (\\ud800-\\udfff without a pair) shown as U+FFFD");
    if (repaired.numbers_too_large > 0)
        feed.mended.push_back(std::to_string(repaired.numbers_too_large) + " number(s) too large for a double read as null");
    feed.title = feed_title(reader.title);
    const std::string feed_language = language_tag(reader.language);
    const std::string default_language = language_tag(context.default_language);
    for (auto& item : reader.items()) {
        item.draft.lang = !item.own_language.empty() ? item.own_language
                        : !feed_language.empty()     ? feed_language
                                                     : default_language;
        add_item(feed, std::move(item.draft), context);
    }
    return feed;
}

}  // namespace signage::feed

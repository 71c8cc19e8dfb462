// [[feed]]: where each feed comes from and how it is fetched.
#include "config/section_keys.hpp"

#include "util/ascii.hpp"

#include <algorithm>
#include <utility>

namespace signage::config {

namespace {

struct FeedDraft {
    FeedSource source;
    std::optional<toml::source_region> name_at;  // set once the name is valid: for duplicates
};

void read_feed_name(ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed)
{
    std::optional<std::string> name = reader.non_empty_string(value, key);
    if (!name)
        return;
    if (!std::ranges::all_of(*name, [](char c) { return is_ascii_alnum(c) || c == '.' || c == '_' || c == '-'; })) {
        reader.report(value.source(), key, in_quotes(*name) + R"( may only contain letters, digits, ".", "_" and "-")");
        return;
    }
    feed.source.name = std::move(*name);
    feed.name_at = value.source();
}

void read_feed_url(ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed)
{
    const std::optional<std::string> written = reader.non_empty_string(value, key);
    if (!written)
        return;
    if (Result<std::string> url = feed_url(*written))
        feed.source.location = std::move(url.value());
    else
        reader.report(value.source(), key, url.error().message);
}

void read_feed_path(ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed)
{
    if (std::optional<std::string> path = reader.non_empty_string(value, key))
        feed.source.location = feed_location_to_url(*path, reader.base_dir());
}

void read_feed_language(ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed)
{
    std::optional<std::string> tag = reader.non_empty_string(value, key);
    if (!tag)
        return;
    if (std::optional<std::string> canonical = canonical_language_tag(*tag))
        feed.source.language = std::move(*canonical);
    else
        reader.report(value.source(), key, in_quotes(*tag) + R"( is not a language tag like "ko", "en" or "ko-KR")");
}

// What is wrong with a header's name, or nothing.
std::optional<std::string> header_name_problem(std::string_view name, const std::vector<HeaderField>& given)
{
    // The player sends these itself: the validators from its cache, the encodings it can
    // decode, and what HTTP framing needs. Overriding them would break what they do.
    static constexpr std::string_view managed[] = {"Host", "Content-Length", "Transfer-Encoding", "Connection",
                                                   "If-None-Match", "If-Modified-Since", "Accept-Encoding"};
    if (!is_header_token(name))
        return in_quotes(name) + " is not a header name (letters, digits and !#$%&'*+-.^_`|~ only)";
    if (std::ranges::any_of(managed, [&](std::string_view m) { return ascii_iequals(m, name); }))
        return "is set by the player and cannot be configured";
    auto same_name = std::ranges::find_if(given, [&](const HeaderField& h) { return ascii_iequals(h.name, name); });
    if (same_name != given.end())
        return "header names ignore case: " + in_quotes(same_name->name) + " is given already";
    return std::nullopt;
}

void read_feed_headers(ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed)
{
    const toml::table* table = reader.table(value, key);
    if (!table)
        return;
    for (auto&& [name_key, header_value] : *table) {
        const std::string_view name = name_key.str();
        const std::string header_key = join_key(key, name);
        if (std::optional<std::string> problem = header_name_problem(name, feed.source.headers)) {
            reader.report(header_value.source(), header_key, *problem);
            continue;
        }
        std::optional<std::string> text = reader.non_empty_string(header_value, header_key);
        if (!text)
            continue;
        if (has_line_break_or_control(*text)) {
            reader.report(header_value.source(), header_key, "contains a line break or another control character");
            continue;
        }
        feed.source.headers.push_back({std::string(name), std::move(*text)});
    }
}

void read_feed_ca_file(ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed)
{
    const std::optional<std::filesystem::path> path = reader.path(value, key);
    if (path && reader.is_readable_file(value, key, *path))
        feed.source.ca_file = path->string();
}

constexpr Word<FeedKind> kind_words[] = {
    {"auto", FeedKind::automatic},
    {"cap", FeedKind::alerts},
};

constexpr KeyRule<FeedDraft> feed_keys[] = {
    {"name", read_feed_name, Presence::required},
    {"url", read_feed_url},
    {"path", read_feed_path},
    {"language", read_feed_language, Presence::required},
    {"poll_interval_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed) {
         if (auto seconds = reader.integer(value, key, {30, 86400}))
             feed.source.poll_interval = std::chrono::seconds(*seconds);
     }},
    {"headers", read_feed_headers},
    {"ca_file", read_feed_ca_file},
    {"timeout_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed) {
         if (auto seconds = reader.integer(value, key, {5, 600}))
             feed.source.total_timeout = std::chrono::seconds(*seconds);
     }},
    {"connect_timeout_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed) {
         if (auto seconds = reader.integer(value, key, {1, 120}))
             feed.source.connect_timeout = std::chrono::seconds(*seconds);
     }},
    {"max_body_mb", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed) {
         if (auto bytes = reader.megabytes(value, key, {1, 64}))
             feed.source.max_body_bytes = *bytes;
     }},
    {"urgent", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed) {
         if (auto urgent = reader.boolean(value, key))
             feed.source.urgent = *urgent;
     }},
    {"kind", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed) {
         read_word(reader, value, key, "a kind of feed", kind_words, feed.source.kind);
     }},
    {"headline_chars", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed) {
         if (auto chars = reader.integer(value, key, {20, 1000}))
             feed.source.headline_chars = static_cast<std::size_t>(*chars);
     }},
};

// One [[feed]] table, checked on its own; `earlier` are the feeds before it, for their names.
std::optional<FeedDraft> read_feed(ConfigReader& reader, const toml::node& element, const std::string& feed_key,
                                   const std::string& array_key, const std::vector<FeedDraft>& earlier)
{
    const toml::table* table = reader.table(element, feed_key);
    if (!table)
        return std::nullopt;
    FeedDraft draft;
    const PresentKeys present = read_keys(reader, *table, feed_key, feed_keys, draft);
    const bool has_url = contains(present, "url");
    const bool has_path = contains(present, "path");
    if (!has_url && !has_path)
        reader.report(table->source(), feed_key, R"(needs "url" or "path")");
    else if (has_url && has_path)
        reader.report(table->source(), feed_key, R"(has both "url" and "path"; keep one)");
    if (!draft.name_at)
        return draft;
    // Names identify feeds in logs and updates; two alike would merge their notices.
    for (std::size_t j = 0; j < earlier.size(); ++j) {
        if (earlier[j].name_at && earlier[j].source.name == draft.source.name) {
            reader.report(*draft.name_at, join_key(feed_key, "name"),
                          in_quotes(draft.source.name) + " is already the name of " + element_key(array_key, j));
            break;
        }
    }
    return draft;
}

}  // namespace

void read_feeds(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    const toml::array* feeds = reader.array(value, key, "an array of tables ([[" + key + "]])");
    if (!feeds)
        return;
    if (feeds->empty()) {
        reader.report(value.source(), key, "at least one [[" + key + "]] is required");
        return;
    }
    std::vector<FeedDraft> drafts;
    for (std::size_t i = 0; i < feeds->size(); ++i) {
        if (std::optional<FeedDraft> draft = read_feed(reader, *feeds->get(i), element_key(key, i), key, drafts))
            drafts.push_back(std::move(*draft));
    }
    for (FeedDraft& draft : drafts)
        config.feeds.push_back(std::move(draft.source));
}

}  // namespace signage::config

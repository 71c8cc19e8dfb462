#include "config/config.hpp"

#include "platform/local_time.hpp"
#include "text/font_collection.hpp"
#include "util/ascii.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <span>
#include <system_error>
#include <utility>

namespace {

// ---- Small text helpers ----------------------------------------------------------------------

// Shortest text that reads back as the same double, so "9.5" and "5000" print as written.
std::string format_number(double value)
{
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc{} ? std::string(buffer, end) : std::to_string(value);
}

bool is_bare_key(std::string_view key)
{
    return !key.empty() && std::ranges::all_of(key, [](char c) {
        return is_ascii_letter(c) || is_ascii_digit(c) || c == '_' || c == '-';
    });
}

// Keys are shown as TOML would write them, so a key with a dot or space stays unambiguous.
std::string join_key(std::string_view prefix, std::string_view key)
{
    std::string shown = is_bare_key(key) ? std::string(key) : "\"" + std::string(key) + "\"";
    return prefix.empty() ? shown : std::string(prefix) + "." + shown;
}

std::string in_quotes(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

std::string_view type_name(toml::node_type type)
{
    switch (type) {
    case toml::node_type::none: return "nothing";
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    }
    return "value";
}

// BCP 47 in the shape feeds use: a 2-3 letter language, then 1-8 character subtags. Returned in
// the canonical case ("ko-KR", "zh-Hant-TW") because the rest of the player compares tags as
// plain strings and feeds write them in lower case.
std::optional<std::string> canonical_language_tag(std::string_view tag)
{
    std::string result;
    bool first = true;
    bool after_singleton = false;  // extension and private-use subtags stay lower case
    std::size_t start = 0;
    while (true) {
        std::size_t end = tag.find('-', start);
        std::string_view subtag = tag.substr(start, end == std::string_view::npos ? end : end - start);
        bool all_letters = std::ranges::all_of(subtag, is_ascii_letter);
        bool alphanumeric = std::ranges::all_of(subtag, [](char c) { return is_ascii_letter(c) || is_ascii_digit(c); });
        if (first ? (subtag.size() < 2 || subtag.size() > 3 || !all_letters)
                  : (subtag.empty() || subtag.size() > 8 || !alphanumeric))
            return std::nullopt;

        if (!first)
            result += '-';
        for (std::size_t i = 0; i < subtag.size(); ++i) {
            char c = subtag[i];
            if (!first && !after_singleton && all_letters && subtag.size() == 2)
                c = ascii_upper(c);  // region
            else if (!first && !after_singleton && all_letters && subtag.size() == 4 && i == 0)
                c = ascii_upper(c);  // script
            else
                c = ascii_lower(c);
            result += c;
        }
        if (!first && subtag.size() == 1)
            after_singleton = true;

        if (end == std::string_view::npos)
            return result;
        first = false;
        start = end + 1;
    }
}

bool has_space_or_control(std::string_view text)
{
    return std::ranges::any_of(text, [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte <= 0x20 || byte == 0x7F;
    });
}

// ---- Validation ------------------------------------------------------------------------------

struct Range {
    double min;
    double max;
};

// A mistake with its position, kept so that the one reported is the first in the file rather
// than the first in toml++'s key order (which is alphabetical).
struct Problem {
    std::uint32_t line;  // 0: not tied to a line
    std::uint32_t column;
    std::string message;
};

class ConfigReader {
public:
    ConfigReader(std::string origin, std::filesystem::path base_dir)
        : m_origin(std::move(origin)), m_base_dir(std::move(base_dir))
    {
    }

    const std::filesystem::path& base_dir() const { return m_base_dir; }

    // For checking font files: opened on first use, as most configs name no fonts.
    const FreeTypeLibrary* font_library()
    {
        if (!m_font_library) {
            auto library = FreeTypeLibrary::create();
            if (!library)
                return nullptr;
            m_font_library.emplace(std::move(library.value()));
        }
        return &*m_font_library;
    }

    void report(const toml::source_region& where, std::string_view key, std::string_view what)
    {
        std::string message = m_origin;
        if (where.begin.line != 0)
            message += ":" + std::to_string(where.begin.line);
        message += ": ";
        message += key;
        message += ": ";
        message += what;
        m_problems.push_back({where.begin.line, where.begin.column, std::move(message)});
    }

    void report_unplaced(std::string_view key, std::string_view what)
    {
        report(toml::source_region{}, key, what);
    }

    std::optional<Error> first_error() const
    {
        auto position = [](const Problem& p) {
            // Problems without a line describe the whole file: after the ones that point somewhere.
            return std::pair{p.line == 0 ? UINT32_MAX : p.line, p.column};
        };
        auto first = std::ranges::min_element(m_problems, {}, position);
        if (first == m_problems.end())
            return std::nullopt;
        return Error{first->message};
    }

    const toml::table* table(const toml::node& node, std::string_view key)
    {
        if (const toml::table* table = node.as_table())
            return table;
        report(node.source(), key, "expected a table, got " + std::string(type_name(node.type())));
        return nullptr;
    }

    std::optional<std::string> string(const toml::node& node, std::string_view key)
    {
        if (const auto* value = node.as_string())
            return value->get();
        report(node.source(), key, "expected a string, got " + std::string(type_name(node.type())));
        return std::nullopt;
    }

    // A string that must hold something: every string key so far names or locates a thing.
    std::optional<std::string> non_empty_string(const toml::node& node, std::string_view key)
    {
        std::optional<std::string> value = string(node, key);
        if (value && value->empty()) {
            report(node.source(), key, "must not be empty");
            return std::nullopt;
        }
        return value;
    }

    std::optional<double> number(const toml::node& node, std::string_view key, Range range)
    {
        std::optional<double> value;
        if (const auto* integer = node.as_integer())
            value = static_cast<double>(integer->get());
        else if (const auto* floating = node.as_floating_point())
            value = floating->get();
        else {
            report(node.source(), key, "expected a number, got " + std::string(type_name(node.type())));
            return std::nullopt;
        }
        return in_range(node, key, *value, range) ? value : std::nullopt;
    }

    std::optional<std::int64_t> integer(const toml::node& node, std::string_view key, Range range)
    {
        const auto* integer = node.as_integer();
        if (!integer) {
            report(node.source(), key, "expected an integer, got " + std::string(type_name(node.type())));
            return std::nullopt;
        }
        if (!in_range(node, key, static_cast<double>(integer->get()), range))
            return std::nullopt;
        return integer->get();
    }

    std::optional<bool> boolean(const toml::node& node, std::string_view key)
    {
        if (const auto* value = node.as_boolean())
            return value->get();
        report(node.source(), key, "expected true or false, got " + std::string(type_name(node.type())));
        return std::nullopt;
    }

private:
    bool in_range(const toml::node& node, std::string_view key, double value, Range range)
    {
        if (value >= range.min && value <= range.max)  // false for NaN too
            return true;
        std::string written = node.is_integer() ? std::to_string(node.as_integer()->get()) : format_number(value);
        report(node.source(), key,
               written + " is out of range (" + format_number(range.min) + ".." + format_number(range.max) + ")");
        return false;
    }

    std::string m_origin;
    std::filesystem::path m_base_dir;
    std::optional<FreeTypeLibrary> m_font_library;
    std::vector<Problem> m_problems;
};

enum class Presence { optional, required };

// One allowed key of a table: how to check it and where its value goes.
template <class Target>
struct KeyRule {
    std::string_view name;
    void (*read)(ConfigReader& reader, const toml::node& value, const std::string& key, Target& target);
    Presence presence = Presence::optional;
};

using PresentKeys = std::vector<std::string_view>;

bool contains(const PresentKeys& keys, std::string_view key)
{
    return std::ranges::find(keys, key) != keys.end();
}

// Reads a table's keys through its rules; any key without a rule is a mistake. Returns the keys
// that were there, for checks that involve several of them.
template <class Target, std::size_t N>
PresentKeys read_keys(ConfigReader& reader, const toml::table& table, const std::string& prefix,
                      const KeyRule<Target> (&rules)[N], Target& target)
{
    PresentKeys present;
    for (auto&& [key, value] : table) {
        std::string dotted = join_key(prefix, key.str());
        auto rule = std::ranges::find(rules, key.str(), &KeyRule<Target>::name);
        if (rule == std::end(rules)) {
            // Should toml++ give a node no position, its key still has one.
            reader.report(value.source().begin.line != 0 ? value.source() : key.source(), dotted, "unknown key");
            continue;
        }
        present.push_back(rule->name);
        rule->read(reader, value, dotted, target);
    }
    for (const KeyRule<Target>& rule : rules) {
        if (rule.presence == Presence::required && !contains(present, rule.name))
            reader.report(table.source(), prefix, "needs " + in_quotes(rule.name));
    }
    return present;
}

// ---- The keys --------------------------------------------------------------------------------
// To add a key: add its field to config.hpp, a row below, and a line to assets/example-config.toml.

struct FeedDraft {
    FeedSource source;
    std::optional<toml::source_region> name_at;  // set once the name is valid: for duplicates
};

void read_feed_name(ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed)
{
    std::optional<std::string> name = reader.non_empty_string(value, key);
    if (!name)
        return;
    bool allowed = std::ranges::all_of(*name, [](char c) {
        return is_ascii_letter(c) || is_ascii_digit(c) || c == '.' || c == '_' || c == '-';
    });
    if (!allowed) {
        reader.report(value.source(), key, in_quotes(*name) + R"( may only contain letters, digits, ".", "_" and "-")");
        return;
    }
    feed.source.name = std::move(*name);
    feed.name_at = value.source();
}

void read_feed_url(ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed)
{
    std::optional<std::string> url = reader.non_empty_string(value, key);
    if (!url)
        return;
    std::size_t colon = url->find(':');
    std::string_view scheme = std::string_view(*url).substr(0, colon == std::string::npos ? 0 : colon);
    bool scheme_shaped = !scheme.empty() && is_ascii_letter(scheme.front())
        && std::ranges::all_of(scheme, [](char c) {
               return is_ascii_letter(c) || is_ascii_digit(c) || c == '+' || c == '-' || c == '.';
           });
    // A single letter before ':' is more likely a Windows drive than a scheme.
    if (!scheme_shaped || scheme.size() == 1) {
        reader.report(value.source(), key,
                      in_quotes(*url) + " is not a URL; to read a file, use path = " + in_quotes(*url));
        return;
    }
    std::string lower_scheme;
    lower_scheme = ascii_lower(scheme);
    if (lower_scheme != "http" && lower_scheme != "https" && lower_scheme != "file") {
        reader.report(value.source(), key,
                      "unsupported scheme " + in_quotes(scheme) + "; use http, https or file");
        return;
    }
    std::string_view rest = std::string_view(*url).substr(colon + 1);
    if (!rest.starts_with("//") || rest.size() == 2) {
        reader.report(value.source(), key,
                      in_quotes(*url) + " is incomplete; expected " + lower_scheme + "://...");
        return;
    }
    if (has_space_or_control(*url)) {
        reader.report(value.source(), key,
                      in_quotes(*url) + " contains a space or control character; percent-encode it (%20 for a space)");
        return;
    }
    // Schemes are case-blind; lower case lets code that looks for "file://" stay simple.
    feed.source.location = lower_scheme + ":" + std::string(rest);
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

// An HTTP token (RFC 9110): what a header name may be made of.
bool is_header_token(std::string_view name)
{
    return !name.empty() && std::ranges::all_of(name, [](char c) {
        return is_ascii_letter(c) || is_ascii_digit(c) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    });
}

void read_feed_headers(ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed)
{
    const toml::table* table = reader.table(value, key);
    if (!table)
        return;
    // The player sends these itself: the validators from its cache, the encodings it can
    // decode, and what HTTP framing needs. Overriding them would break what they do.
    static constexpr std::string_view managed[] = {"Host", "Content-Length", "Transfer-Encoding", "Connection",
                                                   "If-None-Match", "If-Modified-Since", "Accept-Encoding"};
    for (auto&& [name_key, header_value] : *table) {
        const std::string_view name = name_key.str();
        const std::string header_key = join_key(key, name);
        if (!is_header_token(name)) {
            reader.report(header_value.source(), header_key,
                          in_quotes(name) + " is not a header name (letters, digits and !#$%&'*+-.^_`|~ only)");
            continue;
        }
        if (std::ranges::any_of(managed, [&](std::string_view m) { return ascii_iequals(m, name); })) {
            reader.report(header_value.source(), header_key, "is set by the player and cannot be configured");
            continue;
        }
        auto same_name = std::ranges::find_if(feed.source.headers, [&](const HeaderField& h) { return ascii_iequals(h.name, name); });
        if (same_name != feed.source.headers.end()) {
            reader.report(header_value.source(), header_key,
                          "header names ignore case: " + in_quotes(same_name->name) + " is given already");
            continue;
        }
        std::optional<std::string> text = reader.non_empty_string(header_value, header_key);
        if (!text)
            continue;
        // A line break would end the header and start another: a header injection.
        bool control = std::ranges::any_of(*text, [](char c) {
            auto byte = static_cast<unsigned char>(c);
            return (byte < 0x20 && byte != '\t') || byte == 0x7F;
        });
        if (control) {
            reader.report(header_value.source(), header_key, "contains a line break or another control character");
            continue;
        }
        feed.source.headers.push_back({std::string(name), std::move(*text)});
    }
}

// A path as written in the config, relative to the config file's folder, made absolute.
std::filesystem::path config_relative_path(std::string_view written, const std::filesystem::path& base_dir)
{
    std::filesystem::path path{std::string(written)};
    if (path.is_relative()) {
        std::error_code error;
        std::filesystem::path joined = base_dir / path;
        std::filesystem::path absolute = std::filesystem::absolute(joined, error);
        // Without a working directory (deleted under us) the joined path is the best there is.
        path = (error ? joined : absolute).lexically_normal();
    }
    return path;
}

void read_feed_ca_file(ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed)
{
    std::optional<std::string> written = reader.non_empty_string(value, key);
    if (!written)
        return;
    const std::filesystem::path path = config_relative_path(*written, reader.base_dir());
    // Checked now, because a missing file would otherwise fail every fetch, weeks later, on
    // a screen nobody watches.
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        reader.report(value.source(), key, in_quotes(path.string()) + " is not a readable file");
        return;
    }
    feed.source.ca_file = path.string();
}

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
         if (auto megabytes = reader.integer(value, key, {1, 64}))
             feed.source.max_body_bytes = static_cast<std::size_t>(*megabytes) * 1024u * 1024u;
     }},
    {"urgent", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeedDraft& feed) {
         if (auto urgent = reader.boolean(value, key))
             feed.source.urgent = *urgent;
     }},
};

constexpr KeyRule<Config> cache_keys[] = {
    {"directory", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (std::optional<std::string> written = reader.non_empty_string(value, key))
             config.cache_directory = config_relative_path(*written, reader.base_dir());
     }},
};

constexpr KeyRule<Config> notices_keys[] = {
    {"max_count", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto count = reader.integer(value, key, {1, 100}))
             config.notice_rules.max_notices = static_cast<std::size_t>(*count);
     }},
    {"max_age_days", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto days = reader.integer(value, key, {1, 3650}))
             config.notice_rules.max_age = std::chrono::days{*days};
     }},
    {"pair_by", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         const std::optional<std::string> written = reader.string(value, key);
         if (written == "id")
             config.notice_rules.pair_by = PairingKey::id;
         else if (written == "link")
             config.notice_rules.pair_by = PairingKey::link;
         else if (written == "pair")
             config.notice_rules.pair_by = PairingKey::pair;
         else if (written)
             reader.report(value.source(), key, in_quotes(*written) + R"( is not a pairing key; use "id", "link" or "pair")");
     }},
    {"stale_after_min", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto minutes = reader.integer(value, key, {1, 10080}))
             config.stale_after = std::chrono::minutes{*minutes};
     }},
};

// A fallback chain: font files in order, each a path (relative to the config file) or
// { file = "...", face = N } to pick one face of a collection, e.g. the Korean face of a .ttc.
std::optional<std::vector<FontFileSetting>> read_font_files(ConfigReader& reader, const toml::node& value, const std::string& key)
{
    const toml::array* entries = value.as_array();
    if (!entries) {
        reader.report(value.source(), key, "expected an array of font files, got " + std::string(type_name(value.type())));
        return std::nullopt;
    }
    if (entries->empty()) {
        reader.report(value.source(), key, "needs at least one font file");
        return std::nullopt;
    }
    std::vector<FontFileSetting> chain;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const toml::node& entry = *entries->get(i);
        const std::string entry_key = key + "[" + std::to_string(i) + "]";
        FontFileSetting file;
        const toml::node* path_node = &entry;
        std::optional<unsigned> face;
        const toml::node* face_node = nullptr;
        std::string language = "ko";  // a collection's face for Korean text, unless told otherwise
        if (const toml::table* table = entry.as_table()) {
            for (auto&& [name, field] : *table) {
                if (name.str() == "face") {
                    face_node = &field;
                    if (auto index = reader.integer(field, entry_key + ".face", {0, 255}))
                        face = static_cast<unsigned>(*index);
                } else if (name.str() == "language") {
                    if (auto tag = reader.non_empty_string(field, entry_key + ".language"))
                        language = *tag;
                    if (table->contains("face"))
                        reader.report(field.source(), entry_key, R"(has both "face" and "language"; keep one)");
                } else if (name.str() != "file") {
                    reader.report(field.source(), join_key(entry_key, name.str()), "unknown key");
                }
            }
            path_node = table->get("file");
            if (!path_node) {
                reader.report(entry.source(), entry_key, R"(needs "file")");
                continue;
            }
        }
        const std::optional<std::string> written = reader.non_empty_string(*path_node, entry_key);
        if (!written)
            continue;
        file.path = config_relative_path(*written, reader.base_dir());
        // Checked now: a missing font would otherwise stop the player at start on a screen
        // nobody watches, with the config looking fine.
        std::error_code error;
        if (!std::filesystem::is_regular_file(file.path, error)) {
            reader.report(path_node->source(), entry_key, in_quotes(file.path.string()) + " is not a readable file");
            continue;
        }
        const FreeTypeLibrary* library = reader.font_library();
        const auto face_count = library ? font_face_count(*library, file.path) : Result<unsigned>(Error{"FreeType did not start"});
        if (!face_count) {
            reader.report(path_node->source(), entry_key, in_quotes(file.path.string()) + " is not a font file FreeType can open");
            continue;
        }
        if (face) {
            if (*face >= face_count.value()) {
                reader.report(face_node->source(), entry_key + ".face",
                              std::to_string(*face) + " is not a face of " + in_quotes(file.path.string()) + ", which has " +
                                  std::to_string(face_count.value()) + (face_count.value() == 1 ? " face" : " faces"));
                continue;
            }
            file.face_index = *face;
        } else {
            // A collection's face 0 is often Japanese: pick the face designed for the language.
            auto chosen = face_for_language(*library, file.path, language);
            if (!chosen) {
                reader.report(path_node->source(), entry_key, chosen.error().message);
                continue;
            }
            file.face_index = chosen.value();
        }
        // Opened once now, so that a font the player cannot draw with is named with its line.
        if (auto usable = Font::open(*library, FontFile{file.path, file.face_index}, 16); !usable) {
            reader.report(path_node->source(), entry_key, usable.error().message);
            continue;
        }
        chain.push_back(std::move(file));
    }
    return chain;
}

std::string last_key_part(const std::string& key) { return key.substr(key.rfind('.') + 1); }

void read_weight_chain(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    if (auto chain = read_font_files(reader, value, key))
        (last_key_part(key) == "bold" ? config.fonts.bold : config.fonts.regular) = std::move(*chain);
}

// A role is set in a weight ("regular", "bold") or in a chain of its own.
void read_role_fonts(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    const std::string role = last_key_part(key);
    if (const auto* weight = value.as_string()) {
        if (weight->get() == "regular")
            config.fonts.role_weights[role] = FontWeight::regular;
        else if (weight->get() == "bold")
            config.fonts.role_weights[role] = FontWeight::bold;
        else
            reader.report(value.source(), key, in_quotes(weight->get()) + R"( is not a weight; use "regular", "bold" or an array of font files)");
        return;
    }
    if (auto chain = read_font_files(reader, value, key))
        config.fonts.role_chains[role] = std::move(*chain);
}

constexpr KeyRule<Config> fonts_keys[] = {
    {"regular", read_weight_chain},
    {"bold", read_weight_chain},
    {"headline", read_role_fonts},
    {"subtitle", read_role_fonts},
    {"crawl", read_role_fonts},
    {"date", read_role_fonts},
    {"label", read_role_fonts},
    {"clock", read_role_fonts},
    {"alert", read_role_fonts},
};

// "#RRGGBB" or "#RRGGBBAA", as web pages and design tools write colours.
std::optional<RgbaColor> parse_hex_color(std::string_view text)
{
    if ((text.size() != 7 && text.size() != 9) || text[0] != '#')
        return std::nullopt;
    std::uint8_t channels[4] = {0, 0, 0, 255};
    for (std::size_t i = 0; i * 2 + 1 < text.size(); ++i) {
        const char* first = text.data() + 1 + i * 2;
        const auto [end, error] = std::from_chars(first, first + 2, channels[i], 16);
        if (error != std::errc{} || end != first + 2)
            return std::nullopt;
    }
    return RgbaColor{channels[0], channels[1], channels[2], channels[3]};
}

void read_color(ConfigReader& reader, const toml::node& value, const std::string& key, RgbaColor& color)
{
    const std::optional<std::string> written = reader.string(value, key);
    if (!written)
        return;
    if (auto parsed = parse_hex_color(*written))
        color = *parsed;
    else
        reader.report(value.source(), key, in_quotes(*written) + R"( is not a colour; write "#RRGGBB" or "#RRGGBBAA", e.g. "#000000B0")");
}

constexpr KeyRule<Config> text_keys[] = {
    {"outline_px", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto px = reader.integer(value, key, {0, 8}))
             config.text.outline_px = static_cast<int>(*px);
     }},
    {"outline_color", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_color(reader, value, key, config.text.outline_color);
     }},
    {"shadow_px", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto px = reader.integer(value, key, {0, 16}))
             config.text.shadow_px = static_cast<int>(*px);
     }},
    {"shadow_color", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_color(reader, value, key, config.text.shadow_color);
     }},
    {"cache_mb", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto megabytes = reader.integer(value, key, {4, 1024}))
             config.text.cache_bytes = static_cast<std::size_t>(*megabytes) * 1024u * 1024u;
     }},
};

constexpr KeyRule<Config> crawl_keys[] = {
    {"speed_px_per_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto speed = reader.number(value, key, {10, 2000}))
             config.crawl_speed_px_per_s = *speed;
     }},
};

// dwell_s and max_dwell_s are checked against each other once both are read, so the draft keeps
// where each valid one was written: the mistake is the one of the two that comes second.
struct FeaturedDraft {
    double dwell_s;
    double max_dwell_s;
    double transition_s;
    std::optional<toml::source_region> dwell_at;
    std::optional<toml::source_region> max_dwell_at;
};

constexpr KeyRule<FeaturedDraft> featured_keys[] = {
    {"dwell_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeaturedDraft& featured) {
         if (auto dwell = reader.number(value, key, {2, 600})) {
             featured.dwell_s = *dwell;
             featured.dwell_at = value.source();
         }
     }},
    {"max_dwell_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeaturedDraft& featured) {
         if (auto dwell = reader.number(value, key, {2, 600})) {
             featured.max_dwell_s = *dwell;
             featured.max_dwell_at = value.source();
         }
     }},
    {"transition_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, FeaturedDraft& featured) {
         if (auto seconds = reader.number(value, key, {0, 5}))
             featured.transition_s = *seconds;
     }},
};

void read_featured(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    const toml::table* table = reader.table(value, key);
    if (!table)
        return;
    FeaturedDraft featured{config.featured_dwell_s, config.featured_max_dwell_s, config.featured_transition_s, {}, {}};
    const PresentKeys present = read_keys(reader, *table, key, featured_keys, featured);
    config.featured_dwell_s = featured.dwell_s;
    config.featured_transition_s = featured.transition_s;
    // A dwell_s already wrong has its own error; comparing its default would add a false one.
    const bool dwell_usable = featured.dwell_at || !contains(present, "dwell_s");
    if (!featured.max_dwell_at) {
        // Configs written before max_dwell_s existed may set a long dwell_s: they keep working.
        if (!contains(present, "max_dwell_s"))
            config.featured_max_dwell_s = std::max(featured.max_dwell_s, featured.dwell_s);
        return;
    }
    config.featured_max_dwell_s = featured.max_dwell_s;
    if (!dwell_usable || featured.max_dwell_s >= featured.dwell_s)
        return;
    auto position = [](const toml::source_region& where) { return std::pair{where.begin.line, where.begin.column}; };
    if (featured.dwell_at && position(*featured.dwell_at) > position(*featured.max_dwell_at))
        reader.report(*featured.dwell_at, join_key(key, "dwell_s"),
                      format_number(featured.dwell_s) + " is more than max_dwell_s (" + format_number(featured.max_dwell_s)
                          + "); it must be max_dwell_s or less");
    else
        reader.report(*featured.max_dwell_at, join_key(key, "max_dwell_s"),
                      format_number(featured.max_dwell_s) + " is less than dwell_s (" + format_number(featured.dwell_s)
                          + "); it must be dwell_s or more");
}

// A word of a fixed set, for settings that choose one of a few behaviours.
template <class T>
struct Word {
    std::string_view text;
    T value;
};

// `noun` completes "... is not <noun>": "a layout", "a renderer".
template <class T, std::size_t N>
void read_word(ConfigReader& reader, const toml::node& value, const std::string& key, std::string_view noun,
               const Word<T> (&words)[N], T& target)
{
    const std::optional<std::string> written = reader.string(value, key);
    if (!written)
        return;
    for (const Word<T>& word : words) {
        if (word.text == *written) {
            target = word.value;
            return;
        }
    }
    std::string choices;
    for (std::size_t i = 0; i < N; ++i)
        choices += std::string(i == 0 ? "" : i + 1 == N ? " or " : ", ") + in_quotes(words[i].text);
    reader.report(value.source(), key, in_quotes(*written) + " is not " + std::string(noun) + "; use " + choices);
}

bool has_extension(const std::filesystem::path& path, std::span<const std::string_view> extensions)
{
    const std::string extension = ascii_lower(path.extension().string());
    return std::ranges::find(extensions, extension) != extensions.end();
}

// A picture the screen shows, relative to the config file's folder. Checked now: a missing or
// unreadable picture would otherwise be a blank corner, weeks later, on a screen nobody watches.
std::optional<std::filesystem::path> read_picture(ConfigReader& reader, const toml::node& value, const std::string& key,
                                                  std::span<const std::string_view> extensions)
{
    const std::optional<std::string> written = reader.non_empty_string(value, key);
    if (!written)
        return std::nullopt;
    const std::filesystem::path path = config_relative_path(*written, reader.base_dir());
    if (!has_extension(path, extensions)) {
        std::string listed;
        for (std::size_t i = 0; i < extensions.size(); ++i)
            listed += std::string(i == 0 ? "" : i + 1 == extensions.size() ? " or " : ", ") + std::string(extensions[i]);
        reader.report(value.source(), key, in_quotes(path.string()) + " is not a " + listed + " file");
        return std::nullopt;
    }
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        reader.report(value.source(), key, in_quotes(path.string()) + " is not a readable file");
        return std::nullopt;
    }
    return path;
}

constexpr std::string_view logo_extensions[] = {".png", ".svg", ".jpg", ".jpeg"};
constexpr std::string_view background_extensions[] = {".png", ".jpg", ".jpeg"};

// An empty name would leave a gap in the header where the name was meant to be; leaving the
// key out says "no name" plainly.
void read_agency_name(ConfigReader& reader, const toml::node& value, const std::string& key, std::string& name)
{
    const std::optional<std::string> written = reader.string(value, key);
    if (!written)
        return;
    if (written->empty())
        reader.report(value.source(), key, "is empty; to show no name, remove the key");
    else
        name = *written;
}

constexpr std::string_view zoneinfo_dir = "/usr/share/zoneinfo";

constexpr Word<ScreenLayout> layout_words[] = {
    {"featured+ticker", ScreenLayout::featured_ticker},
    {"ticker", ScreenLayout::ticker},
    {"list", ScreenLayout::list},
};
constexpr Word<NoticeTransition> transition_words[] = {
    {"crossfade", NoticeTransition::crossfade},
    {"slide", NoticeTransition::slide},
    {"cut", NoticeTransition::cut},
};
constexpr Word<ClockStyle> clock_words[] = {
    {"korean", ClockStyle::korean},
    {"english", ClockStyle::english},
    {"both", ClockStyle::both},
    {"off", ClockStyle::off},
};

constexpr KeyRule<Config> screen_keys[] = {
    {"layout", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_word(reader, value, key, "a layout", layout_words, config.screen.layout);
     }},
    {"agency_name_ko", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_agency_name(reader, value, key, config.screen.agency_name_ko);
     }},
    {"agency_name_en", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_agency_name(reader, value, key, config.screen.agency_name_en);
     }},
    {"logo", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto path = read_picture(reader, value, key, logo_extensions))
             config.screen.logo = std::move(*path);
     }},
    {"clock", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_word(reader, value, key, "a clock style", clock_words, config.screen.clock);
     }},
    {"time_zone", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         const std::optional<std::string> name = reader.non_empty_string(value, key);
         if (!name)
             return;
         if (check_time_zone(*name))
             config.screen.time_zone = *name;
         else
             reader.report(value.source(), key,
                           in_quotes(*name) + R"( is not a time zone; use a name like "Asia/Seoul" (see )"
                               + std::string(zoneinfo_dir) + ")");
     }},
    {"list_page_s", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto seconds = reader.number(value, key, {3, 600}))
             config.screen.list_page_s = *seconds;
     }},
    {"transition", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_word(reader, value, key, "a transition", transition_words, config.screen.transition);
     }},
    {"background", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_color(reader, value, key, config.screen.background);
     }},
    {"band", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_color(reader, value, key, config.screen.band);
     }},
    {"text", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_color(reader, value, key, config.screen.text);
     }},
    {"accent", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_color(reader, value, key, config.screen.accent);
     }},
    {"background_image", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto path = read_picture(reader, value, key, background_extensions))
             config.screen.background_image = std::move(*path);
     }},
};

constexpr Word<RendererChoice> renderer_words[] = {
    {"auto", RendererChoice::automatic},
    {"gpu", RendererChoice::gpu},
    {"software", RendererChoice::software},
};

constexpr KeyRule<Config> display_keys[] = {
    {"renderer", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_word(reader, value, key, "a renderer", renderer_words, config.display.renderer);
     }},
    {"rotation", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         const auto* degrees = value.as_integer();
         if (!degrees) {
             reader.report(value.source(), key, "expected an integer, got " + std::string(type_name(value.type())));
             return;
         }
         const std::int64_t written = degrees->get();
         if (written == 0 || written == 90 || written == 180 || written == 270)
             config.display.rotation_degrees = static_cast<int>(written);
         else
             reader.report(value.source(), key, std::to_string(written) + " is not a rotation; use 0, 90, 180 or 270");
     }},
    {"safe_area_percent", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto percent = reader.integer(value, key, {0, 10}))
             config.display.safe_area_percent = static_cast<int>(*percent);
     }},
};

// Exactly two digits: a time of day is written "08:00", as on a timetable.
std::optional<int> two_digits(std::string_view text)
{
    if (text.size() != 2 || !is_ascii_digit(text[0]) || !is_ascii_digit(text[1]))
        return std::nullopt;
    return (text[0] - '0') * 10 + (text[1] - '0');
}

// "HH:MM", 00:00 to 24:00, as minutes since midnight.
std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text)
{
    if (text.size() != 5 || text[2] != ':')
        return std::nullopt;
    const std::optional<int> hours = two_digits(text.substr(0, 2));
    const std::optional<int> minutes = two_digits(text.substr(3, 2));
    if (!hours || !minutes || *minutes > 59 || *hours > 24 || (*hours == 24 && *minutes != 0))
        return std::nullopt;
    return std::chrono::minutes{*hours * 60 + *minutes};
}

// "on", "off" or "HH:MM-HH:MM" with the start first. The outer optional is empty when the text
// is none of these; the inner one when the screen is off all day.
std::optional<std::optional<DayHours>> parse_day_hours(std::string_view text)
{
    if (text == "off")
        return std::optional<DayHours>{};
    if (text == "on")
        return std::optional<DayHours>{DayHours{std::chrono::minutes{0}, std::chrono::minutes{24 * 60}}};
    const std::size_t dash = text.find('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    const auto on = parse_time_of_day(text.substr(0, dash));
    const auto off = parse_time_of_day(text.substr(dash + 1));
    // A range through midnight would belong to two days; the next day's own range says that.
    if (!on || !off || *on >= *off)
        return std::nullopt;
    return std::optional<DayHours>{DayHours{*on, *off}};
}

template <std::size_t day>
void read_day_hours(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    const std::optional<std::string> written = reader.string(value, key);
    if (!written)
        return;
    if (auto hours = parse_day_hours(*written))
        config.schedule.week[day] = *hours;
    else
        reader.report(value.source(), key,
                      in_quotes(*written) + R"( is not a time range; write "HH:MM-HH:MM" with the start first, or "off")");
}

// "2026-12-25": what a TOML date looks like, for those who quote it.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int parts[3] = {};
    const std::pair<std::size_t, std::size_t> spans[3] = {{0, 4}, {5, 2}, {8, 2}};
    for (std::size_t i = 0; i < 3; ++i) {
        const char* first = text.data() + spans[i].first;
        const char* last = first + spans[i].second;
        if (!std::all_of(first, last, is_ascii_digit))
            return std::nullopt;
        std::from_chars(first, last, parts[i]);
    }
    const std::chrono::year_month_day date{std::chrono::year{parts[0]}, std::chrono::month{static_cast<unsigned>(parts[1])},
                                           std::chrono::day{static_cast<unsigned>(parts[2])}};
    return date.ok() ? std::optional(date) : std::nullopt;
}

void read_dates_off(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    const toml::array* dates = value.as_array();
    if (!dates) {
        reader.report(value.source(), key, "expected an array of dates, got " + std::string(type_name(value.type())));
        return;
    }
    std::vector<std::chrono::year_month_day> result;
    for (std::size_t i = 0; i < dates->size(); ++i) {
        const toml::node& entry = *dates->get(i);
        const std::string entry_key = key + "[" + std::to_string(i) + "]";
        if (const auto* date = entry.as_date()) {
            // toml++ refuses impossible dates (2026-02-30) while parsing.
            const toml::date& d = date->get();
            result.push_back(std::chrono::year{d.year} / std::chrono::month{d.month} / std::chrono::day{d.day});
        } else if (const auto* text = entry.as_string()) {
            if (auto parsed = parse_iso_date(text->get()))
                result.push_back(*parsed);
            else
                reader.report(entry.source(), entry_key, in_quotes(text->get()) + " is not a date; write YYYY-MM-DD, e.g. 2026-12-25");
        } else {
            reader.report(entry.source(), entry_key,
                          "expected a date like 2026-12-25, got " + std::string(type_name(entry.type())));
        }
    }
    config.schedule.dates_off = std::move(result);
}

constexpr std::string_view command_example = R"(["cec-ctl", "--to", "0", "--standby"])";

// The program of a command: a bare name, looked up in PATH when it runs (on the screen's
// machine, not where the config is checked), or a file named with a '/', relative to the
// config file's folder, which must be there now.
std::optional<std::string> read_program(ConfigReader& reader, const toml::node& value, const std::string& key)
{
    std::optional<std::string> name = reader.non_empty_string(value, key);
    if (!name)
        return std::nullopt;
    if (name->find('/') == std::string::npos) {
        if (!has_space_or_control(*name))
            return name;
        reader.report(value.source(), key,
                      in_quotes(*name) + " is not a program name; the command runs without a shell, so write each word as its own string, e.g. "
                          + std::string(command_example));
        return std::nullopt;
    }
    const std::filesystem::path program = config_relative_path(*name, reader.base_dir());
    std::error_code error;
    const std::filesystem::file_status status = std::filesystem::status(program, error);
    constexpr auto anyone_may_run = std::filesystem::perms::owner_exec | std::filesystem::perms::group_exec | std::filesystem::perms::others_exec;
    if (!std::filesystem::is_regular_file(status) || (status.permissions() & anyone_may_run) == std::filesystem::perms::none) {
        reader.report(value.source(), key, in_quotes(program.string()) + " is not an executable file");
        return std::nullopt;
    }
    return program.string();
}

// A program and its arguments, run as they are, without a shell: nothing in them is quoted
// or expanded, so an argument may hold spaces, '$' or be empty.
std::optional<std::vector<std::string>> read_command(ConfigReader& reader, const toml::node& value, const std::string& key)
{
    const toml::array* words = value.as_array();
    if (!words) {
        std::string what = "expected an array of strings (the program, then its arguments), got " + std::string(type_name(value.type()));
        if (value.is_string())
            what += "; write each word as its own string, e.g. " + std::string(command_example);
        reader.report(value.source(), key, what);
        return std::nullopt;
    }
    if (words->empty()) {
        reader.report(value.source(), key,
                      "needs the program to run, then its arguments, e.g. " + std::string(command_example) + "; to run none, remove the key");
        return std::nullopt;
    }
    std::vector<std::string> command;
    bool all_good = true;
    for (std::size_t i = 0; i < words->size(); ++i) {
        const toml::node& word = *words->get(i);
        const std::string word_key = key + "[" + std::to_string(i) + "]";
        std::optional<std::string> text = i == 0 ? read_program(reader, word, word_key) : reader.string(word, word_key);
        if (text)
            command.push_back(std::move(*text));
        else
            all_good = false;
    }
    return all_good ? std::optional(std::move(command)) : std::nullopt;
}

constexpr KeyRule<Config> schedule_keys[] = {
    {"monday", read_day_hours<0>},
    {"tuesday", read_day_hours<1>},
    {"wednesday", read_day_hours<2>},
    {"thursday", read_day_hours<3>},
    {"friday", read_day_hours<4>},
    {"saturday", read_day_hours<5>},
    {"sunday", read_day_hours<6>},
    {"dates_off", read_dates_off},
    {"display_off_command", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto command = read_command(reader, value, key))
             config.schedule.display_off_command = std::move(*command);
     }},
    {"display_on_command", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto command = read_command(reader, value, key))
             config.schedule.display_on_command = std::move(*command);
     }},
};

// A display put to sleep by one command and never woken by the other would stay dark through
// the on hours: the two commands come together.
void read_schedule(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    const toml::table* table = reader.table(value, key);
    if (!table)
        return;
    read_keys(reader, *table, key, schedule_keys, config);
    const auto lone = [&](std::string_view present, const std::vector<std::string>& command, std::string_view missing) {
        if (!command.empty() && !table->contains(missing))
            reader.report(table->get(present)->source(), join_key(key, present),
                          "is set without " + std::string(missing) + "; set both, or neither");
    };
    lone("display_off_command", config.schedule.display_off_command, "display_on_command");
    lone("display_on_command", config.schedule.display_on_command, "display_off_command");
}

// Words to match notices by: an empty one would match every notice.
std::optional<std::vector<std::string>> read_words(ConfigReader& reader, const toml::node& value, const std::string& key)
{
    const toml::array* entries = value.as_array();
    if (!entries) {
        reader.report(value.source(), key, "expected an array of strings, got " + std::string(type_name(value.type())));
        return std::nullopt;
    }
    std::vector<std::string> words;
    bool all_good = true;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        if (auto word = reader.non_empty_string(*entries->get(i), key + "[" + std::to_string(i) + "]"))
            words.push_back(std::move(*word));
        else
            all_good = false;
    }
    return all_good ? std::optional(std::move(words)) : std::nullopt;
}

constexpr KeyRule<Config> urgent_keys[] = {
    {"categories", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto words = read_words(reader, value, key))
             config.urgent.categories = std::move(*words);
     }},
    {"keywords", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto words = read_words(reader, value, key))
             config.urgent.keywords = std::move(*words);
     }},
    {"max_age_hours", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         if (auto hours = reader.integer(value, key, {1, 720}))
             config.urgent.max_age = std::chrono::hours{*hours};
     }},
    {"banner", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_color(reader, value, key, config.urgent.banner);
     }},
    {"banner_text", [](ConfigReader& reader, const toml::node& value, const std::string& key, Config& config) {
         read_color(reader, value, key, config.urgent.banner_text);
     }},
};

void read_feeds(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    const toml::array* feeds = value.as_array();
    if (!feeds) {
        reader.report(value.source(), key,
                      "expected an array of tables ([[" + key + "]]), got " + std::string(type_name(value.type())));
        return;
    }
    if (feeds->empty()) {
        reader.report(value.source(), key, "at least one [[" + key + "]] is required");
        return;
    }
    std::vector<FeedDraft> drafts;
    for (std::size_t i = 0; i < feeds->size(); ++i) {
        const toml::node& element = *feeds->get(i);
        std::string feed_key = key + "[" + std::to_string(i) + "]";
        const toml::table* table = reader.table(element, feed_key);
        if (!table)
            continue;

        FeedDraft draft;
        PresentKeys present = read_keys(reader, *table, feed_key, feed_keys, draft);
        bool has_url = contains(present, "url");
        bool has_path = contains(present, "path");
        if (!has_url && !has_path)
            reader.report(table->source(), feed_key, R"(needs "url" or "path")");
        else if (has_url && has_path)
            reader.report(table->source(), feed_key, R"(has both "url" and "path"; keep one)");

        if (draft.name_at) {
            // Names identify feeds in logs and updates; two alike would merge their notices.
            for (std::size_t j = 0; j < drafts.size(); ++j) {
                if (drafts[j].name_at && drafts[j].source.name == draft.source.name) {
                    reader.report(*draft.name_at, join_key(feed_key, "name"),
                                  in_quotes(draft.source.name) + " is already the name of " + key + "["
                                      + std::to_string(j) + "]");
                    break;
                }
            }
        }
        drafts.push_back(std::move(draft));
    }
    for (FeedDraft& draft : drafts)
        config.feeds.push_back(std::move(draft.source));
}

// A top-level [section] read by its table of keys.
template <const auto& rules>
void read_section(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    if (const toml::table* table = reader.table(value, key))
        read_keys(reader, *table, key, rules, config);
}

constexpr KeyRule<Config> top_level_keys[] = {
    {"feed", read_feeds},
    {"crawl", read_section<crawl_keys>},
    {"featured", read_featured},
    {"cache", read_section<cache_keys>},
    {"notices", read_section<notices_keys>},
    {"fonts", read_section<fonts_keys>},
    {"text", read_section<text_keys>},
    {"screen", read_section<screen_keys>},
    {"display", read_section<display_keys>},
    {"schedule", read_schedule},
    {"urgent", read_section<urgent_keys>},
};

// ---- URLs ------------------------------------------------------------------------------------

std::string percent_encode_path(std::string_view path)
{
    static constexpr char hex_digits[] = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(path.size());
    for (char c : path) {
        if (is_ascii_letter(c) || is_ascii_digit(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            encoded += c;
        } else {
            auto byte = static_cast<unsigned char>(c);
            encoded += '%';
            encoded += hex_digits[byte >> 4];
            encoded += hex_digits[byte & 0x0F];
        }
    }
    return encoded;
}

}  // namespace

Result<Config> load_config(const std::filesystem::path& path)
{
    auto cannot_read = [&](int error_number) {
        std::string reason = error_number != 0 ? std::generic_category().message(error_number) : "unknown error";
        return Error{path.string() + ": cannot read: " + reason};
    };
    // An ifstream opens a directory without complaint and then reads nothing.
    std::error_code status_error;
    if (std::filesystem::is_directory(path, status_error))
        return cannot_read(EISDIR);

    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return cannot_read(errno);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad())
        return cannot_read(errno);
    return parse_config(text, path);
}

Result<Config> parse_config(std::string_view toml_text, const std::filesystem::path& origin)
{
    const std::string origin_text = origin.empty() ? std::string("config") : origin.string();

    toml::table root;
    try {
        root = toml::parse(toml_text, std::string_view(origin_text));
    } catch (const toml::parse_error& error) {
        std::string description(error.description());
        std::ranges::replace(description, '\n', ' ');  // errors are one line, whatever toml++ says
        const toml::source_position& at = error.source().begin;
        return Error{origin_text + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": "
                     + description};
    }

    ConfigReader reader(origin_text, origin.parent_path());
    Config config;
    PresentKeys present = read_keys(reader, root, "", top_level_keys, config);
    if (!contains(present, "feed"))
        reader.report_unplaced("feed", "at least one [[feed]] is required");

    if (std::optional<Error> error = reader.first_error())
        return *std::move(error);
    return config;
}

Config default_config(const std::filesystem::path& data_dir)
{
    Config config;
    FeedSource sample;
    sample.name = "sample";
    sample.location = feed_location_to_url((data_dir / "assets" / "sample-feed.xml").string(), {});
    sample.language = "ko";
    config.feeds.push_back(std::move(sample));
    return config;
}

std::string feed_location_to_url(std::string_view location, const std::filesystem::path& base_dir)
{
    for (std::string_view scheme : {"http://", "https://", "file://"}) {
        if (ascii_istarts_with(location, scheme))
            return std::string(location);
    }
    return "file://" + percent_encode_path(config_relative_path(location, base_dir).generic_string());
}

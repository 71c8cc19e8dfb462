#pragma once
// The loader's reading of a TOML document: typed values, a table's keys read through rules,
// and the mistakes found, each "path:line: key: what is wrong", the first in the file reported.
// Only the loader's own files include this (and with it toml++).
#include "config/checks.hpp"
#include "config/value_parsers.hpp"
#include "util/result.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signage::config {

// Shortest text that reads back as the same double, so "9.5" and "5000" print as written.
std::string format_number(double value);
// Keys are shown as TOML would write them, so a key with a dot or space stays unambiguous.
std::string join_key(std::string_view prefix, std::string_view key);
// The key of an array's element: "feed[2]".
std::string element_key(std::string_view key, std::size_t index);
std::string_view type_name(toml::node_type type);

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
    ConfigReader(std::string origin, std::filesystem::path base_dir, const ConfigChecks& checks);

    // The folder that paths in the config are relative to.
    const std::filesystem::path& base_dir() const { return m_base_dir; }
    // What other layers judge: time zones, fonts.
    const ConfigChecks& checks() const { return m_checks; }

    void report(const toml::source_region& where, std::string_view key, std::string_view what);
    void report_unplaced(std::string_view key, std::string_view what);
    std::optional<Error> first_error() const;

    const toml::table* table(const toml::node& node, std::string_view key);
    // `what` completes "expected ...": "an array of strings".
    const toml::array* array(const toml::node& node, std::string_view key, std::string_view what);
    std::optional<std::string> string(const toml::node& node, std::string_view key);
    // A string that must hold something: every string key so far names or locates a thing.
    std::optional<std::string> non_empty_string(const toml::node& node, std::string_view key);
    std::optional<double> number(const toml::node& node, std::string_view key, Range range);
    std::optional<std::int64_t> integer(const toml::node& node, std::string_view key, Range range);
    std::optional<bool> boolean(const toml::node& node, std::string_view key);
    // "#RRGGBB" or "#RRGGBBAA".
    std::optional<RgbaColor> color(const toml::node& node, std::string_view key);
    // A size written in MB, within `range`, as bytes.
    std::optional<std::size_t> megabytes(const toml::node& node, std::string_view key, Range range);
    // A path, relative to the config file's folder, made absolute.
    std::optional<std::filesystem::path> path(const toml::node& node, std::string_view key);
    // Whether `path` is a file. Checked when the config is read: a missing file would otherwise
    // fail weeks later, on a screen nobody watches.
    bool is_readable_file(const toml::node& node, std::string_view key, const std::filesystem::path& path);

private:
    bool in_range(const toml::node& node, std::string_view key, double value, Range range);

    std::string m_origin;
    std::filesystem::path m_base_dir;
    const ConfigChecks& m_checks;
    std::vector<Problem> m_problems;
};

enum class Presence { optional, required };

// Checks a value and puts it where it goes: what a key rule, and a section of the config, does.
template <class Target>
using ReadValue = void (*)(ConfigReader& reader, const toml::node& value, const std::string& key, Target& target);

// One allowed key of a table: how to check it and where its value goes.
template <class Target>
struct KeyRule {
    std::string_view name;
    ReadValue<Target> read;
    Presence presence = Presence::optional;
};

using PresentKeys = std::vector<std::string_view>;

inline bool contains(const PresentKeys& keys, std::string_view key)
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

// A [section] whose keys are all read by rules of their own.
template <class Target, std::size_t N>
void read_table(ConfigReader& reader, const toml::node& value, const std::string& key, const KeyRule<Target> (&rules)[N],
                Target& target)
{
    if (const toml::table* table = reader.table(value, key))
        read_keys(reader, *table, key, rules, target);
}

// A word of a fixed set, for settings that choose one of a few behaviours.
template <class T>
struct Word {
    std::string_view text;
    T value;
};

// "a, b or c"
std::string listed(const std::vector<std::string>& items);

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
    std::vector<std::string> choices;
    for (const Word<T>& word : words)
        choices.push_back(in_quotes(word.text));
    reader.report(value.source(), key, in_quotes(*written) + " is not " + std::string(noun) + "; use " + listed(choices));
}

}  // namespace signage::config

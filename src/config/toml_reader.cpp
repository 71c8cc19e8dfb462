#include "config/toml_reader.hpp"

#include "util/ascii.hpp"

#include <charconv>
#include <system_error>
#include <utility>

namespace signage::config {

std::string format_number(double value)
{
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc{} ? std::string(buffer, end) : std::to_string(value);
}

namespace {

bool is_bare_key(std::string_view key)
{
    return !key.empty() && std::ranges::all_of(key, [](char c) { return is_ascii_alnum(c) || c == '_' || c == '-'; });
}

}  // namespace

std::string join_key(std::string_view prefix, std::string_view key)
{
    std::string shown = is_bare_key(key) ? std::string(key) : in_quotes(key);
    return prefix.empty() ? shown : std::string(prefix) + "." + shown;
}

std::string element_key(std::string_view key, std::size_t index)
{
    return std::string(key) + "[" + std::to_string(index) + "]";
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

std::string listed(const std::vector<std::string>& items)
{
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i)
        text += std::string(i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
    return text;
}

ConfigReader::ConfigReader(std::string origin, std::filesystem::path base_dir, const ConfigChecks& checks)
    : m_origin(std::move(origin)), m_base_dir(std::move(base_dir)), m_checks(checks)
{
}

void ConfigReader::report(const toml::source_region& where, std::string_view key, std::string_view what)
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

void ConfigReader::report_unplaced(std::string_view key, std::string_view what)
{
    report(toml::source_region{}, key, what);
}

std::optional<Error> ConfigReader::first_error() const
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

const toml::table* ConfigReader::table(const toml::node& node, std::string_view key)
{
    if (const toml::table* table = node.as_table())
        return table;
    report(node.source(), key, "expected a table, got " + std::string(type_name(node.type())));
    return nullptr;
}

const toml::array* ConfigReader::array(const toml::node& node, std::string_view key, std::string_view what)
{
    if (const toml::array* array = node.as_array())
        return array;
    report(node.source(), key, "expected " + std::string(what) + ", got " + std::string(type_name(node.type())));
    return nullptr;
}

std::optional<std::string> ConfigReader::string(const toml::node& node, std::string_view key)
{
    if (const auto* value = node.as_string())
        return value->get();
    report(node.source(), key, "expected a string, got " + std::string(type_name(node.type())));
    return std::nullopt;
}

std::optional<std::string> ConfigReader::non_empty_string(const toml::node& node, std::string_view key)
{
    std::optional<std::string> value = string(node, key);
    if (value && value->empty()) {
        report(node.source(), key, "must not be empty");
        return std::nullopt;
    }
    return value;
}

std::optional<double> ConfigReader::number(const toml::node& node, std::string_view key, Range range)
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

std::optional<std::int64_t> ConfigReader::integer(const toml::node& node, std::string_view key, Range range)
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

std::optional<bool> ConfigReader::boolean(const toml::node& node, std::string_view key)
{
    if (const auto* value = node.as_boolean())
        return value->get();
    report(node.source(), key, "expected true or false, got " + std::string(type_name(node.type())));
    return std::nullopt;
}

std::optional<RgbaColor> ConfigReader::color(const toml::node& node, std::string_view key)
{
    const std::optional<std::string> written = string(node, key);
    if (!written)
        return std::nullopt;
    std::optional<RgbaColor> parsed = parse_hex_color(*written);
    if (!parsed)
        report(node.source(), key, in_quotes(*written) + R"( is not a colour; write "#RRGGBB" or "#RRGGBBAA", e.g. "#000000B0")");
    return parsed;
}

std::optional<std::size_t> ConfigReader::megabytes(const toml::node& node, std::string_view key, Range range)
{
    if (auto count = integer(node, key, range))
        return static_cast<std::size_t>(*count) * 1024u * 1024u;
    return std::nullopt;
}

std::optional<std::filesystem::path> ConfigReader::path(const toml::node& node, std::string_view key)
{
    if (std::optional<std::string> written = non_empty_string(node, key))
        return config_relative_path(*written, m_base_dir);
    return std::nullopt;
}

bool ConfigReader::is_readable_file(const toml::node& node, std::string_view key, const std::filesystem::path& path)
{
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error))
        return true;
    report(node.source(), key, in_quotes(path.string()) + " is not a readable file");
    return false;
}

bool ConfigReader::in_range(const toml::node& node, std::string_view key, double value, Range range)
{
    if (value >= range.min && value <= range.max)  // false for NaN too
        return true;
    std::string written = node.is_integer() ? std::to_string(node.as_integer()->get()) : format_number(value);
    report(node.source(), key,
           written + " is out of range (" + format_number(range.min) + ".." + format_number(range.max) + ")");
    return false;
}

}  // namespace signage::config

// [schedule]: when the screen is on, and how the display is put to sleep and woken.
#include "config/section_keys.hpp"

#include <utility>

namespace signage::config {

namespace {

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

// A date off: a TOML date, or one quoted as a string.
std::optional<std::chrono::year_month_day> read_date(ConfigReader& reader, const toml::node& entry, const std::string& entry_key)
{
    if (const auto* date = entry.as_date()) {
        // toml++ refuses impossible dates (2026-02-30) while parsing.
        const toml::date& d = date->get();
        return std::chrono::year{d.year} / std::chrono::month{d.month} / std::chrono::day{d.day};
    }
    if (const auto* text = entry.as_string()) {
        std::optional<std::chrono::year_month_day> parsed = parse_iso_date(text->get());
        if (!parsed)
            reader.report(entry.source(), entry_key, in_quotes(text->get()) + " is not a date; write YYYY-MM-DD, e.g. 2026-12-25");
        return parsed;
    }
    reader.report(entry.source(), entry_key, "expected a date like 2026-12-25, got " + std::string(type_name(entry.type())));
    return std::nullopt;
}

void read_dates_off(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    const toml::array* dates = reader.array(value, key, "an array of dates");
    if (!dates)
        return;
    std::vector<std::chrono::year_month_day> result;
    for (std::size_t i = 0; i < dates->size(); ++i) {
        if (auto date = read_date(reader, *dates->get(i), element_key(key, i)))
            result.push_back(*date);
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
        const std::string word_key = element_key(key, i);
        std::optional<std::string> text = i == 0 ? read_program(reader, word, word_key) : reader.string(word, word_key);
        if (text)
            command.push_back(std::move(*text));
        else
            all_good = false;
    }
    return all_good ? std::optional(std::move(command)) : std::nullopt;
}

// The command `member` of ScheduleSettings.
template <std::vector<std::string> ScheduleSettings::*member>
void read_display_command(ConfigReader& reader, const toml::node& value, const std::string& key, Config& config)
{
    if (auto command = read_command(reader, value, key))
        config.schedule.*member = std::move(*command);
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
    {"display_off_command", read_display_command<&ScheduleSettings::display_off_command>},
    {"display_on_command", read_display_command<&ScheduleSettings::display_on_command>},
};

}  // namespace

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

}  // namespace signage::config

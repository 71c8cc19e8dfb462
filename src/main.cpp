// signage-player: arguments -> configuration -> player or headless render.
#include "app/check_config.hpp"
#include "app/cli.hpp"
#include "app/dump_feed.hpp"
#include "app/headless.hpp"
#include "app/player.hpp"
#include "app/settings.hpp"
#include "app/shape_command.hpp"
#include "app/snapshot_command.hpp"
#include "app/status_command.hpp"
#include "app/status_writer.hpp"
#include "feed/http_client.hpp"
#include "platform/data_dir.hpp"
#include "platform/heap.hpp"
#include "platform/local_time.hpp"
#include "platform/log.hpp"

#include <cstdio>
#include <string>
#include <vector>

// The program's entry point stands outside the library's namespaces and reads them all.
using namespace signage;
using namespace signage::app;
using namespace signage::config;
using namespace signage::feed;
using namespace signage::platform;

namespace {

int render_command(const CommandLine& command_line, const Config& config, const std::filesystem::path& data_dir)
{
    CurlGlobal curl;
    auto read = read_all_sources(config);
    if (!read) {
        log({LogLevel::error, "feed", read.error().message});
        return 1;
    }
    if (auto zone = use_time_zone(config.screen.time_zone); !zone)
        log({LogLevel::warning, "clock", zone.error().message + "; the clock shows the system's time zone"});
    StillRequest request;
    request.width = command_line.size.width;
    request.height = command_line.size.height;
    request.at_seconds = command_line.at_seconds;
    request.alerts = std::move(read->alerts);
    auto frame = render_still(config, read->notices, font_roles(config, data_dir), request);
    if (!frame) {
        log({LogLevel::error, "render", frame.error().message});
        return 1;
    }
    if (auto saved = save_png(frame.value().get(), command_line.out_path); !saved) {
        log({LogLevel::error, "render", saved.error().message});
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    limit_heap_arenas();  // before any thread: platform/heap.hpp
    auto command_line = parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
    if (!command_line) {
        log({LogLevel::error, "cli", command_line.error().message});
        return 2;
    }
    switch (command_line->command) {
    case Command::help:
        std::fputs(usage_text(), stdout);
        return 0;
    case Command::version:
        std::printf("signage-player %s\n", SIGNAGE_VERSION);
        return 0;
    case Command::dump_feed:
        // Needs no fonts or assets: only the feed, and the config if one judges its alerts.
        return run_dump_feed(command_line->dump_location, command_line->dump_language, command_line->config_path);
    case Command::check_config:
        // Needs no fonts or assets: only the file, read as resolve_config reads it.
        return run_check_config(*command_line->config_path);
    case Command::status:
        // Reads the running player's file: no configuration, no display.
        return run_status_command(command_line->status_file ? std::filesystem::path(*command_line->status_file) : find_status_file());
    case Command::snapshot:
        // Asks the running player: no configuration, no display.
        return run_snapshot_command(command_line->status_file ? std::filesystem::path(*command_line->status_file) : find_status_file(),
                                    command_line->snapshot_out);
    case Command::play:
    case Command::render:
    case Command::shape:
        break;
    }

    auto data_dir = find_data_dir();
    if (!data_dir) {
        log({LogLevel::error, "app", data_dir.error().message});
        return 1;
    }
    auto config = resolve_config(command_line.value(), data_dir.value());
    if (!config) {
        log({LogLevel::error, "config", config.error().message});
        return 2;
    }
    if (command_line->command == Command::shape)
        return run_shape_command(command_line->shape_text, command_line->shape_font_px, command_line->shape_role,
                                 font_roles(config.value(), data_dir.value()));
    if (command_line->command == Command::render)
        return render_command(command_line.value(), config.value(), data_dir.value());

    DisplayRequest request;
    if (command_line->windowed) {
        request.window_width = command_line->windowed->width;
        request.window_height = command_line->windowed->height;
    }
    std::optional<std::filesystem::path> config_path;
    if (command_line->config_path)
        config_path = *command_line->config_path;
    return run_player(config.value(), request, data_dir.value(), config_path);
}

// `signage-player snapshot`: the running player asked by SIGUSR1 writes what it has on screen
// beside its status file, and the command copies it; or says why not, in one line.
#include "app/remote_snapshot.hpp"
#include "app/snapshot_command.hpp"
#include "app/status_snapshot.hpp"
#include "platform/atomic_file.hpp"
#include "player_harness.hpp"

#include <doctest/doctest.h>

#include <SDL_image.h>

#include <csignal>
#include <future>

#include <fcntl.h>
#include <spawn.h>

#include <sys/wait.h>
#include <unistd.h>

namespace signage::app {

namespace {

// A PNG file read back as ARGB8888 pixels.
platform::SurfacePtr load_png(const std::filesystem::path& path)
{
    platform::SurfacePtr loaded(IMG_Load(path.c_str()));
    REQUIRE_MESSAGE(loaded, SDL_GetError());
    platform::SurfacePtr converted(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
    REQUIRE(converted);
    return converted;
}

// A harness whose player writes its status (and snapshots) in `dir`, its first board shown.
std::unique_ptr<PlayerHarness> shown_player(const ScratchDir& dir)
{
    PlayerParts parts;
    parts.status_file = dir.path() / "status.json";
    auto harness = std::make_unique<PlayerHarness>(config_text("featured+ticker", "UTC"), 5, std::move(parts));
    REQUIRE(harness->step_until([&] { return harness->log.has("feed: \"test\": 5 notices"); }));
    REQUIRE(harness->settle());
    return harness;
}

// A process that ignores SIGUSR1 and waits to be killed: a player that never answers.
pid_t deaf_process()
{
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        std::signal(SIGUSR1, SIG_IGN);
        for (;;)
            ::pause();
    }
    return child;
}

void write_status(const std::filesystem::path& path, bool display_on, bool schedule_on)
{
    HealthSnapshot status;
    status.display_on = display_on;
    status.schedule_on = schedule_on;
    REQUIRE(platform::write_file_atomically(path, to_json_text(status)).ok());
}

}  // namespace

TEST_CASE("SIGUSR1 has the player write the frame it draws as snapshot.png beside its status file")
{
    ScratchDir dir("signage-snapshot");
    auto harness = shown_player(dir);
    SnapshotWriter* writer = harness->player->snapshot_writer();
    REQUIRE(writer);
    install_snapshot_signal_handler();
    const std::size_t before = writer->encoded();
    REQUIRE(std::raise(SIGUSR1) == 0);
    harness->player->step(0);
    const platform::SurfacePtr drawn = harness->frame();  // the same frame: nothing moved the clocks
    CHECK_FALSE(writer->wait_for_png(before, std::chrono::seconds(30)).empty());
    REQUIRE(std::filesystem::exists(dir.path() / "snapshot.png"));
    const platform::SurfacePtr saved = load_png(dir.path() / "snapshot.png");
    CHECK(saved->w == 640);
    CHECK(saved->h == 360);
    CHECK_FALSE(all_black(saved.get()));
    CHECK(differing_pixels(saved.get(), drawn.get()) == 0);
    CHECK(harness->log.has("snapshot: " + (dir.path() / "snapshot.png").string() + " (640x360)"));

    // No request, no snapshot: the next frames leave it.
    harness->player->step(0);
    CHECK(writer->wait_for_png(writer->encoded(), std::chrono::milliseconds(0)).empty());
}

TEST_CASE("the snapshot command asks the running player and copies its new snapshot")
{
    ScratchDir dir("signage-snapshot-command");
    auto harness = shown_player(dir);
    install_snapshot_signal_handler();
    const auto status_file = dir.path() / "status.json";
    const PidFile pid_file(pid_path_for(status_file), [](const platform::LogEntry&) {});  // this process plays the player
    const auto out = dir.path() / "screen.png";
    auto command = std::async(std::launch::async, [&] { return take_snapshot(status_file, out, std::chrono::seconds(30)); });
    REQUIRE(harness->step_until([&] { return command.wait_for(std::chrono::seconds(0)) == std::future_status::ready; }));
    const SnapshotOutcome outcome = command.get();
    CAPTURE(outcome.message);
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.message.starts_with(out.string() + ": 640x360, "));
    const platform::SurfacePtr saved = load_png(out);
    CHECK(saved->w == 640);
    CHECK_FALSE(all_black(saved.get()));
}

TEST_CASE("GET /snapshot.png takes a new snapshot, and other pages are not found")
{
    ScratchDir dir("signage-snapshot-http");
    auto harness = shown_player(dir);
    SnapshotWriter* writer = harness->player->snapshot_writer();
    auto reply = std::async(std::launch::async, [&] { return writer->http_reply("/snapshot.png"); });
    REQUIRE(harness->step_until([&] { return reply.wait_for(std::chrono::seconds(0)) == std::future_status::ready; }));
    const platform::HttpReply png = reply.get();
    CHECK(png.status == 200);
    CHECK(png.content_type == "image/png");
    CHECK(png.body.compare(0, 4, "\x89PNG") == 0);
    CHECK(writer->http_reply("/other").status == 404);
}

TEST_CASE("the snapshot command says in one line why there is no snapshot")
{
    ScratchDir dir("signage-snapshot-errors");
    const auto status_file = dir.path() / "status.json";
    const auto pid_file = pid_path_for(status_file);
    const auto out = dir.path() / "screen.png";

    SnapshotOutcome none = take_snapshot(status_file, out, std::chrono::milliseconds(100));
    CHECK(none.exit_code == 1);
    CHECK(none.message.starts_with("no player running: no " + pid_file.string()));

    const pid_t ended = ::fork();
    REQUIRE(ended >= 0);
    if (ended == 0)
        ::_exit(0);
    REQUIRE(::waitpid(ended, nullptr, 0) == ended);
    REQUIRE(platform::write_file_atomically(pid_file, std::to_string(ended) + "\n").ok());
    SnapshotOutcome stale = take_snapshot(status_file, out, std::chrono::milliseconds(100));
    CHECK(stale.exit_code == 1);
    CHECK(stale.message.find("no player running: " + pid_file.string() + " names process " + std::to_string(ended) + ", which has ended") == 0);

    REQUIRE(platform::write_file_atomically(pid_file, "player\n").ok());
    CHECK(take_snapshot(status_file, out, std::chrono::milliseconds(100)).message.find("not a process id") != std::string::npos);

    // A player that never answers: why, from its status file.
    const pid_t deaf = deaf_process();
    REQUIRE(platform::write_file_atomically(pid_file, std::to_string(deaf) + "\n").ok());
    const auto pid_time = std::filesystem::last_write_time(pid_file);
    CHECK(take_snapshot(status_file, out, std::chrono::milliseconds(100)).message.starts_with("the player is waiting for a display"));
    write_status(status_file, false, true);
    CHECK(take_snapshot(status_file, out, std::chrono::milliseconds(100)).message.starts_with("the player is waiting for a display"));
    write_status(status_file, true, false);
    CHECK(take_snapshot(status_file, out, std::chrono::milliseconds(100)).message.starts_with("off hours"));
    write_status(status_file, true, true);
    CHECK(take_snapshot(status_file, out, std::chrono::milliseconds(100)).message.starts_with("the player did not answer within 1 s"));
    std::filesystem::last_write_time(pid_file, pid_time - std::chrono::minutes(2));
    std::filesystem::last_write_time(status_file, pid_time - std::chrono::minutes(1));
    CHECK(take_snapshot(status_file, out, std::chrono::milliseconds(100)).message.find("the player's loop is frozen") != std::string::npos);
    ::kill(deaf, SIGKILL);
    ::waitpid(deaf, nullptr, 0);
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("the snapshot command tells a user who may not signal the player to use sudo")
{
    ScratchDir dir("signage-snapshot-permission");
    const auto status_file = dir.path() / "status.json";
    if (::geteuid() != 0) {
        // Someone else's process: init's, unless this is a container of our own.
        if (std::filesystem::status(std::filesystem::path("/proc/1")).permissions() == std::filesystem::perms::none) {
            skip_test("no /proc/1");
            return;
        }
        REQUIRE(platform::write_file_atomically(pid_path_for(status_file), "1\n").ok());
        const SnapshotOutcome denied = take_snapshot(status_file, dir.path() / "screen.png", std::chrono::milliseconds(100));
        if (denied.message.find("permission denied") == std::string::npos) {
            skip_test("process 1 is this user's own here");
            return;
        }
        CHECK(denied.message.starts_with("permission denied to signal the player (process 1): run with sudo"));
        return;
    }
    // Root: the command run as nobody against this process (root's).
    install_snapshot_signal_handler();  // should it reach us after all, the test fails rather than the process
    if (run_shell("command -v setpriv >/dev/null").exit_code != 0) {
        skip_test("no setpriv to run the command as another user");
        return;
    }
    const std::string as_nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    // A build in a private folder, or a player that is a script (the cross build's qemu wrapper),
    // may be out of nobody's reach: then there is nothing to ask.
    if (run_shell(as_nobody + shell_quoted(SIGNAGE_PLAYER_BIN) + " --version >/dev/null 2>&1").exit_code != 0) {
        skip_test("the user nobody cannot run " + std::string(SIGNAGE_PLAYER_BIN) + " here");
        return;
    }
    std::filesystem::permissions(dir.path(), std::filesystem::perms::all);  // nobody may read player.pid
    REQUIRE(platform::write_file_atomically(pid_path_for(status_file), std::to_string(::getpid()) + "\n").ok());
    std::filesystem::permissions(pid_path_for(status_file), std::filesystem::perms::owner_read | std::filesystem::perms::others_read);
    const ShellOutcome denied = run_shell(as_nobody + shell_quoted(SIGNAGE_PLAYER_BIN) +
                                          " snapshot --file " + shell_quoted(status_file.string()) + " " +
                                          shell_quoted((dir.path() / "screen.png").string()) + " 2>&1");
    CHECK(denied.exit_code == 1);
    CHECK(denied.output == "<3>snapshot: permission denied to signal the player (process " + std::to_string(::getpid()) +
                               "): run with sudo, or as the user signage-player\n");
}

TEST_CASE("signage-player snapshot saves the screen of a signage-player running on its own")
{
    ScratchDir dir("signage-snapshot-binary");
    std::ofstream(dir.path() / "feed.xml", std::ios::binary) << feed_of(3);
    std::ofstream(dir.path() / "config.toml", std::ios::binary)
        << "[[feed]]\nname = \"test\"\npath = \"feed.xml\"\nlanguage = \"en\"\n\n[display]\nrenderer = \"software\"\n";
    // As under systemd: status.json, player.pid and snapshot.png in $RUNTIME_DIRECTORY.
    const std::string runtime = "RUNTIME_DIRECTORY=" + dir.path().string();
    std::vector<std::string> environment{runtime, "SDL_VIDEODRIVER=dummy"};
    for (char** variable = environ; *variable; ++variable)
        if (!std::string_view(*variable).starts_with("RUNTIME_DIRECTORY=") && !std::string_view(*variable).starts_with("SDL_VIDEODRIVER="))
            environment.emplace_back(*variable);
    std::vector<char*> envp;
    for (std::string& variable : environment)
        envp.push_back(variable.data());
    envp.push_back(nullptr);
    std::vector<std::string> arguments{SIGNAGE_PLAYER_BIN, "--config", (dir.path() / "config.toml").string(), "--windowed", "640x360"};
    std::vector<char*> argv;
    for (std::string& argument : arguments)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    const std::string log_path = (dir.path() / "player.log").string();
    posix_spawn_file_actions_addopen(&files, 2, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t player = 0;
    REQUIRE(posix_spawn(&player, argv[0], &files, nullptr, argv.data(), envp.data()) == 0);
    posix_spawn_file_actions_destroy(&files);

    // The player's pid file may not be there yet: the command then says no player runs; ask again.
    const std::string command = runtime + " " + shell_quoted(SIGNAGE_PLAYER_BIN) + " snapshot " +
                                shell_quoted((dir.path() / "screen.png").string()) + " 2>&1";
    ShellOutcome saved;
    for (int attempt = 0; attempt < 100; ++attempt) {
        saved = run_shell(command);
        if (saved.output.find("no player running") == std::string::npos)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(player, SIGTERM);
    int status = 0;
    REQUIRE(::waitpid(player, &status, 0) == player);
    std::ifstream log_file(log_path);
    const std::string log((std::istreambuf_iterator<char>(log_file)), std::istreambuf_iterator<char>());
    CAPTURE(log);
    CHECK(saved.exit_code == 0);
    CHECK(saved.output == (dir.path() / "screen.png").string() + ": 640x360, " +
                              std::to_string(std::filesystem::file_size(dir.path() / "screen.png")) + " bytes, from the player's screen (process " +
                              std::to_string(player) + ")\n");
    const platform::SurfacePtr screen = load_png(dir.path() / "screen.png");
    CHECK(screen->w == 640);
    CHECK_FALSE(all_black(screen.get()));
    CHECK(log.find("snapshot: " + (dir.path() / "snapshot.png").string() + " (640x360)") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "player.pid"));  // removed at the end
}

}  // namespace signage::app

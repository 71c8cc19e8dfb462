#include "platform/background_command.hpp"

#include "platform/spawn_settings.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <mutex>
#include <spawn.h>
#include <sys/wait.h>
#include <system_error>
#include <thread>
#include <utility>

extern char** environ;

namespace signage::platform {

struct BackgroundCommands::Shared {
    std::mutex mutex;
    std::vector<CommandEnd> ended;
};

namespace {

std::string error_text(int error_number)
{
    return std::generic_category().message(error_number);
}


// No input to wait for, and its chatter kept out of the player's log; its errors (stderr) stay
// in the log beside the player's own line about it. The player's sockets and files are closed:
// a command that hangs must not hold them open.
int set_up_files(SpawnFileActions& actions)
{
    if (actions.error() != 0)
        return actions.error();
    if (int error = posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0))
        return error;
    if (int error = posix_spawn_file_actions_addopen(actions.get(), STDOUT_FILENO, "/dev/null", O_WRONLY, 0))
        return error;
    return posix_spawn_file_actions_addclosefrom_np(actions.get(), STDERR_FILENO + 1);
}

CommandEnd wait_for(pid_t pid, std::string label)
{
    CommandEnd end{std::move(label)};
    int status = 0;
    pid_t waited;
    do
        waited = waitpid(pid, &status, 0);
    while (waited == -1 && errno == EINTR);
    if (waited == pid && WIFEXITED(status))
        end.exit_code = WEXITSTATUS(status);
    else if (waited == pid && WIFSIGNALED(status))
        end.signal = WTERMSIG(status);
    return end;
}

}  // namespace

BackgroundCommands::BackgroundCommands() : m_shared(std::make_shared<Shared>()) {}

Status BackgroundCommands::start(const std::vector<std::string>& argv, std::string label)
{
    if (argv.empty() || argv.front().empty())
        return Error{"no program to run"};
    if (!m_shared)  // moved from, then used again
        m_shared = std::make_shared<Shared>();
    SpawnAttributes attributes;
    SpawnFileActions actions;
    if (int error = reset_signals_in_child(attributes); error != 0)
        return Error{argv.front() + ": " + error_text(error)};
    if (int error = set_up_files(actions); error != 0)
        return Error{argv.front() + ": " + error_text(error)};

    std::vector<char*> arguments;
    for (const std::string& argument : argv)
        arguments.push_back(const_cast<char*>(argument.c_str()));  // exec's C signature; never written
    arguments.push_back(nullptr);
    pid_t pid = 0;
    // glibc reports a program that cannot be executed here, not only through the exit status.
    if (int error = posix_spawnp(&pid, arguments.front(), actions.get(), attributes.get(), arguments.data(), environ))
        return Error{argv.front() + ": " + error_text(error)};

    // Waiting is a thread's job, so nothing the caller does can be held up by it.
    try {
        std::thread([shared = m_shared, pid, label = std::move(label)]() mutable {
            CommandEnd end = wait_for(pid, std::move(label));
            std::lock_guard lock(shared->mutex);
            shared->ended.push_back(std::move(end));
        }).detach();
    } catch (const std::system_error&) {
        // Without a thread the command still runs and does its work; only its end goes unseen
        // and it stays a zombie until the player exits.
    }
    return Done{};
}

std::vector<CommandEnd> BackgroundCommands::take_ended()
{
    if (!m_shared)
        return {};
    std::lock_guard lock(m_shared->mutex);
    return std::exchange(m_shared->ended, {});
}

}  // namespace signage::platform

#pragma once
// Programs run beside the player without waiting for them: the render loop must never stop
// for a child process, however long it takes or if it hangs.
#include "util/result.hpp"

#include <memory>
#include <string>
#include <vector>

namespace signage::platform {

// How a program started by BackgroundCommands ended.
struct CommandEnd {
    std::string label;   // as given to start()
    int exit_code = -1;  // -1: it did not exit by itself
    int signal = 0;      // the signal that ended it, 0: none

    bool succeeded() const { return exit_code == 0; }
};

class BackgroundCommands {
public:
    BackgroundCommands();

    // Starts `argv` (argv[0] is looked up in PATH unless it holds a '/') with stdin and stdout on
    // /dev/null and stderr shared with the player's, and returns at once. An error, phrased
    // "<program>: <reason>", when it cannot be started (no such program, not executable).
    Status start(const std::vector<std::string>& argv, std::string label);
    // The commands that ended since the last call, in the order they ended. Never waits.
    std::vector<CommandEnd> take_ended();

private:
    struct Shared;
    // Shared with each command's waiting thread, which may outlive this object: a command still
    // running when the object goes is still reaped, so it never lingers as a zombie.
    std::shared_ptr<Shared> m_shared;
};

}  // namespace signage::platform

#pragma once
// posix_spawn's settings are C objects with init/destroy pairs: owned here, so that every path
// out of a spawn destroys them.
#include <csignal>
#include <spawn.h>

namespace signage::platform {

template <typename Object, int (*init)(Object*), int (*destroy)(Object*)>
class SpawnSettings {
public:
    SpawnSettings() : m_error(init(&m_object)) {}
    ~SpawnSettings()
    {
        if (m_error == 0)
            destroy(&m_object);
    }
    SpawnSettings(const SpawnSettings&) = delete;
    SpawnSettings& operator=(const SpawnSettings&) = delete;

    int error() const { return m_error; }
    Object* get() { return &m_object; }

private:
    Object m_object;
    int m_error;
};

using SpawnAttributes = SpawnSettings<posix_spawnattr_t, posix_spawnattr_init, posix_spawnattr_destroy>;
using SpawnFileActions = SpawnSettings<posix_spawn_file_actions_t, posix_spawn_file_actions_init, posix_spawn_file_actions_destroy>;

// A child starts clean: the player's ignored signals (SIGPIPE, for its sockets) and blocked ones
// would otherwise carry over exec and change how the program behaves. 0 or an errno value.
inline int reset_signals_in_child(SpawnAttributes& attributes)
{
    if (attributes.error() != 0)
        return attributes.error();
    sigset_t all;
    sigset_t none;
    sigfillset(&all);
    sigemptyset(&none);
    if (const int error = posix_spawnattr_setsigdefault(attributes.get(), &all))
        return error;
    if (const int error = posix_spawnattr_setsigmask(attributes.get(), &none))
        return error;
    return posix_spawnattr_setflags(attributes.get(), POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
}

}  // namespace signage::platform

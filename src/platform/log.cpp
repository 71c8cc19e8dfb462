#include "platform/log.hpp"

#include <cstdio>
#include <mutex>

namespace signage::platform {

void log_line(std::string_view message)
{
    // The fetcher thread logs too; keep lines whole.
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    std::fprintf(stderr, "signage-player: %.*s\n", static_cast<int>(message.size()), message.data());
    std::fflush(stderr);
}

}  // namespace signage::platform

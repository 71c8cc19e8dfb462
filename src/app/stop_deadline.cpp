#include "app/stop_deadline.hpp"

#include "platform/log.hpp"

#include <cstdlib>
#include <string>
#include <utility>

namespace signage::app {

StopDeadline::StopDeadline(std::chrono::milliseconds grace, std::function<void()> expire)
{
    m_thread = std::thread([this, grace, expire = std::move(expire)] {
        std::unique_lock lock(m_mutex);
        if (!m_done_changed.wait_for(lock, grace, [this] { return m_done; }))
            expire();
    });
}

StopDeadline::~StopDeadline()
{
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
    }
    m_done_changed.notify_all();
    m_thread.join();
}

void end_process_now()
{
    platform::log({platform::LogLevel::warning, "app",
                   "stopping took longer than " + std::to_string(kStopGrace.count()) +
                       " ms (a worker is still busy); the player ends now without waiting for it"});
    // Not exit(): that would run the destructors of what the busy worker may still be using.
    std::_Exit(0);
}

}  // namespace signage::app

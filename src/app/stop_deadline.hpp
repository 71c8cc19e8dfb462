#pragma once
// A stop request ends the process within a bounded time, whatever a worker is doing. After the
// loop has ended, the player joins its threads (the fetcher, the text worker, the status writer,
// command waiters); each is built to stop at once, but a worker caught in a call that does not
// look at its stop request (a library that blocks) would otherwise hold the exit for as long as
// the call takes, and systemd would wait, then kill. Everything the player keeps on disk is
// replaced atomically, so ending without the join loses nothing.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace signage::app {

// How long the teardown may take before the process ends without it: with the frame that sees
// the request, well within the two seconds a stop may take.
inline constexpr std::chrono::milliseconds kStopGrace{1500};

class StopDeadline {
public:
    // Calls `expire` on a thread of its own unless destroyed within `grace`.
    StopDeadline(std::chrono::milliseconds grace, std::function<void()> expire);
    ~StopDeadline();  // in time: `expire` is not called
    StopDeadline(const StopDeadline&) = delete;
    StopDeadline& operator=(const StopDeadline&) = delete;

private:
    std::mutex m_mutex;
    std::condition_variable m_done_changed;
    bool m_done = false;
    std::thread m_thread;  // last: starts after what it uses exists
};

// The player's `expire`: one line saying the process ends without waiting, then _Exit(0).
void end_process_now();

}  // namespace signage::app

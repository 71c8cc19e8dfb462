#include "render/text_worker.hpp"

#include "platform/heap.hpp"
#include "platform/log.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <exception>

namespace signage::render {

namespace {

// Nothing thrown by a job may leave the thread (that would end the process): it is logged, and
// the job is handed back failed, so the screen keeps what it shows.
TextWorker::Finished run_job(std::string key, const TextWorker::Job& job)
{
    try {
        ComposedBlock block = job();
        return {std::move(key), std::move(block), false};
    } catch (const std::exception& error) {
        platform::log({platform::LogLevel::warning, "text",
                       "the worker making " + printable_key(key) + " failed (" + error.what() + "); the screen keeps what it shows"});
    } catch (...) {
        platform::log({platform::LogLevel::warning, "text",
                       "the worker making " + printable_key(key) + " failed (an unknown exception); the screen keeps what it shows"});
    }
    return {std::move(key), ComposedBlock{}, true};
}

}  // namespace

std::string printable_key(std::string_view key)
{
    const auto separator = key.find('\x1f');
    if (separator == std::string_view::npos)
        return "\"" + std::string(key) + "\"";
    return std::string(key.substr(0, separator)) + " \"" + std::string(key.substr(separator + 1)) + "\"";
}

TextWorker::TextWorker()
    : m_thread([this] { run(); })
{
}

TextWorker::~TextWorker()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_wake.notify_one();
    m_thread.join();
}

void TextWorker::submit(std::string key, Job job)
{
    {
        const std::lock_guard lock(m_mutex);
        m_queue.emplace_back(std::move(key), std::move(job));
    }
    m_wake.notify_one();
}

std::optional<TextWorker::Finished> TextWorker::take_finished()
{
    const std::lock_guard lock(m_mutex);
    if (m_finished.empty())
        return std::nullopt;
    Finished finished = std::move(m_finished.front());
    m_finished.pop_front();
    return finished;
}

void TextWorker::release_heap_later()
{
    {
        const std::lock_guard lock(m_mutex);
        m_release_heap = true;
    }
    m_wake.notify_one();
}

void TextWorker::run()
{
    // Below the render loop: on a small machine a busy worker must take the spare time, not the
    // frame's. Linux gives each thread its own nice value; failing that, it runs at normal priority.
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty() || m_release_heap; });
        if (m_stopping)
            return;
        if (m_queue.empty()) {
            m_release_heap = false;
            lock.unlock();
            platform::release_free_heap();
            lock.lock();
            continue;
        }
        auto [key, job] = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        Finished finished = run_job(std::move(key), job);
        lock.lock();
        m_finished.push_back(std::move(finished));
    }
}

}  // namespace signage::render

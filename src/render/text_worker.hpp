#pragma once
// Makes text on a thread of its own, so a board change or a reload never stalls the crawl:
// shaping and rasterizing a screen of notices takes hundreds of milliseconds on a Raspberry Pi,
// many frames' worth. The owner gives each job fonts that only the worker uses (FreeType faces
// are not safe to share between threads) and collects the results between frames.
#include "render/text_cache.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace signage::render {

// A text's cache key ("title\x1f<text>") as a log line names it: title "<text>".
std::string printable_key(std::string_view key);

class TextWorker {
public:
    using Job = std::function<ComposedBlock()>;
    struct Finished {
        std::string key;
        ComposedBlock block;
        bool failed = false;  // the job threw (and was logged): `block` is empty
    };

    TextWorker();
    // Finishes the job at hand, drops the rest.
    ~TextWorker();
    TextWorker(const TextWorker&) = delete;
    TextWorker& operator=(const TextWorker&) = delete;

    // Jobs run one at a time, in the order given.
    void submit(std::string key, Job job);
    // The oldest finished job, if any. Never waits.
    std::optional<Finished> take_finished();
    // Once the jobs given so far are done, gives the heap's free pages back to the system
    // (platform::release_free_heap) on this thread, below the render loop's priority.
    void release_heap_later();

private:
    void run();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::pair<std::string, Job>> m_queue;
    std::deque<Finished> m_finished;
    bool m_stopping = false;
    bool m_release_heap = false;
    std::thread m_thread;  // last: starts when everything it uses is ready
};

}  // namespace signage::render

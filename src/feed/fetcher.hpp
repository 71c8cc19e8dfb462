#pragma once
// Polls feed sources on a worker thread and hands finished updates to the main thread.
#include "config/config.hpp"
#include "model/notice.hpp"
#include "util/result.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

struct SourceUpdate {
    std::string source_name;
    std::vector<Notice> notices;
};

// Fetch and parse one source, blocking. Errors read `feed "<name>": <url>: <reason>`.
Result<std::vector<Notice>> read_source(const FeedSource& source);
// The same, cancelled (an error) soon after `stop` is requested.
Result<std::vector<Notice>> read_source(const FeedSource& source, std::stop_token stop);

class FeedFetcher {
public:
    // `wake` is called on the worker thread after an update is queued (push an SDL event, say).
    FeedFetcher(std::vector<FeedSource> sources, std::function<void()> wake);
    ~FeedFetcher();  // stops and joins the worker
    FeedFetcher(const FeedFetcher&) = delete;
    FeedFetcher& operator=(const FeedFetcher&) = delete;

    // Successful updates since the last call, oldest first. Never blocks on the network.
    std::vector<SourceUpdate> take_updates();

private:
    void run();

    std::vector<FeedSource> m_sources;
    std::function<void()> m_wake;
    std::mutex m_mutex;
    std::condition_variable m_stop_signal;
    bool m_stopping = false;
    std::vector<SourceUpdate> m_pending;
    std::stop_source m_cancel;  // aborts a transfer in flight when the destructor runs
    std::thread m_worker;  // last: starts after everything it uses exists
};

#include "render/text_worker.hpp"
#include "captured_log.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <thread>
#include <vector>

namespace signage::render {

namespace {

// Waits for `count` finished jobs: the worker runs them whatever the machine's speed.
std::vector<TextWorker::Finished> take(TextWorker& worker, std::size_t count)
{
    std::vector<TextWorker::Finished> finished;
    while (finished.size() < count) {
        if (auto one = worker.take_finished())
            finished.push_back(std::move(*one));
        else
            std::this_thread::yield();
    }
    return finished;
}

ComposedBlock block_of_size(int pixel_size)
{
    ComposedBlock block;
    block.pixel_size = pixel_size;
    return block;
}

}  // namespace

TEST_CASE("the text worker hands back finished jobs in the order they were given")
{
    TextWorker worker;
    worker.submit("first", [] { return block_of_size(1); });
    worker.submit("second", [] { return block_of_size(2); });
    const auto finished = take(worker, 2);
    CHECK(finished[0].key == "first");
    CHECK(finished[0].block.pixel_size == 1);
    CHECK(finished[1].key == "second");
    CHECK(finished[1].block.pixel_size == 2);
}

TEST_CASE("a job that throws on the text worker is logged and handed back as failed, and the worker goes on")
{
    CapturedLog log;
    TextWorker worker;
    worker.submit("title\x1fheadline", []() -> ComposedBlock { throw std::runtime_error("no glyph table"); });
    worker.submit("after", [] { return block_of_size(7); });
    const auto finished = take(worker, 2);
    CHECK(finished[0].key == "title\x1fheadline");
    CHECK(finished[0].failed);
    CHECK(finished[0].block.lines.empty());
    CHECK(finished[1].key == "after");
    CHECK_FALSE(finished[1].failed);
    CHECK(finished[1].block.pixel_size == 7);
    const std::string logged = log.text();
    CHECK(occurrences(logged, "\n") == 1);
    CHECK(logged.find("no glyph table") != std::string::npos);
    CHECK(logged.find("making title \"headline\" failed") != std::string::npos);
}

}  // namespace signage::render

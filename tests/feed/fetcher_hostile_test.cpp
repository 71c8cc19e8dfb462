// Issue 14, defect 1: one source must never hold up another. Before the fix a FIFO as a feed's
// path held the fetcher (and every feed) forever, and a feed of one element with 200,000
// attributes held it for about 45 s of CPU, while a healthy feed beside it waited.
#include "feed/fetcher.hpp"

#include "feed/http_client.hpp"
#include "fetch_test_support.hpp"
#include "feed_fixtures.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/stat.h>

namespace signage::feed {

using feed_test::eventually;
using feed_test::file_url;
using feed_test::scratch_dir;

namespace {

config::FeedSource file_source(const std::string& name, const std::filesystem::path& path)
{
    return {name, file_url(path), "en", std::chrono::seconds{300}};
}

config::FeedSource healthy_source()
{
    return file_source("healthy", std::filesystem::path(SIGNAGE_SOURCE_DIR) / "assets" / "sample-feed.xml");
}

// The first update of each source, gathered as the screen takes them.
struct FirstUpdates {
    std::vector<SourceUpdate> updates;

    const SourceUpdate* of(const std::string& name) const
    {
        for (const SourceUpdate& update : updates) {
            if (update.source_name == name)
                return &update;
        }
        return nullptr;
    }
    bool take_until_both(FeedFetcher& fetcher, const std::string& a, const std::string& b)
    {
        return eventually([&] {
            for (auto& update : fetcher.take_updates())
                updates.push_back(std::move(update));
            return of(a) && of(b);
        });
    }
};

}  // namespace

TEST_CASE("FeedFetcher: a FIFO as a feed's path is refused at once, and the feed beside it is read")
{
    const CurlGlobal curl;
    const auto scratch = scratch_dir("signage-fifo-feed");
    const auto fifo = scratch / "feed.xml";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // nobody ever writes to it
    FirstUpdates received;
    {
        FeedFetcher fetcher({file_source("fifo", fifo), healthy_source()}, nullptr);
        REQUIRE(received.take_until_both(fetcher, "fifo", "healthy"));
    }
    const SourceUpdate& refused = *received.of("fifo");
    CHECK(refused.failing);
    CHECK_FALSE(refused.notices);
    CHECK(refused.status.error == file_url(fifo) + ": it is a FIFO, not a file: a feed's path must name a feed file");
    REQUIRE(received.of("healthy")->notices);
    CHECK(received.of("healthy")->notices->size() == 5);
    std::filesystem::remove_all(scratch);
}

TEST_CASE("FeedFetcher: a feed crafted to stall the XML parser fails on its own while the one beside it is read")
{
    const CurlGlobal curl;
    const auto scratch = scratch_dir("signage-crafted-feed");
    const auto crafted = scratch / "crafted.xml";
    {
        std::ofstream out(crafted);
        out << "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item";
        for (int i = 0; i < 200'000; ++i)
            out << " a" << i << "=\"x\"";
        out << "><title>x</title></item></channel></rss>";
    }
    FirstUpdates received;
    {
        FeedFetcher fetcher({file_source("crafted", crafted), healthy_source()}, nullptr);
        REQUIRE(received.take_until_both(fetcher, "crafted", "healthy"));
    }
    const SourceUpdate& refused = *received.of("crafted");
    CHECK(refused.failing);
    CHECK(refused.status.error.find("refused: an element with 200000 attributes") != std::string::npos);
    REQUIRE(received.of("healthy")->notices);
    CHECK(received.of("healthy")->notices->size() == 5);
    std::filesystem::remove_all(scratch);
}

}  // namespace signage::feed

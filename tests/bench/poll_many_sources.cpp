// Polls 50 sources on the loopback test server, one of which stalls for 30 s, and prints how
// long each of the other 49 took to reach the screen: with every fetch in flight at once the
// stalled one costs the others nothing. A number printer, not a test: timing is the machine's.
//
//     build/bin/bench-poll_many_sources [rounds]
#include "feed/fetcher.hpp"
#include "feed/http_client.hpp"

#include "../feed/feed_server.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kSources = 50;

double milliseconds(Clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

int main(int argc, char** argv)
{
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    const signage::feed::CurlGlobal curl;
    const signage::feed::feed_test::FeedServer server;
    if (!server.ok()) {
        std::fprintf(stderr, "bench-poll_many_sources: %s\n", server.error().c_str());
        return 1;
    }

    std::printf("%d sources on %s, source-0 stalled (the server sleeps 30 s before answering)\n", kSources,
                server.origin().c_str());
    std::printf("%-6s %8s %10s %8s %10s\n", "round", "others", "min ms", "median", "max ms");
    for (int round = 1; round <= rounds; ++round) {
        std::vector<signage::config::FeedSource> sources;
        for (int i = 0; i < kSources; ++i) {
            signage::config::FeedSource source;
            source.name = "source-" + std::to_string(i);
            source.location = i == 0 ? server.url("/slow/30/feed/rss2-bilingual.xml")
                                     : server.url("/feed/rss2-bilingual.xml?round=" + std::to_string(round) + "&n=" + std::to_string(i));
            source.language = "en";
            sources.push_back(source);
        }

        std::map<std::string, Clock::duration> latency;
        const auto start = Clock::now();
        {
            signage::feed::FeedFetcher fetcher(sources, nullptr);
            while (latency.size() < kSources - 1 && Clock::now() - start < std::chrono::seconds{20}) {
                for (const signage::feed::SourceUpdate& update : fetcher.take_updates()) {
                    if (update.notices && !latency.contains(update.source_name))
                        latency[update.source_name] = Clock::now() - start;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds{1});
            }
        }
        std::vector<double> others;
        for (const auto& [name, took] : latency) {
            if (name != "source-0")
                others.push_back(milliseconds(took));
        }
        std::ranges::sort(others);
        if (others.empty()) {
            std::printf("%-6d %8d %10s %8s %10s\n", round, 0, "-", "-", "-");
            continue;
        }
        std::printf("%-6d %8zu %10.1f %8.1f %10.1f%s\n", round, others.size(), others.front(), others[others.size() / 2],
                    others.back(), latency.contains("source-0") ? "  (the stalled one arrived too?)" : "");
    }
    std::printf("(a fetcher that polled one source at a time would keep the 49 waiting behind source-0\n"
                " for its whole 30 s timeout, every round)\n");
    return 0;
}

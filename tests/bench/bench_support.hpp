#pragma once
// What the bench programs share: the order statistics they print, and notices made of the bench
// headlines (bench_headlines.hpp) as a feed would give them.
#include "bench_headlines.hpp"
#include "model/notice.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

// The value at `fraction` of the way through the sorted values (0.5: the median, 1: the largest).
inline double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1) + 0.5)];
}

inline double median(std::vector<double> values) { return percentile(std::move(values), 0.5); }

// Headline `index` (modulo the 50) as a bilingual notice: Korean and English titles, published at
// midnight UTC (09:00 in Korea) on successive days back from 4 June 2024, so the date lines vary.
inline signage::model::Notice bench_notice(std::size_t index)
{
    using namespace std::chrono;
    const Headline& headline = kHeadlines[index % kHeadlines.size()];
    signage::model::Notice notice;
    notice.id = "bench-" + std::to_string(index);
    notice.titles = {{"ko", std::string(headline.ko)}, {"en", std::string(headline.en)}};
    notice.published = time_point_cast<seconds>(sys_days{2024y / June / 4} - days(static_cast<int>(index)));
    notice.source_name = "bench";
    return notice;
}

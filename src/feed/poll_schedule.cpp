#include "feed/poll_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace signage::feed {

namespace {

double unit_interval(double random_unit)
{
    // NaN fails both comparisons and lands on 0.
    return random_unit >= 0.0 ? std::min(random_unit, 1.0) : 0.0;
}

std::chrono::milliseconds scaled(std::chrono::milliseconds d, double factor)
{
    return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(std::llround(static_cast<double>(d.count()) * factor)));
}

}  // namespace

std::chrono::milliseconds next_retry_delay(int attempt, std::chrono::milliseconds poll_interval, double random_unit,
                                           std::chrono::milliseconds retry_after)
{
    const auto cap = std::max(poll_interval, std::chrono::milliseconds{1});
    auto delay = std::min(cap, kFirstRetry);
    // Doubling stops at the cap, which also keeps a long outage's attempt count from overflowing.
    for (int i = 1; i < attempt && delay < cap; ++i)
        delay = std::min(cap, delay * 2);
    delay = scaled(delay, 0.5 + 0.5 * unit_interval(random_unit));
    const auto longest_wait = std::max(poll_interval, kLongestRetryAfter);
    return std::max({delay, std::min(retry_after, longest_wait), std::chrono::milliseconds{1}});
}

std::chrono::milliseconds next_poll_delay(std::chrono::milliseconds poll_interval, double random_unit)
{
    const auto interval = std::max(poll_interval, std::chrono::milliseconds{1});
    return std::max(scaled(interval, 1.0 - 0.1 * unit_interval(random_unit)), std::chrono::milliseconds{1});
}

}  // namespace signage::feed

#pragma once
// When to fetch a feed next: pure functions of the poll interval, the count of failures and a
// random number, so the schedule is tested without clocks or threads.
#include <chrono>

namespace signage::feed {

// The first retry after a failure comes after at most this long (or the poll interval, if
// shorter), so a screen that booted before the network came up shows notices soon after it does.
inline constexpr std::chrono::milliseconds kFirstRetry{30'000};
// A server's Retry-After is honoured up to this long, or the poll interval if that is longer.
inline constexpr std::chrono::milliseconds kLongestRetryAfter{3'600'000};

// Delay before retry number `attempt` (1 after the first failure): min(poll_interval, 30 s),
// doubled for each further failure up to poll_interval, then spread by jitter into
// [half of it, all of it] with `random_unit` in [0, 1). The jitter keeps hundreds of screens
// that failed together (a server restart) from coming back together. `retry_after` (a 429 or
// 503's Retry-After) is a floor, capped at max(poll_interval, 1 h).
std::chrono::milliseconds next_retry_delay(int attempt, std::chrono::milliseconds poll_interval, double random_unit,
                                           std::chrono::milliseconds retry_after = std::chrono::milliseconds{0});

// Delay before the next poll after a success: poll_interval shortened by up to a tenth, at
// random, so screens switched on together drift apart instead of polling in step forever;
// never later than the configured interval.
std::chrono::milliseconds next_poll_delay(std::chrono::milliseconds poll_interval, double random_unit);

}  // namespace signage::feed

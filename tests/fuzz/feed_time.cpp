// Fuzz target: feed dates (feed::parse_feed_time), every form it reads, at a zoneless offset the
// first byte picks. A date it accepts must print and read back as the same instant.
#include "feed/feed_time.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    // -14:00 .. +14:00 in quarter hours, as zones go.
    const std::chrono::minutes offset{(static_cast<int>(data[0] % 113) - 56) * 15};
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto time = signage::feed::parse_feed_time(text, offset);
    if (!time)
        return 0;
    const std::string printed = signage::feed::format_iso8601_utc(*time);
    const auto again = signage::feed::parse_feed_time(printed);
    if (!again || *again != *time)
        std::abort();  // what dump-feed prints must mean the instant that was read
    return 0;
}

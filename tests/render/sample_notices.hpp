#pragma once
// The notices of the bundled sample feed, read as the player reads them.
#include "app/headless.hpp"
#include "config/config.hpp"
#include "feed/http_client.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

inline std::vector<Notice> sample_notices()
{
    static CurlGlobal curl;
    auto notices = read_all_sources(default_config(source_dir()));
    REQUIRE(notices);
    REQUIRE(notices->size() == 5);
    return std::move(notices.value());
}

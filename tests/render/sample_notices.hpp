#pragma once
// The notices of the bundled sample feed, read as the player reads them.
#include "app/headless.hpp"
#include "config/config.hpp"
#include "feed/http_client.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

namespace signage::render {

inline std::vector<model::Notice> sample_notices()
{
    static feed::CurlGlobal curl;
    auto notices = app::read_all_sources(config::default_config(source_dir()));
    REQUIRE(notices);
    REQUIRE(notices->notices.size() == 5);
    CHECK(notices->alerts.empty());
    return std::move(notices->notices);
}

}  // namespace signage::render

// The golden comparison must tell a different picture from another build's rounding: a frame
// that differs by one digit of the clock or one syllable of a headline fails it.
#include "app/headless.hpp"
#include "config/config.hpp"
#include "golden.hpp"
#include "sample_notices.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

namespace signage::render {

namespace {

const model::TimePoint five_past_two = std::chrono::sys_days{std::chrono::year{2018} / 6 / 4} + std::chrono::hours{5} + std::chrono::minutes{5};

platform::SurfacePtr frame_at(const std::vector<model::Notice>& notices, model::TimePoint shown_time)
{
    auto frame = app::render_still(config::Config{}, notices, repository_roles(), app::StillRequest{960, 540, 3.0, shown_time});
    REQUIRE_MESSAGE(frame, problem(frame));
    return std::move(frame.value());
}

}  // namespace

TEST_CASE("golden tolerance: the same frame drawn twice is bit-exact")
{
    const auto notices = sample_notices();
    const platform::SurfacePtr first = frame_at(notices, five_past_two);
    const platform::SurfacePtr second = frame_at(notices, five_past_two);
    const GoldenDifference found = difference(first.get(), second.get());
    CHECK(found.worst == 0);
    CHECK(within_tolerance(found));
}

TEST_CASE("golden tolerance: one digit of the clock changed is a different picture")
{
    const auto notices = sample_notices();
    for (const int minutes_later : {1, 3, 10}) {
        CAPTURE(minutes_later);
        const platform::SurfacePtr shown = frame_at(notices, five_past_two);
        const platform::SurfacePtr later = frame_at(notices, five_past_two + std::chrono::minutes{minutes_later});
        const GoldenDifference found = difference(later.get(), shown.get());
        CAPTURE(found.differing);
        CHECK_FALSE(within_tolerance(found));
    }
}

TEST_CASE("golden tolerance: one syllable of the featured headline changed is a different picture")
{
    auto notices = sample_notices();
    const platform::SurfacePtr shown = frame_at(notices, five_past_two);
    REQUIRE(!notices.empty());
    auto& korean = notices.front().titles.front().text;
    const auto at = korean.find("안");
    REQUIRE_MESSAGE(at != std::string::npos, korean);
    korean.replace(at, std::string("안").size(), "인");
    const platform::SurfacePtr changed = frame_at(notices, five_past_two);
    const GoldenDifference found = difference(changed.get(), shown.get());
    CAPTURE(found.differing);
    CHECK_FALSE(within_tolerance(found));
}

}  // namespace signage::render

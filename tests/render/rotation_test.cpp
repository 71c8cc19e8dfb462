#include "render/rotation.hpp"

#include <doctest/doctest.h>

namespace signage::render {

TEST_CASE("a notice stays long enough to read its titles, within the configured bounds")
{
    CHECK(dwell_for(10, 20, 8.0, 20.0) == doctest::Approx(8.0));  // short: the minimum
    // 60 Hangul and 100 Latin characters: 2 + 7.5 + 6.7 s.
    CHECK(dwell_for(60, 100, 8.0, 20.0) == doctest::Approx(2.0 + 60 / 8.0 + 100 / 15.0));
    CHECK(dwell_for(400, 400, 8.0, 20.0) == doctest::Approx(20.0));  // very long: the maximum
    CHECK(dwell_for(400, 0, 30.0, 20.0) == doctest::Approx(30.0));   // max below dwell: dwell wins
}

TEST_CASE("the rotation shows each notice for its own dwell, then starts again")
{
    const FeaturedRotation rotation({8.0, 12.0, 10.0}, 0.0);
    CHECK(rotation.cycle_s() == doctest::Approx(30.0));
    CHECK(rotation.at(0.0).index == 0);
    CHECK(rotation.at(7.99).index == 0);
    CHECK(rotation.at(8.0).index == 1);
    CHECK(rotation.at(19.99).index == 1);
    CHECK(rotation.at(20.0).index == 2);
    CHECK(rotation.at(30.0).index == 0);
    CHECK(rotation.at(30.0 * 1000 + 9.0).index == 1);  // long after, still in step
}

TEST_CASE("the change to the next notice takes the transition at the end of a stay")
{
    const FeaturedRotation rotation({8.0, 8.0}, 0.5);
    CHECK(rotation.at(7.0).progress == 0.0);
    CHECK(rotation.at(7.5).progress == doctest::Approx(0.0));
    CHECK(rotation.at(7.75).progress == doctest::Approx(0.5));
    CHECK(rotation.at(7.75).index == 0);
    CHECK(rotation.at(7.75).next == 1);
    CHECK(rotation.at(8.0).progress == 0.0);  // then the next one is simply shown
    CHECK(rotation.at(8.0).index == 1);
    CHECK(rotation.at(15.75).next == 0);  // and the first one comes round again
}

TEST_CASE("stepping moves the rotation by whole notices, either way, and one notice never changes")
{
    const FeaturedRotation rotation({8.0, 8.0, 8.0}, 0.5);
    CHECK(rotation.at(1.0, 1).index == 1);
    CHECK(rotation.at(1.0, -1).index == 2);
    CHECK(rotation.at(1.0, -4).index == 2);
    const FeaturedRotation single({8.0}, 0.5);
    CHECK(single.at(7.9).progress == 0.0);
    CHECK(FeaturedRotation().at(3.0).index == 0);
}

TEST_CASE("each stay has its own turn number, so two changes between the same notices differ")
{
    const FeaturedRotation rotation({8.0, 8.0}, 0.5);
    CHECK(rotation.at(1.0).turn == 0);
    CHECK(rotation.at(7.9).turn == 0);
    CHECK(rotation.at(9.0).turn == 1);
    CHECK(rotation.at(17.0).turn == 2);  // notice 0 again, in the next cycle
    CHECK(rotation.at(17.0).index == rotation.at(1.0).index);
    CHECK(rotation.at(1.0, 1).turn == 1);  // a step is a change too
}

TEST_CASE("a slide starts and ends gently and moves whole pixels")
{
    CHECK(ease_in_out(0.0) == 0.0);
    CHECK(ease_in_out(0.5) == doctest::Approx(0.5));
    CHECK(ease_in_out(1.0) == 1.0);
    CHECK(ease_in_out(-1.0) == 0.0);
    CHECK(ease_in_out(2.0) == 1.0);
    CHECK(ease_in_out(0.1) < 0.1);  // slower than even at the start
    CHECK(ease_in_out(0.9) > 0.9);  // and at the end
    CHECK(ease_in_out(0.25) + ease_in_out(0.75) == doctest::Approx(1.0));  // symmetric
    double previous = 0.0;
    for (int i = 1; i <= 100; ++i) {
        const double now = ease_in_out(i / 100.0);
        CHECK(now >= previous);
        previous = now;
    }
    CHECK(slide_offset(0.0, 1280) == 0);
    CHECK(slide_offset(0.5, 1280) == 640);
    CHECK(slide_offset(1.0, 1280) == 1280);
    CHECK(slide_offset(0.25, 1280) == 80);  // 4 x 0.25^3 of the width
}

}  // namespace signage::render

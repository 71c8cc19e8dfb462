// How the featured notice (and a page of the list) changes: [screen] transition crossfade, slide
// or cut, over [featured] transition_s. Every notice stays 8 s here, so the first change ends at
// 8 s and runs from 7.4 s; 7.7 s is its middle.
#include "app/headless.hpp"
#include "config/config.hpp"
#include "golden.hpp"
#include "render/rotation.hpp"
#include "sample_notices.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

namespace signage::render {

namespace {

constexpr double before_change = 7.0;  // the first notice alone
constexpr double mid_change = 7.7;
constexpr double change_end = 8.0;  // the second notice alone, from here
constexpr double after_change = 8.5;

const model::TimePoint shown_time = std::chrono::sys_days{std::chrono::year{2018} / 6 / 4} + std::chrono::hours{5} + std::chrono::minutes{5};

config::Config with_transition(config::NoticeTransition transition)
{
    config::Config config;
    config.featured_dwell_s = 8.0;
    config.featured_max_dwell_s = 8.0;
    config.featured_transition_s = 0.6;
    config.screen.transition = transition;
    return config;
}

// Nine rows: two pages of the list at these sizes.
std::vector<model::Notice> list_notices()
{
    auto notices = sample_notices();
    for (int i = 0; i < 4; ++i)
        notices.push_back(notices[static_cast<std::size_t>(i)]);
    return notices;
}

platform::SurfacePtr frame(const config::Config& config, double seconds, int width = 960, int height = 540,
                 const std::vector<model::Notice>& notices = sample_notices())
{
    auto still = app::render_still(config, notices, repository_roles(), app::StillRequest{width, height, seconds, shown_time});
    REQUIRE_MESSAGE(still, problem(still));
    return std::move(still.value());
}

struct Rgb {
    int r, g, b;
};

Rgb rgb(const SDL_Surface* surface, int x, int y)
{
    const Uint32 p = argb_pixel(surface, x, y);
    return {static_cast<int>((p >> 16) & 0xFF), static_cast<int>((p >> 8) & 0xFF), static_cast<int>(p & 0xFF)};
}

int difference(Rgb a, Rgb b) { return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)}); }

// The rows of the notice itself (below the counter, above the crawl band), as fractions of the
// frame's height.
SDL_Rect notice_rows(int width, int height) { return {0, height * 25 / 100, width, height * 60 / 100}; }

bool same_pixels(const SDL_Surface* a, const SDL_Surface* b, const SDL_Rect& area)
{
    for (int y = area.y; y < area.y + area.h; ++y)
        for (int x = area.x; x < area.x + area.w; ++x)
            if (argb_pixel(a, x, y) != argb_pixel(b, x, y))
                return false;
    return true;
}

struct Mix {
    int compared = 0;     // pixels where the two notices differ a good deal
    int both_shown = 0;   // of these, where the frame is clearly neither of them: a mix
    int off_the_mix = 0;  // pixels anywhere in the area that are not old x (1 - opacity) + new x opacity
};

// How `middle` compares with the crossfade of `old_frame` into `new_frame` at `opacity`.
Mix mix_of(const SDL_Surface* old_frame, const SDL_Surface* new_frame, const SDL_Surface* middle, const SDL_Rect& area, double opacity)
{
    Mix mix;
    for (int y = area.y; y < area.y + area.h; ++y)
        for (int x = area.x; x < area.x + area.w; ++x) {
            const Rgb a = rgb(old_frame, x, y), b = rgb(new_frame, x, y), m = rgb(middle, x, y);
            const auto blend = [&](int from, int to) { return static_cast<int>(std::lround(from + (to - from) * opacity)); };
            const Rgb expected{blend(a.r, b.r), blend(a.g, b.g), blend(a.b, b.b)};
            mix.off_the_mix += difference(m, expected) > 4;
            if (difference(a, b) > 100) {
                ++mix.compared;
                mix.both_shown += difference(m, a) > 30 && difference(m, b) > 30;
            }
        }
    return mix;
}

void check_crossfade_middle(const config::Config& config, int width, int height, const SDL_Rect& area,
                            const std::vector<model::Notice>& notices = sample_notices())
{
    const platform::SurfacePtr old_frame = frame(config, before_change, width, height, notices);
    const platform::SurfacePtr new_frame = frame(config, after_change, width, height, notices);
    const platform::SurfacePtr middle = frame(config, mid_change, width, height, notices);
    const Mix mix = mix_of(old_frame.get(), new_frame.get(), middle.get(), area, 0.5);
    CAPTURE(mix.compared);
    CAPTURE(mix.both_shown);
    CHECK(mix.compared > 1000);                     // the two notices do differ there
    CHECK(mix.both_shown > mix.compared * 9 / 10);  // and halfway, the frame shows both
    CHECK(mix.off_the_mix <= area.w * area.h / 1000);
}

}  // namespace

TEST_CASE("halfway through a crossfade the old notice and the new one are each seen at half strength")
{
    const config::Config config = with_transition(config::NoticeTransition::crossfade);
    check_crossfade_middle(config, 960, 540, notice_rows(960, 540));

    // Early on the old notice is the stronger, late the new one.
    const platform::SurfacePtr old_frame = frame(config, before_change);
    const platform::SurfacePtr new_frame = frame(config, after_change);
    const SDL_Rect area = notice_rows(960, 540);
    const platform::SurfacePtr early = frame(config, 7.55);  // a quarter of the way
    const platform::SurfacePtr late = frame(config, 7.85);   // three quarters
    CHECK(mix_of(old_frame.get(), new_frame.get(), early.get(), area, 0.25).off_the_mix <= area.w * area.h / 1000);
    CHECK(mix_of(old_frame.get(), new_frame.get(), late.get(), area, 0.75).off_the_mix <= area.w * area.h / 1000);
}

TEST_CASE("a crossfade mixes the right pixels inside a safe area, on a turned screen and over a picture")
{
    SUBCASE("a safe area: the scene is drawn in a viewport")
    {
        config::Config config = with_transition(config::NoticeTransition::crossfade);
        config.display.safe_area_percent = 5;
        check_crossfade_middle(config, 960, 540, notice_rows(960, 540));
    }
    SUBCASE("turned 90 degrees: the scene is drawn on a texture, its notice area in columns of the panel")
    {
        config::Config config = with_transition(config::NoticeTransition::crossfade);
        config.display.rotation_degrees = 90;
        // The upright scene is 540 x 960; its notice, below the counter and above the band, is
        // turned into the columns from about 10% to 78% of the panel's width.
        check_crossfade_middle(config, 960, 540, {960 * 12 / 100, 0, 960 * 64 / 100, 540});
    }
    SUBCASE("a background picture: the coming notice's snapshot holds the picture too")
    {
        ScratchDir scratch("signage-transition");
        platform::SurfacePtr picture(SDL_CreateRGBSurfaceWithFormat(0, 400, 400, 32, SDL_PIXELFORMAT_ARGB8888));
        REQUIRE(picture);
        for (int y = 0; y < 400; ++y)
            for (int x = 0; x < 400; ++x) {
                const Uint32 colour = ((x + y) / 40) % 2 ? SDL_MapRGB(picture->format, 40, 70, 110) : SDL_MapRGB(picture->format, 90, 60, 40);
                std::memcpy(static_cast<Uint8*>(picture->pixels) + y * picture->pitch + x * 4, &colour, 4);
            }
        const auto path = scratch.path() / "background.png";
        REQUIRE(app::save_png(picture.get(), path.string()));
        config::Config config = with_transition(config::NoticeTransition::crossfade);
        config.screen.background_image = path;
        check_crossfade_middle(config, 960, 540, notice_rows(960, 540));
    }
}

TEST_CASE("a slide pushes the old notice out to the left as the new one comes in from the right, by whole pixels")
{
    const config::Config config = with_transition(config::NoticeTransition::slide);
    const platform::SurfacePtr old_frame = frame(config, before_change);
    const platform::SurfacePtr new_frame = frame(config, after_change);
    const SDL_Rect rows = notice_rows(960, 540);
    for (const double seconds : {7.55, mid_change, 7.85}) {
        CAPTURE(seconds);
        const int offset = slide_offset(1.0 - (change_end - seconds) / 0.6, 960);
        CAPTURE(offset);
        REQUIRE(offset > 0);
        REQUIRE(offset < 960);
        const platform::SurfacePtr sliding = frame(config, seconds);
        // Left of the seam, the old notice moved left by the offset; right of it, the new one,
        // short of its place by the rest of the width. Both are there, exactly, with no fading.
        int old_ink = 0, new_ink = 0, wrong = 0;
        for (int y = rows.y; y < rows.y + rows.h; ++y)
            for (int x = 0; x < 960; ++x) {
                const bool old_side = x < 960 - offset;
                const Uint32 expected = old_side ? argb_pixel(old_frame.get(), x + offset, y) : argb_pixel(new_frame.get(), x - (960 - offset), y);
                wrong += argb_pixel(sliding.get(), x, y) != expected;
                const bool ink = rgb(sliding.get(), x, y).r > 200;
                (old_side ? old_ink : new_ink) += ink;
            }
        CHECK(wrong == 0);
        if (seconds == mid_change) {
            CHECK(old_ink > 1000);
            CHECK(new_ink > 1000);
        }
    }
    // Halfway the notices are exactly half a screen along (the curve is symmetric).
    CHECK(slide_offset(0.5, 960) == 480);
}

TEST_CASE("during a change the header, the counter and the crawl band stay as they are")
{
    for (const config::NoticeTransition transition : {config::NoticeTransition::crossfade, config::NoticeTransition::slide}) {
        CAPTURE(static_cast<int>(transition));
        const platform::SurfacePtr changing = frame(with_transition(transition), mid_change);
        const platform::SurfacePtr cut = frame(with_transition(config::NoticeTransition::cut), mid_change);  // the old notice, still
        // Above the notice (the header and the counter "1 / 5") and the crawl band below it.
        CHECK(same_pixels(changing.get(), cut.get(), {0, 0, 960, 540 * 24 / 100}));
        CHECK(same_pixels(changing.get(), cut.get(), {0, 540 * 89 / 100, 960, 540 - 540 * 89 / 100}));
    }
}

TEST_CASE("when a change ends only the new notice shows, and a cut changes at once")
{
    const SDL_Rect upper{0, 0, 960, 540 * 88 / 100};  // all but the crawl band
    const platform::SurfacePtr cut_before = frame(with_transition(config::NoticeTransition::cut), before_change);
    const platform::SurfacePtr cut_end = frame(with_transition(config::NoticeTransition::cut), change_end);
    for (const config::NoticeTransition transition : {config::NoticeTransition::crossfade, config::NoticeTransition::slide}) {
        CAPTURE(static_cast<int>(transition));
        CHECK(same_pixels(frame(with_transition(transition), change_end).get(), cut_end.get(), upper));
        CHECK(same_pixels(frame(with_transition(transition), before_change).get(), cut_before.get(), upper));
    }
    // A cut shows the old notice untouched until the last moment, then the new one.
    const SDL_Rect rows = notice_rows(960, 540);
    for (const double seconds : {7.45, mid_change, 7.99})
        CHECK(same_pixels(frame(with_transition(config::NoticeTransition::cut), seconds).get(), cut_before.get(), rows));
    CHECK_FALSE(same_pixels(cut_end.get(), cut_before.get(), rows));
    // And so does a transition of 0 s, whatever its kind.
    config::Config instant = with_transition(config::NoticeTransition::crossfade);
    instant.featured_transition_s = 0.0;
    CHECK(same_pixels(frame(instant, mid_change).get(), cut_before.get(), rows));
    CHECK(same_pixels(frame(instant, 7.99).get(), cut_before.get(), rows));
}

TEST_CASE("the list turns its pages with the same transitions")
{
    // Pages of 10 s here: the first turn ends at 10 s.
    auto list = [](config::NoticeTransition transition) {
        config::Config config = with_transition(transition);
        config.screen.layout = config::ScreenLayout::list;
        config.screen.list_page_s = 10.0;
        return config;
    };
    const auto notices = list_notices();
    const SDL_Rect rows{0, 540 * 25 / 100, 960, 540 * 70 / 100};
    const platform::SurfacePtr first_page = frame(list(config::NoticeTransition::cut), 9.0, 960, 540, notices);
    const platform::SurfacePtr second_page = frame(list(config::NoticeTransition::cut), 10.5, 960, 540, notices);
    REQUIRE_FALSE(same_pixels(first_page.get(), second_page.get(), rows));

    const platform::SurfacePtr crossfading = frame(list(config::NoticeTransition::crossfade), 9.7, 960, 540, notices);
    const Mix mix = mix_of(first_page.get(), second_page.get(), crossfading.get(), rows, 0.5);
    CHECK(mix.both_shown > mix.compared * 9 / 10);
    CHECK(mix.off_the_mix <= rows.w * rows.h / 1000);

    const platform::SurfacePtr sliding = frame(list(config::NoticeTransition::slide), 9.7, 960, 540, notices);
    int wrong = 0;
    for (int y = rows.y; y < rows.y + rows.h; ++y)
        for (int x = 0; x < 960; ++x) {
            const Uint32 expected = x < 480 ? argb_pixel(first_page.get(), x + 480, y) : argb_pixel(second_page.get(), x - 480, y);
            wrong += argb_pixel(sliding.get(), x, y) != expected;
        }
    CHECK(wrong == 0);
    CHECK(same_pixels(frame(list(config::NoticeTransition::slide), 10.0, 960, 540, notices).get(), second_page.get(), rows));
}

TEST_CASE("golden: a crossfade and a slide halfway between the first notice and the second")
{
    check_against_golden(frame(with_transition(config::NoticeTransition::crossfade), mid_change).get(), "crossfade-mid-960x540.png");
    check_against_golden(frame(with_transition(config::NoticeTransition::slide), mid_change).get(), "slide-mid-960x540.png");
}

}  // namespace signage::render

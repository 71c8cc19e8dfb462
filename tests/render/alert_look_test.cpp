// How CAP emergency alerts look: the banner (Extreme) with its QR code, the band (Severe) over
// the featured notice, and the crawl's badges (Moderate, Minor), each against a golden image.
#include "render/alert_text.hpp"
#include "golden.hpp"
#include "sample_alerts.hpp"
#include "sample_notices.hpp"
#include "scene_on_surface.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace signage::render {

namespace {

SDL_Color colour_at(SDL_Surface* surface, int x, int y)
{
    SDL_Color colour{};
    SDL_GetRGB(argb_pixel(surface, x, y), surface->format, &colour.r, &colour.g, &colour.b);
    return colour;
}

bool same_rgb(SDL_Color a, SDL_Color b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

void draw_at(SceneOnSurface& canvas, double seconds)
{
    canvas.scene->draw(seconds);
    SDL_RenderPresent(canvas.renderer.get());
}

// A 960x540 screen of the sample notices at 14:05 in Seoul.
void set_screen(SceneOnSurface& canvas, std::vector<model::Notice> notices = sample_notices())
{
    canvas.scene->set_notices(notices);
    canvas.scene->set_time(platform::to_local(alert_shown_time));
}

}  // namespace

TEST_CASE("until: HH:MM in the screen's time zone, with the day when it is another one")
{
    const auto today = platform::to_local(alert_shown_time).date;
    CHECK(until_text(alert_shown_time + std::chrono::hours{3} + std::chrono::minutes{55}, today) == "18:00까지 · until 18:00");
    CHECK(until_text(alert_shown_time + std::chrono::hours{24}, today) == "06/05 14:05까지 · until 06/05 14:05");
    CHECK(until_text(std::nullopt, today).empty());
    CHECK(severity_words(model::AlertSeverity::moderate) == "주의 Moderate");
}

TEST_CASE("golden: an Extreme alert takes the upper area as a banner, with its QR code at the right")
{
    SceneOnSurface canvas(960, 540);
    set_screen(canvas);
    canvas.scene->set_alerts({extreme_rain()});
    CHECK(canvas.scene->alert_count() == 1);
    draw_at(canvas, 3.0);
    check_against_golden(canvas.surface.get(), "alert-extreme-banner-960x540.png");
    CHECK(same_rgb(colour_at(canvas.surface.get(), 4, 400), alert_colours(model::AlertSeverity::extreme).ground));

    canvas.scene->set_alerts({});
    CHECK(canvas.scene->alert_count() == 0);
    draw_at(canvas, 3.0);
    CHECK_FALSE(same_rgb(colour_at(canvas.surface.get(), 4, 400), alert_colours(model::AlertSeverity::extreme).ground));
}

TEST_CASE("the banner's QR code reads back as the alert's link")
{
    if (run_shell("command -v zbarimg >/dev/null 2>&1").exit_code != 0) {
        skip_test("zbarimg (Debian's zbar-tools) is not installed");
        return;
    }
    SceneOnSurface canvas(960, 540);
    set_screen(canvas);
    canvas.scene->set_alerts({extreme_rain()});
    draw_at(canvas, 3.0);
    const ScratchDir scratch("alert-qr");
    const auto path = scratch.path() / "banner.png";
    REQUIRE(app::save_png(canvas.surface.get(), path.string()));
    const ShellOutcome read = run_shell("zbarimg --raw -q " + shell_quoted(path.string()));
    CHECK(read.exit_code == 0);
    CHECK(read.output == rain_link + "\n");

    // Without [screen] qr, none.
    SceneSettings settings;
    settings.screen.qr = false;
    SceneOnSurface without(960, 540, settings);
    set_screen(without);
    without.scene->set_alerts({extreme_rain()});
    draw_at(without, 3.0);
    REQUIRE(app::save_png(without.surface.get(), path.string()));
    CHECK(run_shell("zbarimg --raw -q " + shell_quoted(path.string())).exit_code != 0);
}

TEST_CASE("while an alert needs the banner, urgent notices wait, and take the banner again when it is gone")
{
    SceneOnSurface canvas(960, 540);
    auto notices = sample_notices();
    set_screen(canvas, notices);
    canvas.scene->set_urgent({&notices.front()});
    canvas.scene->set_alerts({extreme_rain()});
    const SceneSettings settings;
    const SDL_Color alert = alert_colours(model::AlertSeverity::extreme).ground;
    for (const double dwells : {0.0, 1.0, 2.0, 3.0}) {
        draw_at(canvas, dwells * settings.featured_dwell_s + 0.5);
        CHECK(same_rgb(colour_at(canvas.surface.get(), 4, 400), alert));
    }
    canvas.scene->set_alerts({});
    draw_at(canvas, 4 * settings.featured_dwell_s + 0.5);
    CHECK(same_rgb(colour_at(canvas.surface.get(), 4, 400), settings.alert_background));
}

TEST_CASE("golden: a Severe alert is a band across the top that leaves the featured title whole")
{
    auto notices = sample_notices();
    notices.front().titles.front().text =
        "2018년도 하반기 공공기관 청사 에너지 절약 이행 실태 점검 결과 및 우수기관 표창 계획 안내 (부서별 담당자 필독)";
    SceneOnSurface plain(960, 540), banded(960, 540);
    set_screen(plain, notices);
    set_screen(banded, notices);
    banded.scene->set_alerts({severe_wind()});
    draw_at(plain, 3.0);
    draw_at(banded, 3.0);
    check_against_golden(banded.surface.get(), "alert-severe-band-960x540.png");

    // The band's rows, by its colour at the left edge.
    const SDL_Color band = alert_colours(model::AlertSeverity::severe).ground;
    int band_top = -1, band_bottom = -1;
    for (int y = 0; y < 540; ++y)
        if (same_rgb(colour_at(banded.surface.get(), 1, y), band)) {
            band_top = band_top < 0 ? y : band_top;
            band_bottom = y + 1;
        }
    REQUIRE(band_top > 0);
    CHECK(band_bottom - band_top >= 30);
    // Nothing of the notice was where the band is (its title is white), and everything else of
    // the screen is as it was: the title shows whole.
    int title_pixels = 0, covered = 0, changed = 0;
    for (int y = 0; y < 540 * 89 / 100; ++y)
        for (int x = 0; x < 960; ++x) {
            const SDL_Color was = colour_at(plain.surface.get(), x, y);
            const bool white = was.r > 200 && was.g > 200 && was.b > 200;
            const bool in_band = y >= band_top && y < band_bottom;
            title_pixels += white && y > band_bottom;
            covered += white && in_band;
            changed += !in_band && !same_rgb(was, colour_at(banded.surface.get(), x, y));
        }
    CHECK(title_pixels > 2000);
    CHECK(covered == 0);
    CHECK(changed == 0);
}

TEST_CASE("golden: Moderate and Minor alerts lead the crawl, each with its badge")
{
    SceneOnSurface canvas(960, 540);
    set_screen(canvas);
    canvas.scene->set_alerts({moderate_heat(), minor_dust()});
    CHECK(canvas.scene->alert_count() == 2);
    draw_at(canvas, 0.0);
    check_against_golden(canvas.surface.get(), "alert-crawl-badges-960x540.png");
    // The amber badge is in the band.
    const SDL_Color amber = badge_colours(model::AlertSeverity::moderate).tag_ground;
    int amber_pixels = 0;
    for (int y = 540 * 89 / 100; y < 540; ++y)
        for (int x = 0; x < 960; ++x)
            amber_pixels += same_rgb(colour_at(canvas.surface.get(), x, y), amber);
    CHECK(amber_pixels > 200);
}

}  // namespace signage::render

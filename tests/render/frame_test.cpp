#include "app/headless.hpp"
#include "config/config.hpp"
#include "feed/http_client.hpp"
#include "render/scene.hpp"
#include "golden.hpp"
#include "sample_notices.hpp"
#include "scene_on_surface.hpp"
#include "test_support.hpp"

#include <SDL_image.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>

namespace signage::render {

namespace {

// What the header clock shows in every frame here: 4 June 2018, 14:05 in Seoul.
const model::TimePoint shown_time = std::chrono::sys_days{std::chrono::year{2018} / 6 / 4} + std::chrono::hours{5} + std::chrono::minutes{5};

// The frame a player with `config` shows at `seconds`, its clock at shown_time.
Result<platform::SurfacePtr> still(const std::vector<model::Notice>& notices, const config::Config& config, int width, int height, double seconds)
{
    return app::render_still(config, notices, repository_roles(), app::StillRequest{width, height, seconds, shown_time});
}

Uint32 pixel(const SDL_Surface* surface, int x, int y) { return argb_pixel(surface, x, y); }

// Pixels in a band of rows that are nearly white: text, since nothing else on screen is white.
int white_pixels(const SDL_Surface* surface, int top, int bottom)
{
    int count = 0;
    for (int y = top; y < bottom; ++y)
        for (int x = 0; x < surface->w; ++x) {
            Uint8 r, g, b;
            SDL_GetRGB(pixel(surface, x, y), surface->format, &r, &g, &b);
            count += r > 200 && g > 200 && b > 200;
        }
    return count;
}

}  // namespace

TEST_CASE("a rendered frame has text in the headline area and in the crawl band")
{
    const auto notices = sample_notices();
    auto frame = still(notices, config::Config{}, 1280, 720, 3.0);
    REQUIRE(frame);
    const SDL_Surface* surface = frame.value().get();
    const int band_top = 720 * 89 / 100;
    CHECK(white_pixels(surface, 720 * 17 / 100, band_top - 40) > 2000);
    CHECK(white_pixels(surface, band_top + 5, 720) > 500);
}

TEST_CASE("with no notices the frame says so instead of staying blank")
{
    auto frame = still({}, config::Config{}, 1280, 720, 3.0);
    REQUIRE(frame);
    check_against_golden(frame.value().get(), "empty-1280x720.png");
    // The "no notices" line is drawn in a quiet blue-grey across the middle of the screen.
    int ink = 0;
    const SDL_Surface* surface = frame.value().get();
    for (int y = 720 * 35 / 100; y < 720 * 50 / 100; ++y)
        for (int x = 0; x < 1280; ++x) {
            Uint8 r, g, b;
            SDL_GetRGB(pixel(surface, x, y), surface->format, &r, &g, &b);
            ink += r > 100;
        }
    CHECK(ink > 500);
}

TEST_CASE("rendering is deterministic: the same time gives the same pixels, another time moves the crawl")
{
    const auto notices = sample_notices();
    auto first = still(notices, config::Config{}, 640, 360, 5.0);
    auto second = still(notices, config::Config{}, 640, 360, 5.0);
    auto later = still(notices, config::Config{}, 640, 360, 5.5);
    REQUIRE(first);
    REQUIRE(second);
    REQUIRE(later);
    const auto bytes = static_cast<std::size_t>(first.value()->pitch) * 360;
    CHECK(std::memcmp(first.value()->pixels, second.value()->pixels, bytes) == 0);
    // Only the crawl band moved between 5.0 s and 5.5 s.
    const auto band_offset = static_cast<std::size_t>(first.value()->pitch) * (360 * 89 / 100);
    CHECK(std::memcmp(first.value()->pixels, later.value()->pixels, band_offset) == 0);
    CHECK(std::memcmp(first.value()->pixels, later.value()->pixels, bytes) != 0);
}

TEST_CASE("the featured notice changes every dwell period and comes round again")
{
    const auto notices = sample_notices();
    config::Config config;
    config.featured_max_dwell_s = config.featured_dwell_s;  // every notice 8 s, whatever its length
    auto frame_at = [&](double t) { return still(notices, config, 640, 360, t); };
    auto a = frame_at(1.0), b = frame_at(9.0), c = frame_at(41.0);
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(c);
    const auto upper = static_cast<std::size_t>(a.value()->pitch) * (360 * 80 / 100);
    CHECK(std::memcmp(a.value()->pixels, b.value()->pixels, upper) != 0);  // notice 1 -> notice 2
    CHECK(std::memcmp(a.value()->pixels, c.value()->pixels, upper) == 0);  // 5 notices x 8 s later: notice 1
}

TEST_CASE("the frame at 3 s matches the golden image")
{
    const auto notices = sample_notices();
    auto frame = still(notices, config::Config{}, 960, 540, 3.0);
    REQUIRE(frame);
    check_against_golden(frame.value().get(), "sample-at-3s-960x540.png");
}

// A scene drawing into a surface, for tests that drive the Scene directly.
TEST_CASE("before the first feed answers, the empty-state message waits a moment instead of flashing")
{
    SceneOnSurface canvas(640, 360);
    const platform::SurfacePtr& surface = canvas.surface;
    Scene* scene = canvas.scene.get();
    auto middle_ink = [&] {
        int ink = 0;
        for (int y = 360 * 35 / 100; y < 360 * 50 / 100; ++y)
            for (int x = 0; x < 640; ++x) {
                Uint8 r, g, b;
                SDL_GetRGB(pixel(surface.get(), x, y), surface->format, &r, &g, &b);
                ink += r > 100;
            }
        return ink;
    };
    scene->draw(0.5);
    CHECK(middle_ink() == 0);
    scene->draw(2.5);
    CHECK(middle_ink() > 100);
}

TEST_CASE("a long featured title is set smaller to fit its two lines, down to a limit")
{
    SceneOnSurface canvas(1280, 720);
    Scene* scene = canvas.scene.get();
    auto notice_titled = [](std::string id, std::string title) {
        model::Notice notice;
        notice.id = std::move(id);
        notice.titles = {{"ko", std::move(title)}};
        return notice;
    };
    std::string endless;
    for (int i = 0; i < 8; ++i)
        endless += "행정안전부 지방자치단체 합동평가 결과 발표 ";
    scene->set_notices({
        notice_titled("short", "전자정부 협력 강화"),
        notice_titled("long", "[보도자료] 행정안전부, ‘2024년 지방자치단체 합동평가’ 결과 발표…우수 지자체 ㈜표창 ※붙임 참조 ①②"),
        notice_titled("endless", endless),
    });
    const int full = scene->featured_title_px(0);
    CHECK(full == 720 * 80 / 1000);
    CHECK(scene->featured_title_px(1) < full);
    CHECK(scene->featured_title_px(1) >= full * 70 / 100);
    CHECK(scene->featured_title_px(2) == full * 70 / 100);  // the smallest step, then "…"
}

TEST_CASE("a notice whose text did not change keeps its textures when the board changes")
{
    SceneOnSurface canvas(960, 540);
    auto notices = sample_notices();
    canvas.scene->set_notices(notices);
    CHECK(canvas.scene->text_stats().notices_rasterized == 5);
    CHECK(canvas.scene->text_stats().notices_reused == 0);
    const std::size_t bytes = canvas.scene->text_stats().cache.bytes;
    CHECK(bytes > 0);

    // One notice changes its English title, one leaves, one arrives.
    notices[1].titles.back().text = "Korea-Paraguay e-Government Forum held in Asunción (updated)";
    notices.erase(notices.begin() + 3);
    model::Notice arrival;
    arrival.id = "new";
    arrival.titles = {{"ko", "새 공지"}, {"en", "A new notice"}};
    notices.push_back(arrival);
    canvas.scene->set_notices(notices);
    CHECK(canvas.scene->text_stats().notices_rasterized == 2);
    CHECK(canvas.scene->text_stats().notices_reused == 3);

    // The same notices again: nothing is rasterized, and the frame is the same.
    canvas.scene->draw(1.0);
    std::vector<Uint8> before(static_cast<const Uint8*>(canvas.surface->pixels),
                              static_cast<const Uint8*>(canvas.surface->pixels) + canvas.surface->pitch * canvas.surface->h);
    canvas.scene->set_notices(notices);
    CHECK(canvas.scene->text_stats().notices_rasterized == 0);
    CHECK(canvas.scene->text_stats().notices_reused == 5);
    canvas.scene->draw(1.0);
    CHECK(std::memcmp(before.data(), canvas.surface->pixels, before.size()) == 0);
}

TEST_CASE("a screen's text is cached: notices that come back later cost no rasterizing, within the budget")
{
    SceneOnSurface canvas(960, 540);
    const auto notices = sample_notices();
    canvas.scene->set_notices(notices);
    const auto cold = canvas.scene->text_stats();
    CHECK(cold.cache.misses > 0);
    CHECK(cold.notices_rasterized == notices.size());
    // The board shows only the first notice for a while, then all of them again.
    canvas.scene->set_notices({notices.front()});
    canvas.scene->set_notices(notices);
    const auto warm = canvas.scene->text_stats();
    CHECK(warm.notices_rasterized == 0);
    CHECK(warm.notices_reused == notices.size());
    CHECK(warm.cache.misses == cold.cache.misses + 1);  // only the counter "1 / 1" was new
    CHECK(warm.cache.bytes <= warm.cache.budget_bytes);
    CHECK(warm.cache.budget_bytes == SceneSettings{}.text_cache_bytes);
}

TEST_CASE("when one notice of a board larger than the text cache changes, only that notice is rasterized again")
{
    platform::SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888));
    platform::RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    SceneSettings settings;
    settings.text_cache_bytes = 1024 * 1024;  // far less than the screen's own text
    auto scene = Scene::create(renderer.get(), repository_roles(), 1280, 720, settings);
    REQUIRE(scene);
    auto notices = sample_notices();
    scene.value()->set_notices(notices);
    REQUIRE(scene.value()->text_stats().cache.bytes > settings.text_cache_bytes);
    notices[2].titles.front().text += " (정정)";
    scene.value()->set_notices(notices);
    CHECK(scene.value()->text_stats().notices_rasterized == 1);
    CHECK(scene.value()->text_stats().notices_reused == notices.size() - 1);
}

TEST_CASE("golden: a portrait screen gets an upright portrait layout, turned 90 degrees onto the panel")
{
    config::Config portrait;
    portrait.display.rotation_degrees = 90;
    auto frame = still(sample_notices(), portrait, 960, 540, 3.0);
    REQUIRE(frame);
    check_against_golden(frame.value().get(), "sample-at-3s-portrait-540x960-turned-90.png");
}

TEST_CASE("a safe area keeps everything inside it and leaves the overscanned edges black")
{
    config::Config inset;
    inset.display.safe_area_percent = 5;
    auto frame = still(sample_notices(), inset, 960, 540, 3.0);
    REQUIRE(frame);
    const SDL_Surface* surface = frame.value().get();
    auto is_black = [&](int x, int y) { return (pixel(surface, x, y) & 0xFFFFFF) == 0; };
    // 5% of 960 x 540: 48 px at the sides, 27 at top and bottom.
    for (int y : {0, 26, 270, 513, 539})
        CHECK(is_black(0, y));
    CHECK(is_black(47, 270));
    CHECK(is_black(480, 26));
    CHECK(is_black(480, 513));
    CHECK_FALSE(is_black(48, 270));
    CHECK_FALSE(is_black(480, 27));
    CHECK_FALSE(is_black(480, 512));
}

TEST_CASE("golden: the header with the agency's logo, its name in both languages and the clock")
{
    config::Config config;
    config.screen.agency_name_ko = "행정안전부";
    config.screen.agency_name_en = "Ministry of the Interior and Safety";
    config.screen.logo = test_data_dir() / "images" / "emblem.svg";
    auto frame = still(sample_notices(), config, 960, 540, 3.0);
    REQUIRE(frame);
    check_against_golden(frame.value().get(), "header-logo-names-960x540.png");
}

TEST_CASE("the header clock shows the configured style, in the screen's time zone")
{
    config::Config korean_only;
    korean_only.screen.clock = config::ClockStyle::korean;
    config::Config no_clock;
    no_clock.screen.clock = config::ClockStyle::off;
    auto with_clock = still({}, korean_only, 960, 540, 3.0);
    auto without = still({}, no_clock, 960, 540, 3.0);
    REQUIRE(with_clock);
    REQUIRE(without);
    // The clock sits at the right of the header band (the top 13% of the screen).
    CHECK(white_pixels(with_clock.value().get(), 0, 540 * 13 / 100) > 100);
    CHECK(white_pixels(without.value().get(), 0, 540 * 13 / 100) == 0);
}

TEST_CASE("golden: an urgent notice takes the upper area as a full-width banner in alert colours")
{
    SceneOnSurface canvas(960, 540);
    auto notices = sample_notices();
    model::Notice alert;
    alert.id = "alert-1";
    alert.titles = {{"ko", "[긴급] 청사 3층 화재 경보 점검: 14시부터 15시까지 엘리베이터 운행 중지"},
                    {"en", "Fire alarm test on floor 3: lifts stopped from 14:00 to 15:00"}};
    alert.categories = {"긴급"};
    notices.insert(notices.begin(), alert);
    canvas.scene->set_notices(notices);
    canvas.scene->set_time(platform::to_local(shown_time));
    canvas.scene->set_urgent({&notices.front()});
    canvas.scene->draw(3.0);
    SDL_RenderPresent(canvas.renderer.get());
    check_against_golden(canvas.surface.get(), "urgent-banner-960x540.png");

    // The banner goes when nothing is urgent any more: the rotation is back.
    canvas.scene->set_urgent({});
    canvas.scene->draw(3.0);
    SDL_RenderPresent(canvas.renderer.get());
    Uint8 r, g, b;
    SDL_GetRGB(pixel(canvas.surface.get(), 5, 270), canvas.surface->format, &r, &g, &b);
    CHECK(r < 60);  // the dark blue background, not the red banner
}

TEST_CASE("outside the schedule's on hours the frame is black, inside, the notices show")
{
    config::Config config;
    // On weekdays 08:00-18:00 in Seoul; shown_time is Monday 4 June 2018, 14:05.
    for (auto& day : config.schedule.week)
        day = config::DayHours{std::chrono::hours{8}, std::chrono::hours{18}};
    config.schedule.week[6] = std::nullopt;  // Sunday off
    auto on = still(sample_notices(), config, 640, 360, 3.0);
    config.schedule.dates_off = {std::chrono::year{2018} / 6 / 4};  // a holiday
    auto off = still(sample_notices(), config, 640, 360, 3.0);
    REQUIRE(on);
    REQUIRE(off);
    CHECK(white_pixels(on.value().get(), 0, 360) > 1000);
    for (int y = 0; y < 360; y += 7)
        for (int x = 0; x < 640; x += 7)
            REQUIRE((pixel(off.value().get(), x, y) & 0xFFFFFF) == 0);
    check_against_golden(off.value().get(), "schedule-off-640x360.png");
}

TEST_CASE("a still shows the urgent banner for a notice of an alerts feed")
{
    config::Config config;
    config::FeedSource alerts;
    alerts.name = "alerts";
    alerts.urgent = true;
    config.feeds = {alerts};
    auto notices = sample_notices();
    notices.front().source_name = "alerts";
    notices.front().published = shown_time - std::chrono::hours{1};
    auto frame = still(notices, config, 640, 360, 3.0);
    REQUIRE(frame);
    Uint8 r, g, b;
    SDL_GetRGB(pixel(frame.value().get(), 5, 180), frame.value()->format, &r, &g, &b);
    CHECK(r > 150);  // the red of the banner
    CHECK(g < 60);
}

TEST_CASE("golden: the ticker layout is the crawl band alone over the background")
{
    config::Config config;
    config.screen.layout = config::ScreenLayout::ticker;
    auto frame = still(sample_notices(), config, 960, 540, 3.0);
    REQUIRE(frame);
    check_against_golden(frame.value().get(), "layout-ticker-960x540.png");
    CHECK(white_pixels(frame.value().get(), 0, 540 * 85 / 100) == 0);  // nothing above the band
}

TEST_CASE("golden: the list layout shows a page of the latest notices, and turns pages")
{
    config::Config config;
    config.screen.layout = config::ScreenLayout::list;
    config.screen.list_page_s = 10.0;
    auto notices = sample_notices();
    for (int i = 0; i < 4; ++i)
        notices.push_back(notices[static_cast<std::size_t>(i)]);  // nine rows: more than a page
    auto first = still(notices, config, 960, 540, 3.0);
    auto second = still(notices, config, 960, 540, 13.0);
    REQUIRE(first);
    REQUIRE(second);
    check_against_golden(first.value().get(), "layout-list-960x540.png");
    const auto bytes = static_cast<std::size_t>(first.value()->pitch) * 540;
    CHECK(std::memcmp(first.value()->pixels, second.value()->pixels, bytes) != 0);  // page 2
}

TEST_CASE("golden: a background picture covers the screen behind the ticker, with outlined text")
{
    // A busy picture: diagonal bands of light and dark, 800 x 800, so "cover" must crop it.
    ScratchDir scratch("signage-background");
    platform::SurfacePtr picture(SDL_CreateRGBSurfaceWithFormat(0, 800, 800, 32, SDL_PIXELFORMAT_ARGB8888));
    REQUIRE(picture);
    for (int y = 0; y < 800; ++y)
        for (int x = 0; x < 800; ++x) {
            const bool light = ((x + y) / 80) % 2 == 0;
            const Uint32 colour = light ? SDL_MapRGB(picture->format, 230, 200, 120) : SDL_MapRGB(picture->format, 40, 70, 110);
            std::memcpy(static_cast<Uint8*>(picture->pixels) + y * picture->pitch + x * 4, &colour, 4);
        }
    const auto path = scratch.path() / "background.png";
    REQUIRE(app::save_png(picture.get(), path.string()));

    config::Config config;
    config.screen.layout = config::ScreenLayout::ticker;
    config.screen.background_image = path;
    config.text.outline_px = 2;
    auto frame = still(sample_notices(), config, 960, 540, 3.0);
    REQUIRE(frame);
    check_against_golden(frame.value().get(), "layout-ticker-background-960x540.png");
}

}  // namespace signage::render

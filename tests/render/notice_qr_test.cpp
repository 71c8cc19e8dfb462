// The QR code beside the featured notice: it reads back as the notice's link (zbarimg), its
// modules are whole pixels in a quiet zone of four, and the notice's text keeps clear of it.
#include "app/headless.hpp"
#include "config/config.hpp"
#include "golden.hpp"
#include "render/notice_qr.hpp"
#include "render/qr_code.hpp"
#include "scene_on_surface.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>

namespace signage::render {

namespace {

const std::string korea_link = "https://www.korea.kr/news/policyNewsView.do?newsId=148912345";
const model::TimePoint shown_time = std::chrono::sys_days{std::chrono::year{2018} / 6 / 4} + std::chrono::hours{5} + std::chrono::minutes{5};

model::Notice notice_with(std::string link, std::string title = "2024년 하반기 공공기관 통합채용 박람회 개최 안내")
{
    model::Notice notice;
    notice.id = "qr-" + title;
    notice.titles = {{"ko", std::move(title)}, {"en", "Public institutions' joint job fair, second half of 2024"}};
    notice.link = std::move(link);
    notice.published = shown_time;
    notice.categories = {"보도자료"};
    return notice;
}

// A headline long enough to fill its two lines at the smallest auto-fit size.
const std::string long_title =
    "행정안전부는 지방자치단체와 함께 전국 주요 도시의 공공청사 민원실 운영 시간을 연장하고 야간 및 주말 민원 처리 창구를 확대 운영한다고 밝혔다 "
    "이에 따라 직장인과 학생도 평일 저녁과 토요일 오전에 여권 발급과 각종 증명서 발급을 받을 수 있게 된다";

platform::SurfacePtr still(const config::Config& config, const std::vector<model::Notice>& notices, int width, int height)
{
    auto frame = app::render_still(config, notices, repository_roles(), app::StillRequest{width, height, 3.0, shown_time});
    REQUIRE_MESSAGE(frame, problem(frame));
    return std::move(frame.value());
}

bool zbarimg_installed() { return run_shell("command -v zbarimg >/dev/null 2>&1").exit_code == 0; }

// What zbarimg reads in the frame: each code's text on a line of its own.
std::string decoded(SDL_Surface* frame, const std::string& name)
{
    const ScratchDir folder("signage-qr");
    const auto path = folder.path() / (name + ".png");
    REQUIRE(app::save_png(frame, path.string()));
    std::string text = run_shell("zbarimg --raw -q " + shell_quoted(path.string()) + " 2>/dev/null").output;  // its stderr: noise of a missing D-Bus
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text;
}

bool same_rgb(Uint32 argb, SDL_Color colour)
{
    return ((argb >> 16) & 0xFF) == colour.r && ((argb >> 8) & 0xFF) == colour.g && (argb & 0xFF) == colour.b;
}

constexpr SDL_Color black{0, 0, 0, 255};
constexpr SDL_Color white{255, 255, 255, 255};

// The pixels of `rect` that are not `colour`.
int pixels_not(SDL_Surface* surface, const SDL_Rect& rect, SDL_Color colour)
{
    int count = 0;
    for (int y = rect.y; y < rect.y + rect.h; ++y)
        for (int x = rect.x; x < rect.x + rect.w; ++x)
            count += !same_rgb(argb_pixel(surface, x, y), colour);
    return count;
}

// Runs of one colour along a row from x, up to `end`: {dark?, length}...
std::vector<int> runs(SDL_Surface* surface, int y, int x, int end)
{
    std::vector<int> lengths;
    bool dark = same_rgb(argb_pixel(surface, x, y), black);
    int length = 0;
    for (; x < end; ++x) {
        const bool now = same_rgb(argb_pixel(surface, x, y), black);
        if (now != dark) {
            lengths.push_back(length);
            dark = now;
            length = 0;
        }
        ++length;
    }
    lengths.push_back(length);
    return lengths;
}

// The code drawn in `rect` is crisp: black or white pixels only, a white quiet zone of four
// modules, and a finder pattern at its top left of whole-pixel modules (1:1:3:1:1 through its
// middle). Returns the pixels a module.
int check_crisp_code(SDL_Surface* surface, const SDL_Rect& rect)
{
    REQUIRE(rect.w > 0);
    REQUIRE(rect.w == rect.h);
    int not_black_or_white = 0;
    for (int y = rect.y; y < rect.y + rect.h; ++y)
        for (int x = rect.x; x < rect.x + rect.w; ++x) {
            const Uint32 p = argb_pixel(surface, x, y);
            not_black_or_white += !same_rgb(p, black) && !same_rgb(p, white);
        }
    CHECK(not_black_or_white == 0);
    // Along the diagonal from the corner: the quiet zone, then the finder's dark corner.
    int quiet = 0;
    while (quiet < rect.w && same_rgb(argb_pixel(surface, rect.x + quiet, rect.y + quiet), white))
        ++quiet;
    REQUIRE(quiet % kQrQuietModules == 0);
    const int module = quiet / kQrQuietModules;
    REQUIRE(module >= 2);
    CHECK(rect.w % module == 0);
    CHECK((rect.w / module - 2 * kQrQuietModules - 21) % 4 == 0);  // versions: 21, 25, 29... modules
    // The quiet zone all round is white.
    const int side = rect.w;
    CHECK(pixels_not(surface, {rect.x, rect.y, side, quiet}, white) == 0);
    CHECK(pixels_not(surface, {rect.x, rect.y + side - quiet, side, quiet}, white) == 0);
    CHECK(pixels_not(surface, {rect.x, rect.y, quiet, side}, white) == 0);
    CHECK(pixels_not(surface, {rect.x + side - quiet, rect.y, quiet, side}, white) == 0);
    // Through the middle of the finder: light (quiet zone), 1 dark, 1 light, 3 dark, 1 light, 1 dark, then the light separator.
    const auto middle = runs(surface, rect.y + quiet + module * 7 / 2, rect.x, rect.x + quiet + 8 * module);
    REQUIRE(middle.size() >= 6);
    CHECK(middle[0] == quiet);
    CHECK(middle[1] == module);
    CHECK(middle[2] == module);
    CHECK(middle[3] == 3 * module);
    CHECK(middle[4] == module);
    CHECK(middle[5] == module);
    // Its top edge: 7 dark modules.
    const auto top = runs(surface, rect.y + quiet, rect.x, rect.x + quiet + 8 * module);
    REQUIRE(top.size() >= 2);
    CHECK(top[1] == 7 * module);
    return module;
}

SDL_Rect qr_rect_of(const std::vector<model::Notice>& notices, int width, int height, SceneSettings settings = {})
{
    SceneOnSurface on(width, height, settings);
    on.scene->set_notices(notices);
    on.scene->draw(3.0);
    return on.scene->featured_qr_rect(0);
}

}  // namespace

TEST_CASE("the featured notice's QR code reads back as its link, on landscape and portrait screens")
{
    if (!zbarimg_installed()) {
        skip_test("zbarimg is not installed (Debian package zbar-tools)");
        return;
    }
    struct Screen {
        int width, height, rotation;
    };
    for (const Screen screen : {Screen{1280, 720, 0}, Screen{1920, 1080, 0}, Screen{1080, 1920, 0}, Screen{1920, 1080, 90}}) {
        CAPTURE(screen.width);
        CAPTURE(screen.height);
        CAPTURE(screen.rotation);
        config::Config config;
        config.display.rotation_degrees = screen.rotation;
        auto frame = still(config, {notice_with(korea_link)}, screen.width, screen.height);
        CHECK(decoded(frame.get(), "qr-" + std::to_string(screen.width) + "x" + std::to_string(screen.height)) == korea_link);
    }
}

TEST_CASE("the code is drawn crisp: whole pixels a module, a quiet zone of four, about a fifth of the shorter side")
{
    struct Screen {
        int width, height, module;
    };
    // The link needs a version 4 code: 33 modules, 41 with the quiet zone.
    for (const Screen screen : {Screen{1280, 720, 3}, Screen{1920, 1080, 5}, Screen{1080, 1920, 5}, Screen{640, 360, 2}}) {
        CAPTURE(screen.width);
        CAPTURE(screen.height);
        SceneOnSurface on(screen.width, screen.height);
        on.scene->set_notices({notice_with(korea_link)});
        on.scene->draw(3.0);
        const SDL_Rect rect = on.scene->featured_qr_rect(0);
        CHECK(check_crisp_code(on.surface.get(), rect) == screen.module);
        CHECK(rect.w == 41 * screen.module);
        // Inside the upper area, clear of the right margin and the crawl band.
        const SceneLayout layout(screen.width, screen.height, config::ScreenLayout::featured_ticker, 0);
        CHECK(rect.x + rect.w == screen.width - layout.metrics.margin_x);
        CHECK(rect.y >= layout.metrics.title_top);
        CHECK(rect.y + rect.h <= screen.height - layout.metrics.band_height);
    }
}

TEST_CASE("on a screen turned 90 degrees the code stays whole pixels and crisp")
{
    const SDL_Rect upright = qr_rect_of({notice_with(korea_link)}, 1080, 1920);
    config::Config config;
    config.display.rotation_degrees = 90;
    auto frame = still(config, {notice_with(korea_link)}, 1920, 1080);
    // Turned clockwise: the scene's row y becomes the output's column 1920 - 1 - y.
    const SDL_Rect turned{1920 - upright.y - upright.h, upright.x, upright.h, upright.w};
    CHECK(check_crisp_code(frame.get(), turned) == 5);
}

TEST_CASE("the notice's text wraps beside the code, never under it, and without a code it keeps the full width")
{
    const SceneSettings settings;
    const SceneLayout layout(1280, 720, config::ScreenLayout::featured_ticker, 0);
    const int column = notice_qr_column_px(layout);
    CHECK(text_width_beside_qr(layout) < layout.text_width() - column);
    const int text_right = layout.metrics.margin_x + text_width_beside_qr(layout);

    SceneOnSurface with_code(1280, 720, settings);
    with_code.scene->set_notices({notice_with(korea_link, long_title)});
    with_code.scene->draw(3.0);
    const SDL_Rect code = with_code.scene->featured_qr_rect(0);
    REQUIRE(code.w > 0);
    CHECK(code.x >= text_right + layout.metrics.crawl_gap);
    // From the text's right edge to the code's column, down the whole upper area: background only.
    const int top = layout.metrics.title_top;
    const int bottom = 720 - layout.metrics.band_height - layout.metrics.label_px;
    const SDL_Rect gap{text_right, top, 1280 - layout.metrics.margin_x - column - text_right, bottom - top};
    CHECK(pixels_not(with_code.surface.get(), gap, settings.theme.background) == 0);
    // The text did reach its edge: it was not simply short.
    CHECK(pixels_not(with_code.surface.get(), {text_right - 60, top, 60, bottom - top}, settings.theme.background) > 0);

    // The same notice without a link: no code, and the text runs on into the column.
    SceneOnSurface without(1280, 720, settings);
    without.scene->set_notices({notice_with("", long_title)});
    without.scene->draw(3.0);
    CHECK(without.scene->featured_qr_rect(0).w == 0);
    CHECK(pixels_not(without.surface.get(), gap, settings.theme.background) > 0);
}

TEST_CASE("no code without an http(s) link, nor with [screen] qr = false: the column is background")
{
    const SceneLayout layout(1280, 720, config::ScreenLayout::featured_ticker, 0);
    const int column = notice_qr_column_px(layout);
    const SDL_Rect column_rect{1280 - layout.metrics.margin_x - column, layout.metrics.title_top, column,
                               720 - layout.metrics.band_height - layout.metrics.label_px - layout.metrics.title_top};
    SceneSettings qr_off;
    qr_off.screen.qr = false;
    struct Case {
        std::string link;
        SceneSettings settings;
    };
    for (const Case& c : {Case{"", {}}, Case{"mailto:minwon@korea.kr", {}}, Case{"ftp://files.example.go.kr/a.pdf", {}}, Case{korea_link, qr_off}}) {
        CAPTURE(c.link);
        CAPTURE(c.settings.screen.qr);
        SceneOnSurface on(1280, 720, c.settings);
        on.scene->set_notices({notice_with(c.link, "짧은 공지")});
        on.scene->draw(3.0);
        CHECK(on.scene->featured_qr_rect(0).w == 0);
        CHECK(pixels_not(on.surface.get(), column_rect, c.settings.theme.background) == 0);
    }
    CHECK(shows_notice_qr({}, "HTTPS://WWW.KOREA.KR/"));
    CHECK(shows_notice_qr({}, "http://intra.example.go.kr/notice/1"));
    CHECK_FALSE(shows_notice_qr({}, "https://"));
}

TEST_CASE("the code stays black on white whatever the theme")
{
    SceneSettings light;
    light.theme = Theme::from({250, 250, 245, 255}, {30, 30, 30, 255}, {20, 20, 20, 255}, {200, 40, 40, 255});
    SceneOnSurface on(1280, 720, light);
    on.scene->set_notices({notice_with(korea_link)});
    on.scene->draw(3.0);
    CHECK(check_crisp_code(on.surface.get(), on.scene->featured_qr_rect(0)) == 3);
}

TEST_CASE("golden: a featured notice with the QR code of its link and its label")
{
    auto frame = still(config::Config{}, {notice_with(korea_link)}, 1280, 720);
    check_against_golden(frame.get(), "featured-qr-1280x720.png");
}

}  // namespace signage::render

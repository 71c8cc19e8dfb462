// bench-transition [RUNS] [WxH]: what a change of featured notice costs a frame on SDL's
// software renderer drawing on a surface (as `render` and the player without a GPU do), for each
// [screen] transition, in the featured+ticker and list layouts. Default 5 changes at 1920x1080.
//   <layout>.<transition>.steady_band_ms   a frame between changes, drawn as the player draws it
//                                          on the software path: the crawl band only
//   <layout>.<transition>.steady_whole_ms  the same frame drawn whole (the cost of any redraw)
//   <layout>.<transition>.change_first_ms  the first frame of a change (a crossfade takes its
//                                          snapshot of the coming notice then)
//   <layout>.<transition>.change_median_ms the frames of a change: median, 90th percentile and
//   <layout>.<transition>.change_p90_ms    the slowest (a shared machine's noise shows there)
//   <layout>.<transition>.change_max_ms
// A frame is timed from Scene::draw to the end of SDL_RenderFlush. Medians over the runs; a
// program that prints numbers, with no assertion on time, which a shared machine cannot promise.
#include "bench_support.hpp"
#include "model/notice.hpp"
#include "platform/sdl_handles.hpp"
#include "render/scene.hpp"
#include "text/bundled_fonts.hpp"
#include "text/font_roles.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr double kRefreshHz = 60.0;
constexpr double kDwellS = 8.0;
constexpr double kTransitionS = 0.6;

// Eight notices: most take two lines of the title, as in a lobby.
constexpr std::size_t kNotices = 8;

std::vector<signage::model::Notice> bench_notices()
{
    std::vector<signage::model::Notice> notices;
    for (std::size_t i = 0; i < kNotices; ++i) {
        notices.push_back(bench_notice(i));
        notices.back().categories = {"e-Government"};
    }
    return notices;
}

struct Timing {
    std::vector<double> steady_band, steady_whole, first, change;
};

void bench(const char* layout_name, signage::config::ScreenLayout layout, const char* transition_name, signage::config::NoticeTransition transition, int width,
           int height, int runs)
{
    const signage::platform::SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
    const signage::platform::RendererPtr renderer(surface ? SDL_CreateSoftwareRenderer(surface.get()) : nullptr);
    if (!renderer) {
        std::fprintf(stderr, "bench-transition: no software renderer: %s\n", SDL_GetError());
        std::exit(1);
    }
    signage::render::SceneSettings settings;
    settings.refresh_hz = kRefreshHz;
    settings.featured_dwell_s = kDwellS;
    settings.featured_max_dwell_s = kDwellS;  // every notice 8 s: the changes fall on multiples of 8 s
    settings.featured_transition_s = kTransitionS;
    settings.screen.layout = layout;
    settings.screen.list_page_s = kDwellS;
    settings.screen.transition = transition;
    auto created = signage::render::Scene::create(renderer.get(), signage::text::FontRoles::bundled(signage::text::BundledFonts::in(SIGNAGE_SOURCE_DIR)), width, height, settings);
    if (!created) {
        std::fprintf(stderr, "bench-transition: %s\n", created.error().message.c_str());
        std::exit(1);
    }
    signage::render::Scene& scene = *created.value();
    auto notices = bench_notices();
    if (layout == signage::config::ScreenLayout::list)  // enough rows for several pages
        for (int i = 0; i < 3; ++i)
            notices.insert(notices.end(), notices.begin(), notices.begin() + static_cast<long>(kNotices));
    scene.set_notices(notices);

    const auto frame_ms = [&](int refresh, signage::render::FrameExtent extent) {
        const double seconds = refresh / kRefreshHz;
        const auto start = Clock::now();
        scene.draw(seconds, refresh * 2, extent);
        // SDL batches render commands until it must draw: without the flush this times the queueing.
        SDL_RenderFlush(renderer.get());
        return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    };
    for (int refresh = 0; refresh < 60; ++refresh)  // textures prepared, SDL's queue at its size
        frame_ms(refresh, signage::render::FrameExtent::changes_only);

    Timing timing;
    const int stay = static_cast<int>(kDwellS * kRefreshHz);
    const int change = static_cast<int>(kTransitionS * kRefreshHz);
    for (int run = 1; run <= runs; ++run) {
        const int end = run * stay;  // the next notice stands alone from here
        frame_ms(end - change - 30, signage::render::FrameExtent::whole);
        for (int refresh = end - change - 20; refresh < end - change - 10; ++refresh)
            timing.steady_band.push_back(frame_ms(refresh, signage::render::FrameExtent::changes_only));
        for (int refresh = end - change - 10; refresh < end - change; ++refresh)
            timing.steady_whole.push_back(frame_ms(refresh, signage::render::FrameExtent::whole));
        for (int refresh = end - change + 1; refresh < end; ++refresh) {
            const double ms = frame_ms(refresh, signage::render::FrameExtent::changes_only);
            (refresh == end - change + 1 ? timing.first : timing.change).push_back(ms);
        }
    }
    const auto print = [&](const char* what, double ms) { std::printf("%s.%s.%s: %.2f ms\n", layout_name, transition_name, what, ms); };
    print("steady_band_ms", median(timing.steady_band));
    print("steady_whole_ms", median(timing.steady_whole));
    print("change_first_ms", median(timing.first));
    print("change_median_ms", median(timing.change));
    print("change_p90_ms", percentile(timing.change, 0.9));
    print("change_max_ms", percentile(timing.change, 1.0));
}

}  // namespace

int main(int argc, char** argv)
{
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    int width = 1920, height = 1080;
    if (argc > 2 && std::sscanf(argv[2], "%dx%d", &width, &height) != 2) {
        std::fprintf(stderr, "usage: bench-transition [RUNS] [WxH]\n");
        return 2;
    }
    std::printf("screen: %dx%d, %d changes of %.1f s at %.0f Hz\n", width, height, runs, kTransitionS, kRefreshHz);
    const std::pair<const char*, signage::config::ScreenLayout> layouts[] = {{"featured", signage::config::ScreenLayout::featured_ticker}, {"list", signage::config::ScreenLayout::list}};
    const std::pair<const char*, signage::config::NoticeTransition> transitions[] = {
        {"cut", signage::config::NoticeTransition::cut}, {"crossfade", signage::config::NoticeTransition::crossfade}, {"slide", signage::config::NoticeTransition::slide}};
    for (const auto& [layout_name, layout] : layouts)
        for (const auto& [transition_name, transition] : transitions)
            bench(layout_name, layout, transition_name, transition, width, height, runs);
    return 0;
}

// bench-typography [RUNS]: the cost of putting a screen of 50 bilingual headlines into pixels on
// a 1920x1080 screen, cold (fonts just opened, first time through) and warm (the median of RUNS
// more passes, default 20).
//   text.*   the text pipeline alone, as the scene drives it: the Korean title wrapped in two
//            lines of 1728 px at 86 px bold (auto-fit down to 70% as the scene does), the English
//            title in two lines at 49 px, both titles as one crawl line at 47 px; each line
//            shaped and rasterized. Glyph counts are of the shaped lines that were rasterized.
//   scene.*  Scene::set_notices on SDL's software renderer drawing on a surface, as `render`
//            does: the first call, the same notices again, and one notice changed; then a frame.
//            scene_cache_256mib.* is the same with a text cache budget that holds the screen.
// Prints one "name: value unit" line per measure. A program that prints numbers: no assertion on
// time, which a shared machine cannot promise.
#include "bench_support.hpp"
#include "model/notice.hpp"
#include "platform/sdl_handles.hpp"
#include "render/scene.hpp"
#include "text/bundled_fonts.hpp"
#include "text/font_roles.hpp"
#include "text/raster.hpp"
#include "text/shaper.hpp"
#include "text/wrap.hpp"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

constexpr int kDefaultRuns = 20;
constexpr int kScreenWidth = 1920;
constexpr int kScreenHeight = 1080;
// The scene's proportions at 1080p (render/scene.cpp Metrics): 5% margins, title 8% of the
// height, subtitle 4.6%, crawl 4.4%; auto-fit steps 90/80/70%.
constexpr int kTextWidth = kScreenWidth - 2 * (kScreenWidth / 20);
constexpr int kTitlePx = kScreenHeight * 80 / 1000;
constexpr int kSubtitlePx = kScreenHeight * 46 / 1000;
constexpr int kCrawlPx = kScreenHeight * 44 / 1000;
constexpr std::array<int, 3> kTitleFitPercent{90, 80, 70};
constexpr int kTitleLines = 2;
constexpr int kSubtitleLines = 2;


using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

long peak_rss_kib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;  // kilobytes on Linux
}

template <class T>
T or_exit(signage::Result<T> result, const char* what)
{
    if (!result) {
        std::fprintf(stderr, "bench-typography: %s: %s\n", what, result.error().message.c_str());
        std::exit(1);
    }
    return std::move(result.value());
}

void print_ms(const char* name, double ms) { std::printf("%s: %.2f ms\n", name, ms); }

// The chains the scene opens for headline text at 1080p, from a FreeType library of their own.
struct TextChains {
    signage::text::FreeTypeLibrary library;
    signage::text::FontChain title;
    std::vector<signage::text::FontChain> smaller_titles;
    signage::text::FontChain subtitle;
    signage::text::FontChain crawl;

    static std::unique_ptr<TextChains> open(const signage::text::BundledFonts& fonts)
    {
        auto library = or_exit(signage::text::FreeTypeLibrary::create(), "FreeType");
        auto title = or_exit(signage::text::FontChain::open(library, fonts.bold_chain(), kTitlePx), "title fonts");
        std::vector<signage::text::FontChain> smaller;
        for (const int percent : kTitleFitPercent)
            smaller.push_back(or_exit(signage::text::FontChain::open(library, fonts.bold_chain(), kTitlePx * percent / 100), "title fonts"));
        auto subtitle = or_exit(signage::text::FontChain::open(library, fonts.regular_chain(), kSubtitlePx), "subtitle fonts");
        auto crawl = or_exit(signage::text::FontChain::open(library, fonts.regular_chain(), kCrawlPx), "crawl fonts");
        return std::unique_ptr<TextChains>(
            new TextChains{std::move(library), std::move(title), std::move(smaller), std::move(subtitle), std::move(crawl)});
    }
};

struct ScreenTally {
    std::size_t lines = 0;
    std::size_t glyphs = 0;
    std::size_t coverage_bytes = 0;
    std::size_t titles_fitted_smaller = 0;
    std::size_t titles_truncated = 0;
};

void draw_line(std::string_view text, const signage::text::FontChain& chain, ScreenTally& tally)
{
    const signage::text::ShapedLine line = signage::text::shape_line(text, chain);
    const signage::text::CoverageImage image = signage::text::rasterize_line(line, chain);
    ++tally.lines;
    tally.glyphs += line.glyphs.size();
    tally.coverage_bytes += image.alpha.size();
}

// One screen's worth of headline text, in the order and at the sizes Scene::set_notices uses.
ScreenTally lay_out_screen(const TextChains& chains)
{
    ScreenTally tally;
    for (const auto& headline : kHeadlines) {
        const signage::text::FontChain* title_chain = &chains.title;
        signage::text::WrappedText title = signage::text::wrap_paragraph(headline.ko, *title_chain, kTextWidth, kTitleLines);
        for (std::size_t i = 0; title.truncated && i < chains.smaller_titles.size(); ++i) {
            title_chain = &chains.smaller_titles[i];
            title = signage::text::wrap_paragraph(headline.ko, *title_chain, kTextWidth, kTitleLines);
        }
        tally.titles_fitted_smaller += title_chain != &chains.title;
        tally.titles_truncated += title.truncated;
        for (const auto& line : title.lines)
            draw_line(line, *title_chain, tally);
        for (const auto& line : signage::text::wrap_text(headline.en, chains.subtitle, kTextWidth, kSubtitleLines))
            draw_line(line, chains.subtitle, tally);
        draw_line(headline.ko, chains.crawl, tally);
        draw_line(headline.en, chains.crawl, tally);
    }
    return tally;
}

void bench_text_pipeline(const signage::text::BundledFonts& fonts, int runs)
{
    const auto open_start = Clock::now();
    const auto chains = TextChains::open(fonts);
    const double open_ms = ms_since(open_start);

    const auto cold_start = Clock::now();
    const ScreenTally tally = lay_out_screen(*chains);
    const double cold_ms = ms_since(cold_start);

    std::vector<double> warm;
    for (int run = 0; run < runs; ++run) {
        const auto start = Clock::now();
        const ScreenTally again = lay_out_screen(*chains);
        warm.push_back(ms_since(start));
        if (again.glyphs != tally.glyphs) {
            std::fprintf(stderr, "bench-typography: a warm pass drew %zu glyphs, the cold one %zu\n", again.glyphs, tally.glyphs);
            std::exit(1);
        }
    }
    const double warm_ms = median(warm);
    const double glyphs = static_cast<double>(tally.glyphs);

    std::printf("text.headlines: %zu notices\n", kHeadlines.size());
    std::printf("text.lines_per_screen: %zu lines\n", tally.lines);
    std::printf("text.glyphs_per_screen: %zu glyphs\n", tally.glyphs);
    std::printf("text.titles_fitted_smaller: %zu notices\n", tally.titles_fitted_smaller);
    std::printf("text.titles_truncated: %zu notices\n", tally.titles_truncated);
    std::printf("text.coverage_bytes_per_screen: %zu bytes\n", tally.coverage_bytes);
    print_ms("text.open_fonts_cold", open_ms);
    print_ms("text.screen_cold", cold_ms);
    print_ms("text.screen_cold_with_font_open", open_ms + cold_ms);
    std::printf("text.warm_runs: %d runs\n", runs);
    print_ms("text.screen_warm_median", warm_ms);
    print_ms("text.screen_warm_min", *std::min_element(warm.begin(), warm.end()));
    print_ms("text.screen_warm_max", *std::max_element(warm.begin(), warm.end()));
    std::printf("text.glyphs_per_second_cold: %.0f glyphs/s\n", glyphs / (cold_ms / 1000.0));
    std::printf("text.glyphs_per_second_warm: %.0f glyphs/s\n", glyphs / (warm_ms / 1000.0));
}

std::vector<signage::model::Notice> bench_notices()
{
    std::vector<signage::model::Notice> notices;
    for (std::size_t i = 0; i < kHeadlines.size(); ++i) {
        notices.push_back(bench_notice(i));
        notices.back().link = "https://www.example.go.kr/news/view.do?newsId=" + std::to_string(i);
    }
    return notices;
}

void print_stats(const std::string& prefix, const signage::render::SceneTextStats& stats)
{
    const char* p = prefix.c_str();
    std::printf("%s.notices_rasterized: %zu notices\n", p, stats.notices_rasterized);
    std::printf("%s.notices_reused: %zu notices\n", p, stats.notices_reused);
    // The cache's counters run over the scene's life: each pass prints the totals so far.
    const signage::render::TextCacheStats& cache = stats.cache;
    std::printf("%s.cache_hits: %zu lookups\n", p, cache.hits);
    std::printf("%s.cache_misses: %zu lookups\n", p, cache.misses);
    std::printf("%s.cache_hit_rate: %.3f\n", p, cache.hit_rate());
    std::printf("%s.cache_evictions: %zu blocks\n", p, cache.evictions);
    std::printf("%s.cache_entries: %zu blocks\n", p, cache.entries);
    std::printf("%s.cache_bytes: %zu bytes\n", p, cache.bytes);
    std::printf("%s.cache_budget_bytes: %zu bytes\n", p, cache.budget_bytes);
}

void print_ms(const std::string& name, double ms) { print_ms(name.c_str(), ms); }

// `name` prefixes every line, so runs with different settings can be told apart.
void bench_scene(const std::string& name, const signage::text::BundledFonts& fonts, const signage::render::SceneSettings& settings, int runs)
{
    const signage::platform::SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, kScreenWidth, kScreenHeight, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface) {
        std::fprintf(stderr, "bench-typography: cannot create a surface: %s\n", SDL_GetError());
        std::exit(1);
    }
    const signage::platform::RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    if (!renderer) {
        std::fprintf(stderr, "bench-typography: cannot create the software renderer: %s\n", SDL_GetError());
        std::exit(1);
    }
    const auto notices = bench_notices();

    const auto create_start = Clock::now();
    const auto scene = or_exit(signage::render::Scene::create(renderer.get(), signage::text::FontRoles::bundled(fonts), kScreenWidth, kScreenHeight, settings), "scene");
    print_ms(name + ".create", ms_since(create_start));

    const auto cold_start = Clock::now();
    scene->set_notices(notices);
    print_ms(name + ".set_notices_cold", ms_since(cold_start));
    print_stats(name + ".cold", scene->text_stats());

    std::vector<double> warm;
    for (int run = 0; run < runs; ++run) {
        const auto start = Clock::now();
        scene->set_notices(notices);
        warm.push_back(ms_since(start));
    }
    std::printf("%s.warm_runs: %d runs\n", name.c_str(), runs);
    print_ms(name + ".set_notices_warm_median", median(warm));
    print_stats(name + ".warm", scene->text_stats());

    // The usual feed update: one headline corrected, the other 49 as they were.
    auto edited = notices;
    edited[17].titles[0].text += " (정정)";
    const auto edit_start = Clock::now();
    scene->set_notices(edited);
    print_ms(name + ".set_notices_one_changed", ms_since(edit_start));
    print_stats(name + ".one_changed", scene->text_stats());

    std::vector<double> frames;
    for (int run = 0; run < runs; ++run) {
        const auto start = Clock::now();
        scene->draw(3.0 + run * 0.5);
        // SDL batches render commands until it must draw: without the flush this times the queueing.
        SDL_RenderFlush(renderer.get());
        frames.push_back(ms_since(start));
    }
    print_ms(name + ".draw_frame_software_median", median(frames));

    // The player's way: the same cold board made on the scene's worker while frames go on.
    // What counts is the longest frame meanwhile, against the 16.7 ms of a 60 Hz refresh.
    const auto load_start = Clock::now();
    auto assets = or_exit(signage::render::Scene::load(signage::text::FontRoles::bundled(fonts), kScreenWidth, kScreenHeight, settings), "scene assets");
    print_ms(name + ".load_off_render_thread", ms_since(load_start));
    const auto upload_start = Clock::now();
    const auto prepared = signage::render::Scene::create(renderer.get(), *assets);
    print_ms(name + ".create_from_loaded", ms_since(upload_start));
    const auto prepare_start = Clock::now();
    prepared->prepare_notices(notices);
    print_ms(name + ".prepare_notices_call", ms_since(prepare_start));
    // CPU time of this thread: what the frames cost, whatever else the machine is doing.
    auto thread_ms = [] {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
    };
    std::vector<double> prepared_frames;
    do {
        const double start = thread_ms();
        prepared->draw(3.0);
        SDL_RenderFlush(renderer.get());
        prepared_frames.push_back(thread_ms() - start);
        std::this_thread::sleep_for(std::chrono::milliseconds(16));
    } while (prepared->preparing() || prepared->boards_shown() == 0);
    print_ms(name + ".prepared_board_wall", ms_since(prepare_start));
    std::printf("%s.prepared_board_frames: %zu frames\n", name.c_str(), prepared_frames.size());
    print_ms(name + ".prepared_board_frame_cpu_median", median(prepared_frames));
    print_ms(name + ".prepared_board_frame_cpu_max", *std::max_element(prepared_frames.begin(), prepared_frames.end()));
    print_ms(name + ".prepared_board_first_frame_cpu", prepared_frames.front());
    print_ms(name + ".prepared_board_shown_frame_cpu", prepared_frames.back());
}

}  // namespace

int main(int argc, char** argv)
{
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : kDefaultRuns;
    const signage::text::BundledFonts fonts = signage::text::BundledFonts::in(SIGNAGE_SOURCE_DIR);
    std::printf("screen: %dx%d px\n", kScreenWidth, kScreenHeight);
    std::printf("sizes: title %d px bold in %d px, subtitle %d px, crawl %d px\n", kTitlePx, kTextWidth, kSubtitlePx, kCrawlPx);
    bench_text_pipeline(fonts, runs);
    bench_scene("scene", fonts, signage::render::SceneSettings{}, runs);
    // The same with a text cache that holds the whole screen, to tell what the default budget costs.
    signage::render::SceneSettings roomy;
    roomy.text_cache_bytes = 256u * 1024u * 1024u;
    bench_scene("scene_cache_256mib", fonts, roomy, runs);
    std::printf("peak_rss: %.1f MiB\n", static_cast<double>(peak_rss_kib()) / 1024.0);
    return 0;
}

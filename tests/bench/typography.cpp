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

struct Headline {
    std::string_view ko;
    std::string_view en;
};

// Agency notices as they are written: Hangul with digits, dates, times, parentheses, quotes,
// middle dots and ellipses, 20 to 60 characters; English with kerning pairs and figures. The
// first five are the bundled feed's real headlines.
constexpr std::array<Headline, 50> kHeadlines{{
    {"행정안전부·외교부, 페루·파라과이와 전자정부 협력 강화", "Korea fosters e-government cooperation with Peru and Paraguay"},
    {"한-파라과이 전자정부 협력 포럼, 아순시온에서 개최", "Korea-Paraguay e-Government Cooperation Forum held in Asunción"},
    {"리마에서 전자정부·스마트시티 포럼 열려… 관계기관 120명 참석", "e-Government & Smart City Forum in Lima draws 120 participants"},
    {"한-페루 전자정부 세미나, 페루 국가공무원청(SERVIR)서 개최", "Korea-Peru e-Government Seminar held at SERVIR, Peru's civil service authority"},
    {"산이시드로 '스마트 안전도시' 사업, 한-페루 전자정부협력센터 통해 지속 지원", "Korea to keep supporting San Isidro's Smart Safe City project"},
    {"여름철 폭염 대비 무더위 쉼터 운영 시간 연장 안내 (7월 1일~8월 31일)", "Cooling shelters open longer during the summer heat (1 July – 31 August)"},
    {"2024년 제2기분 지방세 납부 기한 연장 및 온라인 납부 안내", "Second-half 2024 local tax deadline extended; pay online"},
    {"주민등록증 모바일 확인 서비스, 전국 3,552개 읍·면·동으로 확대", "Mobile resident ID check now at all 3,552 community centres"},
    {"청사 주차장 보수 공사로 6월 10일(월)부터 2주간 일부 구역 폐쇄", "Part of the car park closed for two weeks from Monday 10 June for repairs"},
    {"민원실 운영 시간 변경: 평일 09:00~18:00, 토요일 휴무", "Service desk hours change: weekdays 9:00–18:00, closed on Saturdays"},
    {"제22대 국회의원 선거 사전투표소 위치 안내 — 4월 5일·6일", "Early voting stations for the 22nd National Assembly election, 5–6 April"},
    {"지진 대피 훈련 실시 예정(5월 15일 14:00), 방문객 여러분의 협조 부탁드립니다", "Earthquake drill on 15 May at 14:00: visitors, please follow the staff"},
    {"개인정보 보호 강화를 위한 민원서류 발급 절차 일부 변경", "Certificate issuing steps change to better protect personal data"},
    {"외국인 주민을 위한 무료 한국어 교실 수강생 모집 (선착순 40명)", "Free Korean classes for foreign residents: 40 places, first come, first served"},
    {"2025년 공공일자리 참여자 1,200명 모집… 1월 8일까지 접수", "1,200 public job places for 2025; apply by 8 January"},
    {"정부24 시스템 점검으로 3월 2일(토) 00:00~06:00 서비스 중단", "Gov24 offline for maintenance on Saturday 2 March, 0:00–6:00"},
    {"집중호우 피해 주민 재난지원금 신청 기간 연장 안내", "Deadline extended for flood-damage relief applications"},
    {"어린이 보호구역 불법 주정차 과태료 4월부터 3배 인상", "Illegal parking fines in school zones triple from April"},
    {"청년 전월세 보증금 대출 이자 지원 사업 2차 신청 접수", "Second round of rent-deposit interest support for young people"},
    {"주한 태국대사관과 함께하는 똠얌꿍 요리 교실 개최", "Thai cooking class with the Embassy of Thailand"},
    {"민방위 교육 온라인 이수 기간: 3월 4일~11월 30일", "Civil defence training online from 4 March to 30 November"},
    {"청사 1층 무인민원발급기 2대 추가 설치, 24시간 이용 가능", "Two more self-service kiosks on the ground floor, open 24 hours"},
    {"전자정부 누리집 접근성 개선… 화면 낭독기 호환성 98% 달성", "Government websites now 98% screen-reader compatible"},
    {"겨울철 한파 대비 취약계층 난방비 지원 신청 (1가구당 최대 30만 원)", "Winter heating aid for vulnerable households, up to KRW 300,000 each"},
    {"공공데이터 활용 창업 경진대회 본선 진출 15개 팀 발표", "15 teams reach the final of the Public Data Start-up Contest"},
    {"마을버스 7번 노선 조정으로 정류장 3곳 이전 (6월 17일 시행)", "Village bus 7 reroutes; three stops move from 17 June"},
    {"지역사랑상품권 10% 할인 판매, 1인당 월 50만 원 한도", "Local gift vouchers 10% off, up to KRW 500,000 a month"},
    {"행정복지센터 여권 발급 업무 일시 중단 안내(시스템 교체)", "Passport services paused at the community centre during a system change"},
    {"'AI 행정 서비스' 시범 운영, 민원 상담 대기 시간 40% 단축", "AI service pilot cuts help-desk waiting times by 40%"},
    {"미세먼지 비상저감조치 발령 시 공공기관 차량 2부제 시행", "Odd-even driving for public vehicles on high fine-dust days"},
    {"국가유공자 및 유족 대상 보훈 명절 위문품 전달", "Holiday gifts delivered to veterans and their families"},
    {"도서관 야간 개방 시범 운영: 화·목요일 22시까지", "Library opens late on Tuesdays and Thursdays, until 22:00"},
    {"반려동물 등록 자진신고 기간 운영 (7.1.~8.31.)", "Pet registration amnesty runs 1 July to 31 August"},
    {"청사 내 일회용 컵 사용 금지, 다회용 컵 대여 서비스 시작", "Disposable cups banned in the building; reusable cup loans begin"},
    {"다문화가족 자녀 이중언어 말하기 대회 참가자 모집", "Bilingual speech contest for children of multicultural families"},
    {"재난 문자 수신 설정 방법 안내 — 긴급·안전 안내 문자 구분", "How to set up emergency and safety alerts on your phone"},
    {"행정안전부, 2024년 하반기 지방자치단체 합동평가 결과 발표… 우수 기관 15곳에 특별교부세 120억 원 지원",
     "Joint evaluation of local governments: 15 top authorities share KRW 12 billion"},
    {"화재 안전 점검의 날: 매월 4일 소화기·비상구 점검", "Fire Safety Day: extinguishers and exits checked on the 4th of each month"},
    {"중소기업 수출 바우처 3차 공모… 최대 1억 원 지원", "Third call for SME export vouchers, up to KRW 100 million"},
    {"자동차세 연납 신청 시 5% 공제 (1월 16일~31일)", "Pay the year's car tax in January for a 5% discount"},
    {"무료 법률 상담 매주 수요일 14:00~17:00, 2층 상담실", "Free legal advice every Wednesday 14:00–17:00, room 2F"},
    {"정보통신 장애 대비 비상 연락망 점검 훈련 실시", "Emergency contact network drill for IT outages"},
    {"2024 대한민국 정부혁신 박람회, 코엑스에서 11월 6일 개막", "Government Innovation Fair 2024 opens at COEX on 6 November"},
    {"노후 상수도관 교체 공사로 6월 12일 단수 예정 (09:00~15:00)", "Water off on 12 June, 9:00–15:00, while old pipes are replaced"},
    {"어르신 스마트폰 활용 교육 수강생 모집, 회당 20명", "Smartphone classes for older residents: 20 per session"},
    {"공무원 채용 필기시험 합격자 발표 및 면접 일정 안내", "Civil service written exam results and interview schedule"},
    {"청사 방문 시 출입증 패용 의무화 (9월 1일부터)", "Visitor badges required in the building from 1 September"},
    {"기후위기 대응 '탄소중립 실천 주간' 행사 안내", "Carbon Neutral Week: events to tackle the climate crisis"},
    {"전통시장 화재공제 가입비 50% 지원 사업 시행", "Half of fire-insurance fees paid for traditional markets"},
    {"주민참여예산 제안 공모: 총 12억 원 규모, 누구나 참여 가능", "Participatory budget: proposals open to all, KRW 1.2 billion"},
}};

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

long peak_rss_kib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;  // kilobytes on Linux
}

template <class T>
T or_exit(Result<T> result, const char* what)
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
    FreeTypeLibrary library;
    FontChain title;
    std::vector<FontChain> smaller_titles;
    FontChain subtitle;
    FontChain crawl;

    static std::unique_ptr<TextChains> open(const BundledFonts& fonts)
    {
        auto library = or_exit(FreeTypeLibrary::create(), "FreeType");
        auto title = or_exit(FontChain::open(library, fonts.bold_chain(), kTitlePx), "title fonts");
        std::vector<FontChain> smaller;
        for (const int percent : kTitleFitPercent)
            smaller.push_back(or_exit(FontChain::open(library, fonts.bold_chain(), kTitlePx * percent / 100), "title fonts"));
        auto subtitle = or_exit(FontChain::open(library, fonts.regular_chain(), kSubtitlePx), "subtitle fonts");
        auto crawl = or_exit(FontChain::open(library, fonts.regular_chain(), kCrawlPx), "crawl fonts");
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

void draw_line(std::string_view text, const FontChain& chain, ScreenTally& tally)
{
    const ShapedLine line = shape_line(text, chain);
    const CoverageImage image = rasterize_line(line, chain);
    ++tally.lines;
    tally.glyphs += line.glyphs.size();
    tally.coverage_bytes += image.alpha.size();
}

// One screen's worth of headline text, in the order and at the sizes Scene::set_notices uses.
ScreenTally lay_out_screen(const TextChains& chains)
{
    ScreenTally tally;
    for (const auto& headline : kHeadlines) {
        const FontChain* title_chain = &chains.title;
        WrappedText title = wrap_paragraph(headline.ko, *title_chain, kTextWidth, kTitleLines);
        for (std::size_t i = 0; title.truncated && i < chains.smaller_titles.size(); ++i) {
            title_chain = &chains.smaller_titles[i];
            title = wrap_paragraph(headline.ko, *title_chain, kTextWidth, kTitleLines);
        }
        tally.titles_fitted_smaller += title_chain != &chains.title;
        tally.titles_truncated += title.truncated;
        for (const auto& line : title.lines)
            draw_line(line, *title_chain, tally);
        for (const auto& line : wrap_text(headline.en, chains.subtitle, kTextWidth, kSubtitleLines))
            draw_line(line, chains.subtitle, tally);
        draw_line(headline.ko, chains.crawl, tally);
        draw_line(headline.en, chains.crawl, tally);
    }
    return tally;
}

void bench_text_pipeline(const BundledFonts& fonts, int runs)
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

std::vector<Notice> bench_notices()
{
    using namespace std::chrono;
    std::vector<Notice> notices;
    const sys_days first = 2024y / June / 4;
    for (std::size_t i = 0; i < kHeadlines.size(); ++i) {
        Notice notice;
        notice.id = "bench-" + std::to_string(i);
        notice.titles = {{"ko", std::string(kHeadlines[i].ko)}, {"en", std::string(kHeadlines[i].en)}};
        notice.link = "https://www.example.go.kr/news/view.do?newsId=" + std::to_string(i);
        // Midnight UTC (09:00 in Korea) on successive days back, so the date lines vary too.
        notice.published = time_point_cast<seconds>(first - days(static_cast<int>(i)));
        notice.source_name = "bench";
        notices.push_back(std::move(notice));
    }
    return notices;
}

void print_stats(const std::string& prefix, const SceneTextStats& stats)
{
    const char* p = prefix.c_str();
    std::printf("%s.notices_rasterized: %zu notices\n", p, stats.notices_rasterized);
    std::printf("%s.notices_reused: %zu notices\n", p, stats.notices_reused);
    // The cache's counters run over the scene's life: each pass prints the totals so far.
    const TextCacheStats& cache = stats.cache;
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
void bench_scene(const std::string& name, const BundledFonts& fonts, const SceneSettings& settings, int runs)
{
    const SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, kScreenWidth, kScreenHeight, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface) {
        std::fprintf(stderr, "bench-typography: cannot create a surface: %s\n", SDL_GetError());
        std::exit(1);
    }
    const RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    if (!renderer) {
        std::fprintf(stderr, "bench-typography: cannot create the software renderer: %s\n", SDL_GetError());
        std::exit(1);
    }
    const auto notices = bench_notices();

    const auto create_start = Clock::now();
    const auto scene = or_exit(Scene::create(renderer.get(), FontRoles::bundled(fonts), kScreenWidth, kScreenHeight, settings), "scene");
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
    auto assets = or_exit(Scene::load(FontRoles::bundled(fonts), kScreenWidth, kScreenHeight, settings), "scene assets");
    print_ms(name + ".load_off_render_thread", ms_since(load_start));
    const auto upload_start = Clock::now();
    const auto prepared = Scene::create(renderer.get(), *assets);
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
    const BundledFonts fonts = BundledFonts::in(SIGNAGE_SOURCE_DIR);
    std::printf("screen: %dx%d px\n", kScreenWidth, kScreenHeight);
    std::printf("sizes: title %d px bold in %d px, subtitle %d px, crawl %d px\n", kTitlePx, kTextWidth, kSubtitlePx, kCrawlPx);
    bench_text_pipeline(fonts, runs);
    bench_scene("scene", fonts, SceneSettings{}, runs);
    // The same with a text cache that holds the whole screen, to tell what the default budget costs.
    SceneSettings roomy;
    roomy.text_cache_bytes = 256u * 1024u * 1024u;
    bench_scene("scene_cache_256mib", fonts, roomy, runs);
    std::printf("peak_rss: %.1f MiB\n", static_cast<double>(peak_rss_kib()) / 1024.0);
    return 0;
}

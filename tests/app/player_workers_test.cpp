// What runs beside the player's loop (the scene loader, the fetcher) never stops it: a worker
// that throws leaves the screen as it was, and one that is slow leaves the frames coming.
#include "player_harness.hpp"

#include <doctest/doctest.h>

namespace signage::app {

namespace {

const std::string featured = config_text("featured+ticker", "Asia/Seoul");
const std::string listed = config_text("list", "Asia/Seoul");
const std::string named = config_text("list", "Asia/Seoul", "agency_name_en = \"Test agency\"\n");

using LoadCount = std::shared_ptr<std::atomic<int>>;

// Scene::load, except that the second call waits for `gate` (and every call after the first
// throws, with `throws`). `calls` counts them.
SceneLoader loader_after_the_first(std::shared_ptr<Gate> gate, bool throws = false, LoadCount calls = std::make_shared<std::atomic<int>>(0))
{
    return [gate, throws, calls](const text::FontRoles& roles, int width, int height, render::SceneSettings settings) {
        const int call = ++*calls;
        if (call > 1 && throws)
            throw std::runtime_error("boom");
        if (call == 2)
            gate->wait();
        return render::Scene::load(roles, width, height, std::move(settings));
    };
}

// A player whose scene loads after the first wait for `gate` (or throw), showing the four
// notices of the test feed.
std::unique_ptr<PlayerHarness> player_showing_the_feed(const std::string& config, std::shared_ptr<Gate> gate, bool throws = false,
                                                       LoadCount calls = std::make_shared<std::atomic<int>>(0))
{
    PlayerParts parts;
    parts.load_scene = loader_after_the_first(std::move(gate), throws, std::move(calls));
    auto harness = std::make_unique<PlayerHarness>(config, 4, std::move(parts));
    REQUIRE(harness->step_until([&] { return harness->log.has("<6>feed: \"test\": 4 notices"); }));
    REQUIRE(harness->settle());
    return harness;
}

// A fetcher that answers nothing, and whose destructor waits for `gate`.
class SlowToStopFetcher final : public FeedUpdates {
public:
    explicit SlowToStopFetcher(std::shared_ptr<Gate> gate, std::atomic<bool>& stopped_on_caller)
        : m_gate(std::move(gate)), m_caller(std::this_thread::get_id()), m_stopped_on_caller(stopped_on_caller)
    {
    }
    ~SlowToStopFetcher() override
    {
        m_stopped_on_caller = std::this_thread::get_id() == m_caller;
        m_gate->wait();
    }
    std::vector<feed::SourceUpdate> take_updates() override { return {}; }

private:
    std::shared_ptr<Gate> m_gate;
    std::thread::id m_caller;
    std::atomic<bool>& m_stopped_on_caller;
};

}  // namespace

TEST_CASE("a scene loader that throws on a reload leaves the screen as it was and says why")
{
    const auto player = player_showing_the_feed(featured, std::make_shared<Gate>(), true);
    PlayerHarness& harness = *player;
    harness.write_config(listed);
    harness.player->reload("R");
    bool said = false;
    CHECK_NOTHROW(said = harness.step_until([&] { return harness.log.has("loading the screen failed: boom"); }));
    CHECK(said);
    CHECK(harness.log.has("reload (R): the screen keeps its previous look: loading the screen failed: boom"));
    REQUIRE(harness.settle());
    CHECK(differing_pixels(harness.frame().get(), harness.still(featured).get(), kAboveCrawl) == 0);
}

TEST_CASE("a reload whose scene is slow to load leaves the frames coming, and a second reload does not wait for it")
{
    auto gate = std::make_shared<Gate>();
    const auto player = player_showing_the_feed(featured, gate);
    PlayerHarness& harness = *player;
    GateWatchdog watchdog(*gate);

    harness.reload_with(listed);
    CHECK(harness.crawl_moves());  // while the new look loads: the loop draws
    harness.write_config(named);
    harness.player->reload("SIGHUP");
    // Applied, whichever reading names it: the file's own watch may ask for the same reading
    // meanwhile (a slow machine, under a sanitizer), and one reading serves both.
    REQUIRE(harness.step_until([&] { return harness.player->config().screen.agency_name_en == "Test agency"; }));
    harness.player->step(0);
    watchdog.finish();
    CHECK_FALSE(watchdog.was_needed());

    gate->open();
    REQUIRE(harness.settle());
    CHECK(harness.player->config().screen.agency_name_en == "Test agency");
    harness.scene_seconds = 0.5;
    CHECK(differing_pixels(harness.frame().get(), harness.still(named).get()) == 0);
    CHECK(differing_pixels(harness.frame().get(), harness.still(listed).get()) > 100);
}

TEST_CASE("a resize lays the screen out anew off the render thread")
{
    auto gate = std::make_shared<Gate>();
    const auto player = player_showing_the_feed(listed, gate);
    PlayerHarness& harness = *player;
    GateWatchdog watchdog(*gate);

    SDL_SetWindowSize(harness.player->display().window(), 480, 300);
    SDL_Event resized{};
    resized.type = SDL_WINDOWEVENT;
    resized.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
    SDL_PushEvent(&resized);
    for (int i = 0; i < 3; ++i)
        harness.player->step(0);
    watchdog.finish();
    CHECK_FALSE(watchdog.was_needed());
    CHECK(harness.frame()->w == 480);  // frames go on (black) while the new layout loads

    gate->open();
    REQUIRE(harness.settle());
    CHECK(differing_pixels(harness.frame().get(), harness.still(listed, 480, 300).get()) == 0);
}

TEST_CASE("a window dragged through many sizes while its layout loads loads the newest size alone, then shows it")
{
    auto gate = std::make_shared<Gate>();
    auto loads = std::make_shared<std::atomic<int>>(0);
    const auto player = player_showing_the_feed(listed, gate, false, loads);
    PlayerHarness& harness = *player;
    REQUIRE(loads->load() == 1);
    GateWatchdog watchdog(*gate);

    for (const int width : {600, 560, 520, 480}) {
        SDL_SetWindowSize(harness.player->display().window(), width, 300);
        SDL_Event resized{};
        resized.type = SDL_WINDOWEVENT;
        resized.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
        SDL_PushEvent(&resized);
        harness.player->step(0);
    }
    // The first size's load runs on its thread (and is held at the gate); the others wait for it.
    REQUIRE(harness.step_until([&] { return loads->load() >= 2; }));
    CHECK(loads->load() == 2);
    watchdog.finish();
    CHECK_FALSE(watchdog.was_needed());

    gate->open();
    REQUIRE(harness.settle());
    CHECK(loads->load() == 3);  // then the newest size alone, not the two between
    CHECK(differing_pixels(harness.frame().get(), harness.still(listed, 480, 300).get()) == 0);
}

TEST_CASE("a fetcher slow to stop is stopped beside the loop, not in it")
{
    auto gate = std::make_shared<Gate>();
    std::atomic<bool> stopped_on_loop = false;  // the first fetcher, the one a reload replaces
    std::atomic<bool> last_stopped_on_loop = false;
    int made = 0;
    PlayerParts parts;
    parts.make_fetcher = [&](const config::Config&, std::function<void()>) -> std::unique_ptr<FeedUpdates> {
        return std::make_unique<SlowToStopFetcher>(gate, ++made == 1 ? stopped_on_loop : last_stopped_on_loop);
    };
    PlayerHarness harness(featured, 4, std::move(parts), false);
    harness.player->step(0);
    GateWatchdog watchdog(*gate);
    harness.player->reload("R");  // without a config file: the feeds fetched again
    harness.player->step(0);
    harness.player->step(0);
    watchdog.finish();
    CHECK_FALSE(watchdog.was_needed());
    CHECK(harness.log.has("reload (R): no --config file; fetching the feeds again"));
    gate->open();
    harness.player.reset();
    CHECK(made == 2);
    CHECK_FALSE(stopped_on_loop);
}

}  // namespace signage::app

#pragma once
// Building and swapping the player's screens: a scene and how it goes onto the panel. A new look
// (a reload, a resize) is loaded on another thread and its text made on the scene's worker,
// while the screen before it (if any) goes on showing; it replaces that one in one frame.
#include "platform/display.hpp"
#include "render/scene.hpp"
#include "render/screen_transform.hpp"
#include "text/font_roles.hpp"
#include "util/result.hpp"

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace signage::app {

// What a screen is made for: its fonts, its size and place on the output, its settings.
struct ScreenPlan {
    text::FontRoles roles;
    render::ScreenGeometry geometry;
    render::SceneSettings settings;
};

// Opens the fonts, decodes the pictures and composes the fixed text of a scene (Scene::load),
// on any thread. Tests put in their own.
using SceneLoader =
    std::function<Result<std::shared_ptr<render::Scene::Assets>>(const text::FontRoles& roles, int width, int height, render::SceneSettings settings)>;
Result<std::shared_ptr<render::Scene::Assets>> load_scene(const text::FontRoles& roles, int width, int height, render::SceneSettings settings);

class Screens {
public:
    // Gives a new scene what it is to show (with its prepare_ calls, which never stall).
    using Fill = std::function<void(render::Scene& scene)>;

    Screens(platform::Display& display, SceneLoader loader);
    ~Screens();  // waits for a load still running: it only opens files
    Screens(const Screens&) = delete;
    Screens& operator=(const Screens&) = delete;

    // At start, before the first frame: loads here, and shows the scene at once.
    Status build_now(const ScreenPlan& plan, const Fill& fill);
    // A new look, loaded on another thread. `why` begins the log line should it fail. Asked
    // while a load runs (a window being dragged to a new size sends many), it waits for that
    // one to end, whose result is then dropped: only the newest plan is loaded, one at a time.
    void build_later(ScreenPlan plan, std::string why);
    // Before each frame: takes up a finished load, uploads some of the next screen's text, and
    // shows it once all is there. An error (a line for the log) when a load failed: the
    // screen shown, if any, stays.
    Status advance(const Fill& fill);
    // Every scene and transform, before the renderer they were made with goes.
    void drop();

    render::Scene* scene() { return m_scene.get(); }
    const render::Scene* scene() const { return m_scene.get(); }
    render::ScreenTransform* transform() { return m_transform ? &*m_transform : nullptr; }
    bool loading() const { return m_loading.valid(); }
    // Whether a new look is being loaded or readied.
    bool swapping() const { return m_loading.valid() || m_next.has_value(); }
    // Whether a new screen went up since the last call: the next frame is drawn whole.
    bool take_new_screen();
    // The scene on screen, and the one being prepared to replace it.
    template <typename Change>
    void for_each_scene(const Change& change)
    {
        if (m_scene)
            change(*m_scene);
        if (m_next)
            change(*m_next->scene);
    }

private:
    struct Loaded {
        render::ScreenGeometry geometry;
        Result<std::shared_ptr<render::Scene::Assets>> assets;
    };
    struct Screen {
        render::ScreenTransform transform;
        std::unique_ptr<render::Scene> scene;
    };
    Status finish(const render::ScreenGeometry& geometry, render::Scene::Assets& assets, const Fill& fill);
    void show(Screen screen);
    void start_loading(ScreenPlan plan, std::string why);

    platform::Display& m_display;
    SceneLoader m_loader;
    std::optional<render::ScreenTransform> m_transform;
    std::unique_ptr<render::Scene> m_scene;
    std::future<Loaded> m_loading;  // a new look's fonts and pictures
    std::string m_loading_why;
    std::optional<std::pair<ScreenPlan, std::string>> m_asked_meanwhile;  // the newest plan, and why
    std::optional<Screen> m_next;  // a new look, shown when its text is ready
    bool m_new_screen = true;
};

}  // namespace signage::app

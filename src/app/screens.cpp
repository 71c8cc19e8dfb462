#include "app/screens.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>

namespace signage::app {

Result<std::shared_ptr<render::Scene::Assets>> load_scene(const text::FontRoles& roles, int width, int height, render::SceneSettings settings)
{
    return render::Scene::load(roles, width, height, std::move(settings));
}

Screens::Screens(platform::Display& display, SceneLoader loader)
    : m_display(display)
    , m_loader(std::move(loader))
{
}

Screens::~Screens() = default;

Status Screens::build_now(const ScreenPlan& plan, const Fill& fill)
{
    auto assets = m_loader(plan.roles, plan.geometry.scene_width, plan.geometry.scene_height, plan.settings);
    if (!assets)
        return assets.error();
    return finish(plan.geometry, *assets.value(), fill);
}

void Screens::build_later(ScreenPlan plan, std::string why)
{
    // Assigning over a std::async future would wait for its load: the plan waits instead.
    if (m_loading.valid()) {
        m_asked_meanwhile.emplace(std::move(plan), std::move(why));
        return;
    }
    start_loading(std::move(plan), std::move(why));
}

void Screens::start_loading(ScreenPlan plan, std::string why)
{
    m_loading_why = std::move(why);
    m_loading = std::async(std::launch::async, [loader = m_loader, plan = std::move(plan)]() -> Loaded {
        // Nothing thrown here may reach future.get() on the render thread.
        try {
            return {plan.geometry, loader(plan.roles, plan.geometry.scene_width, plan.geometry.scene_height, plan.settings)};
        } catch (const std::exception& error) {
            return {plan.geometry, Error{std::string("loading the screen failed: ") + error.what()}};
        } catch (...) {
            return {plan.geometry, Error{"loading the screen failed"}};
        }
    });
}

Status Screens::advance(const Fill& fill)
{
    Status result = Done{};
    if (m_loading.valid() && m_loading.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        Loaded loaded = m_loading.get();
        if (auto newer = std::exchange(m_asked_meanwhile, std::nullopt)) {
            start_loading(std::move(newer->first), std::move(newer->second));  // this one is out of date
            return result;
        }
        Status finished = loaded.assets ? finish(loaded.geometry, *loaded.assets.value(), fill) : Status(loaded.assets.error());
        if (!finished)
            result = Error{m_loading_why + ": " + finished.error().message};
    }
    if (m_next) {
        // A new look replaces the screen in one frame, once its text is all uploaded.
        m_next->scene->upload_prepared_text(std::chrono::milliseconds(3));
        if (!m_next->scene->preparing()) {
            show(std::move(*m_next));
            m_next.reset();
        }
    }
    return result;
}

void Screens::drop()
{
    m_next.reset();
    m_scene.reset();
    m_transform.reset();
}

bool Screens::take_new_screen()
{
    return std::exchange(m_new_screen, false);
}

Status Screens::finish(const render::ScreenGeometry& geometry, render::Scene::Assets& assets, const Fill& fill)
{
    auto transform = render::ScreenTransform::create(m_display.renderer(), geometry);
    if (!transform)
        return transform.error();
    Screen screen{std::move(transform.value()), render::Scene::create(m_display.renderer(), assets)};
    fill(*screen.scene);
    m_next.reset();
    if (m_scene)
        m_next = std::move(screen);  // shown by advance() once its text is all there
    else
        show(std::move(screen));  // nothing else to show: its text comes as it is made
    return Done{};
}

void Screens::show(Screen screen)
{
    m_transform.emplace(std::move(screen.transform));
    m_scene = std::move(screen.scene);
    m_new_screen = true;  // the margins of a new safe area too
}

}  // namespace signage::app

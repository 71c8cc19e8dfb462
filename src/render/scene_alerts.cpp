// PLACEHOLDER until the alert look lands (issue 16): the alerts are kept, not drawn.
#include "render/scene.hpp"

namespace signage::render {

namespace {
std::size_t g_placeholder_alerts = 0;
}

void Scene::set_alerts(const std::vector<model::ShownAlert>& alerts) { g_placeholder_alerts = alerts.size(); }
void Scene::prepare_alerts(std::vector<model::ShownAlert> alerts) { g_placeholder_alerts = alerts.size(); }
std::size_t Scene::alert_count() const { return g_placeholder_alerts; }

}  // namespace signage::render

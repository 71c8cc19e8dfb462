#include "app/renderer_switch.hpp"

#include <chrono>
#include <exception>
#include <utility>

namespace signage::app {

std::string renderer_key(config::RendererChoice choice)
{
    const char* word = choice == config::RendererChoice::gpu ? "gpu" : choice == config::RendererChoice::software ? "software" : "auto";
    return std::string("[display] renderer = \"") + word + "\"";
}

RendererSwitch::RendererSwitch(Probe probe) : m_probe(std::move(probe)) {}

RendererSwitch::~RendererSwitch() = default;

void RendererSwitch::request(config::RendererChoice choice, std::string why)
{
    m_wanted = choice;
    m_why = std::move(why);
    if (choice != config::RendererChoice::automatic || m_answer.valid())
        return;
    m_answer = std::async(std::launch::async, [probe = m_probe]() -> platform::RendererProbe {
        // Nothing thrown here may reach future.get() on the render thread.
        try {
            return probe();
        } catch (const std::exception& error) {
            return {platform::RendererProbe::Outcome::not_run, std::string("failed: ") + error.what()};
        } catch (...) {
            return {platform::RendererProbe::Outcome::not_run, "failed"};
        }
    });
}

std::optional<RendererSwitch::Decided> RendererSwitch::take_decision()
{
    // An answer nobody waits for any more (the choice changed since) is taken all the same: the
    // next "auto" gets a probe of its own.
    std::optional<platform::RendererProbe> answer;
    if (m_answer.valid() && m_answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        answer = m_answer.get();
    if (!m_wanted || (*m_wanted == config::RendererChoice::automatic && !answer))
        return std::nullopt;
    const config::RendererChoice choice = *std::exchange(m_wanted, std::nullopt);
    const platform::RendererDecision decision =
        choice == config::RendererChoice::automatic ? platform::decide_renderer(*answer) : platform::fixed_renderer(choice);
    return Decided{choice, decision, std::move(m_why)};
}

}  // namespace signage::app

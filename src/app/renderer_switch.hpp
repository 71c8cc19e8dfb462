#pragma once
// A reload's `[display] renderer`, decided off the render thread: for "auto" the renderer probe
// (a child process that may take up to its timeout) is awaited on a thread of its own while the
// frames go on with the renderer in use; "gpu" and "software" are decided at once.
#include "config/display_settings.hpp"
#include "platform/display.hpp"

#include <functional>
#include <future>
#include <optional>
#include <string>

namespace signage::app {

// `[display] renderer = "auto"` as a config file says it.
std::string renderer_key(config::RendererChoice choice);

class RendererSwitch {
public:
    // Starts a probe and waits for its answer; called on the switch's own thread.
    using Probe = std::function<platform::RendererProbe()>;
    struct Decided {
        config::RendererChoice choice;
        platform::RendererDecision decision;
        std::string why;  // begins the log lines about it: "reload (R): "
    };

    explicit RendererSwitch(Probe probe);
    ~RendererSwitch();  // waits for a probe under way: at most its timeout
    RendererSwitch(const RendererSwitch&) = delete;
    RendererSwitch& operator=(const RendererSwitch&) = delete;

    // A newer choice replaces one not yet decided; a probe under way serves a new "auto" too.
    void request(config::RendererChoice choice, std::string why);
    // The decision once it is known, once.
    std::optional<Decided> take_decision();
    // Whether a choice waits for its decision.
    bool deciding() const { return m_wanted.has_value(); }

private:
    Probe m_probe;
    std::optional<config::RendererChoice> m_wanted;
    std::string m_why;
    std::future<platform::RendererProbe> m_answer;
};

}  // namespace signage::app

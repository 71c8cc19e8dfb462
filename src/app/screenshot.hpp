#pragma once
// The S key: what is on the panel now, to a PNG in the current folder.
#include "platform/display.hpp"
#include "platform/log.hpp"

#include <chrono>
#include <functional>
#include <string_view>

namespace signage::app {

// Named after `now` in the screen's time zone: signage-20180604-140500.png. Logs the name, or
// why there is none.
void save_screenshot(const platform::Display& display, std::chrono::sys_seconds now,
                     const platform::LogSink& log);

}  // namespace signage::app

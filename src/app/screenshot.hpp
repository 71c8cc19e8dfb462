#pragma once
// The S key: what is on the panel now, to a PNG in the current folder. read_screen is also
// what `signage-player snapshot` takes (remote_snapshot.hpp).
#include "platform/display.hpp"
#include "platform/log.hpp"
#include "platform/sdl_handles.hpp"
#include "util/result.hpp"

#include <chrono>
#include <functional>
#include <string_view>

namespace signage::app {

// The frame drawn and not yet presented, copied out of the renderer (ARGB8888). Call it after
// the draw and before present(): what a back buffer holds after a present is undefined.
Result<platform::SurfacePtr> read_screen(const platform::Display& display);

// Named after `now` in the screen's time zone: signage-20180604-140500.png. Logs the name, or
// why there is none.
void save_screenshot(const platform::Display& display, std::chrono::sys_seconds now,
                     const platform::LogSink& log);

}  // namespace signage::app

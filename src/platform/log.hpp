#pragma once
// One line per event on stderr, prefixed with the program name: journald and a terminal
// both read that well.
#include <string_view>

namespace signage::platform {

void log_line(std::string_view message);

}  // namespace signage::platform

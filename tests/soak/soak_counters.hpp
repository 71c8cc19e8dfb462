#pragma once
// What the soak harness counts besides /proc: SDL textures and FreeType faces alive, and the heap trims, counted
// by wrapping the library calls at link time (-Wl,--wrap, tests/CMakeLists.txt), so the player
// is measured as it is built, with nothing added to src/.
#include <cstdint>

namespace signage::soak {

std::int64_t textures_alive();
std::int64_t font_faces_alive();
// platform::release_free_heap's malloc_trim: how often, and the longest one took.
std::int64_t heap_trims();
std::int64_t longest_heap_trim_us();

}  // namespace signage::soak

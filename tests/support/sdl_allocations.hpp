#pragma once
// SDL's own allocations, counted by wrapping its allocator: a frame that must allocate nothing
// is checked inside SDL too. The wrappers forward to the allocator SDL had, so memory taken
// before the wrap is still freed by the allocator that gave it.
#include <SDL.h>
#include <doctest/doctest.h>

#include <atomic>
#include <cstdint>

namespace signage {

namespace sdl_allocations_detail {

inline std::atomic<std::uint64_t> count{0};
inline SDL_malloc_func wrapped_malloc = nullptr;
inline SDL_calloc_func wrapped_calloc = nullptr;
inline SDL_realloc_func wrapped_realloc = nullptr;
inline SDL_free_func wrapped_free = nullptr;

inline void* counting_malloc(size_t size)
{
    count.fetch_add(1, std::memory_order_relaxed);
    return wrapped_malloc(size);
}
inline void* counting_calloc(size_t items, size_t size)
{
    count.fetch_add(1, std::memory_order_relaxed);
    return wrapped_calloc(items, size);
}
inline void* counting_realloc(void* memory, size_t size)
{
    count.fetch_add(1, std::memory_order_relaxed);
    return wrapped_realloc(memory, size);
}
inline void counting_free(void* memory) { wrapped_free(memory); }

}  // namespace sdl_allocations_detail

// From the first call on, every allocation SDL makes is counted (once per test program).
inline void count_sdl_allocations()
{
    using namespace sdl_allocations_detail;
    if (wrapped_malloc)
        return;
    SDL_GetMemoryFunctions(&wrapped_malloc, &wrapped_calloc, &wrapped_realloc, &wrapped_free);
    REQUIRE(SDL_SetMemoryFunctions(counting_malloc, counting_calloc, counting_realloc, counting_free) == 0);
}

inline std::uint64_t sdl_allocations() { return sdl_allocations_detail::count.load(std::memory_order_relaxed); }

}  // namespace signage

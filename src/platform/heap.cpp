#include "platform/heap.hpp"

#include <malloc.h>

namespace signage::platform {

void limit_heap_arenas()
{
#ifdef M_ARENA_MAX
    mallopt(M_ARENA_MAX, 2);
#endif
}

void release_free_heap()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

}  // namespace signage::platform

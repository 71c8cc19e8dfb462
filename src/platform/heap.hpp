#pragma once
// How the process's heap (glibc malloc) gives memory back. The player's threads each allocate
// (the fetcher parses, the text worker rasterizes, the render thread uploads and frees), and by
// default glibc gives every thread an arena of its own (up to 8 per core), whose freed memory
// stays resident: resident memory then climbs with every board well above what is in use
// (the soak, tests/soak/, showed 68 MB taken from the system for 31 MB in use, in 7 arenas).
namespace signage::platform {

// At most two malloc arenas: the main thread's and one the other threads share. Call first
// thing in main(), before any thread starts (later it holds only for arenas not yet made).
void limit_heap_arenas();
// Returns the free pages of every arena to the system (malloc_trim). Call after a burst of
// frees (a new board shown); it takes each arena's lock in turn, for a fraction of a millisecond.
void release_free_heap();

}  // namespace signage::platform

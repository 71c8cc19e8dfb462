#pragma once
// One sample of the process as the soak harness reports it: memory (resident and malloc's
// view), open files, threads, and the textures and font faces alive.
#include "soak/soak_counters.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include <malloc.h>
#include <unistd.h>

namespace signage::soak {

struct Sample {
    double day = 0.0;     // simulated days since the start
    double real_s = 0.0;  // real seconds since the start
    std::int64_t rss_kb = 0;
    std::int64_t heap_used_kb = 0;    // mallinfo2: uordblks + hblkhd (bytes handed out)
    std::int64_t heap_system_kb = 0;  // mallinfo2: arena + hblkhd (bytes taken from the system)
    int arenas = 0;                   // malloc arenas (malloc_info's <heap> elements)
    int fds = 0;
    int threads = 0;
    std::int64_t textures = 0;
    std::int64_t faces = 0;
    std::int64_t cache_entries = 0;  // the scene's text cache after its last board
    std::int64_t cache_kb = 0;
    std::int64_t boards = 0;  // boards shown since the start, every scene
};

inline int entries_in(const char* dir)
{
    int count = 0;
    std::error_code error;
    for (auto it = std::filesystem::directory_iterator(dir, error); !error && it != std::filesystem::directory_iterator(); it.increment(error))
        ++count;
    return count;
}

inline int malloc_arenas()
{
    char* text = nullptr;
    std::size_t size = 0;
    FILE* stream = open_memstream(&text, &size);
    if (!stream)
        return -1;
    malloc_info(0, stream);
    std::fclose(stream);
    int count = 0;
    for (const char* at = text; (at = std::strstr(at, "<heap nr=")) != nullptr; ++at)
        ++count;
    std::free(text);
    return count;
}

// Memory, files, threads and counters now; the caller fills the rest.
inline Sample sample_process()
{
    Sample sample;
    long pages_total = 0, pages_resident = 0;
    if (std::ifstream statm("/proc/self/statm"); statm >> pages_total >> pages_resident)
        sample.rss_kb = pages_resident * (::sysconf(_SC_PAGESIZE) / 1024);
    const struct mallinfo2 info = mallinfo2();
    sample.heap_used_kb = static_cast<std::int64_t>((info.uordblks + info.hblkhd) / 1024);
    sample.heap_system_kb = static_cast<std::int64_t>((info.arena + info.hblkhd) / 1024);
    sample.arenas = malloc_arenas();
    sample.fds = entries_in("/proc/self/fd") - 1;  // less the one the listing itself opened
    sample.threads = entries_in("/proc/self/task");
    sample.textures = textures_alive();
    sample.faces = font_faces_alive();
    return sample;
}

inline std::string csv_header()
{
    return "day,real_s,rss_kb,heap_used_kb,heap_system_kb,arenas,fds,threads,textures,font_faces,text_cache_entries,text_cache_kb,boards_shown";
}

inline std::string csv_line(const Sample& s)
{
    char line[320];
    std::snprintf(line, sizeof line, "%.3f,%.1f,%lld,%lld,%lld,%d,%d,%d,%lld,%lld,%lld,%lld,%lld", s.day, s.real_s,
                  static_cast<long long>(s.rss_kb), static_cast<long long>(s.heap_used_kb), static_cast<long long>(s.heap_system_kb),
                  s.arenas, s.fds, s.threads, static_cast<long long>(s.textures), static_cast<long long>(s.faces),
                  static_cast<long long>(s.cache_entries), static_cast<long long>(s.cache_kb), static_cast<long long>(s.boards));
    return line;
}

}  // namespace signage::soak

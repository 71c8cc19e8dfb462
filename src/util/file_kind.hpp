#pragma once
// What a path that is not a regular file is, for an error that says why it cannot be read.
#include <string>

#include <sys/stat.h>

namespace signage {

inline std::string file_kind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISDIR(mode))
        return "a folder";
    return "not a regular file";
}

}  // namespace signage

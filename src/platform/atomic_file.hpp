#pragma once
// A file replaced whole or not at all: the new contents go to a temporary file in the same
// folder, reach the disk (fsync), and take the old name by rename(). A reader, or a power cut,
// sees the old file or the new one, never a part.
#include "util/result.hpp"

#include <filesystem>
#include <string_view>

namespace signage::platform {

enum class Durability {
    on_disk,       // the new contents survive a power cut once this returns (fsync of file and folder)
    until_reboot,  // replaced whole all the same, but not waited onto the disk: for what means
                   // nothing after a reboot (a pid file), where an fsync only delays the caller
};

// Errors read "<path>: cannot <what>: <reason>". The folder must exist.
Status write_file_atomically(const std::filesystem::path& path, std::string_view contents, Durability durability = Durability::on_disk);

}  // namespace signage::platform

#pragma once
// A file replaced whole or not at all: the new contents go to a temporary file in the same
// folder, reach the disk (fsync), and take the old name by rename(). A reader, or a power cut,
// sees the old file or the new one, never a part.
#include "util/result.hpp"

#include <filesystem>
#include <string_view>

namespace signage::platform {

// Errors read "<path>: cannot <what>: <reason>". The folder must exist.
Status write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace signage::platform

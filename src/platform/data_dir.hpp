#pragma once
// Where the player's fonts/ and assets/ are: share/signage-player beside the binary's bin/
// (the same in the build tree and after `cmake --install`), or $SIGNAGE_PLAYER_DATA_DIR.
#include "util/result.hpp"

#include <filesystem>

namespace signage::platform {

Result<std::filesystem::path> find_data_dir();

}  // namespace signage::platform

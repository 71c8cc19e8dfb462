#pragma once
// signage-player check-config FILE: a config read exactly as the player reads it at start, with
// nothing opened, so a config can be checked on a desk or in CI before a screen is pointed at it.
#include <filesystem>
#include <string>

namespace signage::app {

struct ConfigCheck {
    int exit_code = 0;  // 0: the player would start with it; 1: it would not
    std::string line;   // "FILE: ok (N feeds)", or the first mistake "FILE:LINE: key: what is wrong"
};

ConfigCheck check_config_file(const std::filesystem::path& path);

// Prints check_config_file's line, on stdout when the file is good and on stderr when not, and
// returns its exit status.
int run_check_config(const std::filesystem::path& path);

}  // namespace signage::app

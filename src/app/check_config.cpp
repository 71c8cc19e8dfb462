#include "app/check_config.hpp"

#include "app/config_checks.hpp"

#include <cstdio>

namespace signage::app {

ConfigCheck check_config_file(const std::filesystem::path& path)
{
    const Result<config::Config> config = load_checked_config(path);
    if (!config)
        return {1, config.error().message};
    const std::size_t feeds = config->feeds.size();
    return {0, path.string() + ": ok (" + std::to_string(feeds) + (feeds == 1 ? " feed)" : " feeds)")};
}

int run_check_config(const std::filesystem::path& path)
{
    const ConfigCheck check = check_config_file(path);
    // The mistake is printed bare, without the program-name prefix of log lines, so that it
    // starts with FILE:LINE: as compilers' messages do and editors and CI jump to it.
    std::FILE* out = check.exit_code == 0 ? stdout : stderr;
    std::fprintf(out, "%s\n", check.line.c_str());
    return check.exit_code;
}

}  // namespace signage::app

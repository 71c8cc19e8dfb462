// Fuzz target: a config file as an officer (or a failing SD card) may leave it, through the loader:
// config::parse_config (the key-depth guard of config_file, toml++, every section's key rules)
// and, for some inputs, config::load_config on a real file (the bounded read of config_file),
// some of them padded to just under the size cap so that the cap itself is crossed.
// The first byte picks the way in (padded: 0xff, rarely, as each costs a megabyte of reading; a
// file: 0xe0 to 0xfe; the text in memory otherwise); the rest is the file.
#include "config/config.hpp"
#include "config/config_file.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;

// A folder of this process's own: relative paths in the config (fonts, a ca_file) resolve in it.
const fs::path& work_dir()
{
    static const fs::path dir = [] {
        fs::path made = fs::temp_directory_path() / ("signage-fuzz-config-" + std::to_string(::getpid()));
        fs::create_directories(made);
        return made;
    }();
    return dir;
}

void check_one_line(const signage::Error& error)
{
    if (error.message.empty() || error.message.find('\n') != std::string::npos)
        std::abort();  // a config error is one line of the log
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const bool padded = data[0] == 0xff;
    const bool from_file = data[0] >= 0xe0;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const signage::config::ConfigChecks checks;  // every zone exists, every font opens
    const fs::path file = work_dir() / "config.toml";

    if (!from_file) {
        const auto config = signage::config::parse_config(text, file, checks);
        if (!config.ok())
            check_one_line(config.error());
        return 0;
    }
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        if (padded) {
            // A comment line that leaves 64 bytes below the cap: longer inputs cross it.
            const std::size_t padding = signage::config::kMaxConfigBytes - 64;
            out << '#' << std::string(padding - 2, 'x') << '\n';
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    const auto config = signage::config::load_config(file, checks);
    if (!config.ok())
        check_one_line(config.error());
    else if (padded && text.size() > 64)
        std::abort();  // a file over the cap was read
    return 0;
}

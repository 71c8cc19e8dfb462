#include "platform/data_dir.hpp"

#include "platform/c_deleter.hpp"

#include <SDL.h>

#include <cstdlib>
#include <memory>

namespace signage::platform {

Result<std::filesystem::path> find_data_dir()
{
    namespace fs = std::filesystem;
    auto has_fonts = [](const fs::path& dir) {
        std::error_code error;
        return fs::is_directory(dir / "fonts", error) && fs::is_directory(dir / "assets", error);
    };
    if (const char* configured = std::getenv("SIGNAGE_PLAYER_DATA_DIR"); configured && *configured) {
        if (has_fonts(configured))
            return fs::path(configured);
        return Error{std::string("SIGNAGE_PLAYER_DATA_DIR=") + configured + ": no fonts/ and assets/ there; unset it or point it at share/signage-player"};
    }
    std::unique_ptr<char, CDeleter<SDL_free>> base(SDL_GetBasePath());
    if (!base)
        return Error{"cannot tell where the signage-player binary is; set SIGNAGE_PLAYER_DATA_DIR"};
    const fs::path candidate = (fs::path(base.get()) / ".." / "share" / "signage-player").lexically_normal();
    if (has_fonts(candidate))
        return candidate;
    return Error{"fonts and assets not found at " + candidate.string() + "; reinstall, or set SIGNAGE_PLAYER_DATA_DIR"};
}

}  // namespace signage::platform

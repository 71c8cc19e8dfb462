#pragma once
// Owning handles for SDL objects, and guards for SDL's process-wide state.
#include "platform/c_deleter.hpp"

#include <SDL.h>

#include <memory>

namespace signage::platform {

using WindowPtr = std::unique_ptr<SDL_Window, CDeleter<SDL_DestroyWindow>>;
using RendererPtr = std::unique_ptr<SDL_Renderer, CDeleter<SDL_DestroyRenderer>>;
using TexturePtr = std::unique_ptr<SDL_Texture, CDeleter<SDL_DestroyTexture>>;
using SurfacePtr = std::unique_ptr<SDL_Surface, CDeleter<SDL_FreeSurface>>;

// SDL_Init/SDL_Quit for one subsystem set; declare before anything that uses SDL.
class SdlSubsystems {
public:
    explicit SdlSubsystems(Uint32 flags) : m_flags(flags), m_ok(SDL_InitSubSystem(flags) == 0) {}
    ~SdlSubsystems()
    {
        if (m_ok)
            SDL_QuitSubSystem(m_flags);
    }
    SdlSubsystems(const SdlSubsystems&) = delete;
    SdlSubsystems& operator=(const SdlSubsystems&) = delete;

    bool ok() const { return m_ok; }

private:
    Uint32 m_flags;
    bool m_ok;
};

}  // namespace signage::platform

#pragma once
// QR codes (libqrencode), drawn the way a phone reads them from across a lobby: whole pixels per
// module, never scaled by the renderer, four modules of light quiet zone around them, dark on
// light whatever the theme.
#include "util/result.hpp"

#include <SDL.h>

#include <cstddef>
#include <string_view>
#include <vector>

namespace signage::render {

// The modules of one QR code, without its quiet zone.
class QrCode {
public:
    // Byte mode, error correction level M (a code still reads with 15% of it smudged or
    // glared), the smallest version that holds `text`. An error for empty text or text too
    // long for any version (a link over about 2,300 bytes).
    static Result<QrCode> encode(std::string_view text);

    int modules() const { return m_modules; }  // per side, without the quiet zone
    bool dark(int x, int y) const { return m_dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(m_modules) + static_cast<std::size_t>(x)]; }

private:
    int m_modules = 0;
    std::vector<bool> m_dark;
};

// Modules of light quiet zone on each side, as ISO/IEC 18004 asks.
inline constexpr int kQrQuietModules = 4;

// The side in pixels of the code drawn at `module_px`, quiet zone included.
inline int qr_side_px(const QrCode& code, int module_px) { return (code.modules() + 2 * kQrQuietModules) * module_px; }
// The largest whole number of pixels per module with which the code, quiet zone included, fits
// in `max_side_px`; 0 when not even one pixel per module fits.
int qr_module_px(const QrCode& code, int max_side_px);

// The code as opaque ARGB8888 pixels, rows of qr_side_px(code, module_px): black modules on
// white, quiet zone included. Plain memory rather than an SDL surface, whose allocation could
// fail quietly and leave an empty code in the text cache. Empty when module_px < 1.
std::vector<Uint32> qr_pixels(const QrCode& code, int module_px);

}  // namespace signage::render

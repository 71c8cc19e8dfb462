#include "render/qr_code.hpp"

#include "platform/c_deleter.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

namespace signage::render {

namespace {

using QrcodePtr = std::unique_ptr<QRcode, platform::CDeleter<QRcode_free>>;

}  // namespace

Result<QrCode> QrCode::encode(std::string_view text)
{
    if (text.empty())
        return Error{"QR code: nothing to encode"};
    // Version 0: the smallest that holds the data. Byte mode keeps a UTF-8 link exactly.
    errno = 0;
    QrcodePtr encoded{QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M)};
    if (!encoded) {
        const int error = errno;
        return Error{"QR code: cannot encode " + std::to_string(text.size()) + " bytes: " +
                     (error == ERANGE ? std::string("too long for a QR code") : std::string(std::strerror(error)))};
    }
    QrCode code;
    code.m_modules = encoded->width;
    const std::size_t count = static_cast<std::size_t>(encoded->width) * static_cast<std::size_t>(encoded->width);
    code.m_dark.resize(count);
    // libqrencode: bit 0 of each byte is the module's colour, the other bits say what it is for.
    for (std::size_t i = 0; i < count; ++i)
        code.m_dark[i] = (encoded->data[i] & 1u) != 0;
    return code;
}

int qr_module_px(const QrCode& code, int max_side_px)
{
    const int side_modules = code.modules() + 2 * kQrQuietModules;
    return side_modules > 0 ? max_side_px / side_modules : 0;
}

std::vector<Uint32> qr_pixels(const QrCode& code, int module_px)
{
    if (module_px < 1 || code.modules() <= 0)
        return {};
    const int side = qr_side_px(code, module_px);
    std::vector<Uint32> pixels(static_cast<std::size_t>(side) * static_cast<std::size_t>(side), 0xFFFFFFFFu);
    for (int y = 0; y < side; ++y) {
        const int row = y / module_px - kQrQuietModules;
        for (int x = 0; x < side; ++x) {
            const int column = x / module_px - kQrQuietModules;
            const bool inside = row >= 0 && column >= 0 && row < code.modules() && column < code.modules();
            if (inside && code.dark(column, row))
                pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(side) + static_cast<std::size_t>(x)] = 0xFF000000u;
        }
    }
    return pixels;
}

}  // namespace signage::render

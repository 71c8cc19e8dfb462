"""What an X server shows, read back with libX11 through ctypes (Debian's python3 alone: no
Pillow, no python3-xlib). tests/bench/side_by_side.py uses it to see, on the server's own
picture, when a program's band first shows text and how often the band's picture changes.

    picture = XPicture(":1")
    rows = picture.rows(y, height)   # bytes, 4 per pixel, blue-green-red-pad (a 24-bit TrueColor
                                     # screen, as Xvfb's -screen 0 WxHx24 is)
"""
import ctypes
import ctypes.util

Z_PIXMAP = 2
ALL_PLANES = ctypes.c_ulong(0xFFFFFFFF)


class _ImageFunctions(ctypes.Structure):
    _fields_ = [(name, ctypes.c_void_p) for name in
                ("create_image", "destroy_image", "get_pixel", "put_pixel", "sub_image", "add_pixel")]


class _XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
                ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int),
                ("red_mask", ctypes.c_ulong), ("green_mask", ctypes.c_ulong), ("blue_mask", ctypes.c_ulong),
                ("obdata", ctypes.c_void_p), ("f", _ImageFunctions)]


_DESTROY = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(_XImage))


class XPicture:
    def __init__(self, display):
        name = ctypes.util.find_library("X11") or "libX11.so.6"
        self._x11 = ctypes.CDLL(name)
        self._x11.XOpenDisplay.restype = ctypes.c_void_p
        self._x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self._x11.XDefaultRootWindow.restype = ctypes.c_ulong
        self._x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self._x11.XGetImage.restype = ctypes.POINTER(_XImage)
        self._x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                        ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        self._x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._x11.XDisplayWidth.argtypes = self._x11.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self._display = self._x11.XOpenDisplay(display.encode())
        if not self._display:
            raise RuntimeError(f"cannot open X display {display}")
        self._root = self._x11.XDefaultRootWindow(self._display)
        self.width = self._x11.XDisplayWidth(self._display, 0)
        self.height = self._x11.XDisplayHeight(self._display, 0)

    def rows(self, y, height):
        """The screen's rows y .. y+height-1, whole width, 4 bytes a pixel."""
        image = self._x11.XGetImage(self._display, self._root, 0, y, self.width, height, ALL_PLANES, Z_PIXMAP)
        if not image:
            raise RuntimeError("XGetImage failed")
        try:
            contents = image.contents
            if contents.bits_per_pixel != 32:
                raise RuntimeError(f"the X screen has {contents.bits_per_pixel} bits a pixel; start Xvfb with WxHx24")
            return ctypes.string_at(contents.data, contents.bytes_per_line * height)
        finally:
            _DESTROY(image.contents.f.destroy_image)(image)

    def close(self):
        if self._display:
            self._x11.XCloseDisplay(self._display)
            self._display = None

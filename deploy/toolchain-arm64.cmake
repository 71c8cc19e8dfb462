# 64-bit Raspberry Pi OS (bookworm, arm64): deploy/cross-build.sh arm64
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(SIGNAGE_CROSS_TRIPLET aarch64-linux-gnu)
set(SIGNAGE_CROSS_DEB_ARCH arm64)
set(SIGNAGE_CROSS_QEMU qemu-aarch64-static)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-cross.cmake)

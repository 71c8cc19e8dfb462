# 32-bit Raspberry Pi OS (bookworm, armhf; size_t is 32 bits): deploy/cross-build.sh armhf
# Debian's armhf baseline: ARMv7-A, VFPv3-D16, Thumb-2.
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(SIGNAGE_CROSS_TRIPLET arm-linux-gnueabihf)
set(SIGNAGE_CROSS_DEB_ARCH armhf)
set(SIGNAGE_CROSS_QEMU qemu-arm-static)
set(CMAKE_C_FLAGS_INIT "-march=armv7-a -mfpu=vfpv3-d16 -mfloat-abi=hard -mthumb")
set(CMAKE_CXX_FLAGS_INIT "${CMAKE_C_FLAGS_INIT}")
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-cross.cmake)

# Shared part of deploy/toolchain-arm64.cmake and deploy/toolchain-armhf.cmake (set
# SIGNAGE_CROSS_TRIPLET and SIGNAGE_CROSS_DEB_ARCH first). Used by deploy/cross-build.sh.
#
# The compiler is clang with --target, not Debian's gcc-12-<triplet>: every Debian cross gcc
# Conflicts with gcc-multilib, which deploy/setup.sh installs on a PC for the 32-bit compile test.
# clang needs only the target's multiarch libc6-dev/libstdc++-12-dev and binutils-<triplet>.
# clang 16 (bookworm's newest): clang 14 refuses a lambda naming a structured binding (C++20).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_LIBRARY_ARCHITECTURE ${SIGNAGE_CROSS_TRIPLET})
set(CMAKE_C_COMPILER clang-16)
set(CMAKE_CXX_COMPILER clang++-16)
set(CMAKE_C_COMPILER_TARGET ${SIGNAGE_CROSS_TRIPLET})
set(CMAKE_CXX_COMPILER_TARGET ${SIGNAGE_CROSS_TRIPLET})
# cpack strips with the target's binutils (binutils-<triplet>), not whichever llvm-strip is found.
set(CMAKE_STRIP /usr/bin/${SIGNAGE_CROSS_TRIPLET}-strip)

# The target's libraries only: programs from the host, libraries and headers from the target.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_IGNORE_PATH /usr/lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu/cmake /usr/lib/x86_64-linux-gnu/pkgconfig)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${SIGNAGE_CROSS_DEB_ARCH})
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES SIGNAGE_CROSS_EXTRA_ROOT SIGNAGE_CROSS_SYSROOT)

if(SIGNAGE_CROSS_SYSROOT)
  # The target's packages unpacked in a sysroot (deploy/cross-build.sh, when they cannot be
  # installed beside the host's): clang and ld --sysroot, pkg-config's paths prefixed with it,
  # qemu -L it (the dynamic loader and the libraries), dpkg-shlibdeps -l its library folders
  # (the package names come from SIGNAGE_CROSS_SYSROOT/DEBIAN/shlibs and symbols).
  set(CMAKE_SYSROOT ${SIGNAGE_CROSS_SYSROOT})
  set(CMAKE_FIND_ROOT_PATH ${SIGNAGE_CROSS_SYSROOT})
  set(_signage_lib ${SIGNAGE_CROSS_SYSROOT}/usr/lib)
  set(ENV{PKG_CONFIG_SYSROOT_DIR} ${SIGNAGE_CROSS_SYSROOT})
  set(ENV{PKG_CONFIG_LIBDIR}
      "${_signage_lib}/${SIGNAGE_CROSS_TRIPLET}/pkgconfig:${_signage_lib}/pkgconfig:${SIGNAGE_CROSS_SYSROOT}/usr/share/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "")
  set(CMAKE_CROSSCOMPILING_EMULATOR ${SIGNAGE_CROSS_QEMU} -L ${SIGNAGE_CROSS_SYSROOT})
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${_signage_lib}/${SIGNAGE_CROSS_TRIPLET} ${_signage_lib})
  return()
endif()

# Multiarch: the libraries and headers are Debian's multiarch packages (libfoo-dev:arm64), so the
# "sysroot" is /. SIGNAGE_CROSS_EXTRA_ROOT: target libraries that cannot be installed beside the
# host's (Debian's libunibreak is not Multi-Arch: same), unpacked there by deploy/cross-build.sh.
set(CMAKE_FIND_ROOT_PATH /)
set(_signage_pc_dirs /usr/lib/${SIGNAGE_CROSS_TRIPLET}/pkgconfig /usr/share/pkgconfig)
set(_signage_guest_env)
if(SIGNAGE_CROSS_EXTRA_ROOT)
  list(APPEND _signage_pc_dirs ${SIGNAGE_CROSS_EXTRA_ROOT}/usr/lib/pkgconfig)
  set(_signage_guest_env -E LD_LIBRARY_PATH=${SIGNAGE_CROSS_EXTRA_ROOT}/usr/lib)
endif()
list(JOIN _signage_pc_dirs ":" _signage_pc_libdir)
set(ENV{PKG_CONFIG_LIBDIR} ${_signage_pc_libdir})
set(ENV{PKG_CONFIG_PATH} "")

# ctest (and doctest_discover_tests, which runs the test binary to list its tests) runs target
# programs under qemu's user-mode emulator; -L / lets it find the target's dynamic loader.
set(CMAKE_CROSSCOMPILING_EMULATOR ${SIGNAGE_CROSS_QEMU} -L / ${_signage_guest_env})

if(SIGNAGE_CROSS_EXTRA_ROOT)
  # dpkg-shlibdeps finds libunibreak there, and its DEBIAN/shlibs (kept by dpkg-deb -R) names
  # the package for Depends.
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${SIGNAGE_CROSS_EXTRA_ROOT}/usr/lib)
endif()

#!/usr/bin/env bash
# Cross-build for the Raspberry Pi on a Debian 12 amd64 machine (run as root, or with sudo):
#   deploy/cross-build.sh arm64    64-bit Raspberry Pi OS (bookworm)
#   deploy/cross-build.sh armhf    32-bit Raspberry Pi OS (bookworm), where size_t is 32 bits
# It installs the target's multiarch -dev packages beside the host's, builds in build-ARCH with
# deploy/toolchain-ARCH.cmake (clang --target, see toolchain-cross.cmake for why not gcc), runs
# the unit tests under qemu-user-static through ctest and makes the ARCH .deb with cpack.
# When the target's packages cannot be installed beside the host's (apt's simulation fails: an
# index of the target's architecture that the mirror serves broken leaves the host's libraries
# at versions the target has not), it unpacks the same Debian packages into build-ARCH/sysroot
# instead and builds against that (--sysroot). SIGNAGE_CROSS_MODE=sysroot forces that way.
# Exit status 77: the ARCH packages could not be had at all (nothing was built or tested).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
arch=${1:-}
case "$arch" in
  arm64) triplet=aarch64-linux-gnu ;;
  armhf) triplet=arm-linux-gnueabihf ;;
  *) echo "usage: deploy/cross-build.sh arm64|armhf" >&2; exit 2 ;;
esac
build_dir=${SIGNAGE_CROSS_BUILD_DIR:-"$here/build-$arch"}
extra_root=$build_dir/cross-extra
sysroot=$build_dir/sysroot
mode=multiarch
jobs=$(nproc)
started=$(date +%s)

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "cross-build: run as root (it installs packages)" >&2; exit 1; }
  sudo=(sudo)
fi

# Host tools, and the target's libraries as Debian multiarch packages (pkg:ARCH). The header-only
# ones (doctest, nlohmann-json) are Architecture: all and come from deploy/setup.sh's list.
host_packages=(clang-16 qemu-user-static "binutils-$triplet" dpkg-dev cmake pkg-config file
               doctest-dev nlohmann-json3-dev python3)
target_packages=(libc6-dev libstdc++-12-dev
                 libsdl2-dev libsdl2-image-dev libfreetype-dev libharfbuzz-dev
                 libcurl4-openssl-dev libxml2-dev libtomlplusplus-dev libutf8proc-dev libfribidi-dev libunistring-dev libqrencode-dev
                 libx11-dev libxext-dev libsystemd-dev libmicrohttpd-dev)
# Not co-installable: libunibreak1 and libunibreak-dev are not Multi-Arch: same (both arches'
# files are /usr/lib/libunibreak.so*), so installing :ARCH would remove the host's. They are
# fetched with apt-get download and unpacked under build-ARCH/cross-extra instead (below).
added_arch=no
# Leave apt as it was: an architecture whose indexes fail would fail every apt-get update.
forget_arch() {
  if [ "$added_arch" = yes ]; then
    if "${sudo[@]}" dpkg --remove-architecture "$arch"; then "${sudo[@]}" apt-get update -qq || true; fi
    added_arch=no
  fi
}

# Sets mode to multiarch (the target's packages installed beside the host's) or sysroot (only
# the host's tools installed; the target's packages are unpacked by make_sysroot).
apt_install() {
  local wanted=("${host_packages[@]}")
  for p in "${target_packages[@]}"; do wanted+=("$p:$arch"); done
  if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    "${sudo[@]}" dpkg --add-architecture "$arch"
    added_arch=yes
  fi
  # A failing index (a mirror mid-sync) is reported; the simulation below catches what matters.
  "${sudo[@]}" apt-get update -qq || echo "cross-build: warning: apt-get update reported errors (above)" >&2
  local plan='' why=''
  if [ "${SIGNAGE_CROSS_MODE:-}" = sysroot ]; then
    why="SIGNAGE_CROSS_MODE=sysroot"
  elif ! plan=$(apt-get install --simulate -y --no-install-recommends "${wanted[@]}" 2>&1); then
    why="apt cannot install them beside the host's: $(grep -m1 -E 'Depends:|^E:' <<<"$plan" | sed 's/^ *//')"
  elif grep -q '^Remv' <<<"$plan"; then
    why="installing them would remove host packages: $(grep '^Remv' <<<"$plan" | cut -d' ' -f2 | tr '\n' ' ')"
  fi
  if [ -z "$why" ]; then
    mode=multiarch
    echo "cross-build $arch: multiarch (the $arch -dev packages installed beside the host's)"
  else
    mode=sysroot
    echo "cross-build $arch: sysroot in $sysroot ($why)"
    wanted=("${host_packages[@]}")
  fi
  if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${wanted[@]}"; then
    echo "cross-build: installing the packages for $arch failed (above); stopping" >&2
    forget_arch
    exit 77  # nothing was built: the packages could not be had (deploy/setup.sh says so)
  fi
}

# The target's packages and everything they depend on, the ARCH ones and the Architecture: all
# ones (headers such as x11proto-dev, doctest-dev): deploy/sysroot-packages.py.
sysroot_package_names() {
  local roots=(doctest-dev nlohmann-json3-dev)
  for p in "${target_packages[@]}" libgcc-12-dev libunibreak-dev; do roots+=("$p:$arch"); done
  python3 "$here/deploy/sysroot-packages.py" "$arch" "${roots[@]}"
}

# build-ARCH/sysroot: the packages unpacked (dpkg -x) with merged /usr (lib -> usr/lib, as on
# the Pi) and absolute symlinks made relative, so that they resolve inside the sysroot. Their
# DEBIAN/shlibs and DEBIAN/symbols go into sysroot/DEBIAN/, where dpkg-shlibdeps (cpack) finds
# the package names for Depends: it takes the nearest DEBIAN/ above a library.
make_sysroot() {
  local debs=$build_dir/sysroot-debs control=$build_dir/sysroot-control names
  names=$(sysroot_package_names)
  if [ -f "$sysroot/.complete" ] && [ "$names" = "$(cat "$sysroot/.complete")" ]; then
    echo "cross-build $arch: $sysroot has these packages already"
    return 0
  fi
  rm -rf "$sysroot" "$debs" "$control"
  mkdir -p "$sysroot/DEBIAN" "$debs"
  echo "cross-build $arch: downloading $(wc -l <<<"$names") packages for the sysroot"
  # shellcheck disable=SC2086  # one name a word
  if ! (cd "$debs" && apt-get download -qq $names); then
    echo "cross-build: downloading the $arch packages failed (above); stopping" >&2
    forget_arch
    exit 77
  fi
  forget_arch  # the indexes are not needed any more
  local deb
  for deb in "$debs"/*.deb; do
    dpkg-deb -x "$deb" "$sysroot"
    rm -rf "$control" && dpkg-deb -e "$deb" "$control"
    for f in shlibs symbols; do
      [ -f "$control/$f" ] && { cat "$control/$f"; echo; } >>"$sysroot/DEBIAN/$f"
    done
  done
  rm -rf "$control"
  local dir
  for dir in lib bin sbin; do
    if [ -d "$sysroot/$dir" ] && [ ! -L "$sysroot/$dir" ]; then
      mkdir -p "$sysroot/usr/$dir"
      cp -a "$sysroot/$dir/." "$sysroot/usr/$dir/"
      rm -rf "${sysroot:?}/$dir"
    fi
    ln -sfn "usr/$dir" "$sysroot/$dir"
  done
  # clang finds GCC (crtbegin.o, libstdc++'s headers) as sysroot/lib/gcc/TRIPLET/12, through
  # lib -> usr/lib; the build's dependency files name headers as .../lib/gcc/TRIPLET/12/../../../../
  # include/c++/12/..., which CMake shortens to sysroot/include/...: without this link those
  # would not exist, and make would rebuild everything on every run (cpack's included).
  ln -sfn usr/include "$sysroot/include"
  local link target
  while IFS= read -r -d '' link; do
    target=$(readlink "$link")
    ln -sfn "$(realpath -s -m --relative-to="$(dirname "$link")" "$sysroot$target")" "$link"
  done < <(find "$sysroot" -type l -lname '/*' -print0)
  echo "$names" >"$sysroot/.complete"
}

unpack_unibreak() {
  [ -f "$extra_root/usr/lib/pkgconfig/libunibreak.pc" ] && return 0
  rm -rf "$extra_root"
  mkdir -p "$extra_root/debs"
  if ! (cd "$extra_root/debs" && apt-get download -qq "libunibreak1:$arch" "libunibreak-dev:$arch" 2>/dev/null); then
    echo "cross-build: downloading libunibreak for $arch failed; stopping" >&2
    exit 77
  fi
  # -R keeps DEBIAN/shlibs, from which dpkg-shlibdeps (cpack) takes the Depends on libunibreak1.
  dpkg-deb -R "$extra_root"/debs/libunibreak1_*_"$arch".deb "$extra_root"
  dpkg-deb -x "$extra_root"/debs/libunibreak-dev_*_"$arch".deb "$extra_root"
  sed -i "s|^prefix=.*|prefix=$extra_root/usr|" "$extra_root/usr/lib/pkgconfig/libunibreak.pc"
}

apt_install
if [ "$mode" = sysroot ]; then
  make_sysroot
  forget_arch
  cross_root=(-DSIGNAGE_CROSS_SYSROOT="$sysroot" -USIGNAGE_CROSS_EXTRA_ROOT)
else
  unpack_unibreak
  cross_root=(-DSIGNAGE_CROSS_EXTRA_ROOT="$extra_root" -USIGNAGE_CROSS_SYSROOT)
fi
packages_ready=$(date +%s)

cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="$here/deploy/toolchain-$arch.cmake" \
  "${cross_root[@]}" -DSIGNAGE_BUILD_BENCHMARKS=OFF
cmake --build "$build_dir" --parallel "$jobs"
built=$(date +%s)

# Left out under qemu (ctest -E), each for a reason of the emulation, not of the target:
#  - portability: compiles src/ for i386 with the host's g++ -m32 (the armhf run is that proof);
#  - layers: a Python check of the source tree, the same on every architecture;
#  - deploy: systemd-analyze verify and the cage compositor run the host's tools on the player;
#  - a program that cannot be started is reported by the parent at once (posix_spawn), and a
#    program re-executing itself (/proc/self/exe) as its own probe: qemu-user runs vfork as
#    fork and cannot exec an $arch program without binfmt_misc, so the child exits 127 instead.
#  - soak: it drives the player at 2880 times real time, a pace an emulated CPU cannot keep (the
#    native suite runs it).
# Tests that start the player binary run it under qemu too (tests/CMakeLists.txt, a wrapper).
excluded='^(portability|layers|deploy|soak): '
excluded+='|^DisplayPower reports a command that cannot be started'
excluded+='|^a probe that cannot start says so'
excluded+='|^this program is its own probe'
(cd "$build_dir" && ctest --output-on-failure --parallel "$jobs" -E "$excluded") | tee "$build_dir/cross-ctest.log"
tested=$(date +%s)

(cd "$build_dir" && rm -f ./*.deb && DEB_HOST_ARCH=$arch cpack -G DEB)
deb=$(ls "$build_dir"/*_"$arch".deb)
dpkg-deb -I "$deb"
file "$build_dir/bin/signage-player"
finished=$(date +%s)

grep -E 'tests passed|tests failed' "$build_dir/cross-ctest.log" || true
echo "cross-build $arch ($mode): packages $((packages_ready - started)) s," \
     "build $((built - packages_ready)) s, tests under qemu $((tested - built)) s," \
     "package $((finished - tested)) s, total $((finished - started)) s"
echo "cross-build $arch: $deb"

#!/usr/bin/env bash
# One entry point for a fresh Debian 12 / Raspberry Pi OS (bookworm) machine:
#   deploy/setup.sh run    install what is missing, build, run the player on the bundled sample feed
#   deploy/setup.sh bench  install what is missing (Chromium too), build, run the side-by-side
#                          benchmark (tests/bench/side_by_side.py; docs/benchmarks.md)
#   deploy/setup.sh test   install what is missing, build, run the whole test suite (in CI, then
#                          deploy/package-check.sh: the .deb built, installed and purged; with
#                          SIGNAGE_SANITIZERS=1 the suite again under ASan+UBSan and under TSan)
# Extra arguments after "run" go to signage-player (e.g. --windowed 1280x720), after "bench" to
# side_by_side.py (e.g. --quick).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${SIGNAGE_BUILD_DIR:-"$here/build"}

# Build and runtime dependencies, all from Debian's archive.
packages=(
  build-essential cmake pkg-config
  libsdl2-dev libsdl2-image-dev libsdl2-ttf-dev
  libfreetype-dev libharfbuzz-dev
  libcurl4-openssl-dev libxml2-dev
  libtomlplusplus-dev doctest-dev libunibreak-dev libutf8proc-dev libfribidi-dev libunistring-dev libqrencode-dev nlohmann-json3-dev
  libx11-dev libxext-dev libsystemd-dev libmicrohttpd-dev
  file lintian
  python3 openssl libharfbuzz-bin curl
  xvfb fonts-noto-cjk libegl-mesa0 libgl1-mesa-dri systemd cage xwayland
  prometheus zbar-tools
  clang libclang-rt-14-dev llvm-14
)
# On a PC, the tests also compile every source for i386, where size_t is 32 bits as on 32-bit
# Raspberry Pi OS.
if [ "$(dpkg --print-architecture)" = amd64 ]; then
  packages+=(g++-multilib)
fi

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: missing packages and no sudo: run this as root once" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release
  cmake --build "$build_dir" --parallel "$(nproc)"
}

# The .deb built, linted, installed, run and purged (deploy/package-check.sh). It installs a
# package system-wide, so only in CI (CI=true) or when asked (SIGNAGE_PACKAGE_CHECK=1), and only
# as root or with password-less sudo.
package_check() {
  if [ "${CI:-}" != true ] && [ "${SIGNAGE_PACKAGE_CHECK:-}" != 1 ]; then
    echo "setup: package check skipped (it installs and purges the .deb: CI runs it; SIGNAGE_PACKAGE_CHECK=1 runs it here)"
  elif [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
    echo "setup: package check skipped: it installs and purges the .deb, which needs root or password-less sudo"
  else
    "$here/deploy/package-check.sh" "$build_dir"
  fi
}

# The Raspberry Pi build (deploy/cross-build.sh arm64): cross-compiled, its unit tests run under
# qemu, its .deb made. It installs ~290 arm64 packages beside the host's, so only in CI or when
# asked (SIGNAGE_CROSS_BUILD=1), on an amd64 machine, as root or with password-less sudo. Exit 77
# from it means the arm64 packages could not be had (a mirror mid-sync): said, not failed.
cross_build() {
  if [ "${CI:-}" != true ] && [ "${SIGNAGE_CROSS_BUILD:-}" != 1 ]; then
    echo "setup: arm64 cross-build skipped (CI runs it; SIGNAGE_CROSS_BUILD=1 runs it here)"
    return 0
  fi
  if [ "$(dpkg --print-architecture)" != amd64 ]; then
    echo "setup: arm64 cross-build skipped: it runs on amd64 machines (this is $(dpkg --print-architecture))"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
    echo "setup: arm64 cross-build skipped: it installs packages, which needs root or password-less sudo"
    return 0
  fi
  local status=0
  "$here/deploy/cross-build.sh" arm64 || status=$?
  if [ "$status" -eq 77 ]; then
    echo "setup: arm64 cross-build skipped: its packages could not be installed (see above)"
  elif [ "$status" -ne 0 ]; then
    return "$status"
  fi
}

# A short run of every libFuzzer target (tests/fuzz/run.sh, 20 s each, in build-fuzz/): a second,
# instrumented build of half the sources with clang, several minutes on two cores, so only in CI
# or when asked (SIGNAGE_FUZZ_SMOKE=1). A finding fails the test; its input is in
# build-fuzz/fuzz-out/findings/.
fuzz_smoke() {
  if [ "${CI:-}" != true ] && [ "${SIGNAGE_FUZZ_SMOKE:-}" != 1 ]; then
    echo "setup: fuzz smoke skipped (CI runs it; SIGNAGE_FUZZ_SMOKE=1 runs it here; tests/fuzz/run.sh runs longer)"
    return 0
  fi
  local started=$SECONDS
  # A fixed seed: the smoke of one commit takes the same path on every run, only as far as the
  # machine's speed allows (longer runs of tests/fuzz/run.sh draw new seeds and look further).
  SIGNAGE_FUZZ_SEED="${SIGNAGE_FUZZ_SEED:-20261206}" SIGNAGE_FUZZ_BUILD_DIR="${SIGNAGE_FUZZ_BUILD_DIR:-$here/build-fuzz}" \
    "$here/tests/fuzz/run.sh" all "${SIGNAGE_FUZZ_SMOKE_S:-20}"
  echo "setup: fuzz smoke took $((SECONDS - started)) s"
}

# The whole suite again, under AddressSanitizer + UndefinedBehaviorSanitizer with leak detection
# (build-asan) and under ThreadSanitizer (build-tsan), each a build of its own
# (docs/reliability.md, "Sanitizers"). Two more builds of everything, so in CI or when asked:
# SIGNAGE_SANITIZERS=1 for both, or SIGNAGE_SANITIZERS=address or =thread for one.
# CI runs both (CI=true), as it does the package check.
sanitizer_suites() {
  local which=${SIGNAGE_SANITIZERS:-}
  if [ -z "$which" ] && [ "${CI:-}" = true ]; then which=1; fi
  if [ -z "$which" ] || [ "$which" = 0 ]; then
    echo "setup: sanitizer suites skipped (CI runs them; SIGNAGE_SANITIZERS=1 runs them here)"
    return 0
  fi
  [ "$which" = 1 ] && which="address thread"
  # Left out, each for a reason that no sanitizer changes:
  # - portability: compiles the sources for i386 with its own flags, nothing of it runs; the
  #   plain suite above has run it.
  # - the soak: it checks resident memory, which the sanitizers' shadow memory and quarantine
  #   multiply; the plain suite above has run it.
  local excluded='^portability: |^soak: '
  # Mesa's OpenGL drivers, loaded and unloaded by SDL in the tests that use the GPU renderer,
  # leave a few KB of their configuration strings behind; once unloaded, LeakSanitizer can name
  # no library to suppress. Those tests run under ASan and UBSan still, with leak checks off.
  local opengl='GPU|OpenGL'
  local kind dir started
  for kind in $which; do
    case "$kind" in
      address) dir="${build_dir}-asan" ;;
      thread) dir="${build_dir}-tsan" ;;
      *) echo "setup: SIGNAGE_SANITIZERS: '$kind' is not address or thread" >&2; return 2 ;;
    esac
    started=$SECONDS
    echo "setup: the test suite under SIGNAGE_SANITIZE=$kind in $dir"
    cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIGNAGE_SANITIZE="$kind" \
      -DSIGNAGE_BUILD_BENCHMARKS=OFF
    cmake --build "$dir" --parallel "$(nproc)"
    echo "setup: $kind build took $((SECONDS - started)) s"
    if [ "$kind" = address ]; then
      (cd "$dir" && ctest --output-on-failure --parallel "$(nproc)" -E "$excluded|$opengl")
      (cd "$dir" && ASAN_OPTIONS=detect_leaks=0 ctest --output-on-failure --parallel "$(nproc)" -R "$opengl" -E "$excluded")
    else
      (cd "$dir" && ctest --output-on-failure --parallel "$(nproc)" -E "$excluded")
    fi
    echo "setup: $kind build and suite took $((SECONDS - started)) s"
  done
}

mode=${1:-}
case "$mode" in
  run)
    shift
    install_missing
    build
    exec "$build_dir/bin/signage-player" "$@"
    ;;
  bench)
    shift
    # Chromium only here: the browser the player is measured against, some 300 MB installed.
    packages+=(chromium)
    install_missing
    build
    exec python3 "$here/tests/bench/side_by_side.py" --build "$build_dir" "$@"
    ;;
  test)
    install_missing
    build
    (cd "$build_dir" && ctest --output-on-failure --parallel "$(nproc)")
    sanitizer_suites
    fuzz_smoke
    package_check
    cross_build
    ;;
  *)
    echo "usage: deploy/setup.sh run [player arguments] | deploy/setup.sh bench [side_by_side.py arguments] | deploy/setup.sh test" >&2
    exit 2
    ;;
esac

# Sourced by the deploy tests. A test whose tools this machine lacks says so in the line ctest
# reads as "skipped" (tests/CMakeLists.txt), and stops: it must never pass without running.
# Usage: skip_unless_installed "DEBIAN PACKAGES" TOOL...
skip_unless_installed() {
  packages=$1
  shift
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "SIGNAGE-TEST-SKIPPED: $tool is not installed (Debian packages $packages)"
      exit 0
    fi
  done
}

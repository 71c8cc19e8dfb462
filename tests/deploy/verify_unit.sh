#!/bin/sh
# systemd-analyze verify on a copy of the unit whose ExecStart names the player just built (the
# unit's own /usr/bin/signage-player exists only once the package is installed). Any warning
# systemd prints about the unit fails the test.
# Usage: verify_unit.sh UNIT_FILE PLAYER_BINARY
set -eu
unit=$1
player=$2
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "SIGNAGE-TEST-SKIPPED: systemd-analyze is not installed (Debian package systemd)"
  exit 0
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed "s|^ExecStart=/usr/bin/signage-player|ExecStart=$player|" "$unit" > "$dir/$(basename "$unit")"
grep -q "^ExecStart=$player" "$dir/$(basename "$unit")" || { echo "no ExecStart=/usr/bin/signage-player in $unit"; exit 1; }
out=$(systemd-analyze verify --man=no "$dir/$(basename "$unit")" 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then
  echo "$out"
  exit 1
fi
echo "systemd-analyze verify: $(basename "$unit") is clean"

#!/bin/sh
# The unit's ExecStartPre that keeps the text console under the player quiet (no cursor, no
# blanking) run as systemd would run it, with a file in place of /dev/tty1: it must write the
# Linux console's "cursor off" (ESC [?25l) and "blank after 0 minutes" (ESC [9;0]) sequences.
# Usage: console_quiet.sh UNIT_FILE
set -eu
unit=$1
if ! command -v setterm >/dev/null 2>&1; then
  echo "SIGNAGE-TEST-SKIPPED: setterm is not installed (Debian package util-linux)"
  exit 0
fi
line=$(grep '^ExecStartPre=-+/bin/sh -c ' "$unit") || { echo "no ExecStartPre=-+/bin/sh -c '...' in $unit"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
: > "$dir/tty1"
# The quoted command, /dev/tty1 pointed at the file.
command=$(printf '%s\n' "$line" | sed "s/^ExecStartPre=-+\/bin\/sh -c '//; s/'\$//; s|/dev/tty1|$dir/tty1|g")
env -i PATH=/usr/bin:/bin /bin/sh -c "$command"
written=$(od -An -c "$dir/tty1" | tr -d ' \n')
for wanted in '033[?25l' '033[9;0]'; do
  case "$written" in
    *"$wanted"*) ;;
    *) echo "the console was not sent ESC${wanted#033} (it got: $written)"; exit 1 ;;
  esac
done
echo "the unit's ExecStartPre turns the console's cursor and blanking off"

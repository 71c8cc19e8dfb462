#!/bin/sh
# The player inside the cage kiosk compositor (Wayland), headless: it must open its window on
# cage's output, show the bundled sample feed, and when cage stops say that the display is lost
# in one line and stop with exit code 1 when cage dies (systemd then starts it again). The headless backend
# here has no GPU to import OpenGL buffers from, so what reaches the output cannot be read back
# (it shows black to a screenshot): the log is the evidence.
# Usage: cage_smoke.sh PLAYER_BINARY
set -eu
player=$1
. "$(dirname "$0")/skip_unless.sh"
skip_unless_installed "cage, xwayland, util-linux" cage Xwayland setpriv
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
runtime="$dir/runtime"
mkdir -m 700 "$runtime"
# cage refuses to run as root: as nobody, when the test runs as root (CI does). nobody may not
# reach the build tree (a clone in a private folder): the player and its data are copied here,
# laid out as installed (bin/ beside share/signage-player).
as_user=""
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$runtime"
  as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
  build=$(dirname "$(dirname "$player")")
  mkdir -p "$dir/bin" "$dir/share"
  cp "$player" "$dir/bin/"
  cp -r "$build/share/signage-player" "$dir/share/"
  chmod -R a+rX "$dir/bin" "$dir/share"
  player="$dir/bin/$(basename "$player")"
fi
log="$dir/cage.log"
env XDG_RUNTIME_DIR="$runtime" HOME="$runtime" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
  timeout -s TERM 20 $as_user cage -- sh -c 'env SDL_VIDEODRIVER=wayland "$0"; echo "player exit code $?" >&2' "$player" >"$log" 2>&1 &
cage_pid=$!
shown=""
for _ in $(seq 1 150); do
  if grep -q "^<6>screen: 5 notices rasterized" "$log"; then shown=yes; break; fi
  sleep 0.1
done
# cage dies (SIGKILL: a crash; a stopped cage stops its client itself): the compositor is gone
# under a running player. timeout's child is cage (setpriv execs it).
cage_itself=$(cut -d' ' -f1 "/proc/$cage_pid/task/$cage_pid/children" 2>/dev/null || true)
kill -KILL "${cage_itself:-$cage_pid}" 2>/dev/null || true
for _ in $(seq 1 100); do
  if grep -q "player exit code" "$log"; then break; fi
  sleep 0.1
done
kill -TERM "$cage_pid" 2>/dev/null || true
wait "$cage_pid" 2>/dev/null || true
grep "^<[3-7]>" "$log" || true
if [ -z "$shown" ]; then
  echo "the player did not show the sample feed inside cage within 15 s; cage's log:"
  tail -20 "$log"
  exit 1
fi
grep -q "^<6>display: .* at .* Hz, " "$log" || { echo "no display line"; exit 1; }
grep -q "^<[34]>display: lost (the connection to the Wayland compositor broke" "$log" || { echo "no line for the lost compositor"; exit 1; }
grep -q "player exit code 1" "$log" || { echo "the player did not stop with exit code 1 when cage stopped:"; grep "player exit code" "$log"; exit 1; }
echo "cage: the player opened its window on Wayland and showed the sample feed"

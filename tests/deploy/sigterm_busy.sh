#!/bin/sh
# SIGTERM ends the player within two seconds whatever its workers are doing (issue 14, defect 1):
# here, while one feed is a FIFO no one writes to (a read that would block forever) and another
# is an element of 200,000 attributes (tens of seconds of libxml2 work), beside a healthy feed.
# The real binary; the exit is waited for with a deadline, and the time it took is printed.
# Usage: sigterm_busy.sh PLAYER_BINARY
set -eu
player=$1
. "$(dirname "$0")/skip_unless.sh"
skip_unless_installed "python3, coreutils" python3 mkfifo
dir=$(mktemp -d)
player_pid=""
cleanup() {
  [ -n "$player_pid" ] && kill -KILL "$player_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
mkdir "$dir/cache" "$dir/run"
mkfifo "$dir/blocking.xml"
python3 - "$dir/attributes.xml" <<'EOF'
import sys
attributes = " ".join(f'a{i}="x"' for i in range(200000))
with open(sys.argv[1], "w") as out:
    out.write(f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item {attributes}>'
              "<title>never</title></item></channel></rss>")
EOF
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
cat >"$dir/config.toml" <<EOF
[[feed]]
name = "fifo"
url = "file://$dir/blocking.xml"
language = "ko"

[[feed]]
name = "attributes"
url = "file://$dir/attributes.xml"
language = "ko"

[[feed]]
name = "sample"
url = "file://$source_dir/assets/sample-feed.xml"
language = "ko"

[display]
renderer = "software"
EOF

now_ms() { date +%s%3N; }
running() {
  state=$(sed -n 's/^[0-9]* ([^)]*) \(.\).*/\1/p' "/proc/$player_pid/stat" 2>/dev/null || true)
  [ -n "$state" ] && [ "$state" != "Z" ]
}

env SDL_VIDEODRIVER=offscreen CACHE_DIRECTORY="$dir/cache" RUNTIME_DIRECTORY="$dir/run" \
  "$player" --config "$dir/config.toml" --windowed 320x180 >"$dir/player.log" 2>&1 &
player_pid=$!
# The status file is written from the running loop, once a second: the player is up, and its
# fetcher has had the feeds for at least that long.
for _ in $(seq 1 750); do [ -e "$dir/run/status.json" ] && break; sleep 0.02; done
[ -e "$dir/run/status.json" ] || { echo "the player never wrote its status:"; cat "$dir/player.log"; exit 1; }
sent=$(now_ms)
kill -TERM "$player_pid"
while running && [ $(($(now_ms) - sent)) -lt 10000 ]; do sleep 0.01; done
took=$(($(now_ms) - sent))
if running; then
  echo "SIGTERM not honoured: the player still ran 10 s after it, with a FIFO feed and a 200,000-attribute feed:"
  cat "$dir/player.log"
  exit 1
fi
code=0
wait "$player_pid" || code=$?
player_pid=""
echo "SIGTERM with a FIFO feed and a 200,000-attribute feed: exit code $code after $took ms"
[ "$code" -eq 0 ] || { cat "$dir/player.log"; exit 1; }
[ "$took" -le 2000 ] || { echo "longer than 2 s"; cat "$dir/player.log"; exit 1; }

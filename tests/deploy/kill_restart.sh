#!/bin/sh
# Killed at any moment (a power cut, the OOM killer, kill -9), the player comes back showing the
# notices it had, from its cache, even when the network is gone by then; and no cache or status
# file it leaves behind is ever half-written. The real binary, a real HTTP server on loopback
# whose feed changes before every start (so that each start writes the cache), kills at random
# moments of start-up, then a last start with the server gone.
# Usage: kill_restart.sh PLAYER_BINARY
set -eu
player=$1
. "$(dirname "$0")/skip_unless.sh"
. "$(dirname "$0")/player_run.sh"
skip_unless_installed "python3, coreutils" python3 shuf timeout
make_scratch

# Four notices whose titles name the round; long descriptions make each cache write take a while,
# so that some kills land in the middle of one.
write_feed() {
  python3 - "$1" "$dir/www/feed.xml" <<'EOF'
import sys
round_number, path = sys.argv[1], sys.argv[2]
items = "".join(
    f"<item><title>공지 {round_number}-{i}: 도서관 휴관 안내 (notice {i})</title>"
    f"<link>https://example.org/{round_number}/{i}</link>"
    f"<description>{'안내 문구 ' * 6000}</description></item>"
    for i in range(4))
with open(path + ".tmp", "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
              f"<title>Agency</title>{items}</channel></rss>")
import os
os.replace(path + ".tmp", path)
EOF
}

# A free port from the kernel, then the server on it.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$dir/www" "$port" >"$dir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
  sleep 0.05
done

write_agency_config "http://127.0.0.1:$port/feed.xml"

# Each file the player keeps must read whole after every kill: the status as JSON, the cache
# entries as the cache reads them (checked by the last start below, which has only the cache).
status_is_whole() {
  [ ! -e "$dir/run/status.json" ] || python3 -c "import json, sys; json.load(open(sys.argv[1]))" "$dir/run/status.json"
}

rounds=12
for round in $(seq 1 $rounds); do
  write_feed "$round"
  start_player "$dir/round-$round.log"
  delay_ms=$(shuf -i 0-900 -n 1)
  sleep "$(awk -v ms="$delay_ms" 'BEGIN { print ms / 1000 }')"
  kill -KILL "$player_pid"
  wait "$player_pid" 2>/dev/null || true
  player_pid=""
  if ! status_is_whole; then
    echo "round $round: status.json is not whole after a kill $delay_ms ms after start:"
    cat "$dir/run/status.json"
    exit 1
  fi
done
fetched=$(grep -l '"agency": 4 notices' "$dir"/round-*.log | wc -l)
echo "$rounds starts killed at random moments; $fetched of them had shown the fetched feed"

# The network is gone; the player starts again and must show the cached notices at once.
kill -TERM "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
if ! ls "$dir/cache"/*.feed >/dev/null 2>&1; then
  # Not one start lived long enough to store the feed: the machine was too slow for the delays.
  echo "SIGNAGE-TEST-SKIPPED: no start lived long enough to cache the feed"
  exit 0
fi
start_player "$dir/last.log"
shown=""
for _ in $(seq 1 300); do
  if grep -q "screen: 4 notices rasterized" "$dir/last.log"; then shown=yes; break; fi
  sleep 0.05
done
kill -TERM "$player_pid"
wait "$player_pid" 2>/dev/null || true
player_pid=""
if [ -z "$shown" ]; then
  echo "after the kills, with the server gone, the player did not show the 4 cached notices within 15 s:"
  cat "$dir/last.log"
  exit 1
fi
grep -q '"agency": 4 notices' "$dir/last.log" || { echo "no feed line from the cache:"; cat "$dir/last.log"; exit 1; }
status_is_whole || { echo "status.json is not whole after SIGTERM"; exit 1; }
echo "restarted with the server gone: the 4 cached notices are on screen"

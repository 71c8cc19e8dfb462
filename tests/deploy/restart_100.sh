#!/bin/sh
# A hundred restarts, each ended at a random moment: every start shows the cached notices before
# the network answers, no cache file is ever damaged, and a SIGTERM is honoured within two
# seconds. The real binary and a loopback HTTP server whose feed changes every round; the server
# holds each feed request until the test has seen the cached notices on screen, so what shows
# first can only come from the cache. Then the request is answered (a new feed: a fetch, a parse
# and a cache write begin) and, 0-40 ms later, the player gets SIGKILL (even rounds) or SIGTERM
# (odd rounds).
# Usage: restart_100.sh PLAYER_BINARY [ROUNDS]
set -eu
player=$1
rounds=${2:-100}
. "$(dirname "$0")/skip_unless.sh"
. "$(dirname "$0")/player_run.sh"
skip_unless_installed "python3, coreutils" python3 shuf
make_scratch

# Four notices whose titles name the round, one feed file per round made at once; long
# descriptions make each cache write take a while.
write_feeds() {
  python3 - "$1" "$dir/feeds" <<'EOF'
import os, sys
rounds, folder = int(sys.argv[1]), sys.argv[2]
os.makedirs(folder)
for round_number in range(rounds + 1):
    items = "".join(
        f"<item><title>공지 {round_number}-{i}: 도서관 휴관 안내 (notice {i})</title>"
        f"<link>https://example.org/{round_number}/{i}</link>"
        f"<description>{'안내 문구 ' * 1500}</description></item>"
        for i in range(4))
    with open(os.path.join(folder, f"{round_number}.xml"), "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                  f"<title>Agency</title>{items}</channel></rss>")
EOF
}
write_feeds "$rounds"
# The feed the server sends from now on (a rename: the server never reads half a file).
serve_feed() { cp "$dir/feeds/$1.xml" "$dir/www/next.xml"; mv "$dir/www/next.xml" "$dir/www/feed.xml"; }

# /feed.xml waits until the file "open" exists in the served folder, then sends feed.xml.
cat >"$dir/server.py" <<'EOF'
import os, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
root = sys.argv[1]
class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def do_GET(self):
        deadline = time.monotonic() + 60
        while not os.path.exists(os.path.join(root, "open")) and time.monotonic() < deadline:
            time.sleep(0.01)
        try:
            with open(os.path.join(root, "feed.xml"), "rb") as f:
                body = f.read()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the player was killed while it waited
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever(poll_interval=0.05)
EOF
python3 "$dir/server.py" "$dir/www" >"$dir/port" 2>"$dir/server.log" &
server_pid=$!
for _ in $(seq 1 200); do [ -s "$dir/port" ] && break; sleep 0.05; done
port=$(head -n 1 "$dir/port")

write_agency_config "http://127.0.0.1:$port/feed.xml"

# status.json reads whole, and every cache entry does: its header's length and FNV-1a checksum match its body, and
# the body is a feed of four notices. Temporary files of killed writers are not entries.
check_files() {
  python3 - "$dir/cache" "$dir/run/status.json" <<'EOF'
import json, os, sys
import xml.etree.ElementTree as ET
folder, status = sys.argv[1], sys.argv[2]
if os.path.exists(status):
    try:
        json.load(open(status))
    except ValueError as e:
        sys.exit(f"status.json is not whole: {e}")
for name in os.listdir(folder):
    if not name.endswith(".feed"):
        continue
    data = open(os.path.join(folder, name), "rb").read()
    header_line, _, body = data.partition(b"\n")
    header = json.loads(header_line)
    h = 0xcbf29ce484222325
    for byte in body:
        h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    if header["length"] != len(body) or header["fnv1a"] != h:
        sys.exit(f"{name}: header says {header['length']} bytes, fnv1a {header['fnv1a']}; body has {len(body)}, {h}")
    items = ET.fromstring(body).findall("./channel/item")
    if len(items) != 4:
        sys.exit(f"{name}: {len(items)} items")
EOF
}

# The first start, with the server open, fills the cache.
serve_feed 0
touch "$dir/www/open"
start_player "$dir/first.log"
wait_for_line "$dir/first.log" '"agency": 4 notices' || { echo "the first start showed no notices:"; cat "$dir/first.log"; exit 1; }
for _ in $(seq 1 300); do ls "$dir/cache"/*.feed >/dev/null 2>&1 && break; sleep 0.05; done
kill -TERM "$player_pid"; wait "$player_pid" || true; player_pid=""
check_files

start=$(now_ms)
killed=0
stored=0
mid_write=0
termed=0
slowest_term=0
for round in $(seq 1 "$rounds"); do
  rm -f "$dir/www/open"
  serve_feed "$round"
  log="$dir/round-$round.log"
  rm -f "$dir/round-$((round - 1)).log"
  start_player "$log"
  # Shown while the server holds the request: the cached notices.
  if ! wait_for_line "$log" '"agency": 4 notices'; then
    echo "round $round: the cached notices were not shown within 15 s:"; cat "$log"; exit 1
  fi
  delay=$(awk -v ms="$(shuf -i 0-40 -n 1)" 'BEGIN { print ms / 1000 }')
  touch "$dir/www/open"
  sleep "$delay"
  if [ $((round % 2)) -eq 0 ]; then
    kill -KILL "$player_pid"
    wait "$player_pid" 2>/dev/null || true
    killed=$((killed + 1))
    # A writer's temporary file left behind: this kill landed in the middle of a cache write.
    ls "$dir/cache"/*.tmp.* >/dev/null 2>&1 && mid_write=$((mid_write + 1))
  else
    stop_player
    if [ "$term_code" != 0 ] || [ "$term_ms" -gt 2000 ]; then
      echo "round $round: SIGTERM: exit code $term_code after $term_ms ms (must be 0 within 2000 ms):"; cat "$log"; exit 1
    fi
    [ "$term_ms" -gt "$slowest_term" ] && slowest_term=$term_ms
    termed=$((termed + 1))
  fi
  player_pid=""
  grep -q "공지 $round-0:" "$dir/cache"/*.feed && stored=$((stored + 1))
  if ! check_files; then echo "round $round: a damaged file (above), the player's log:"; cat "$log"; exit 1; fi
done
echo "$rounds restarts in $(( ($(now_ms) - start) / 1000 )) s: each showed the cached notices before the network answered;" \
  "$killed SIGKILLs ($mid_write left a cache write unfinished), $termed SIGTERMs (slowest exit $slowest_term ms); no damaged cache entry;" \
  "$stored rounds ended after the new feed was stored, the others before"

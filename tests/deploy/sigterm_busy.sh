#!/bin/sh
# SIGTERM ends the player within two seconds whatever its workers are doing (issue 14, defect 1):
# here, while one feed is a FIFO no one writes to (a read that would block forever) and another
# is an element of 200,000 attributes (tens of seconds of libxml2 work), beside a healthy feed.
# The real binary; the exit is waited for with a deadline, and the time it took is printed.
# Usage: sigterm_busy.sh PLAYER_BINARY
set -eu
player=$1
. "$(dirname "$0")/skip_unless.sh"
. "$(dirname "$0")/player_run.sh"
skip_unless_installed "python3, coreutils" python3 mkfifo
make_scratch
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

start_player "$dir/player.log"
# The status file is written from the running loop, once a second: the player is up, and its
# fetcher has had the feeds for at least that long.
for _ in $(seq 1 750); do [ -e "$dir/run/status.json" ] && break; sleep 0.02; done
[ -e "$dir/run/status.json" ] || { echo "the player never wrote its status:"; cat "$dir/player.log"; exit 1; }
stop_player
echo "SIGTERM with a FIFO feed and a 200,000-attribute feed: exit code $term_code after $term_ms ms"
if [ "$term_code" != 0 ] || [ "$term_ms" -gt 2000 ]; then
  echo "SIGTERM not honoured as it must be (exit code 0 within 2000 ms); the player's log:"
  cat "$dir/player.log"
  exit 1
fi

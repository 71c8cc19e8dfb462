# Sourced by the deploy tests that run the real player: start it headless on $dir's config,
# cache and runtime folders, wait for a log line, and stop it with a deadline.
# Needs: $player (the binary); make_scratch sets $dir, where config.toml goes.

# A scratch folder $dir (with www, cache and run in it), removed at exit, when the player and
# the server ($server_pid, if the test starts one) are killed too.
make_scratch() {
  dir=$(mktemp -d)
  server_pid=""
  player_pid=""
  trap scratch_cleanup EXIT
  mkdir "$dir/www" "$dir/cache" "$dir/run"
}
scratch_cleanup() {
  [ -n "$player_pid" ] && kill -KILL "$player_pid" 2>/dev/null
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null
  rm -rf "$dir"
}

# $dir/config.toml: one feed, "agency", in Korean, from the URL $1; the software renderer.
write_agency_config() {
  cat >"$dir/config.toml" <<EOF
[[feed]]
name = "agency"
url = "$1"
language = "ko"

[display]
renderer = "software"
EOF
}

# Starts the player in the background, its output to the file $1.
start_player() {
  env SDL_VIDEODRIVER=offscreen CACHE_DIRECTORY="$dir/cache" RUNTIME_DIRECTORY="$dir/run" \
    "$player" --config "$dir/config.toml" --windowed 320x180 >"$1" 2>&1 &
  player_pid=$!
}

now_ms() { date +%s%3N; }

# True while the player has not exited (a zombie, not yet waited for, has exited).
player_running() {
  state=$(sed -n 's/^[0-9]* ([^)]*) \(.\).*/\1/p' "/proc/$player_pid/stat" 2>/dev/null || true)
  [ -n "$state" ] && [ "$state" != "Z" ]
}

# Waits (up to 15 s) for a line matching $2 in the file $1; false if it never came.
wait_for_line() {
  for _ in $(seq 1 750); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.02
  done
  return 1
}

# Sends SIGTERM and waits for the exit, at most 10 s: sets $term_ms (how long it took) and
# $term_code (the exit code; "running" if it had not exited by then, the player left running).
stop_player() {
  sent=$(now_ms)
  kill -TERM "$player_pid"
  while player_running && [ $(($(now_ms) - sent)) -lt 10000 ]; do sleep 0.01; done
  term_ms=$(($(now_ms) - sent))
  if player_running; then
    term_code=running
    return
  fi
  term_code=0
  wait "$player_pid" || term_code=$?
  player_pid=""
}

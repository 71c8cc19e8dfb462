#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ and runs them (docs: tests/fuzz/README.md).
#
#   tests/fuzz/run.sh [target|all] [seconds per target]      (default: all, 60)
#
# Targets: feed_parser feed_time config_loader text_shaping http_response (fuzz_<name> in the
# build folder's bin/). Each runs for the given time, one after another, with a per-input time
# limit (an input slower than SIGNAGE_FUZZ_TIMEOUT seconds, default 5, is a finding), a memory
# limit and an input length of its own. Exit 1 when any target found something, 2 on a usage
# error.
#
# Environment:
#   SIGNAGE_FUZZ_BUILD_DIR  the build folder (default <repo>/build-fuzz), configured with
#                           clang++ and -DSIGNAGE_FUZZ=ON if it is not yet
#   SIGNAGE_FUZZ_OUT        where corpora, findings and logs go (default <build>/fuzz-out):
#                             corpus/<target>/    inputs found interesting, kept between runs
#                             seeds/<target>/     made from tests/data at each run (make_seeds.py)
#                             findings/<target>/  crash-*, timeout-*, oom-*, leak-*: each a finding
#                             logs/<target>.log   libFuzzer's output
#   SIGNAGE_FUZZ_TIMEOUT    seconds per input (default 5)
#   SIGNAGE_FUZZ_RSS_MB     memory limit in MB (default 2048)
#   SIGNAGE_FUZZ_MAX_LEN    longest input in bytes, instead of the target's own (64 KiB for
#                           feeds, configs and responses, 4 KiB for text, 256 B for dates)
#   SIGNAGE_FUZZ_KEEP_GOING=1  go on after a finding (libFuzzer's -fork=1 with -ignore_crashes,
#                           -ignore_timeouts, -ignore_ooms): for long runs; findings still fail
#   SIGNAGE_FUZZ_NO_BUILD=1 use the build folder as it is (another run.sh builds it)
#   SIGNAGE_FUZZ_SEED       libFuzzer's -seed (default: a new one each run); CI's smoke fixes it
#                           so that one commit gives one result
#
# Every input in tests/fuzz/regressions/<target>/ (past findings) is a seed of each run: a
# finding that comes back fails at once.
#
# The player's own log lines (stderr) are dropped (-close_fd_mask=2: a poller logs every failed
# response); libFuzzer's and the sanitizers' reports still reach the log.
#
# Reproduce a finding:  <build>/bin/fuzz_<target> <findings/<target>/crash-...>
# Several targets at once: start one run.sh per target (they build under a lock, then run apart).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build_dir=${SIGNAGE_FUZZ_BUILD_DIR:-"$source_dir/build-fuzz"}
out_dir=${SIGNAGE_FUZZ_OUT:-"$build_dir/fuzz-out"}
timeout_s=${SIGNAGE_FUZZ_TIMEOUT:-5}
rss_mb=${SIGNAGE_FUZZ_RSS_MB:-2048}

all_targets=(feed_parser feed_time config_loader text_shaping http_response)

# Longest input per target: long enough for what the target reads, short enough to mutate fast.
max_len_of() {
  case "$1" in
    feed_parser|http_response|config_loader) echo 65536 ;;
    text_shaping) echo 4096 ;;
    feed_time) echo 256 ;;
  esac
}

dict_of() {
  case "$1" in
    feed_parser|http_response) cat "$here/xml.dict" "$here/json.dict" ;;
    config_loader) cat "$here/toml.dict" ;;
    feed_time) cat "$here/date.dict" ;;
    text_shaping) ;;
  esac
}

usage() {
  echo "usage: tests/fuzz/run.sh [all|$(IFS='|'; echo "${all_targets[*]}")] [seconds per target]" >&2
  exit 2
}

which_target=${1:-all}
seconds=${2:-60}
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || usage
if [ "$which_target" = all ]; then
  targets=("${all_targets[@]}")
else
  targets=()
  for t in "${all_targets[@]}"; do [ "$t" = "$which_target" ] && targets=("$t"); done
  [ ${#targets[@]} -eq 1 ] || usage
fi

build() {
  command -v clang++ >/dev/null || { echo "fuzz: clang++ not found: install clang and libclang-rt-14-dev (deploy/setup.sh lists them)" >&2; exit 1; }
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  mkdir -p "$build_dir"
  # One build at a time in a folder: several run.sh may start together.
  (
    flock 9
    if [ ! -f "$build_dir/CMakeCache.txt" ]; then
      cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DSIGNAGE_FUZZ=ON -DSIGNAGE_BUILD_BENCHMARKS=OFF "${launcher[@]}" >/dev/null
    fi
    cmake --build "$build_dir" --target fuzz-targets --parallel "$(nproc)"
  ) 9>"$build_dir/.fuzz-build.lock"
}

[ "${SIGNAGE_FUZZ_NO_BUILD:-}" = 1 ] || build

symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || echo /usr/lib/llvm-14/bin/llvm-symbolizer)
[ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$symbolizer"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

count_findings() {
  find "$1" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l
}

failed=()
for target in "${targets[@]}"; do
  binary="$build_dir/bin/fuzz_$target"
  corpus="$out_dir/corpus/$target"
  seeds="$out_dir/seeds/$target"
  findings="$out_dir/findings/$target"
  log="$out_dir/logs/$target.log"
  mkdir -p "$corpus" "$findings" "$out_dir/logs" "$out_dir/dicts"
  rm -rf "$seeds"
  mkdir -p "$seeds"
  seed_all="$out_dir/seeds.$target.tmp"
  rm -rf "$seed_all"
  python3 "$here/make_seeds.py" "$source_dir" "$seed_all" >/dev/null
  [ -d "$seed_all/$target" ] && cp "$seed_all/$target"/* "$seeds"/
  [ -d "$here/regressions/$target" ] && cp "$here/regressions/$target"/* "$seeds"/
  rm -rf "$seed_all"

  args=(-max_total_time="$seconds" -timeout="$timeout_s" -rss_limit_mb="$rss_mb" -max_len="${SIGNAGE_FUZZ_MAX_LEN:-$(max_len_of "$target")}"
        -artifact_prefix="$findings/" -print_final_stats=1 -close_fd_mask=2)
  dict="$out_dir/dicts/$target.dict"
  dict_of "$target" >"$dict"
  [ -s "$dict" ] && args+=(-dict="$dict")
  [ -n "${SIGNAGE_FUZZ_SEED:-}" ] && args+=(-seed="$SIGNAGE_FUZZ_SEED")
  [ "${SIGNAGE_FUZZ_KEEP_GOING:-}" = 1 ] && args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)

  before=$(count_findings "$findings")
  echo "fuzz: $target for ${seconds}s (log: $log)"
  status=0
  (cd "$out_dir" && "$binary" "${args[@]}" "$corpus" "$seeds") >"$log" 2>&1 || status=$?
  after=$(count_findings "$findings")
  execs=$(grep -aoE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
    echo "fuzz: $target: FOUND something (exit $status, $((after - before)) new in $findings):" >&2
    # The report with its stack, so that a CI log alone says where it failed.
    sed -n '/==[0-9]*==ERROR\|runtime error\|ALARM/,/SUMMARY/p' "$log" | grep -v '^INFO' | head -40 >&2 || true
    grep -E '^.*Test unit written' "$log" | head -5 >&2 || true
    failed+=("$target")
  else
    echo "fuzz: $target: nothing found in ${execs:-?} inputs; corpus $(find "$corpus" -type f | wc -l) files"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in: ${failed[*]} (inputs in $out_dir/findings/)" >&2
  exit 1
fi

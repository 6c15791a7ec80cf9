#!/usr/bin/env bash
# Benchmark: `vse run --backend container` of the climate example's `hello-mpi` (issue 7).
#
# Claim: with the image and its container tree cached, the container backend runs `hello`
# in <= 3 s. Prints, in one run: the image build (if not cached), the first run (which
# unpacks the image's tree once per image digest), and then three runs with everything
# cached: the whole `vse run` round trip (JVM, parsing, the image up-to-date check, boot,
# SSH, teardown) and the start -> VSE-READY time vse run reports.
#
# Usage: sudo benchmarks/container-run.sh   (needs root for systemd-nspawn; builds ./vse if needed)
#        VSE_BENCH_CACHE=DIR keeps the image cache between runs (default: a fresh one, removed afterwards)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$root/vse" ] && [ -d "$root/releng/org.vsestudio.cli.dist/target" ] || (cd "$root" && ./mvnw -B -o -q package -pl releng/org.vsestudio.cli.dist -am -DskipTests)
work=$(mktemp -d /var/tmp/vse-container-bench.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT
cp -r "$root/examples" "$work/project"
cd "$work/project"
export XDG_CACHE_HOME="${VSE_BENCH_CACHE:-$work/cache}"
export XDG_RUNTIME_DIR="$work/run"; mkdir -p "$XDG_RUNTIME_DIR"

now() { date +%s.%N; }
t0=$(now); "$root/vse" build climate.vse >/dev/null 2>&1; t1=$(now)
printf 'image build (or cache hit):                %6.1f s\n' "$(echo "$t1 - $t0" | bc)"

t0=$(now); status=0; "$root/vse" run climate.vse --backend container -- hello-mpi >"$work/out" 2>"$work/err" || status=$?; t1=$(now)
[ "$status" = 0 ] || { echo "the first run failed (exit $status):"; tail -20 "$work/err"; exit 1; }
printf 'first run (unpacks the tree if not cached):%6.1f s   %s\n' "$(echo "$t1 - $t0" | bc)" "$(grep -o 'ready after [0-9.]* s' "$work/err")"

for i in 1 2 3; do
  t0=$(now); "$root/vse" run climate.vse --backend container -- hello-mpi >"$work/out" 2>"$work/err" || { tail -5 "$work/err"; exit 1; }; t1=$(now)
  printf 'cached run %d: hello round trip             %6.1f s   %s   output: %s\n' "$i" "$(echo "$t1 - $t0" | bc)" \
    "$(grep -o 'ready after [0-9.]* s' "$work/err")" "$(head -1 "$work/out")"
done
t0=$(now); "$root/vse" check climate.vse >/dev/null 2>&1 || true; t1=$(now)
printf 'for comparison, vse check climate.vse (JVM + parsing only): %.1f s\n' "$(echo "$t1 - $t0" | bc)"

#!/usr/bin/env bash
# Benchmark: validating machine sets with huge Slurm host lists.
#
# Claim (issue 3): a group of 100,000 nodes validates in well under a second, because host
# lists are parsed, counted and compared without expanding them.
# Anchor: the same `vse check` on the same file with 1-node groups, so that JVM start-up and
# the language's set-up (the same in both) cancel out; the difference is what the host
# lists cost. Each case runs RUNS times; the best and median are printed.
#
# The files also hold two groups that share half their nodes, so the overlap check (which
# must name the first shared node) is part of what is measured.
#
# Usage: benchmarks/hostlist.sh [RUNS]   (builds ./vse first if needed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

write() { # file size-of-each-group
  local n=$1 hi lo
  hi=$(printf '%06d' "$n"); lo=$(printf '%06d' $((n / 2)))
  mkdir -p "$work/$(dirname "$2")"
  cat > "$work/$2" <<VSE
environment bench.env {
    distribution debian bookworm
    architecture amd64
}

machines bench.cluster {
    group compute nodes c[000001-$hi] runs bench.env
    group io nodes io[000001-$hi],login1 runs bench.env
    group overlap nodes x[000001-$hi] runs bench.env
    group overlap2 nodes x[$lo-$hi] runs bench.env
    sandbox compute count 2
}
VSE
}
write 1 small/cluster.vse
write 100000 huge/cluster.vse

"$root/vse" --version >/dev/null  # builds the command line if it is not built yet

measure() { # file -> prints seconds of each run, one per line
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N)
    "$root/vse" check "$work/$1" >/dev/null 2>&1 || true
    e=$(date +%s%N)
    echo "scale=3; ($e - $s) / 1000000000" | bc
  done | sort -n
}
stats() { awk '{a[NR]=$1} END {printf "best %.3f s, median %.3f s", a[1], a[int((NR+1)/2)]}'; }

small=$(measure small/cluster.vse); huge=$(measure huge/cluster.vse)
echo "anchor  (4 groups of 1 node):        $(echo "$small" | stats)"
echo "measure (4 groups of 100,000 nodes): $(echo "$huge" | stats)"
ms=$(echo "$small" | head -n1); mh=$(echo "$huge" | head -n1)
echo "host lists cost (best - best): $(echo "scale=3; $mh - $ms" | bc) s for 400,000 nodes"
echo "what vse check reports for the huge file:"
"$root/vse" check "$work/huge/cluster.vse" 2>&1 | sed 's/^/  /'

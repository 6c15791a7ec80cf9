#!/usr/bin/env bash
# Benchmark: the package index and resolver against apt, on this host's apt lists.
#
# Claims (issue 4): resolving the HPC request below (plus the base system an image needs)
# takes <= 0.3 s warm and gives a closure apt accepts; loading the whole index takes
# <= 1.5 s cold and <= 0.15 s from the tool's own cache; completion over all names <= 50 ms.
# Anchor: `apt-get install -s` with an empty dpkg status (Dir::State::status=/dev/null) on
# the same lists, resolving the same names (5.7-7.2 s for the request alone on the
# reference machine). The script prints both times, their ratio, and the difference of the
# two package sets with the reasons. The resolver follows requirements in name order (so a
# lock does not depend on the order they are written in); apt follows the command line, so
# apt is given the names in that same order (the request in its written order makes apt
# pick 452 packages instead of 449: an alternative satisfied earlier or later).
#
# Usage: benchmarks/resolver.sh [RELEASE [ARCH]]   (default: bookworm amd64)
#        RUNS=N for the number of warm resolves. Builds the packages bundle if needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
release=${1:-bookworm}
arch=${2:-amd64}
runs=${RUNS:-20}
request=(openmpi-bin libopenmpi-dev build-essential gfortran python3-numpy python3-scipy python3-mpi4py
         libhdf5-openmpi-dev libnetcdf-dev libfftw3-dev liblapack-dev cmake git openssh-server slurm-client munge)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

jar=$(ls "$root"/bundles/org.vsestudio.packages/target/org.vsestudio.packages-*.jar 2>/dev/null | grep -v sources | head -n1 || true)
if [ -z "$jar" ]; then
  (cd "$root" && ./mvnw -B -q -o package -pl bundles/org.vsestudio.packages -DskipTests >&2)
  jar=$(ls "$root"/bundles/org.vsestudio.packages/target/org.vsestudio.packages-*.jar | grep -v sources | head -n1)
fi
xz=$(ls "$HOME"/.m2/repository/org/tukaani/xz/1.12/xz-1.12.jar)
java=java
for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  if [ -n "$d" ] && [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then java="$d/bin/java"; break; fi
done
bench() { "$java" -Drelease="$release" -Darch="$arch" -Druns="$runs" -cp "$jar:$xz" "$root/benchmarks/ResolverBenchmark.java" "$@"; }

echo "== index ($release $arch, $(ls /var/lib/apt/lists/*_Packages* | wc -l) lists)"
bench load
bench cache "$work" >/dev/null
bench cache "$work"
bench complete

apt_time() { # names... -> prints the median seconds of 3 runs; the Inst lines go to $work/apt.out
  for _ in 1 2 3; do
    s=$(date +%s%N)
    apt-get -s -o Dir::State::status=/dev/null -o Debug::NoLocking=1 install "$@" > "$work/apt.out" 2>&1
    e=$(date +%s%N)
    echo "scale=3; ($e - $s) / 1000000000" | bc
  done | sort -n | sed -n 2p
}
apt_set() { grep '^Inst ' "$work/apt.out" | awk '{v=$3; gsub(/[()]/,"",v); print $2, v}' | sort; }

compare() { # label base
  local label=$1 base=$2
  echo
  echo "== $label"
  bench resolve "$base" "$work/ours" "${request[@]}" | tee "$work/ours.log"
  ours_ms=$(sed -n 's/.*warm median \([0-9.]*\) ms.*/\1/p' "$work/ours.log")
  # apt gets the same names, in the order the resolver marks them: base system, then the request by name
  mapfile -t names < <(cat "$work/ours.base" 2>/dev/null; printf '%s\n' "${request[@]}" | sort)
  apt_s=$(apt_time "${names[@]}")
  apt_set > "$work/apt"
  sort "$work/ours" > "$work/ours.sorted"
  echo "apt-get -s: $(wc -l < "$work/apt") packages in ${apt_s} s (median of 3)"
  echo "ratio: apt / ours = $(echo "scale=0; $apt_s * 1000 / $ours_ms" | bc)x"
  if diff -q "$work/apt" "$work/ours.sorted" >/dev/null; then
    echo "difference: none (same packages, same versions)"
  else
    echo "difference (< apt only, > ours only):"
    diff "$work/apt" "$work/ours.sorted" | grep '^[<>]' || true
    bench explain "$work/ours.sorted" "$work/apt" "${names[@]}"
  fi
}
compare "the request alone (apt's own case: no base system, with Recommends)" none
compare "the request on the base system of an image (Essential + Priority: required)" required

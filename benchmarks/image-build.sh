#!/usr/bin/env bash
# Benchmark: building the climate model's image against a bare mmdebstrap (issue 6).
#
# Claims: a cold `vse build examples/climate.vse` takes <= 1.1x a bare `mmdebstrap` that
# installs the same locked package list on the same machine (the anchor); an unchanged
# rebuild takes < 1 s (the whole command, JVM included); adding one package takes <= 0.3x
# the cold build. All four are measured in this one run, one after the other, with an
# empty image cache of their own (the host's apt proxy or mirror serves both the same way;
# the anchor runs first, so it is the one that warms any download cache).
#
# Usage: sudo benchmarks/image-build.sh     (needs root, as vse build does; builds ./vse if needed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /var/tmp/vse-image-bench.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT
cp -r "$root/examples" "$work/project"
cd "$work/project"
export XDG_CACHE_HOME="$work/cache"
"$root/vse" lock climate.vse >/dev/null

# the anchor: mmdebstrap with exactly the lock's packages, into a directory, as vse build does
lock=climate.model.vse.lock
include=$(awk '$1 == "package" { print $2 "=" $3 }' "$lock" | paste -sd, -)
awk '$1 == "repository" { print "deb " $3 " " $4 " " $5 }' "$lock" > "$work/sources.list"
epoch=$(date -d "$(awk '$1 == "snapshot" { print $2 }' "$lock")" +%s)
t0=$(date +%s.%N)
SOURCE_DATE_EPOCH=$epoch mmdebstrap --quiet --mode=root --format=directory --variant=custom --include="$include" \
  bookworm "$work/anchor" "$work/sources.list"
t1=$(date +%s.%N)
anchor=$(echo "$t1 - $t0" | bc)
rm -rf --one-file-system "$work/anchor"

# the cold build's progress lines with the seconds since its start: where the time goes
t0=$(date +%s.%N)
"$root/vse" build climate.vse 2>&1 >/dev/null | while IFS= read -r line; do
  case $line in "==> "*) printf '%7.1f s  %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "${line#==> }" ;; esac
done > "$work/phases.txt"
t1=$(date +%s.%N)
cold=$(echo "$t1 - $t0" | bc)
t0=$(date +%s.%N); "$root/vse" build climate.vse >/dev/null 2>&1; t1=$(date +%s.%N)
unchanged=$(echo "$t1 - $t0" | bc)
sed -i 's/packages += { htop = 3.2.2-2 }/packages += { htop = 3.2.2-2  tree }/' climate.vse
t0=$(date +%s.%N); "$root/vse" build climate.vse >/dev/null 2>&1; t1=$(date +%s.%N)
added=$(echo "$t1 - $t0" | bc)

printf 'anchor: bare mmdebstrap, %s packages      %7.1f s\n' "$(grep -c '^package ' "$lock")" "$anchor"
printf 'vse build, cold                         %7.1f s   %.2fx the anchor (claim <= 1.1x)\n' "$cold" "$(echo "$cold / $anchor" | bc -l)"
printf 'vse build, unchanged                    %7.2f s   (claim < 1 s)\n' "$unchanged"
printf 'vse build, one package added            %7.1f s   %.2fx the cold build (claim <= 0.3x)\n' "$added" "$(echo "$added / $cold" | bc -l)"
echo "the cold build's steps (seconds since its start when each began; it ended at $(printf '%.1f' "$cold") s):"
sed 's/^/  /' "$work/phases.txt"
"$root/vse" cache

#!/usr/bin/env bash
# Robustness run of the language: the fuzz test of the build (10,000 cases, fixed seed)
# with many more cases and a new seed each time, through every phase an editor runs
# (parse, link, validate, format, serialize). Prints the seed; a failure prints the input.
#
# Usage: benchmarks/fuzz.sh [CASES] [SEED]    (default 200000 cases, a seed from the clock)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cases=${1:-200000}
seed=${2:-$(date +%s%N)}
cd "$root"
./mvnw -B -o verify -pl bundles/org.vsestudio.packages,bundles/org.vsestudio.dsl,tests/org.vsestudio.dsl.tests \
  -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  "-Dvse.test.vmargs=-Dvse.fuzz.cases=$cases -Dvse.fuzz.seed=$seed" | grep -E "FuzzTest|Tests run|BUILD|case [0-9]+ of seed" || true

#!/usr/bin/env bash
# Smoke test of the CLI distribution as a user gets it: unpack the tar in an empty folder
# and run vse/bin/vse with nothing but a Java runtime (no Maven, no OSGi, no checkout on
# the class path). Run by the build in the verify phase; fails the build on any mismatch.
set -uo pipefail
dist=$(cd "$(dirname "$0")/../.." && pwd)
repo=$(cd "$dist/../.." && pwd)
tar=$(ls "$dist"/target/vse-*.tar.gz | head -n1)
work="$dist/target/smoke"
rm -rf "$work" && mkdir -p "$work" && tar -xzf "$tar" -C "$work"
vse="$work/vse/bin/vse"
failures=0
expect() { # description expected-exit command...
  local what=$1 want=$2; shift 2
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" != "$want" ]; then
    echo "smoke: FAILED: $what: exit $rc, expected $want"; echo "$out" | sed 's/^/    /'; failures=$((failures + 1))
  else
    echo "smoke: ok: $what"
  fi
  LAST_OUTPUT=$out
}
contains() { # description text
  if ! grep -qF -- "$2" <<<"$LAST_OUTPUT"; then
    echo "smoke: FAILED: $1: output lacks '$2'"; echo "$LAST_OUTPUT" | sed 's/^/    /'; failures=$((failures + 1))
  fi
}
cd "$repo"
expect "vse --version" 0 env -u VSE_PATH "$vse" --version;               contains "version names the product" "(VSE Studio)"
expect "valid examples pass" 0 "$vse" check examples/climate.vse examples/site
expect "the examples folder has errors" 1 "$vse" check examples/;        contains "syntax error named" "examples/invalid/syntax.vse:6:"
expect "a missing file is a usage problem" 2 "$vse" check no-such.vse;    contains "one sentence" "vse check: 'no-such.vse' does not exist."
expect "diagram draws SVG" 0 "$vse" diagram examples/climate.vse;        contains "an SVG document" "<svg"
if grep -q "Exception\|at org\." <<<"$("$vse" check no-such.vse 2>&1)"; then
  echo "smoke: FAILED: a usage problem showed a stack trace"; failures=$((failures + 1))
fi
[ "$failures" = 0 ] || { echo "smoke: $failures check(s) of the CLI distribution failed"; exit 1; }

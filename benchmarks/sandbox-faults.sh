#!/usr/bin/env bash
# Fault injection for the sandbox launch (issue 7): nothing leaks.
#
# Runs `vse run` ROUNDS times per fault (default 4 rounds x 5 faults = 20 runs) and after each
# run counts what the run left behind: QEMU processes, watchdog companions, registry entries,
# machine overlays (V2M), vse-run work folders (vse run's own, with its keys), libvirt domains, systemd-nspawn
# processes. Prints a table and the total, which must be 0; exits 1 if anything leaked.
#
#   timeout   vse run --timeout 1 FILE -- true        (readiness timeout)
#   false     vse run FILE -- false                   (the guest command fails)
#   qemukill  kill -9 of the run's QEMU (its pid from the registry) mid-boot
#   cancel    SIGTERM to vse run mid-boot (the IDE's red stop button)
#   sigkill   SIGKILL to vse run mid-boot (no shutdown hook: V2M's watchdog must clean up)
#
# libvirtd restarted during a libvirt run is not run here: this tree's vse run has no
# --connect to point it at a private libvirtd, and restarting the host's libvirtd would
# disturb everybody else's domains; the script says so in its output.
#
# Every run has a registry (XDG_RUNTIME_DIR) and a temporary folder (java.io.tmpdir) of its
# own, so only what this script started is counted, never another user's machines.
#
# Usage: benchmarks/sandbox-faults.sh [ROUNDS]   (after benchmarks/sandbox-launch.sh, whose
# image cache it shares: VSE_BENCH_CACHE, default /var/tmp/vse-sandbox-bench-cache)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vse="$root/vse"
rounds=${1:-4}
export XDG_CACHE_HOME=${VSE_BENCH_CACHE:-/var/tmp/vse-sandbox-bench-cache}
file="$XDG_CACHE_HOME/project/tiny.vse"
[ -f "$file" ] || { echo "run benchmarks/sandbox-launch.sh first (it writes and builds $file)"; exit 2; }
base=$(mktemp -d /var/tmp/vse-faults.XXXXXX)
trap 'rm -rf --one-file-system "$base"' EXIT

# waits until the run's registry has an entry with a QEMU pid; prints the pid
await_qemu() {
  local reg=$1 pid=$2 i
  for i in $(seq 1 1200); do
    local f
    f=$(ls "$reg"/vse-studio/vms/*.properties 2>/dev/null | head -1)
    if [ -n "$f" ]; then
      sed -n 's/^pid=//p' "$f"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

count() { # what a run with folder $1 left: qemu watchdog entries overlays rundirs domains nspawn
  local w=$1
  local q d e f r n
  q=$(pgrep -f -- "qemu-system.*$w" | wc -l)
  d=$(pgrep -f -- "vse-watchdog.*$w" | wc -l)
  e=$(ls "$w"/runtime/vse-studio/vms/*.properties 2>/dev/null | wc -l)
  f=$(find "$w"/tmp -name overlay.qcow2 2>/dev/null | wc -l)
  r=$(ls -d "$w"/tmp/vse-run* 2>/dev/null | wc -l)
  n=$(pgrep -f -- "systemd-nspawn.*$w" | wc -l)
  echo "$q $d $e $f $r 0 $n"
}

printf '%-4s %-9s %-5s %-6s %5s %8s %7s %8s %7s %7s %6s\n' RUN FAULT EXIT SECS QEMU WATCHDOG ENTRIES OVERLAYS RUNDIRS DOMAINS NSPAWN > "$base/table"
total=0 run=0
for r in $(seq 1 "$rounds"); do
  for fault in timeout false qemukill cancel sigkill; do
    run=$((run + 1))
    w="$base/run$run"
    mkdir -p "$w/runtime" "$w/tmp"
    chmod 700 "$w/runtime"
    t0=$(date +%s.%N)
    case $fault in
      timeout) args=(--timeout 1 "$file" -- true) ;;
      false) args=("$file" -- false) ;;
      *) args=("$file" -- sleep 600) ;;
    esac
    XDG_RUNTIME_DIR="$w/runtime" VSE_JAVA_OPTS="-Djava.io.tmpdir=$w/tmp" "$vse" run "${args[@]}" > "$w/out.log" 2>&1 &
    pid=$!
    case $fault in
      qemukill) q=$(await_qemu "$w/runtime" $pid) && kill -9 "$q" ;;
      cancel) await_qemu "$w/runtime" $pid >/dev/null && sleep 2 && kill -TERM $pid ;;
      sigkill) await_qemu "$w/runtime" $pid >/dev/null && sleep 2 && kill -KILL $pid ;;
    esac
    wait $pid
    status=$?
    # the watchdog of a SIGKILLed JVM and the kernel need a moment; give them up to 15 s
    for i in $(seq 1 150); do
      c=$(count "$w")
      [ "$c" = "0 0 0 0 0 0 0" ] && break
      sleep 0.1
    done
    secs=$(echo "$(date +%s.%N) - $t0" | bc)
    read -r cq cd ce cf cr cl cn <<< "$c"
    sum=$((cq + cd + ce + cf + cr + cl + cn))
    total=$((total + sum))
    printf '%-4s %-9s %-5s %6.1f %5s %8s %7s %8s %7s %7s %6s\n' $run $fault $status "$secs" $cq $cd $ce $cf $cr $cl $cn >> "$base/table"
    tail -1 "$base/table"
    if [ $sum -gt 0 ]; then
      echo "   leftovers of run $run; its output:"; sed 's/^/   | /' "$w/out.log" | tail -8
      # remove only what this run started (its own folder is in the command lines)
      for p in $(pgrep -f -- "qemu-system.*$w") $(pgrep -f -- "vse-watchdog.*$w"); do kill -9 "$p"; done
    fi
  done
done
echo
cat "$base/table"
echo "libvirtd restarted during a libvirt run: not run (this tree's vse run cannot be pointed at a private libvirtd; the host's is shared)."
echo "TOTAL leftovers over $run runs: $total"
[ $total -eq 0 ]

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
#   libvirtd  vse run --backend libvirt on a libvirtd of this script's own (--connect), which
#             is restarted (SIGTERM, started again) mid-boot; the run must still end and
#             leave no domain (needs libvirtd; the host's own libvirtd is never touched)
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
faults="timeout false qemukill cancel sigkill"
export XDG_CACHE_HOME=${VSE_BENCH_CACHE:-/var/tmp/vse-sandbox-bench-cache}
file="$XDG_CACHE_HOME/project/tiny.vse"
[ -f "$file" ] || { echo "run benchmarks/sandbox-launch.sh first (it writes and builds $file)"; exit 2; }
base=$(mktemp -d /var/tmp/vse-faults.XXXXXX)
# QEMU started by libvirt (qemu:///system) runs as libvirt-qemu: it must pass through to the overlays
chmod 711 "$base"

# a libvirtd of this script's own, as the tests start it (infrastructure.md)
lv=$base/libvirt
lv_uri=
lv_start() {
  LIBVIRT_LOG_OUTPUTS="3:file:$lv/daemon.log" libvirtd --daemon --pid-file "$lv/libvirtd.pid" --config "$lv/libvirtd.conf" || return 1
  for i in $(seq 1 600); do [ -S "$lv/run/libvirt-sock" ] && return 0; sleep 0.1; done
  return 1
}
lv_stop() {
  local p
  p=$(cat "$lv/libvirtd.pid" 2>/dev/null) || return 0
  kill -TERM "$p" 2>/dev/null
  for i in $(seq 1 300); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$p" 2>/dev/null
}
if command -v libvirtd >/dev/null && command -v virsh >/dev/null; then
  mkdir -p "$lv/run"
  chmod 755 "$lv"
  echo "unix_sock_dir = \"$lv/run\"" > "$lv/libvirtd.conf"
  [ -e /run/libvirt/virtlogd-sock ] || virtlogd --daemon --pid-file "$lv/virtlogd.pid"
  if lv_start; then
    lv_uri="qemu:///system?socket=$lv/run/libvirt-sock"
    faults="$faults libvirtd"
  else
    echo "the script's own libvirtd did not start: the libvirtd fault is not run"
  fi
else
  echo "no libvirtd/virsh on this host: the libvirtd fault is not run"
fi
cleanup() {
  if [ -n "$lv_uri" ]; then
    for d in $(virsh -q -c "$lv_uri" list --name 2>/dev/null); do virsh -q -c "$lv_uri" destroy "$d" >/dev/null 2>&1; done
    lv_stop
  fi
  [ -f "$lv/virtlogd.pid" ] && kill "$(cat "$lv/virtlogd.pid")" 2>/dev/null
  rm -rf --one-file-system "$base"
}
trap cleanup EXIT

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
  l=0
  [ -n "$lv_uri" ] && l=$(virsh -q -c "$lv_uri" list --all --name 2>/dev/null | grep -c .)
  echo "$q $d $e $f $r $l $n"
}

printf '%-4s %-9s %-5s %-6s %5s %8s %7s %8s %7s %7s %6s\n' RUN FAULT EXIT SECS QEMU WATCHDOG ENTRIES OVERLAYS RUNDIRS DOMAINS NSPAWN > "$base/table"
total=0 run=0
for r in $(seq 1 "$rounds"); do
  for fault in $faults; do
    run=$((run + 1))
    w="$base/run$run"
    mkdir -p "$w/runtime" "$w/tmp"
    chmod 700 "$w/runtime"
    chmod 711 "$w" "$w/tmp"
    t0=$(date +%s.%N)
    case $fault in
      timeout) args=(--timeout 1 "$file" -- true) ;;
      false) args=("$file" -- false) ;;
      libvirtd) args=(--backend libvirt --connect "$lv_uri" "$file" -- true) ;;
      *) args=("$file" -- sleep 600) ;;
    esac
    XDG_RUNTIME_DIR="$w/runtime" VSE_JAVA_OPTS="-Djava.io.tmpdir=$w/tmp" "$vse" run "${args[@]}" > "$w/out.log" 2>&1 &
    pid=$!
    case $fault in
      qemukill) q=$(await_qemu "$w/runtime" $pid) && kill -9 "$q" ;;
      cancel) await_qemu "$w/runtime" $pid >/dev/null && sleep 2 && kill -TERM $pid ;;
      sigkill) await_qemu "$w/runtime" $pid >/dev/null && sleep 2 && kill -KILL $pid ;;
      libvirtd) await_qemu "$w/runtime" $pid >/dev/null && sleep 5 && lv_stop && sleep 1 && lv_start ;;
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
echo "TOTAL leftovers over $run runs: $total"
[ $total -eq 0 ]

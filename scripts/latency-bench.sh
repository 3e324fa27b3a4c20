#!/usr/bin/env bash
# Latency benchmark of the live dashboard (release build, in a detached 120x35 tmux session):
# appends demo rows to a followed file at RATE lines/s with seed-rule hits mixed in, and reports
# p50/p99 of append -> first drawn frame whose snapshot holds the hit, then the idle CPU of the
# UI thread. Goal: p99 <= 100 ms at 100,000 lines/s.
# The followed file goes to /dev/shm when there is one (a 140 MB/s writer on this VM's disk is
# otherwise paced by the kernel's writeback, which stalls the appender, not hunttop); --dir DIR
# puts it elsewhere.
# usage: scripts/latency-bench.sh [--rate N] [--seconds N] [--hits-per-second N] [--idle-seconds N] [--tick MS] [--dir DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "latency-bench: tmux is not installed" >&2; exit 1; }
swift build -c release --product hunttop >/dev/null
exe=$(swift build -c release --show-bin-path)/hunttop

work=$(mktemp -d)
sock=hunttop-bench-$$
t() { tmux -u -L "$sock" "$@"; }
trap 't kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
args=$(printf " %q" "$@")
if [[ " $* " != *" --dir "* && -d /dev/shm && -w /dev/shm ]]; then args+=" --dir /dev/shm"; fi
t -f /dev/null new-session -d -s bench -x 120 -y 35 \
  "LANG=C.UTF-8 LC_ALL=C.UTF-8 HUNTTOP_FIXTURES=$PWD/Fixtures '$exe' bench-latency --out '$work/result.txt'$args \
   2>'$work/stderr.txt'; echo EXITED:\$? >'$work/exit.txt'; sleep 600"

# Appending, catching up and the idle measurement take well under 5 minutes at the defaults.
for ((i = 0; i < 1500; i++)); do
  [[ -s $work/exit.txt ]] && break
  sleep 0.2
done
if [[ ! -s $work/result.txt ]]; then
  echo "latency-bench: no result ($(cat "$work/exit.txt" 2>/dev/null || echo 'timed out'))" >&2
  cat "$work/stderr.txt" >&2 2>/dev/null || true
  t capture-pane -p -t bench >&2 || true
  exit 1
fi
cat "$work/result.txt"

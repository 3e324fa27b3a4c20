#!/usr/bin/env bash
# Captures dashboard screens as text (tmux capture-pane) from the demo at 120x35:
#   overview.txt  the dashboard once the demo has finished replaying
#   tree.txt      drilled into the Qakbot hit (Rules > Hits > Tree)
#   help.txt      the help listing
#   narrow.txt    the same at 80x24: one pane at a time under a tab bar
# usage: scripts/capture-screens.sh [OUTDIR]   (default: .build/screens; needs tmux and a debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/screens}
mkdir -p "$out"
command -v tmux >/dev/null || { echo "capture-screens: tmux is not installed" >&2; exit 1; }
swift build --product hunttop >/dev/null
exe=$(swift build --show-bin-path)/hunttop

sock=hunttop-capture-$$
t() { tmux -u -L "$sock" "$@"; }
trap 't kill-server 2>/dev/null || true' EXIT
t -f /dev/null new-session -d -s cap -x 120 -y 35 -c "$PWD" \
  "LANG=C.UTF-8 LC_ALL=C.UTF-8 '$exe' demo --replay 300; sleep 600"

# Polls the screen (every 200 ms, up to $2 seconds) until it contains $1.
wait_for() {
  local i
  for ((i = 0; i < $2 * 5; i++)); do
    t capture-pane -p -t cap | grep -qF -- "$1" && return 0
    sleep 0.2
  done
  echo "capture-screens: timed out waiting for '$1'" >&2
  t capture-pane -p -t cap >&2
  exit 1
}

# The demo is 30 minutes of telemetry; at 300x it is fully read after about 6 s.
wait_for "4973 read" 60
sleep 0.5
t capture-pane -p -t cap >"$out/overview.txt"

# The demo loads two rules: filter the Rules pane to the Qakbot one, then drill in.
t send-keys -t cap 2 / Q a k b o t Enter Enter
wait_for "Hits (40): Qakbot" 10
t send-keys -t cap Enter
wait_for "Tree: ping.exe" 10
sleep 0.3
t capture-pane -p -t cap >"$out/tree.txt"

t send-keys -t cap '?'
wait_for "Help: keys" 10
sleep 0.3
t capture-pane -p -t cap >"$out/help.txt"
t send-keys -t cap '?'
t resize-window -t cap -x 80 -y 24
wait_for "4 Tree" 10
sleep 0.3
t capture-pane -p -t cap >"$out/narrow.txt"
t send-keys -t cap q

echo "capture-screens: wrote $out/overview.txt $out/tree.txt $out/help.txt $out/narrow.txt"

#!/usr/bin/env bash
# Installs the Debian packages hunttop builds against, when missing (the base image has ncurses,
# libyaml, sqlite and tmux; RE2 is added here). Safe to run again.
set -euo pipefail
need=()
for pkg in libre2-dev libncurses-dev libyaml-dev libsqlite3-dev tmux; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

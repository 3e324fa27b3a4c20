#!/usr/bin/env bash
# The long-check tier (`make longtest`): fuzzing, the soak, and the benchmarks. Not part of
# `swift test`. Each step prints its figures; the script fails if any step fails.
#   LONGTEST_FUZZ_SECONDS (default 300 per target), LONGTEST_SOAK_EVENTS (default 10,000,000)
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
step() { echo "== $*"; "$@" || { echo "== FAILED: $*"; status=1; }; }
step scripts/fuzz.sh "${LONGTEST_FUZZ_SECONDS:-300}"
step scripts/soak.sh "${LONGTEST_SOAK_EVENTS:-10000000}"
if [ -x scripts/bench.sh ]; then step scripts/bench.sh; fi
step swift test -c release --filter 'Benchmark'
exit $status

#!/usr/bin/env bash
# libFuzzer runs of the KQL front end (lexer/parser/binder/compiler) and the telemetry readers
# (JSON lines, envelopes, whole documents, CSV). Long check, not part of `swift test`.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60; env FUZZ_JOBS for parallel jobs)
# Seeds come from ../shared/corpus and ../shared/data; crashes land in .build/fuzz/artifacts.
# Prints executions and findings per target; exit 1 when anything was found.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-60}"
SHARED="$(cd .. && pwd)/shared"
OUT="$PWD/.build/fuzz"
mkdir -p "$OUT/artifacts"

(cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld >"$OUT/build.log" 2>&1) \
  || { echo "fuzz: build failed, see $OUT/build.log"; tail -20 "$OUT/build.log"; exit 2; }
BIN="$PWD/Fuzz/.build/release"

# Seed corpora (kept between runs, so later runs start where earlier ones stopped).
mkdir -p "$OUT/corpus/kql" "$OUT/corpus/telemetry"
if [ -d "$SHARED/corpus" ]; then
  find "$SHARED/corpus" -name '*.kql' -exec cp -n {} "$OUT/corpus/kql/" \; 2>/dev/null || true
fi
cp -n Fixtures/rules/*.yaml "$OUT/corpus/kql/" 2>/dev/null || true
if [ -d "$SHARED/data" ] && [ -z "$(ls -A "$OUT/corpus/telemetry")" ]; then
  for f in "$SHARED"/data/*.jsonl Fixtures/demo/events.jsonl; do
    head -c 400000 "$f" | split -l 8 - "$OUT/corpus/telemetry/$(basename "$f")."
  done
  zcat "$SHARED/data/original/"*.csv.gz 2>/dev/null | head -200 | split -l 20 - "$OUT/corpus/telemetry/csv." || true
fi

found=0
for t in kql telemetry; do
  case $t in kql) exe="$BIN/FuzzKQL";; telemetry) exe="$BIN/FuzzTelemetry";; esac
  log="$OUT/$t.log"
  before=$(ls "$OUT/artifacts" | wc -l)
  set +e
  "$exe" -max_total_time="$SECS" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$OUT/artifacts/$t-" ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS} \
    "$OUT/corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  after=$(ls "$OUT/artifacts" | wc -l)
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
  corpus=$(ls "$OUT/corpus/$t" | wc -l)
  echo "fuzz $t: ${runs:-?} executions in ${SECS}s, corpus $corpus inputs, findings $((after - before)) (exit $rc, log $log)"
  if [ $rc -ne 0 ] || [ "$after" -gt "$before" ]; then
    found=1
    grep -E "ERROR: |SUMMARY|Test unit written" "$log" | head -5
  fi
done
rm -f /tmp/hunttop-fuzz-telemetry-*.in   # the telemetry target's scratch files
exit $found

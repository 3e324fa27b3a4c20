#!/usr/bin/env bash
# Benchmarks (release build): scan throughput and peak RSS on gen.py data (100k and 1M rows),
# compiled-predicate throughput, and — when ../shared/tools/peers/setup.sh has been run —
# the side-by-side ratio against duckdb-kql and the C floor. Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
bin=.build/release/hunttop
rule=Fixtures/rules/qakbot-email-theft-1.yaml
data=${BENCH_DIR:-/tmp/hunttop-bench}
mkdir -p "$data"
swift build -c release >/dev/null
for n in 100000 1000000; do
  f="$data/gen$n.jsonl"
  [ -s "$f" ] || python3 "$shared/tools/gen.py" "$n" "$f" >/dev/null
  expected=$(python3 -c "import json;print(json.load(open('${f%.jsonl}.truth.json'))['expected_seed_hits'])")
  for i in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$data/time.txt" "$bin" scan --rules "$rule" --format ndjson "$f" >"$data/hits.ndjson" 2>/dev/null
    read -r secs kb <"$data/time.txt"
    hits=$(wc -l <"$data/hits.ndjson")
    echo "scan $n rows: ${secs}s  $(python3 -c "print(int($n/max($secs,0.001)))") rows/s  peak RSS $((kb / 1024)) MB  hits $hits (expected $expected)"
  done
done
"$bin" bench --rows 200000 "$data/gen1000000.jsonl"
if [ -x "${PEERS_DIR:-/tmp/peers}/venv/bin/python" ]; then
  export HUNTTOP_CMD="$PWD/$bin scan --rules {rule} --format ndjson {input}"
  "$shared/tools/sidebyside.sh" | tail -1
  "$shared/tools/sidebyside.sh" --floor | tail -1
else
  echo "(peers not set up: run ../shared/tools/peers/setup.sh for the duckdb-kql comparison)"
fi

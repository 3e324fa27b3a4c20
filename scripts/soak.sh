#!/usr/bin/env bash
# Soak (long check): N events (default 10,000,000) through `watch`'s engine at full speed with
# every rule in Fixtures/rules (the seed rule, and the companion rule when present) and the
# state database on. (Exclusions join once the live engine applies them.) RSS is sampled every second and
# must stay within ±10% after warm-up; the curve is printed. Release build.
#   scripts/soak.sh [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS="${1:-10000000}"
swift build -c release >/dev/null
args=(soak --events "$EVENTS" --rules Fixtures/rules)
exec .build/release/hunttop "${args[@]}"

#!/usr/bin/env bash
# `make conformance`: runs every ksqlDB query-validation test file (../shared/conformance/ksql-qtt,
# or $RUNNEL_QTT_DIR) through runnel-test on the in-memory broker, writes docs/conformance.md
# (per file passed / failed / skipped, totals, pass rate, most common failure reasons) and checks
# the ratchet baseline tests/conformance/baseline.txt. Exit status: the ratchet's (1 when a
# baseline case no longer passes). Per-case results: $BUILD/conformance.json and .log.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
QTT=${RUNNEL_QTT_DIR:-../shared/conformance/ksql-qtt}
BIN="$BUILD/bin/runnel-test"
BASELINE=tests/conformance/baseline.txt

[ -x "$BIN" ] || { echo "conformance: $BIN is missing: run make build first"; exit 1; }
[ -d "$QTT" ] || { echo "conformance: no QTT corpus at $QTT"; exit 1; }

ratchet=()
[ -f "$BASELINE" ] && ratchet=(--ratchet "$BASELINE")
"$BIN" --qtt "$QTT" --markdown docs/conformance.md --json "$BUILD/conformance.json" \
  "${ratchet[@]}" > "$BUILD/conformance.log" 2>&1
status=$?
[ -f "$BASELINE" ] || status=0

grep -E '^(RATCHET |ratchet: |negative cases)' "$BUILD/conformance.log"
sed -n '/^## Totals/,/^## Most/p' docs/conformance.md | grep '^| [0-9]' |
  awk -F'|' '{ gsub(/ /, ""); printf "pass rate %s (passed / (passed + failed)), %s skipped\n", $5, $4 }'
tail -n 1 "$BUILD/conformance.log"
echo "wrote docs/conformance.md; per-case results in $BUILD/conformance.json," \
  "one line per failing case in $BUILD/conformance.log"
exit $status

#!/usr/bin/env bash
# Runs every test: unit tests (ctest) and the end-to-end tests against a real Kafka broker
# started here on its own port and run dir, stopped at the end whatever happens.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export KAFKA_PORT=${RUNNEL_TEST_KAFKA_PORT:-19092}
export RUNNEL_KAFKA_DIR=${RUNNEL_TEST_KAFKA_DIR:-/tmp/runnel-test-kafka}

bash scripts/kafka.sh clean >/dev/null 2>&1 || true
trap 'bash scripts/kafka.sh stop >/dev/null 2>&1 || true' EXIT
out=$(bash scripts/kafka.sh start) || { echo "$out"; echo "could not start Kafka"; exit 1; }
export RUNNEL_TEST_BOOTSTRAP=$(printf '%s\n' "$out" | tail -n 1 | sed 's/^bootstrap=//')
echo "test broker: $RUNNEL_TEST_BOOTSTRAP"

status=0
echo "== unit tests"
(cd "$BUILD" && ctest --output-on-failure -j2 --timeout 600) || status=1

if [ -d tests/sql ] && [ -x "$BUILD/bin/runnel-test" ]; then
  echo "== statement-file tests"
  "$BUILD/bin/runnel-test" --matrix tests/sql || status=1
fi

if [ -d ../shared/conformance/ksql-qtt ] && [ -x "$BUILD/bin/runnel-test" ]; then
  # The ratchet: every conformance case in tests/conformance/baseline.txt must still pass.
  echo "== conformance ratchet"
  "$BUILD/bin/runnel-test" --qtt ../shared/conformance/ksql-qtt \
    --ratchet tests/conformance/baseline.txt | grep -E '^(RATCHET |ratchet: )' || status=1
fi

if [ "${RUNNEL_SKIP_SANITIZERS:-0}" != "1" ]; then
  # The unit tests again under AddressSanitizer and UndefinedBehaviorSanitizer (ccache keeps the
  # rebuild cheap after the first run).
  echo "== unit tests under ASan/UBSan"
  ASAN_BUILD=${ASAN_BUILD:-build-asan}
  cmake -S . -B "$ASAN_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DRUNNEL_SANITIZE=ON >/dev/null &&
    cmake --build "$ASAN_BUILD" -j2 --target $(cd "$BUILD" && ninja -t targets all | sed -n 's/^\(unit_[a-z_0-9]*\): .*/\1/p' | sort -u | tr '\n' ' ') >/dev/null &&
    (cd "$ASAN_BUILD" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
       ctest --output-on-failure -j2 --timeout 900) || status=1
fi

echo "== end-to-end tests"
python3 tests/e2e/run_e2e.py --build "$BUILD" --bootstrap "$RUNNEL_TEST_BOOTSTRAP" || status=1
python3 tests/e2e/pipeline_e2e.py --build "$BUILD" --bootstrap "$RUNNEL_TEST_BOOTSTRAP" || status=1

exit $status

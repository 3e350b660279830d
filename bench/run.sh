#!/usr/bin/env bash
# `make bench`: starts a local broker on its own port, runs the end-to-end benchmarks, prints
# one line per benchmark: <name> <records/s> <baseline records/s> <ratio>.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export KAFKA_PORT=${RUNNEL_BENCH_KAFKA_PORT:-19093}
export RUNNEL_KAFKA_DIR=${RUNNEL_BENCH_KAFKA_DIR:-/tmp/runnel-bench-kafka}
bash scripts/kafka.sh clean >/dev/null 2>&1 || true
trap 'bash scripts/kafka.sh clean >/dev/null 2>&1 || true' EXIT
bootstrap=$(bash scripts/kafka.sh start | tail -n 1 | sed 's/^bootstrap=//')
"$BUILD/bin/stateless_bench" --bootstrap "$bootstrap" --records "${RUNNEL_BENCH_RECORDS:-1000000}" --partitions 4
# Aggregations (COUNT + SUM by a key of 100k values, windowed and not, at-least-once and
# exactly-once) next to the stateless query and the raw copy; a fifth column: peak RSS.
"$BUILD/bin/aggregate_bench" --bootstrap "$bootstrap" --records "${RUNNEL_BENCH_AGG_RECORDS:-5000000}" --partitions 4
# A stream-table join (10M orders against 1M customers by default; the table loaded first),
# keyed and repartitioned, next to the stateless query and the raw copy of the same stream.
"$BUILD/bin/join_bench" --bootstrap "$bootstrap" --records "${RUNNEL_BENCH_JOIN_RECORDS:-10000000}" \
  --table-rows "${RUNNEL_BENCH_JOIN_TABLE_ROWS:-1000000}" --partitions 4

#!/usr/bin/env bash
# Starts a local Kafka (scripts/kafka.sh) and runneld in the foreground on 127.0.0.1:8088.
# Ctrl-C stops the server; the broker keeps running (scripts/kafka.sh stop ends it).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
LISTEN=${RUNNEL_LISTENERS:-http://127.0.0.1:8088}
out=$(bash scripts/kafka.sh start)
bootstrap=$(printf '%s\n' "$out" | tail -n 1 | sed 's/^bootstrap=//')
echo "Kafka is up at $bootstrap."
echo
echo "Runnel is starting on $LISTEN. In another terminal, connect the CLI:"
echo "    $BUILD/bin/runnel $LISTEN"
echo
mkdir -p state
exec "$BUILD/bin/runneld" --bootstrap-servers "$bootstrap" --listeners "$LISTEN" --state-dir ./state

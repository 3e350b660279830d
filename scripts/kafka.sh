#!/usr/bin/env bash
# Runnel: a real single-node Apache Kafka broker (KRaft, combined
# broker+controller, node.id=1) on 127.0.0.1, for development and tests.
#
#   scripts/kafka.sh start     # fetch jars if needed, format, start, wait;
#                              # last stdout line: bootstrap=127.0.0.1:PORT
#   scripts/kafka.sh stop      # SIGTERM, wait up to 30 s, then SIGKILL
#   scripts/kafka.sh status    # running/stopped (+ bootstrap line); exit 0/1
#   scripts/kafka.sh clean     # stop and delete the run dir
#   scripts/kafka.sh fetch     # only download the jars into the cache
#   scripts/kafka.sh topics ARGS...   # org.apache.kafka.tools.TopicCommand
#                              # against this broker, e.g.
#                              # topics --create --topic t --partitions 3
#
# Environment:
#   KAFKA_PORT             PLAINTEXT port (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port (default KAFKA_PORT+1000)
#   RUNNEL_KAFKA_DIR       run dir (default /tmp/runnel-kafka-$KAFKA_PORT)
#   RUNNEL_CACHE           jar cache root (default ~/.cache/runnel)
#   KAFKA_VERSION          Kafka version to fetch (default 3.9.2)
#   KAFKA_HEAP_OPTS        JVM heap (default "-Xmx512m -Xms256m")
#   KAFKA_START_TIMEOUT    seconds to wait for readiness (default 90)
#   KAFKA_EXTRA_CONFIG     extra server.properties lines (newline separated),
#                          appended at the end (later keys win)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/kafka/pom.xml"

KAFKA_VERSION="${KAFKA_VERSION:-3.9.2}"
PORT="${KAFKA_PORT:-9092}"
CPORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1000))}"
RUN_DIR="${RUNNEL_KAFKA_DIR:-/tmp/runnel-kafka-$PORT}"
CACHE="${RUNNEL_CACHE:-$HOME/.cache/runnel}/kafka-$KAFKA_VERSION"
LIBS="$CACHE/libs"
MARKER="$CACHE/.complete"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
BOOTSTRAP="127.0.0.1:$PORT"

PID_FILE="$RUN_DIR/kafka.pid"
DATA_DIR="$RUN_DIR/data"
LOG_DIR="$RUN_DIR/logs"
CONFIG="$RUN_DIR/server.properties"
LOG4J="$RUN_DIR/log4j.properties"
TOOLS_LOG4J="$RUN_DIR/tools-log4j.properties"
OUT_LOG="$RUN_DIR/kafka.out"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="java"
fi

die() { echo "kafka.sh: $*" >&2; exit 1; }
log() { echo "kafka.sh: $*" >&2; }

[[ "$PORT" =~ ^[0-9]+$ ]] || die "KAFKA_PORT must be a number, got '$PORT'"
[[ "$CPORT" =~ ^[0-9]+$ ]] || die "KAFKA_CONTROLLER_PORT must be a number, got '$CPORT'"
[[ "$PORT" != "$CPORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"

# ---------------------------------------------------------------- helpers --

# True if something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True if pid $1 is alive and is the kafka.Kafka of this run dir.
is_our_broker() {
  local -a argv=()
  # No fork: read the NUL-separated cmdline with mapfile.
  mapfile -d '' -t argv 2>/dev/null <"/proc/$1/cmdline" || return 1
  local n=${#argv[@]}
  (( n >= 2 )) && [[ "${argv[n-2]}" == kafka.Kafka && "${argv[n-1]}" == "$CONFIG" ]]
}

# Prints the broker pid if our broker (for this run dir) is alive. Uses the
# pid file (guarding against pid reuse), and falls back to scanning /proc in
# case the pid file was lost.
broker_pid() {
  local pid=""
  if [[ -f "$PID_FILE" ]]; then
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && is_our_broker "$pid"; then
      echo "$pid"
      return 0
    fi
  fi
  local d
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    if is_our_broker "$pid"; then
      echo "$pid" >"$PID_FILE" 2>/dev/null || true
      echo "$pid"
      return 0
    fi
  done
  return 1
}

# Prints the tail of the broker logs (written since this start) to stderr.
SERVER_LOG_OFFSET=0
show_logs() {
  if [[ -s "$OUT_LOG" ]]; then
    echo "----- tail -n 40 $OUT_LOG -----" >&2
    tail -n 40 "$OUT_LOG" >&2 || true
  fi
  local f="$LOG_DIR/server.log"
  if [[ -f "$f" ]] && (( $(stat -c %s "$f") > SERVER_LOG_OFFSET )); then
    echo "----- tail -n 40 $f -----" >&2
    tail -c "+$((SERVER_LOG_OFFSET + 1))" "$f" | tail -n 40 >&2 || true
  fi
}

# Downloads the broker jars into $LIBS (once; guarded by a marker + lock).
fetch_jars() {
  [[ -f "$MARKER" ]] && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn not found (run scripts/setup.sh)"
  mkdir -p "$CACHE"
  (
    # Serialize concurrent fetches (e.g. two brokers started in parallel).
    flock 9
    [[ -f "$MARKER" ]] && exit 0
    log "fetching Apache Kafka $KAFKA_VERSION jars into $LIBS (one-time)"
    rm -rf "$LIBS.tmp"
    if ! mvn -B -q -Dstyle.color=never -f "$POM" \
        -Dkafka.version="$KAFKA_VERSION" \
        dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$LIBS.tmp" >"$CACHE/fetch.log" 2>&1; then
      tail -n 40 "$CACHE/fetch.log" >&2
      die "maven failed to fetch Kafka $KAFKA_VERSION (log: $CACHE/fetch.log)"
    fi
    [[ -f "$LIBS.tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] \
      || die "kafka_2.13-$KAFKA_VERSION.jar missing after fetch"
    rm -rf "$LIBS"
    mv "$LIBS.tmp" "$LIBS"
    echo "$KAFKA_VERSION" >"$MARKER"
  ) 9>"$CACHE/.lock"
}

write_config() {
  mkdir -p "$RUN_DIR" "$DATA_DIR" "$LOG_DIR"
  cat >"$CONFIG" <<EOF
# Generated by scripts/kafka.sh -- single-node KRaft broker for Runnel tests.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR

num.partitions=1
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=false
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0

num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
EOF
  if [[ -n "${KAFKA_EXTRA_CONFIG:-}" ]]; then
    printf '\n# KAFKA_EXTRA_CONFIG\n%s\n' "$KAFKA_EXTRA_CONFIG" >>"$CONFIG"
  fi

  cat >"$LOG4J" <<EOF
# Generated by scripts/kafka.sh -- broker logs go to files only.
log4j.rootLogger=INFO, serverFile

log4j.appender.serverFile=org.apache.log4j.RollingFileAppender
log4j.appender.serverFile.File=$LOG_DIR/server.log
log4j.appender.serverFile.MaxFileSize=20MB
log4j.appender.serverFile.MaxBackupIndex=2
log4j.appender.serverFile.layout=org.apache.log4j.PatternLayout
log4j.appender.serverFile.layout.ConversionPattern=[%d] %p %m (%c)%n

log4j.logger.org.apache.kafka=INFO
log4j.logger.kafka=INFO
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel\$=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.controller=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.org.apache.kafka.storage=WARN
log4j.logger.kafka.authorizer.logger=WARN
EOF

  write_tools_log4j
}

# log4j config for the CLI tools (StorageTool, TopicCommand): WARN to stderr.
write_tools_log4j() {
  mkdir -p "$RUN_DIR"
  cat >"$TOOLS_LOG4J" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# Random Kafka cluster id: 16 random bytes, URL-safe base64 without padding
# (the same format as `kafka-storage random-uuid`).
random_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    # Kafka rejects ids that start with '-' in some CLIs; just retry.
    [[ "$id" != -* ]] && break
  done
  echo "$id"
}

format_storage() {
  [[ -f "$DATA_DIR/meta.properties" ]] && return 0
  local cid
  cid="$(random_cluster_id)"
  log "formatting $DATA_DIR (cluster id $cid)"
  # Static quorum (controller.quorum.voters), so no --standalone here:
  # 3.9 only allows --standalone/--initial-controllers with the dynamic
  # controller.quorum.bootstrap.servers setting.
  if ! "$JAVA" -Xmx256m -Dlog4j.configuration="file:$TOOLS_LOG4J" \
      -cp "$LIBS/*" kafka.tools.StorageTool format \
      -t "$cid" -c "$CONFIG" --ignore-formatted >"$RUN_DIR/format.log" 2>&1; then
    cat "$RUN_DIR/format.log" >&2
    die "kafka-storage format failed"
  fi
}

# Ready when the broker answers a metadata request listing itself.
broker_ready() {
  if command -v kcat >/dev/null 2>&1; then
    local md
    md="$(kcat -b "$BOOTSTRAP" -L -m 3 2>/dev/null)" || return 1
    [[ "$md" == *"broker 1 at 127.0.0.1:$PORT"* ]]
  else
    port_open "$PORT" && grep -q "Kafka Server started" "$LOG_DIR/server.log" 2>/dev/null
  fi
}

# ------------------------------------------------------------- commands --

cmd_start() {
  local pid
  if pid="$(broker_pid)"; then
    echo "bootstrap=$BOOTSTRAP"
    return 0
  fi
  rm -f "$PID_FILE"

  if port_open "$PORT"; then
    die "port $PORT is already in use by another process (set KAFKA_PORT)"
  fi
  if port_open "$CPORT"; then
    die "controller port $CPORT is already in use (set KAFKA_CONTROLLER_PORT)"
  fi

  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (run scripts/setup.sh)"
  fetch_jars
  write_config
  format_storage

  local t0=$SECONDS
  : >"$OUT_LOG"
  SERVER_LOG_OFFSET="$(stat -c %s "$LOG_DIR/server.log" 2>/dev/null || echo 0)"
  # setsid: the broker gets its own session/process group (pid == pgid), so
  # it survives the caller's terminal and `stop` can signal the whole group.
  # shellcheck disable=SC2086
  setsid "$JAVA" $HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$LOG4J" -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$LIBS/*" kafka.Kafka "$CONFIG" \
    </dev/null >>"$OUT_LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  log "started broker pid $pid (run dir $RUN_DIR), waiting for $BOOTSTRAP"

  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_logs
      rm -f "$PID_FILE"
      die "broker exited during startup"
    fi
    if broker_ready; then
      break
    fi
    if (( SECONDS - t0 >= START_TIMEOUT )); then
      show_logs
      log "broker not ready after ${START_TIMEOUT}s; stopping it"
      cmd_stop >/dev/null 2>&1 || true
      die "start timed out"
    fi
    sleep 0.5
  done
  log "broker ready after $((SECONDS - t0))s"
  echo "bootstrap=$BOOTSTRAP"
}

cmd_stop() {
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$PID_FILE"
    echo "stopped"
    return 0
  fi
  # Signal the whole process group (pid == pgid thanks to setsid); fall back
  # to the pid alone if the group is gone.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "broker pid $pid did not exit after 30s; sending SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
  fi
  if kill -0 "$pid" 2>/dev/null; then
    die "could not stop broker pid $pid"
  fi
  rm -f "$PID_FILE"
  echo "stopped"
}

cmd_status() {
  local pid
  if pid="$(broker_pid)"; then
    echo "running (pid $pid, run dir $RUN_DIR)"
    echo "bootstrap=$BOOTSTRAP"
    return 0
  fi
  echo "stopped"
  return 1
}

cmd_clean() {
  cmd_stop
  # Refuse to delete anything that does not look like our run dir.
  if [[ -d "$RUN_DIR" ]]; then
    if [[ -f "$CONFIG" || -d "$DATA_DIR" || ! "$(ls -A "$RUN_DIR")" ]]; then
      rm -rf "$RUN_DIR"
      echo "removed $RUN_DIR"
    else
      die "$RUN_DIR does not look like a kafka.sh run dir; not deleting"
    fi
  fi
}

cmd_topics() {
  fetch_jars
  [[ -f "$TOOLS_LOG4J" ]] || write_tools_log4j
  exec "$JAVA" -Xmx256m -Dlog4j.configuration="file:$TOOLS_LOG4J" \
    -cp "$LIBS/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$BOOTSTRAP" "$@"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  clean) cmd_clean ;;
  fetch) fetch_jars; echo "libs=$LIBS" ;;
  topics) shift; cmd_topics "$@" ;;
  *)
    echo "usage: $0 start|stop|status|clean|fetch|topics [TopicCommand args]" >&2
    exit 2
    ;;
esac

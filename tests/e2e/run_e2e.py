#!/usr/bin/env python3
"""End-to-end tests: runneld against a real Kafka broker (started by scripts/test.sh), driven
over HTTP and through the CLI; topic contents checked byte for byte with kcat, which shares no
code with Runnel. Prints one line per test and a closing 'N passed, N failed'."""
import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import traceback

ARGS = None
RUN_ID = f"{os.getpid()}_{int(time.time())}"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, state_dir, service_id, extra_args=()):
        self.port = free_port()
        self.state_dir = state_dir
        self.service_id = service_id
        self.extra_args = list(extra_args)
        self.proc = None
        self.log_path = os.path.join(state_dir, f"runneld-{self.port}.log")

    def start(self):
        os.makedirs(self.state_dir, exist_ok=True)
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [os.path.join(ARGS.build, "bin", "runneld"), "--bootstrap-servers", ARGS.bootstrap,
             "--listeners", f"http://127.0.0.1:{self.port}", "--state-dir", self.state_dir,
             "--service-id", self.service_id] + self.extra_args,
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"runneld exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                status, body = self.request("GET", "/healthcheck")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError("runneld did not become healthy:\n" + self.tail())

    def tail(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-4000:].decode(errors="replace")
        except OSError:
            return ""

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def request(self, method, path, body=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        data = json.dumps(body) if body is not None else None
        conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        text = resp.read().decode()
        conn.close()
        return resp.status, text

    def ksql(self, sql, props=None, expect=200):
        status, text = self.request("POST", "/ksql", {"ksql": sql, "streamsProperties": props or {}})
        assert status == expect, f"{sql}\n -> {status} {text}"
        return json.loads(text)


def kcat_consume(topic, count, timeout=30):
    """Reads `count` records from the beginning: list of (key bytes|None, value bytes|None)."""
    deadline = time.time() + timeout
    records = []
    while time.time() < deadline:
        out = subprocess.run(["kcat", "-b", ARGS.bootstrap, "-C", "-t", topic, "-o", "beginning", "-e",
                              "-q", "-f", "%K:%k%S:%s"], capture_output=True, timeout=60).stdout
        records = parse_kcat(out)
        if len(records) >= count:
            return records
        time.sleep(0.5)
    return records


def parse_kcat(data):
    records, i = [], 0
    def field():
        nonlocal i
        j = data.index(b":", i)
        n = int(data[i:j])
        i = j + 1
        if n < 0:
            return None
        v = data[i:i + n]
        i += n
        return v
    while i < len(data):
        k = field()
        v = field()
        records.append((k, v))
    return records


def kcat_produce(topic, lines):
    """Produces value-only records (null keys), one per line."""
    subprocess.run(["kcat", "-b", ARGS.bootstrap, "-P", "-t", topic], input="\n".join(lines).encode() + b"\n",
                   check=True, timeout=60)


def int_key(v):
    return struct.pack(">i", v)


def cli(server, *args, stdin=None):
    return subprocess.run([os.path.join(ARGS.build, "bin", "runnel"), server.url] + list(args),
                          capture_output=True, text=True, input=stdin, timeout=60)


# ------------------------------------------------------------------------------------------ tests

def test_info_and_health(ctx):
    s = ctx["server"]
    status, text = s.request("GET", "/info")
    assert status == 200, text
    info = json.loads(text)["KsqlServerInfo"]
    assert info["ksqlServiceId"] == ctx["service"], info
    status, text = s.request("GET", "/healthcheck")
    assert status == 200 and json.loads(text)["isHealthy"] is True, text


def test_syntax_error_has_line_and_column(ctx):
    status, text = ctx["server"].request("POST", "/ksql", {"ksql": "SHOW STREAMS;\nCREATE STREAM WHERE;"})
    assert status == 400, (status, text)
    body = json.loads(text)
    assert body["@type"] == "statement_error" and body["error_code"] == 40001, body
    assert body["message"].startswith("line 2:"), body


def test_pipeline_over_http(ctx):
    s, src, dst = ctx["server"], ctx["src"], ctx["dst"]
    r = s.ksql(f"CREATE STREAM {src} (id INT KEY, name STRING, amount DOUBLE, qty BIGINT) "
               f"WITH (KAFKA_TOPIC='{src.lower()}', VALUE_FORMAT='JSON', KEY_FORMAT='KAFKA', PARTITIONS=4);")
    assert r[0]["@type"] == "currentStatus" and r[0]["commandStatus"]["status"] == "SUCCESS", r
    r = s.ksql(f"CREATE STREAM {dst} AS SELECT id, name, amount * qty AS total FROM {src} "
               f"WHERE amount > 10 EMIT CHANGES;")
    assert r[0]["commandStatus"]["queryId"].startswith(f"CSAS_{dst}_"), r
    for i, (name, amount, qty) in enumerate([("apple", 12.5, 2), ("pear", 5.0, 1), ("plum", 100.0, 3)], 1):
        s.ksql(f"INSERT INTO {src} (id, name, amount, qty) VALUES ({i}, '{name}', {amount}, {qty});")
    kcat_produce(src.lower(), ["this is not json", '{"NAME":"fig","AMOUNT":20,"QTY":1}'])
    recs = kcat_consume(dst, 3)
    got = list(recs)
    want = sorted([(int_key(1), b'{"NAME":"apple","TOTAL":25.0}'),
                   (int_key(3), b'{"NAME":"plum","TOTAL":300.0}'),
                   (None, b'{"NAME":"fig","TOTAL":20.0}')], key=lambda x: (x[0] or b"", x[1]))
    assert sorted(got, key=lambda x: (x[0] or b"", x[1])) == want, got
    queries = s.ksql("SHOW QUERIES;")[0]["queries"]
    assert any(q["sinks"] == [dst] and q["state"] == "RUNNING" for q in queries), queries
    desc = s.ksql(f"DESCRIBE {dst};")[0]["sourceDescription"]
    assert [f["name"] for f in desc["fields"]] == ["ID", "NAME", "TOTAL"], desc


def test_push_query_over_http(ctx):
    s, src = ctx["server"], ctx["src"]
    status, text = s.request("POST", "/query", {
        "ksql": f"SELECT id, name FROM {src} WHERE qty >= 2 EMIT CHANGES LIMIT 2;",
        "streamsProperties": {"ksql.streams.auto.offset.reset": "earliest"}}, timeout=60)
    assert status == 200, text
    body = json.loads(text)
    assert "header" in body[0] and body[0]["header"]["schema"] == "`ID` INTEGER, `NAME` STRING", body
    rows = sorted(tuple(x["row"]["columns"]) for x in body if "row" in x)
    assert rows == [(1, "apple"), (3, "plum")], body
    assert body[-1].get("finalMessage") == "Limit Reached", body


def test_cli(ctx):
    s, src, dst = ctx["server"], ctx["src"], ctx["dst"]
    r = cli(s, "-e", "SHOW STREAMS;")
    assert r.returncode == 0, r.stderr + r.stdout
    assert src in r.stdout and dst in r.stdout, r.stdout
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(f"-- a comment\nSET 'auto.offset.reset'='earliest';\nDESCRIBE {src};\n"
                f"SELECT id, name FROM {src}\n  WHERE id = 3 EMIT CHANGES LIMIT 1;\n")
    r = cli(s, "-f", f.name)
    assert r.returncode == 0, r.stderr + r.stdout
    assert "NAME" in r.stdout and "AMOUNT" in r.stdout, r.stdout
    assert "plum" in r.stdout, r.stdout
    r = cli(s, "-e", "CREATE STREAM oops WITH;")
    assert r.returncode != 0 and "line 1:" in (r.stdout + r.stderr), r.stdout + r.stderr


def test_restart_resumes_without_loss_or_duplicates(ctx):
    s, src, dst = ctx["server"], ctx["src"], ctx["dst"]
    s.stop()
    kcat_produce(src.lower(), ['{"NAME":"kiwi","AMOUNT":11,"QTY":1}'])
    ctx["server"] = s2 = Server(s.state_dir, ctx["service"]).start()
    recs = kcat_consume(dst, 4, timeout=60)
    time.sleep(2)  # anything duplicated would show up by now
    recs = kcat_consume(dst, 4)
    values = sorted(v for _, v in recs)
    assert values == sorted([b'{"NAME":"apple","TOTAL":25.0}', b'{"NAME":"plum","TOTAL":300.0}',
                             b'{"NAME":"fig","TOTAL":20.0}', b'{"NAME":"kiwi","TOTAL":11.0}']), values
    s2.ksql(f"INSERT INTO {src} (id, name, amount, qty) VALUES (7, 'lime', 50, 2);")
    recs = kcat_consume(dst, 5)
    assert (int_key(7), b'{"NAME":"lime","TOTAL":100.0}') in recs, recs
    assert len(recs) == 5, recs


def test_terminate_and_drop(ctx):
    s, src, dst = ctx["server"], ctx["src"], ctx["dst"]
    queries = s.ksql("SHOW QUERIES;")[0]["queries"]
    qid = [q["id"] for q in queries if q["sinks"] == [dst]][0]
    status, text = s.request("POST", "/ksql", {"ksql": f"DROP STREAM {src};"})
    assert status == 400 and "read from this source" in text, text
    s.ksql(f"TERMINATE {qid};")
    s.ksql(f"DROP STREAM {dst} DELETE TOPIC;")
    s.ksql(f"DROP STREAM {src};")
    names = [x["name"] for x in s.ksql("SHOW STREAMS;")[0]["streams"]]
    assert src not in names and dst not in names, names


def debezium(op, before, after, ts):
    return json.dumps({"before": before, "after": after, "op": op, "ts_ms": ts,
                       "source": {"db": "inventory", "table": "orders", "ts_ms": ts}},
                      separators=(",", ":"))


def test_cdc_table_to_sink_with_tombstones(ctx):
    s = ctx["server"]
    topic = f"dbserver1.inventory.orders_{RUN_ID}"
    table, sink = f"ORDERS_CDC_{RUN_ID}", f"PAID_ORDERS_{RUN_ID}"
    s.ksql(f"CREATE TABLE {table} (id INT PRIMARY KEY, customer STRING, amount DECIMAL(10, 2), "
           f"status STRING) WITH (KAFKA_TOPIC='{topic}', KEY_FORMAT='JSON', "
           f"VALUE_FORMAT='DEBEZIUM_JSON', PARTITIONS=1);")
    s.ksql(f"CREATE TABLE {sink} AS SELECT id, UCASE(customer) AS customer, amount FROM {table} "
           f"WHERE status = 'PAID';")
    ann = {"id": 1, "customer": "ann", "amount": "12.50", "status": "PAID"}
    bob = {"id": 2, "customer": "bob", "amount": "7.00", "status": "PENDING"}
    bob_paid = dict(bob, status="PAID")
    cid = {"id": 3, "customer": "cid", "amount": "99.99", "status": "PAID"}
    lines = [
        '{"id":1}|' + debezium("r", None, ann, 1000),
        '{"id":2}|' + debezium("r", None, bob, 1001),
        '{"id":3}|' + debezium("c", None, cid, 1002),
        '{"id":2}|' + debezium("u", bob, bob_paid, 1003),
        '{"id":1}|' + debezium("d", ann, None, 1004),
        '{"id":1}|',  # the Kafka tombstone Debezium writes after a delete
    ]
    subprocess.run(["kcat", "-b", ARGS.bootstrap, "-P", "-t", topic, "-K", "|", "-Z"],
                   input="\n".join(lines).encode() + b"\n", check=True, timeout=60)
    recs = kcat_consume(sink, 6)
    want = [(b"1", b'{"CUSTOMER":"ANN","AMOUNT":12.50}'),
            (b"2", None),  # PENDING: not in the sink (a delete of key 2)
            (b"3", b'{"CUSTOMER":"CID","AMOUNT":99.99}'),
            (b"2", b'{"CUSTOMER":"BOB","AMOUNT":7.00}'),
            (b"1", None),  # the delete reaches the sink as a tombstone
            (b"1", None)]  # and the source tombstone is forwarded, harmlessly
    assert recs == want, recs


def test_unreachable_broker_is_reported_and_retried(ctx):
    dead = free_port()
    log_path = os.path.join(ctx["server"].state_dir, "dead-broker.log")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [os.path.join(ARGS.build, "bin", "runneld"), "--bootstrap-servers", f"127.0.0.1:{dead}",
             "--listeners", f"http://127.0.0.1:{free_port()}", "--state-dir", ctx["server"].state_dir,
             "--service-id", "dead_"], stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.time() + 30
            text = ""
            while time.time() < deadline:
                time.sleep(1)
                assert proc.poll() is None, "runneld exited instead of retrying:\n" + open(log_path).read()
                text = open(log_path).read()
                if text.count("not reachable") >= 2:
                    break
            assert text.count("not reachable") >= 2, text
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


# ------------------------------------------------------------ recovery (kill -9) and restore

RECOVERY_USERS = 200
WINDOW_MS = 10000
# Recent timestamps: the broker deletes records older than the topics' retention (7 days) at
# once, the sinks' included.
RECOVERY_BASE_TS = (int(time.time() * 1000) - 3600 * 1000) // WINDOW_MS * WINDOW_MS


class Inputs:
    """Clicks produced so far and the exact aggregates they should give."""

    def __init__(self):
        self.n = 0
        self.counts, self.totals, self.windows = {}, {}, {}

    def batch(self, n):
        lines = []
        for i in range(self.n, self.n + n):
            user, amount, ts = f"u{i % RECOVERY_USERS}", i % 7, RECOVERY_BASE_TS + i
            lines.append(json.dumps({"USER": user, "AMOUNT": amount, "TS": ts}, separators=(",", ":")))
            self.counts[user] = self.counts.get(user, 0) + 1
            self.totals[user] = self.totals.get(user, 0) + amount
            w = (user, ts - ts % WINDOW_MS)
            self.windows[w] = self.windows.get(w, 0) + 1
        self.n += n
        return lines


def produce_lines(topic, lines):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write("\n".join(lines) + "\n")
    try:
        subprocess.run(["kcat", "-b", ARGS.bootstrap, "-P", "-t", topic, "-l", f.name], check=True, timeout=300)
    finally:
        os.unlink(f.name)


def kcat_read_all(topic, read_committed):
    """Every record of the topic up to its end: list of (key bytes|None, value bytes|None)."""
    cmd = ["kcat", "-b", ARGS.bootstrap, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%K:%k%S:%s"]
    if read_committed:
        cmd += ["-X", "isolation.level=read_committed"]
    return parse_kcat(subprocess.run(cmd, capture_output=True, timeout=300).stdout)


def latest_by_key(records, strictly_increasing=None):
    """The last value of every key. With strictly_increasing=field, also checks that field grows
    with every update of a key (a repeat would mean an input counted twice)."""
    latest, repeats = {}, []
    for k, v in records:
        if v is None:
            continue
        row = json.loads(v)
        if strictly_increasing and k in latest and row[strictly_increasing] <= latest[k][strictly_increasing]:
            repeats.append((k, latest[k], row))
        latest[k] = row
    return latest, repeats


def windowed_key(k):
    """A time-windowed KAFKA key: the key bytes, then the window start as 8 bytes big-endian."""
    return k[:-8].decode(), struct.unpack(">q", k[-8:])[0]


def wait_until(predicate, timeout, what):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        ok, last = predicate()
        if ok:
            return last
        time.sleep(1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}: {last}")


def check_aggregates(inputs, counts_topic, windows_topic, exact, read_committed):
    """(ok, detail): the sinks' latest values against the inputs; exact=False: counts >= exact."""
    counts, repeats = latest_by_key(kcat_read_all(counts_topic, read_committed), "N" if exact else None)
    got = {k.decode(): (r["N"], r["TOTAL"]) for k, r in counts.items()}
    want = {u: (inputs.counts[u], inputs.totals[u]) for u in inputs.counts}
    windows, wrepeats = latest_by_key(kcat_read_all(windows_topic, read_committed), "N" if exact else None)
    wgot = {windowed_key(k): r["N"] for k, r in windows.items()}
    if exact:
        bad = {u: (got.get(u), w) for u, w in want.items() if got.get(u) != w}
        wbad = {w: (wgot.get(w), n) for w, n in inputs.windows.items() if wgot.get(w) != n}
    else:
        bad = {u: (got.get(u), w) for u, w in want.items() if got.get(u) is None or got[u][0] < w[0]}
        wbad = {w: (wgot.get(w), n) for w, n in inputs.windows.items() if wgot.get(w, 0) < n}
    extra = set(got) - set(want)
    ok = not bad and not wbad and not extra and not repeats and not wrepeats
    detail = (f"{len(bad)} wrong counts (e.g. {list(bad.items())[:3]}), {len(wbad)} wrong windows "
              f"(e.g. {list(wbad.items())[:3]}), unexpected keys {list(extra)[:3]}, "
              f"repeated counts {repeats[:2] + wrepeats[:2]}")
    return ok, detail


def start_recovery_queries(server, tag, props=None):
    tag = tag.upper()  # sink topics are named after the (upper-cased) table names
    src, counts, windows = f"CLICKS_{tag}", f"CLICK_COUNTS_{tag}", f"CLICK_WINDOWS_{tag}"
    server.ksql(f"CREATE STREAM {src} (user STRING, amount INT, ts BIGINT) WITH (KAFKA_TOPIC='{src.lower()}', "
                f"VALUE_FORMAT='JSON', PARTITIONS=4, TIMESTAMP='ts');")
    # GROUP BY a value column: the rows travel through a repartition topic, written and read in
    # the same transactions as the sink and changelog records under exactly-once.
    server.ksql(f"CREATE TABLE {counts} AS SELECT user, COUNT(*) AS n, SUM(amount) AS total FROM {src} "
                f"GROUP BY user;", props)
    server.ksql(f"CREATE TABLE {windows} AS SELECT user, COUNT(*) AS n FROM {src} "
                f"WINDOW TUMBLING (SIZE {WINDOW_MS // 1000} SECONDS) GROUP BY user;", props)
    return src.lower(), counts, windows


def kill9_mid_aggregation(server, src, counts_topic, inputs, n):
    """Produces n clicks, waits until the query is part-way through, then kill -9."""
    produce_lines(src, inputs.batch(n))
    def started():
        latest, _ = latest_by_key(kcat_read_all(counts_topic, True))
        done = sum(r["N"] for r in latest.values())
        return done > 0, done
    wait_until(started, 120, "the first committed counts")
    latest, _ = latest_by_key(kcat_read_all(counts_topic, True))
    done = sum(r["N"] for r in latest.values())
    server.proc.send_signal(signal.SIGKILL)
    server.proc.wait(30)
    print(f"  killed -9 after {done} of {inputs.n} clicks were committed", flush=True)
    return done


def recovery_run(ctx, tag, config_lines, props, exact):
    state = os.path.join(ctx["server"].state_dir, f"recovery-{tag}")
    service = f"rec_{tag}_{RUN_ID}_"
    extra = []
    if config_lines:
        cfg = os.path.join(ctx["server"].state_dir, f"recovery-{tag}.properties")
        with open(cfg, "w") as f:
            f.write("\n".join(config_lines) + "\n")
        extra = ["--config", cfg]
    server = Server(state, service, extra).start()
    try:
        src, counts, windows = start_recovery_queries(server, f"{tag}_{RUN_ID}", props)
        inputs = Inputs()
        committed_at_kill = kill9_mid_aggregation(server, src, counts, inputs, 600000)
        produce_lines(src, inputs.batch(50000))  # while the server is down
        server = Server(state, service, extra).start()
        wait_until(lambda: check_aggregates(inputs, counts, windows, exact, read_committed=exact), 300,
                   "the final aggregates after the restart")
        if committed_at_kill >= 600000:
            print("  note: everything was committed before the kill; nothing was mid-way", flush=True)
        log = open(server.log_path, errors="replace").read()
        if exact:
            assert "not closed cleanly under exactly-once; wiping local state" in log, server.tail()
        else:
            latest, _ = latest_by_key(kcat_read_all(counts, False))
            print(f"  at-least-once counted {sum(r['N'] for r in latest.values()) - inputs.n} "
                  f"inputs twice", flush=True)
        return server, src, counts, windows, inputs, state, service, extra
    except BaseException:
        print("---- recovery server log tail\n" + server.tail(), flush=True)
        server.stop(signal.SIGKILL)
        raise


def test_exactly_once_kill9_mid_aggregation(ctx):
    """exactly_once_v2 server-wide: after kill -9 and a restart every committed count is exact."""
    server, *_ = recovery_run(ctx, "eos", ["ksql.streams.processing.guarantee=exactly_once_v2"], None, exact=True)
    server.stop()


def test_at_least_once_kill9_loses_nothing(ctx):
    """The default at_least_once: after kill -9 no input is lost (counts >= exact)."""
    server, *_ = recovery_run(ctx, "alos", None, None, exact=False)
    server.stop()


def test_restore_from_changelog_on_an_empty_state_dir(ctx):
    """exactly_once_v2 per statement; a clean stop, the state dir deleted, more input: the new
    server restores the stores from their changelogs, logs it, and the counts continue exactly."""
    tag = f"empty_{RUN_ID}"
    state = os.path.join(ctx["server"].state_dir, "recovery-empty")
    service = f"rec_{tag}_"
    server = Server(state, service).start()
    try:
        src, counts, windows = start_recovery_queries(server, tag, {"processing.guarantee": "exactly_once_v2"})
        inputs = Inputs()
        produce_lines(src, inputs.batch(100000))
        wait_until(lambda: check_aggregates(inputs, counts, windows, True, True), 300, "the first aggregates")
        server.stop()
        shutil.rmtree(state)
        produce_lines(src, inputs.batch(20000))
        server = Server(state, service).start()
        wait_until(lambda: check_aggregates(inputs, counts, windows, True, True), 300,
                   "the aggregates after restoring on an empty state dir")
        log = open(server.log_path, errors="replace").read()
        restored = [line for line in log.splitlines() if "store Aggregate-Aggregate-Materialize: restored" in line]
        assert any("restoring from _runnel_" in line and "-changelog[" in line for line in log.splitlines()), log[-3000:]
        # Each task of both queries restored its store from the changelog, none found it empty.
        assert len(restored) >= 8, "\n".join(restored) or log[-3000:]
        assert all(" 0 records" not in line for line in restored), "\n".join(restored)
        print("  " + restored[0].split("] ", 1)[-1], flush=True)
        server.stop()
    except BaseException:
        print("---- server log tail\n" + server.tail(), flush=True)
        server.stop(signal.SIGKILL)
        raise


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--build", default="build")
    p.add_argument("--bootstrap", required=True)
    p.add_argument("--only", default="", help="run only the tests whose name contains this text")
    ARGS = p.parse_args()
    state = tempfile.mkdtemp(prefix="runnel-e2e-")
    ctx = {"service": f"e2e_{RUN_ID}_", "src": f"ORDERS_{RUN_ID}", "dst": f"BIG_{RUN_ID}"}
    tests = [test_info_and_health, test_syntax_error_has_line_and_column, test_pipeline_over_http,
             test_push_query_over_http, test_cli, test_restart_resumes_without_loss_or_duplicates,
             test_terminate_and_drop, test_cdc_table_to_sink_with_tombstones,
             test_unreachable_broker_is_reported_and_retried, test_exactly_once_kill9_mid_aggregation,
             test_at_least_once_kill9_loses_nothing, test_restore_from_changelog_on_an_empty_state_dir]
    tests = [t for t in tests if ARGS.only in t.__name__]
    passed = failed = 0
    try:
        ctx["server"] = Server(state, ctx["service"]).start()
        for t in tests:
            start = time.time()
            try:
                t(ctx)
                passed += 1
                print(f"PASS {t.__name__} ({time.time() - start:.1f}s)", flush=True)
            except Exception:
                failed += 1
                print(f"FAIL {t.__name__}\n{traceback.format_exc()}", flush=True)
                print("---- runneld log tail\n" + ctx["server"].tail(), flush=True)
    except Exception:
        failed += 1
        print(f"FAIL setup\n{traceback.format_exc()}", flush=True)
    finally:
        if "server" in ctx:
            ctx["server"].stop()
        shutil.rmtree(state, ignore_errors=True)
    print(f"e2e: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""End-to-end test of the enrichment pipeline (docs/pipeline.md) on a real Kafka broker.

Three Debezium topics, as a MySQL connector with the JsonConverter (schemas off, decimals in
the default `precise` mode) writes them: customers, orders (with a STRING column holding a JSON
array of extras) and order_lines, keyed by JSON objects like {"id": 1}. runneld is driven over
HTTP (/ksql); every sink topic is read back with kcat and compared record by record: keys,
values and tombstones, byte for byte, in order. Records are produced with the Java client's
partitioner (murmur2), as Kafka Connect places them.

Run by scripts/test.sh after run_e2e.py; alone:
  python3 tests/e2e/pipeline_e2e.py --build build --bootstrap 127.0.0.1:19092 [--only text]
Prints one line per test and a closing 'pipeline e2e: N passed, N failed, N known bugs'. A test
marked known_bug shows an engine bug: while it fails it is reported, not counted as a failure;
once it passes it fails with "remove the mark", so the mark cannot outlive the bug."""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_e2e as e2e  # noqa: E402  (Server, kcat helpers; their ARGS are set in main)

RUN = e2e.RUN_ID


# ------------------------------------------------------------------------ Debezium test data

def dbz_decimal(text):
    """A DECIMAL as decimal.handling.mode=precise writes it: base64 of the two's-complement
    unscaled value, big-endian."""
    unscaled = int(Decimal(text).scaleb(-Decimal(text).as_tuple().exponent))
    return base64.b64encode(unscaled.to_bytes((unscaled.bit_length() + 8) // 8, "big", signed=True)).decode()


def dbz(table, op, before, after, ts=1767225600000):
    """A Debezium change event (JsonConverter, schemas.enable=false)."""
    return json.dumps({"before": before, "after": after,
                       "source": {"version": "2.7.0.Final", "connector": "mysql", "name": "dbserver1",
                                  "ts_ms": ts, "db": "shop", "table": table},
                       "op": op, "ts_ms": ts + 7}, separators=(",", ":"))


def customer(cid, name, tier):
    return {"id": cid, "name": name, "tier": tier}


def order(oid, customer_id, amount, extras):
    return {"id": oid, "customer_id": customer_id, "amount": dbz_decimal(amount), "extras": extras}


def line(lid, order_id, sku, qty, price):
    return {"id": lid, "order_id": order_id, "sku": sku, "qty": qty, "price": dbz_decimal(price)}


def change(table, op, before, after):
    """One kcat input line: the JSON key {"id": n}, '|', the event."""
    row = after if after is not None else before
    return json.dumps({"id": row["id"]}, separators=(",", ":")) + "|" + dbz(table, op, before, after)


def tombstone(key_id):
    """The Kafka tombstone Debezium writes after a delete (tombstones.on.delete=true)."""
    return json.dumps({"id": key_id}, separators=(",", ":")) + "|"


def produce(topic, lines):
    """Keyed records ('key|value', an empty value is a tombstone), partitioned as the Java
    client (and so Kafka Connect) partitions them."""
    subprocess.run(["kcat", "-b", e2e.ARGS.bootstrap, "-P", "-t", topic, "-K", "|", "-Z",
                    "-X", "topic.partitioner=murmur2_random"],
                   input="\n".join(lines).encode() + b"\n", check=True, timeout=60)


EXPRESS = '[{"code":"express","price":9.99}]'
GIFT_WRAP = '[{"code":"gift_wrap","price":2.5}]'
BOTH = '[{"code":"gift_wrap","price":2.5},{"code":"express","price":9.99}]'


# ---------------------------------------------------------------------------------- checking

def expect_topic(topic, want, timeout=60):
    """The topic must hold exactly `want` ((key bytes|None, value bytes|None) pairs), in order:
    waits until it holds as many, then 1.5 s more for anything extra."""
    got = e2e.kcat_consume(topic, len(want), timeout=timeout)
    if len(got) >= len(want):
        time.sleep(1.5)
        got = e2e.kcat_consume(topic, len(want))
    if got != want:
        lines = [f"topic {topic}: expected {len(want)} records, got {len(got)}"]
        for i in range(max(len(got), len(want))):
            w = want[i] if i < len(want) else None
            g = got[i] if i < len(got) else None
            lines.append(f"  {'  ' if w == g else '!!'} #{i}: expected {w}\n{'':8}actual   {g}")
        raise AssertionError("\n".join(lines))


def k(n):
    """A key as Runnel writes a single-column JSON key: the bare value."""
    return None if n is None else str(n).encode()


def v(**fields):
    """A JSON value as Runnel writes it: compact, in column order, DECIMALs (Decimal) as numbers
    with their scale (25.50)."""
    def enc(x):
        return str(x) if isinstance(x, Decimal) else json.dumps(x)
    return ("{" + ",".join(f'"{name}":{enc(x)}' for name, x in fields.items()) + "}").encode()


def d(text):
    return Decimal(text)


def enriched_value(order_id, name, tier, amount, op):
    return v(ORDER_ID=order_id, CUSTOMER_NAME=name, CUSTOMER_TIER=tier, AMOUNT=d(amount), OP=op)


def extra(code, price):
    return v(CODE=code, PRICE=d(price))


def total(count, amount):
    return v(LINE_COUNT=count, TOTAL=d(amount))


def current_value(customer_id, name, tier, amount):
    return v(CUSTOMER_ID=customer_id, CUSTOMER_NAME=name, CUSTOMER_TIER=tier, AMOUNT=d(amount))


def summary(customer_id, amount, count=None, amount_total=None):
    return v(CUSTOMER_ID=customer_id, AMOUNT=d(amount), LINE_COUNT=count,
             TOTAL=None if amount_total is None else d(amount_total))


# ------------------------------------------------------------------------------- the pipeline

class Pipeline:
    """Names of one pipeline's topics and sources (suffixed per run)."""

    def __init__(self, tag, partitions=1, customer_partitions=None):
        self.tag = tag
        self.partitions = partitions
        self.customer_partitions = customer_partitions or partitions
        prefix = f"dbserver1.shop_{tag}"
        self.customers_topic = f"{prefix}.customers"
        self.orders_topic = f"{prefix}.orders"
        self.lines_topic = f"{prefix}.order_lines"
        up = tag.upper()
        self.customers, self.order_changes = f"CUSTOMERS_{up}", f"ORDER_CHANGES_{up}"
        self.orders, self.order_lines = f"ORDERS_{up}", f"ORDER_LINES_{up}"
        self.extras_type = f"ORDER_EXTRAS_{up}_T"
        self.enriched, self.extras = f"ORDERS_ENRICHED_{up}", f"ORDER_EXTRAS_{up}"
        self.totals, self.summary = f"ORDER_TOTALS_{up}", f"ORDER_SUMMARY_{up}"
        self.current = f"ORDERS_WITH_CUSTOMERS_{up}"

    def sources(self):
        """The Debezium topics as Runnel sources: customers and order_lines as tables, the
        orders topic twice, as a stream of changes and as a table."""
        return [
            f"CREATE TABLE {self.customers} (id INT PRIMARY KEY, name STRING, tier STRING) "
            f"WITH (KAFKA_TOPIC='{self.customers_topic}', FORMAT='DEBEZIUM_JSON', "
            f"PARTITIONS={self.customer_partitions});",
            f"CREATE STREAM {self.order_changes} (id INT KEY, customer_id INT, amount DECIMAL(10, 2), "
            f"extras STRING, __op STRING) WITH (KAFKA_TOPIC='{self.orders_topic}', "
            f"FORMAT='DEBEZIUM_JSON', PARTITIONS={self.partitions});",
            f"CREATE TABLE {self.orders} (id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10, 2), "
            f"extras STRING) WITH (KAFKA_TOPIC='{self.orders_topic}', FORMAT='DEBEZIUM_JSON');",
            f"CREATE TABLE {self.order_lines} (id INT PRIMARY KEY, order_id INT, sku STRING, qty INT, "
            f"price DECIMAL(10, 2)) WITH (KAFKA_TOPIC='{self.lines_topic}', FORMAT='DEBEZIUM_JSON', "
            f"PARTITIONS={self.partitions});",
            f"CREATE TYPE {self.extras_type} AS ARRAY<STRUCT<code STRING, price DECIMAL(6, 2)>>;",
        ]

    def enrich(self):
        """(a) every order change with its customer; orders without one keep null columns."""
        return (f"CREATE STREAM {self.enriched} WITH (VALUE_FORMAT='JSON') AS "
                f"SELECT o.customer_id, o.id AS order_id, c.name AS customer_name, "
                f"c.tier AS customer_tier, o.amount, o.__op AS op "
                f"FROM {self.order_changes} o LEFT JOIN {self.customers} c ON o.customer_id = c.id;")

    def fk_enrich(self):
        """(e) the current orders with their customers (a foreign-key table join): upserts per
        order, also when its customer changes; a tombstone when the order is deleted."""
        return (f"CREATE TABLE {self.current} WITH (VALUE_FORMAT='JSON') AS "
                f"SELECT o.id, o.customer_id, c.name AS customer_name, c.tier AS customer_tier, o.amount "
                f"FROM {self.orders} o LEFT JOIN {self.customers} c ON o.customer_id = c.id;")

    def explode(self):
        """(b) one row per extra of an order (deletes carry the old image: left out)."""
        cast = f"CAST(extras AS {self.extras_type})"
        return (f"CREATE STREAM {self.extras} WITH (VALUE_FORMAT='JSON') AS "
                f"SELECT id AS order_id, EXPLODE({cast})->code AS code, EXPLODE({cast})->price AS price "
                f"FROM {self.order_changes} WHERE __op <> 'd';")

    def totals_query(self):
        """(c) each order's lines totalled; an order whose last line goes becomes a tombstone."""
        return (f"CREATE TABLE {self.totals} WITH (VALUE_FORMAT='JSON') AS "
                f"SELECT order_id, COUNT(*) AS line_count, SUM(qty * price) AS total "
                f"FROM {self.order_lines} GROUP BY order_id HAVING COUNT(*) > 0;")

    def summary_query(self):
        """(d) each order with its totals: upserts per order, a tombstone when it is deleted."""
        return (f"CREATE TABLE {self.summary} WITH (VALUE_FORMAT='JSON') AS "
                f"SELECT o.id, o.customer_id, o.amount, t.line_count, t.total "
                f"FROM {self.orders} o LEFT JOIN {self.totals} t ON o.id = t.order_id;")


def start_server(ctx, name):
    """A runneld of its own. The record cache is off (as in ksqlDB's tests), so every change
    reaches the sinks instead of the last one per key and commit interval."""
    state = os.path.join(ctx["state"], name)
    os.makedirs(state, exist_ok=True)
    cfg = os.path.join(state, "runneld.properties")
    with open(cfg, "w") as f:
        f.write("ksql.streams.cache.max.bytes.buffering=0\n")
    server = e2e.Server(state, f"pipe_{name}_{RUN}_", ["--config", cfg]).start()
    ctx["servers"].append(server)
    return server


def ok(server, sql):
    r = server.ksql(sql)
    assert r[0]["@type"] == "currentStatus" and r[0]["commandStatus"]["status"] == "SUCCESS", r
    return r[0]["commandStatus"]


# ------------------------------------------------------------------------------------- tests

def test_pipeline_snapshot_updates_and_deletes(ctx):
    """The whole pipeline on single-partition topics: the snapshot, then updates and deletes
    upstream, each phase checked on every sink record by record."""
    s = start_server(ctx, "main")
    p = Pipeline(f"main_{RUN}")
    for sql in p.sources():
        ok(s, sql)

    # 1. The connector's snapshot (op "r"): the customers, the statements, then the orders.
    #    (Runnel joins a stream record with the table as read so far: see docs/pipeline.md.)
    produce(p.customers_topic, [change("customers", "r", None, customer(1, "ann", "gold")),
                                change("customers", "r", None, customer(2, "bob", "silver"))])
    for sql in (p.enrich(), p.explode(), p.totals_query(), p.summary_query(), p.fk_enrich()):
        ok(s, sql)
    time.sleep(2)  # the joins have read the customers
    produce(p.orders_topic, [
        change("orders", "r", None, order(100, 1, "25.50", BOTH)),
        change("orders", "r", None, order(101, None, "5.00", EXPRESS)),  # no customer
        change("orders", "r", None, order(102, 3, "7.00", "not json")),  # customer 3 unknown yet
        change("orders", "r", None, order(103, 2, "12.00", "[]")),
    ])
    enriched = [(k(1), enriched_value(100, "ann", "gold", "25.50", "r")),
                (None, enriched_value(101, None, None, "5.00", "r")),
                (k(3), enriched_value(102, None, None, "7.00", "r")),
                (k(2), enriched_value(103, "bob", "silver", "12.00", "r"))]
    extras = [(k(100), extra("gift_wrap", "2.50")), (k(100), extra("express", "9.99")),
              (k(101), extra("express", "9.99"))]  # 102: not a JSON array; 103: empty
    summaries = [(k(100), summary(1, "25.50")), (k(101), summary(None, "5.00")),
                 (k(102), summary(3, "7.00")), (k(103), summary(2, "12.00"))]
    current = [(k(100), current_value(1, "ann", "gold", "25.50")),
               (k(101), current_value(None, None, None, "5.00")),
               (k(102), current_value(3, None, None, "7.00")),
               (k(103), current_value(2, "bob", "silver", "12.00"))]
    expect_topic(p.enriched, enriched)
    expect_topic(p.extras, extras)
    expect_topic(p.summary, summaries)
    expect_topic(p.current, current)
    expect_topic(p.totals, [])

    # 2. Order lines arrive: totals per order, and the summaries pick them up.
    produce(p.lines_topic, [change("order_lines", "c", None, line(1000, 100, "a1", 2, "3.50")),
                            change("order_lines", "c", None, line(1001, 100, "b2", 1, "10.00")),
                            change("order_lines", "c", None, line(1002, 101, "c3", 5, "1.00"))])
    totals = [(k(100), total(1, "7.00")), (k(100), total(2, "17.00")), (k(101), total(1, "5.00"))]
    summaries += [(k(100), summary(1, "25.50", 1, "7.00")), (k(100), summary(1, "25.50", 2, "17.00")),
                  (k(101), summary(None, "5.00", 1, "5.00"))]
    expect_topic(p.totals, totals)
    expect_topic(p.summary, summaries)

    # 3. Customers change: the foreign-key join updates their orders; the stream join only
    #    uses the new values for the orders that come after.
    produce(p.customers_topic, [
        change("customers", "u", customer(1, "ann", "gold"), customer(1, "ann", "platinum")),
        change("customers", "c", None, customer(3, "cid", "bronze"))])
    current += [(k(100), current_value(1, "ann", "platinum", "25.50")),
                (k(102), current_value(3, "cid", "bronze", "7.00"))]
    expect_topic(p.current, current)
    expect_topic(p.enriched, enriched)

    # 4. Orders change: updates, a new order, a delete (with the Kafka tombstone Debezium
    #    writes after it), an order that loses its customer.
    produce(p.orders_topic, [
        change("orders", "u", order(100, 1, "25.50", BOTH), order(100, 1, "30.00", EXPRESS)),
        change("orders", "u", order(102, 3, "7.00", "not json"), order(102, 3, "7.00", GIFT_WRAP)),
        change("orders", "c", None, order(104, 2, "3.00", None)),
        change("orders", "d", order(101, None, "5.00", EXPRESS), None),
        tombstone(101),
        change("orders", "u", order(103, 2, "12.00", "[]"), order(103, None, "12.00", "[]")),
    ])
    enriched += [(k(1), enriched_value(100, "ann", "platinum", "30.00", "u")),
                 (k(3), enriched_value(102, "cid", "bronze", "7.00", "u")),
                 (k(2), enriched_value(104, "bob", "silver", "3.00", "c")),
                 (None, enriched_value(101, None, None, "5.00", "d")),  # the stream sees the delete as a row
                 (None, enriched_value(103, None, None, "12.00", "u"))]
    extras += [(k(100), extra("express", "9.99")), (k(102), extra("gift_wrap", "2.50"))]
    summaries += [(k(100), summary(1, "30.00", 2, "17.00")), (k(102), summary(3, "7.00")),
                  (k(104), summary(2, "3.00")),
                  (k(101), None),  # the delete: a tombstone (the source tombstone adds none)
                  (k(103), summary(None, "12.00"))]
    current += [(k(100), current_value(1, "ann", "platinum", "30.00")),
                (k(102), current_value(3, "cid", "bronze", "7.00")),
                (k(104), current_value(2, "bob", "silver", "3.00")),
                (k(101), None),
                (k(103), current_value(None, None, None, "12.00"))]
    expect_topic(p.enriched, enriched)
    expect_topic(p.extras, extras)
    expect_topic(p.summary, summaries)
    expect_topic(p.current, current)

    # 5. Lines change: an update, the last line of an order deleted, a new line, a line moved
    #    to another order.
    produce(p.lines_topic, [
        change("order_lines", "u", line(1000, 100, "a1", 2, "3.50"), line(1000, 100, "a1", 3, "3.50")),
        change("order_lines", "d", line(1002, 101, "c3", 5, "1.00"), None),
        tombstone(1002),
        change("order_lines", "c", None, line(1003, 104, "d4", 1, "3.00")),
        change("order_lines", "u", line(1001, 100, "b2", 1, "10.00"), line(1001, 104, "b2", 1, "10.00")),
    ])
    totals += [(k(100), total(2, "20.50")),
               (k(101), None),  # no line left: HAVING COUNT(*) > 0 turns it into a tombstone
               (k(104), total(1, "3.00")),
               (k(100), total(1, "10.50")), (k(104), total(2, "13.00"))]
    summaries += [(k(100), summary(1, "30.00", 2, "20.50")),  # order 101 is gone: nothing for it
                  (k(104), summary(2, "3.00", 1, "3.00")),
                  (k(100), summary(1, "30.00", 1, "10.50")), (k(104), summary(2, "3.00", 2, "13.00"))]
    expect_topic(p.totals, totals)
    expect_topic(p.summary, summaries)

    # 6. A customer is deleted: the orders that name it keep their row, with null customer
    #    columns (LEFT JOIN).
    produce(p.customers_topic, [change("customers", "d", customer(2, "bob", "silver"), None),
                                tombstone(2)])
    current += [(k(104), current_value(2, None, None, "3.00")),
                # Debezium's tombstone that follows finds no customer 2 left, yet the order is
                # joined and written again: a repeat, harmless to an upsert consumer.
                (k(104), current_value(2, None, None, "3.00"))]
    expect_topic(p.current, current)
    # Nothing more reached the other sinks.
    for topic, records in ((p.enriched, enriched), (p.extras, extras), (p.totals, totals),
                           (p.summary, summaries)):
        expect_topic(topic, records)

    queries = s.ksql("SHOW QUERIES;")[0]["queries"]
    mine = [q for q in queries if q["sinks"][0] in (p.enriched, p.extras, p.totals, p.summary, p.current)]
    assert len(mine) == 5 and all(q["state"] == "RUNNING" for q in mine), mine


def customers_and_orders(p, n, before_orders=None):
    """n customers and one order each (order 100+i of customer i), as a snapshot; calls
    before_orders() between the two."""
    produce(p.customers_topic, [change("customers", "r", None, customer(i, f"c{i}", "gold"))
                                for i in range(1, n + 1)])
    if before_orders:
        before_orders()
    produce(p.orders_topic, [change("orders", "r", None, order(100 + i, i, "1.00", "[]"))
                             for i in range(1, n + 1)])


def start_then_wait(server, sql):
    """A callback for customers_and_orders: runs the statement, then gives the join 2 s to read
    the customers."""
    def run():
        ok(server, sql)
        time.sleep(2)
    return run


def check_every_order_found_its_customer(p, n):
    recs = e2e.kcat_consume(p.enriched, n, timeout=60)
    rows = [json.loads(val) for _, val in recs]
    missed = sorted(row["ORDER_ID"] for row in rows if row["CUSTOMER_NAME"] is None)
    assert len(recs) == n and not missed, (
        f"{len(recs)} of {n} orders in {p.enriched}; {len(missed)} joined no customer although "
        f"every customer exists: orders {missed}")


def known_bug(reason, nondeterministic=False):
    """Marks a test that shows an engine bug. A nondeterministic bug (it depends on the order
    in which the consumer happens to fetch) may not show in a run: then the pass is reported
    as such, without failing the run and without counting as passed."""
    def mark(fn):
        fn.known_bug = reason
        fn.known_bug_nondeterministic = nondeterministic
        return fn
    return mark


def test_multi_partition_debezium_topics(ctx):
    """(a) on 3-partition topics: every order must find its customer. Kafka Connect places a
    customer by its key's bytes, {"id":1}; Runnel must bring each order to it (it repartitions
    both sides of a join whose keys are Debezium objects)."""
    s = start_server(ctx, "parts")
    p = Pipeline(f"parts_{RUN}", partitions=3)
    for sql in p.sources():
        ok(s, sql)
    customers_and_orders(p, 20, start_then_wait(s, p.enrich()))
    check_every_order_found_its_customer(p, 20)


def test_statement_started_on_full_topics(ctx):
    """Customers, then orders, are in their topics before (a) starts (one partition each):
    every order must find its customer, as in Kafka Streams: a join task takes its inputs'
    records in timestamp order (the customers are older)."""
    s = start_server(ctx, "full")
    p = Pipeline(f"full_{RUN}")
    for sql in p.sources():
        ok(s, sql)
    customers_and_orders(p, 20)
    time.sleep(1)
    ok(s, p.enrich())
    check_every_order_found_its_customer(p, 20)


def test_multi_partition_table_table_join(ctx):
    """(c) and (d) on 3-partition topics: every order's summary must end with its total (the
    Debezium orders topic places order 101 by {"id":101}, Runnel's totals topic by 101)."""
    s = start_server(ctx, "ttparts")
    p = Pipeline(f"ttparts_{RUN}", partitions=3)
    for sql in p.sources():
        ok(s, sql)
    produce(p.orders_topic, [change("orders", "r", None, order(100 + i, 1, "1.00", "[]"))
                             for i in range(1, 21)])
    produce(p.lines_topic, [change("order_lines", "c", None, line(1000 + i, 100 + i, "x", 1, "1.00"))
                            for i in range(1, 21)])
    ok(s, p.totals_query())
    ok(s, p.summary_query())
    wait_for_rows(p.summary, 20, "TOTAL", "their total although every order has a line")


def test_multi_partition_foreign_key_join(ctx):
    """(e) on 3-partition topics: every order's row must end with its customer."""
    s = start_server(ctx, "fkparts")
    p = Pipeline(f"fkparts_{RUN}", partitions=3)
    for sql in p.sources():
        ok(s, sql)
    customers_and_orders(p, 20)
    ok(s, p.fk_enrich())
    wait_for_rows(p.current, 20, "CUSTOMER_NAME", "their customer although every customer exists")


def wait_for_rows(topic, n, column, what):
    """Waits up to 30 s until the topic's latest rows are n keys, none with `column` null."""
    def check():
        latest = {}
        for key, val in e2e.kcat_consume(topic, n):
            latest[key] = None if val is None else json.loads(val)
        missing = sorted(int(key) for key, row in latest.items() if row is None or row[column] is None)
        return len(latest) == n and not missing, len(latest), missing

    deadline = time.time() + 30
    done, count, missing = check()
    while not done and time.time() < deadline:
        time.sleep(1)
        done, count, missing = check()
    assert done, f"{count} keys in {topic}, {len(missing)} without {what}: {missing}"


def test_join_with_fewer_table_partitions(ctx):
    """Customers on 1 partition, orders on 3: refused, or every order finds its customer (the
    repartition topic takes the table's partition count)."""
    s = start_server(ctx, "copart")
    p = Pipeline(f"copart_{RUN}", partitions=3, customer_partitions=1)
    for sql in p.sources():
        ok(s, sql)
    refused = []

    def start():
        status, text = s.request("POST", "/ksql", {"ksql": p.enrich(), "streamsProperties": {}})
        assert status in (200, 400), text
        refused.append(status == 400)
        time.sleep(2)

    customers_and_orders(p, 20, start)
    if refused[0]:
        return  # refused, as ksqlDB does: no silently wrong results
    check_every_order_found_its_customer(p, 20)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", default="build")
    p.add_argument("--bootstrap", required=True)
    p.add_argument("--only", default="", help="run only the tests whose name contains this text")
    e2e.ARGS = args = p.parse_args()
    ctx = {"state": tempfile.mkdtemp(prefix="runnel-pipeline-e2e-"), "servers": []}
    tests = [test_pipeline_snapshot_updates_and_deletes, test_multi_partition_debezium_topics,
             test_multi_partition_table_table_join, test_multi_partition_foreign_key_join,
             test_join_with_fewer_table_partitions, test_statement_started_on_full_topics]
    tests = [t for t in tests if args.only in t.__name__]
    passed = failed = known = 0
    try:
        for t in tests:
            start = time.time()
            bug = getattr(t, "known_bug", None)
            try:
                t(ctx)
                if bug and getattr(t, "known_bug_nondeterministic", False):
                    known += 1
                    print(f"KNOWN-BUG {t.__name__}: did not show in this run (it depends on fetch "
                          f"order): {bug}", flush=True)
                elif bug:
                    failed += 1
                    print(f"FAIL {t.__name__}: marked known_bug but passes: remove the mark", flush=True)
                else:
                    passed += 1
                    print(f"PASS {t.__name__} ({time.time() - start:.1f}s)", flush=True)
            except Exception as e:
                if bug and isinstance(e, AssertionError):
                    known += 1
                    first = str(e).splitlines()[0] if str(e) else type(e).__name__
                    print(f"KNOWN-BUG {t.__name__}: {bug} (fails with: {first})", flush=True)
                else:
                    failed += 1
                    print(f"FAIL {t.__name__}\n{traceback.format_exc()}", flush=True)
                    for server in ctx["servers"][-1:]:
                        print("---- runneld log tail\n" + server.tail(), flush=True)
            finally:
                while ctx["servers"]:
                    ctx["servers"].pop().stop()
    finally:
        for server in ctx["servers"]:
            server.stop()
        shutil.rmtree(ctx["state"], ignore_errors=True)
    print(f"pipeline e2e: {passed} passed, {failed} failed, {known} known bugs")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

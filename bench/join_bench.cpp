// End-to-end throughput of a stream-table join on a real broker: a stream of JSON orders joined
// with a table of JSON customers, next to its baselines measured in the same run on the same
// stream topic: the raw librdkafka consume-and-produce copy and the stateless CSAS of
// stateless_bench.cpp.
//
//   join_bench --bootstrap 127.0.0.1:9092 [--records 10000000] [--table-rows 1000000]
//              [--partitions 4] [--only <text>]   (join variants whose name contains text)
//
// The defaults are the sizes of the issue: 10M stream records against a 1M-row table.
// Prints one line per variant: "<name> <records/s> <raw copy records/s> <ratio> peak_rss_mib=<n>".
//
// Variants:
//   stream_table_join              the stream is keyed by the customer id: `ON o.K = c.ID`,
//                                  no repartition
//   stream_table_join_repartition  `ON o.CUSTOMER_ID = c.ID`, a value column: the orders go
//                                  through the query's repartition topic first
//
// How a join is measured. Runnel does not hold stream records back until the table is read
// (no timestamp synchronisation between inputs), so the table is loaded first: each join
// variant's engine starts while the stream topic is still empty, reads the whole table and
// commits it, and is shut down. Then the stream is produced once, and each variant's engine is
// started again on the same service id and state dir: it replays its query from the command
// topic and joins the stream against the table already in its store. Every order has its
// customer, so the sink gets one record per input record. Rate of a Runnel query = input
// records / time from the first record seen in its sink to the last (start-up, group join and
// store opening left out), the same for the stateless CSAS. The table load time is printed on
// stderr.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_kafka.h"
#include "engine/api/engine_factory.h"
#include "engine/common/log.h"
#include "engine/kafka/rdkafka/rdkafka_client_factory.h"

namespace {

using bench::Clock;
using runnel::kafka::ClientFactory;

struct Options {
    std::string bootstrap = "127.0.0.1:9092";
    int64_t records = 10000000;
    int64_t table_rows = 1000000;
    int partitions = 4;
    std::string only;
};

struct JoinVariant {
    const char* name;
    const char* select;  // the CSAS after "CREATE STREAM {sink} AS "
};

const JoinVariant kJoinVariants[] = {
    {"stream_table_join",
     "SELECT o.K, o.ID, c.NAME, c.TIER, UCASE(o.ITEM) AS ITEM, o.AMOUNT * o.QTY AS TOTAL "
     "FROM orders o JOIN customers c ON o.K = c.ID;"},
    {"stream_table_join_repartition",
     "SELECT o.CUSTOMER_ID, o.ID, c.NAME, c.TIER, UCASE(o.ITEM) AS ITEM, o.AMOUNT * o.QTY AS TOTAL "
     "FROM orders o JOIN customers c ON o.CUSTOMER_ID = c.ID;"},
};

// The customer of order i: a permutation of the table within every table_rows orders (7919 is
// prime, coprime with any size made of 2s and 5s), so every row is joined and the lookups jump
// across the table.
int32_t CustomerOf(int64_t i, int64_t table_rows) {
    return static_cast<int32_t>((i * 7919 + 13) % table_rows);
}

std::unique_ptr<RdKafka::Producer> MakeProducer(const std::string& bootstrap) {
    auto conf = bench::BaseConf(bootstrap);
    std::string err;
    conf->set("linger.ms", "20", err);
    conf->set("batch.size", "1000000", err);
    conf->set("compression.type", "lz4", err);
    // Placed as the Java client (and Runnel's repartition topics) place keyed records.
    conf->set("partitioner", "murmur2_random", err);
    return std::unique_ptr<RdKafka::Producer>(RdKafka::Producer::create(conf.get(), err));
}

void Send(RdKafka::Producer* p, const std::string& topic, int32_t key_int, const char* value,
          int len, int64_t ts) {
    char key[4] = {char(key_int >> 24), char(key_int >> 16), char(key_int >> 8), char(key_int)};
    while (p->produce(topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                      const_cast<char*>(value), static_cast<size_t>(len), key, 4, ts,
                      nullptr) == RdKafka::ERR__QUEUE_FULL) {
        p->poll(10);
    }
    p->poll(0);
}

// Table rows of ~75 bytes: key ID (4-byte INT), {"NAME":..,"TIER":..,"COUNTRY":..,"SINCE":..}.
void ProduceCustomers(const std::string& bootstrap, const std::string& topic, int64_t rows,
                      int64_t ts) {
    auto p = MakeProducer(bootstrap);
    const char* tiers[] = {"gold", "silver", "bronze"};
    const char* countries[] = {"NL", "DE", "FR", "ES", "IT", "PL", "SE"};
    char value[256];
    for (int64_t i = 0; i < rows; ++i) {
        int len = std::snprintf(
            value, sizeof value,
            "{\"NAME\":\"customer-%07lld\",\"TIER\":\"%s\",\"COUNTRY\":\"%s\",\"SINCE\":%lld}",
            static_cast<long long>(i), tiers[i % 3], countries[i % 7],
            static_cast<long long>(2000 + i % 25));
        Send(p.get(), topic, static_cast<int32_t>(i), value, len, ts);
    }
    p->flush(60000);
}

// Stream records of ~150 bytes: key CUSTOMER_ID (4-byte INT), {"ID":..,"CUSTOMER_ID":..,
// "ITEM":..,"AMOUNT":..,"QTY":..,"STATUS":..,"REGION":..}; every 10th is CANCELLED.
void ProduceOrders(const std::string& bootstrap, const std::string& topic, int64_t n,
                   int64_t table_rows, int64_t base_ts) {
    auto p = MakeProducer(bootstrap);
    const char* items[] = {"apple", "banana", "cherry", "durian", "elderberry"};
    char value[256];
    for (int64_t i = 0; i < n; ++i) {
        const int32_t customer = CustomerOf(i, table_rows);
        int len = std::snprintf(
            value, sizeof value,
            "{\"ID\":%lld,\"CUSTOMER_ID\":%d,\"ITEM\":\"%s\",\"AMOUNT\":%lld.%02lld,\"QTY\":%lld,"
            "\"STATUS\":\"%s\",\"REGION\":\"eu-west\",\"CHANNEL\":\"web\"}",
            static_cast<long long>(i), customer, items[i % 5], static_cast<long long>(i % 1000),
            static_cast<long long>(i % 100), static_cast<long long>(1 + i % 7),
            i % 10 == 0 ? "CANCELLED" : "PAID");
        Send(p.get(), topic, customer, value, len, base_ts + i);
    }
    p->flush(60000);
}

std::string Sources(const std::string& table_topic, const std::string& stream_topic) {
    const std::string customers =
        "CREATE TABLE customers (ID INT PRIMARY KEY, NAME STRING, TIER STRING, COUNTRY STRING, "
        "SINCE INT) WITH (KAFKA_TOPIC='{t}', VALUE_FORMAT='JSON');";
    const std::string orders =
        "CREATE STREAM orders (K INT KEY, ID BIGINT, CUSTOMER_ID INT, ITEM STRING, AMOUNT DOUBLE, "
        "QTY BIGINT, STATUS STRING, REGION STRING, CHANNEL STRING) "
        "WITH (KAFKA_TOPIC='{t}', VALUE_FORMAT='JSON');";
    auto with_topic = [](std::string sql, const std::string& topic) {
        return sql.replace(sql.find("{t}"), 3, topic);
    };
    return with_topic(customers, table_topic) + with_topic(orders, stream_topic);
}

struct EngineRun {
    runnel::api::EngineConfig config;
    std::unique_ptr<runnel::api::Engine> engine;
};

bool Start(EngineRun& run, const std::shared_ptr<ClientFactory>& factory) {
    auto engine_r = runnel::api::CreateEngine(run.config, factory);
    if (!engine_r.ok()) {
        std::fprintf(stderr, "%s\n", engine_r.status().ToString().c_str());
        return false;
    }
    run.engine = std::move(engine_r).value();
    return true;
}

bool Execute(EngineRun& run, const std::string& sql, std::string* query_id = nullptr) {
    auto r = run.engine->Execute(sql, {}, {});
    if (r.error) {
        std::fprintf(stderr, "%s\n", r.error->message.c_str());
        return false;
    }
    if (query_id != nullptr) {
        for (const auto& res : r.results) {
            if (res.query_id) *query_id = *res.query_id;
        }
    }
    return true;
}

// Waits until the query's consumer group has committed `rows` records of `topic`.
bool WaitCommitted(const std::shared_ptr<ClientFactory>& factory, const std::string& group,
                   const std::string& topic, int partitions, int64_t rows) {
    runnel::kafka::ConsumerConfig cc;
    cc.group_id = group;
    auto probe = factory->CreateConsumer(cc);
    if (!probe.ok()) return false;
    std::vector<runnel::kafka::TopicPartition> parts;
    for (int p = 0; p < partitions; ++p) parts.push_back({topic, p});
    const auto deadline = Clock::now() + std::chrono::minutes(30);
    bool done = false;
    while (!done && Clock::now() < deadline) {
        auto committed = (*probe)->Committed(parts, 5000);
        int64_t sum = 0;
        if (committed.ok()) {
            for (const auto& tp : *committed) sum += tp.offset > 0 ? tp.offset : 0;
        }
        done = sum >= rows;
        if (!done) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    (*probe)->Close();
    return done;
}

// Records/s of a running query: `records` input records over the time from the first record in
// `sink` until it holds `expected`; 0 when it did not finish in 30 minutes.
double MeasureSink(const std::string& bootstrap, const std::string& sink, int partitions,
                   int64_t records, int64_t expected) {
    auto conf = bench::BaseConf(bootstrap);
    std::string err;
    std::unique_ptr<RdKafka::Producer> probe(RdKafka::Producer::create(conf.get(), err));
    Clock::time_point first{}, last{};
    const auto deadline = Clock::now() + std::chrono::minutes(30);
    while (Clock::now() < deadline) {
        const int64_t n = bench::EndOffsetSum(probe.get(), sink, partitions);
        if (n > 0 && first == Clock::time_point{}) first = Clock::now();
        if (n >= expected) {
            last = Clock::now();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (last == Clock::time_point{}) return 0;
    return static_cast<double>(records) / std::max(bench::Seconds(first, last), 1e-3);
}

void PrintLine(const char* name, double rate, double raw) {
    std::printf("%s %.0f %.0f %.2f peak_rss_mib=%.0f\n", name, rate, raw,
                raw > 0 ? rate / raw : 0.0, bench::PeakRssMiB());
    std::fflush(stdout);
}

void DeleteTopicsWithPrefix(ClientFactory& factory, const std::string& prefix) {
    auto topics = factory.admin().ListTopics();
    if (!topics.ok()) return;
    for (const auto& t : *topics) {
        if (t.name.rfind(prefix, 0) == 0) (void)factory.admin().DeleteTopic(t.name);
    }
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--bootstrap")
            o.bootstrap = argv[i + 1];
        else if (a == "--records")
            o.records = std::stoll(argv[i + 1]);
        else if (a == "--table-rows")
            o.table_rows = std::stoll(argv[i + 1]);
        else if (a == "--partitions")
            o.partitions = std::stoi(argv[i + 1]);
        else if (a == "--only")
            o.only = argv[i + 1];
    }
    if (o.records <= 0 || o.table_rows <= 0 || o.table_rows > INT32_MAX) {
        std::fprintf(stderr,
                     "--records and --table-rows must be positive (table rows at most 2^31-1)\n");
        return 2;
    }
    runnel::SetLogLevel(runnel::LogLevel::kWarn);
    const std::string suffix =
        std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000000);
    const std::string table_topic = "joinbench_customers_" + suffix,
                      stream_topic = "joinbench_orders_" + suffix,
                      copy_topic = "joinbench_copy_" + suffix;
    auto factory_r = runnel::kafka::MakeRdKafkaClientFactory(o.bootstrap, {});
    if (!factory_r.ok()) {
        std::fprintf(stderr, "%s\n", factory_r.status().ToString().c_str());
        return 1;
    }
    std::shared_ptr<ClientFactory> factory = std::move(factory_r).value();
    for (const auto& t : {table_topic, stream_topic, copy_topic}) {
        auto st = factory->admin().CreateTopic(t, o.partitions, 1, {});
        if (!st.ok()) {
            std::fprintf(stderr, "create %s: %s\n", t.c_str(), st.ToString().c_str());
            return 1;
        }
    }
    // Recent timestamps (the topics' retention would delete old ones at once): the table an
    // hour and a bit ago, the orders 1 ms apart after it.
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    const int64_t table_ts = now_ms - 3600 * 1000 - o.records - 1000;
    std::fprintf(stderr, "producing %lld customers to %s (%d partitions)...\n",
                 static_cast<long long>(o.table_rows), table_topic.c_str(), o.partitions);
    ProduceCustomers(o.bootstrap, table_topic, o.table_rows, table_ts);

    // Each join variant loads the table while the stream topic is still empty.
    std::vector<const JoinVariant*> variants;
    for (const auto& v : kJoinVariants) {
        if (o.only.empty() || std::string(v.name).find(o.only) != std::string::npos)
            variants.push_back(&v);
    }
    std::vector<EngineRun> runs(variants.size());
    std::vector<std::string> sinks;
    int status = 0;
    for (size_t i = 0; i < variants.size(); ++i) {
        EngineRun& run = runs[i];
        run.config.bootstrap_servers = o.bootstrap;
        run.config.service_id = "joinbench_" + suffix + "_" + std::to_string(i) + "_";
        run.config.state_dir = (std::filesystem::temp_directory_path() /
                                ("runnel-joinbench-" + suffix + "-" + std::to_string(i)))
                                   .string();
        const std::string sink = "JOINBENCH_" + std::to_string(i) + "_" + suffix;
        sinks.push_back(sink);
        std::string query_id;
        std::fprintf(stderr, "%s: loading the table...\n", variants[i]->name);
        const auto start = Clock::now();
        if (!Start(run, factory) || !Execute(run, Sources(table_topic, stream_topic)) ||
            !Execute(run, "CREATE STREAM " + sink + " AS " + variants[i]->select, &query_id)) {
            return 1;
        }
        if (!WaitCommitted(factory, "_runnel_" + run.config.service_id + "_query_" + query_id,
                           table_topic, o.partitions, o.table_rows)) {
            std::fprintf(stderr, "%s: the table was not loaded\n", variants[i]->name);
            return 1;
        }
        std::fprintf(stderr, "%s: %lld table rows loaded and committed in %.1f s\n",
                     variants[i]->name, static_cast<long long>(o.table_rows),
                     bench::Seconds(start, Clock::now()));
        run.engine->Shutdown();
        run.engine.reset();
    }

    std::fprintf(stderr, "producing %lld orders to %s...\n", static_cast<long long>(o.records),
                 stream_topic.c_str());
    ProduceOrders(o.bootstrap, stream_topic, o.records, o.table_rows, table_ts + 1000);

    std::fprintf(stderr, "baseline: raw librdkafka copy...\n");
    bench::ResetPeakRss();
    const double raw = bench::RawCopy(o.bootstrap, stream_topic, copy_topic, o.records);
    PrintLine("raw_librdkafka_copy", raw, raw);

    std::fprintf(stderr, "runnel: stateless CSAS (filter + projection)...\n");
    {
        EngineRun run;
        run.config.bootstrap_servers = o.bootstrap;
        run.config.service_id = "joinbench_" + suffix + "_stateless_";
        run.config.state_dir =
            (std::filesystem::temp_directory_path() / ("runnel-joinbench-" + suffix + "-stateless"))
                .string();
        const std::string sink = "JOINBENCH_STATELESS_" + suffix;
        bench::ResetPeakRss();
        if (!Start(run, factory) || !Execute(run, Sources(table_topic, stream_topic)) ||
            !Execute(run, "CREATE STREAM " + sink +
                              " AS SELECT K, ID, UCASE(ITEM) AS ITEM, AMOUNT * QTY AS TOTAL, "
                              "REGION FROM orders "
                              "WHERE STATUS = 'PAID' AND AMOUNT >= 0;")) {
            return 1;
        }
        const int64_t expected = o.records - (o.records + 9) / 10;  // every 10th is CANCELLED
        const double rate = MeasureSink(o.bootstrap, sink, o.partitions, o.records, expected);
        run.engine->Shutdown();
        if (rate == 0) {
            std::fprintf(stderr, "stateless CSAS did not finish\n");
            status = 1;
        } else {
            PrintLine("stateless_csas_json", rate, raw);
        }
        (void)factory->admin().DeleteTopic(sink);
        DeleteTopicsWithPrefix(*factory, "_runnel_" + run.config.service_id);
        std::error_code ec;
        std::filesystem::remove_all(run.config.state_dir, ec);
    }

    for (size_t i = 0; i < variants.size(); ++i) {
        EngineRun& run = runs[i];
        std::fprintf(stderr, "runnel: %s...\n", variants[i]->name);
        bench::ResetPeakRss();
        if (!Start(run, factory)) return 1;  // replays the query from the command topic
        const double rate = MeasureSink(o.bootstrap, sinks[i], o.partitions, o.records, o.records);
        run.engine->Shutdown();
        run.engine.reset();
        if (rate == 0) {
            std::fprintf(stderr, "%s did not finish\n", variants[i]->name);
            status = 1;
        } else {
            PrintLine(variants[i]->name, rate, raw);
        }
        (void)factory->admin().DeleteTopic(sinks[i]);
        DeleteTopicsWithPrefix(*factory, "_runnel_" + run.config.service_id);
        std::error_code ec;
        std::filesystem::remove_all(run.config.state_dir, ec);
    }
    for (const auto& t : {table_topic, stream_topic, copy_topic})
        (void)factory->admin().DeleteTopic(t);
    return status;
}

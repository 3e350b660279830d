// End-to-end throughput of a stateless persistent query (filter + projection over JSON) on a
// real broker, next to its baseline in the same run: a raw librdkafka consume-and-produce copy of
// the same topic. Prints "<name> <records/s> <baseline records/s> <ratio>".
//
//   stateless_bench --bootstrap 127.0.0.1:9092 [--records 1000000] [--partitions 4]
#include <librdkafka/rdkafkacpp.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/api/engine_factory.h"
#include "engine/common/log.h"
#include "engine/kafka/rdkafka/rdkafka_client_factory.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

std::unique_ptr<RdKafka::Conf> BaseConf(const std::string& bootstrap) {
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    std::string err;
    conf->set("bootstrap.servers", bootstrap, err);
    return conf;
}

// ~150-byte JSON records, keyed by a 4-byte big-endian INT.
void Produce(const std::string& bootstrap, const std::string& topic, int64_t n) {
    auto conf = BaseConf(bootstrap);
    std::string err;
    conf->set("linger.ms", "20", err);
    conf->set("batch.size", "1000000", err);
    conf->set("compression.type", "lz4", err);
    std::unique_ptr<RdKafka::Producer> p(RdKafka::Producer::create(conf.get(), err));
    char value[256];
    const char* items[] = {"apple", "banana", "cherry", "durian", "elderberry"};
    for (int64_t i = 0; i < n; ++i) {
        int32_t id = static_cast<int32_t>(i % 100000);
        char key[4] = {char(id >> 24), char(id >> 16), char(id >> 8), char(id)};
        int len = std::snprintf(value, sizeof value,
                                "{\"ID\":%d,\"CUSTOMER\":\"customer-%06lld\",\"ITEM\":\"%s\","
                                "\"AMOUNT\":%lld.%02lld,\"QTY\":%lld,\"STATUS\":\"%s\",\"REGION\":\"eu-west\"}",
                                id, static_cast<long long>(i % 50000), items[i % 5],
                                static_cast<long long>(i % 1000), static_cast<long long>(i % 100),
                                static_cast<long long>(1 + i % 7), i % 10 == 0 ? "CANCELLED" : "PAID");
        while (p->produce(topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY, value,
                          static_cast<size_t>(len), key, 4, 1700000000000LL + i, nullptr) ==
               RdKafka::ERR__QUEUE_FULL) {
            p->poll(10);
        }
        p->poll(0);
    }
    p->flush(60000);
}

int64_t EndOffsetSum(RdKafka::Handle* h, const std::string& topic, int partitions) {
    int64_t sum = 0;
    for (int p = 0; p < partitions; ++p) {
        int64_t lo = 0, hi = 0;
        if (h->query_watermark_offsets(topic, p, &lo, &hi, 5000) == RdKafka::ERR_NO_ERROR) sum += hi;
    }
    return sum;
}

// Raw librdkafka copy: consume every record and produce it unchanged.
double RawCopy(const std::string& bootstrap, const std::string& in, const std::string& out, int64_t n) {
    auto cconf = BaseConf(bootstrap);
    std::string err;
    cconf->set("group.id", "bench-copy-" + in, err);
    cconf->set("auto.offset.reset", "earliest", err);
    cconf->set("enable.auto.commit", "false", err);
    std::unique_ptr<RdKafka::KafkaConsumer> c(RdKafka::KafkaConsumer::create(cconf.get(), err));
    auto pconf = BaseConf(bootstrap);
    pconf->set("linger.ms", "5", err);
    pconf->set("enable.idempotence", "true", err);
    std::unique_ptr<RdKafka::Producer> p(RdKafka::Producer::create(pconf.get(), err));
    c->subscribe({in});
    int64_t copied = 0;
    Clock::time_point start;
    while (copied < n) {
        std::unique_ptr<RdKafka::Message> m(c->consume(100));
        if (m->err() != RdKafka::ERR_NO_ERROR) continue;
        if (copied == 0) start = Clock::now();
        while (p->produce(out, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                          m->payload(), m->len(), m->key_pointer(), m->key_len(), m->timestamp().timestamp,
                          nullptr) == RdKafka::ERR__QUEUE_FULL) {
            p->poll(10);
        }
        p->poll(0);
        ++copied;
    }
    p->flush(60000);
    double secs = Seconds(start, Clock::now());
    c->close();
    return static_cast<double>(n) / secs;
}

}  // namespace

int main(int argc, char** argv) {
    std::string bootstrap = "127.0.0.1:9092";
    int64_t records = 1000000;
    int partitions = 4;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--bootstrap") bootstrap = argv[i + 1];
        else if (a == "--records") records = std::stoll(argv[i + 1]);
        else if (a == "--partitions") partitions = std::stoi(argv[i + 1]);
    }
    runnel::SetLogLevel(runnel::LogLevel::kWarn);
    std::string suffix = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    std::string in = "bench_in_" + suffix, copy = "bench_copy_" + suffix;

    auto factory_r = runnel::kafka::MakeRdKafkaClientFactory(bootstrap, {});
    if (!factory_r.ok()) { std::fprintf(stderr, "%s\n", factory_r.status().ToString().c_str()); return 1; }
    std::shared_ptr<runnel::kafka::ClientFactory> factory = std::move(factory_r).value();
    for (const auto& t : {in, copy}) {
        auto st = factory->admin().CreateTopic(t, partitions, 1, {});
        if (!st.ok()) { std::fprintf(stderr, "create %s: %s\n", t.c_str(), st.ToString().c_str()); return 1; }
    }
    std::fprintf(stderr, "producing %lld records to %s (%d partitions)...\n", static_cast<long long>(records),
                 in.c_str(), partitions);
    Produce(bootstrap, in, records);

    std::fprintf(stderr, "baseline: raw librdkafka copy...\n");
    double baseline = RawCopy(bootstrap, in, copy, records);

    std::fprintf(stderr, "runnel: stateless CSAS (filter + projection)...\n");
    runnel::api::EngineConfig config;
    config.bootstrap_servers = bootstrap;
    config.service_id = "bench_" + suffix + "_";
    auto engine_r = runnel::api::CreateEngine(config, factory);
    if (!engine_r.ok()) { std::fprintf(stderr, "%s\n", engine_r.status().ToString().c_str()); return 1; }
    auto engine = std::move(engine_r).value();
    auto r = engine->Execute("CREATE STREAM orders (K INT KEY, ID INT, CUSTOMER STRING, ITEM STRING, "
                             "AMOUNT DOUBLE, QTY BIGINT, STATUS STRING, REGION STRING) WITH (KAFKA_TOPIC='" + in +
                             "', VALUE_FORMAT='JSON');"
                             "CREATE STREAM paid AS SELECT K, CUSTOMER, UCASE(ITEM) AS ITEM, AMOUNT * QTY AS "
                             "TOTAL, REGION FROM orders WHERE STATUS = 'PAID' AND AMOUNT >= 0;", {}, {});
    if (r.error) { std::fprintf(stderr, "%s\n", r.error->message.c_str()); return 1; }
    const int64_t expected = records - (records + 9) / 10;  // every 10th record is CANCELLED
    auto conf = BaseConf(bootstrap);
    std::string err;
    std::unique_ptr<RdKafka::Producer> probe(RdKafka::Producer::create(conf.get(), err));
    Clock::time_point first{}, last{};
    auto deadline = Clock::now() + std::chrono::minutes(10);
    while (Clock::now() < deadline) {
        int64_t n = EndOffsetSum(probe.get(), "PAID", partitions);
        if (n > 0 && first == Clock::time_point{}) first = Clock::now();
        if (n >= expected) { last = Clock::now(); break; }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    engine->Shutdown();
    if (last == Clock::time_point{}) { std::fprintf(stderr, "runnel did not finish\n"); return 1; }
    // The sink is first seen non-empty after the first produce/flush: count from there.
    double runnel_rate = static_cast<double>(records) / Seconds(first, last);
    std::printf("stateless_csas_json %.0f %.0f %.2f\n", runnel_rate, baseline, runnel_rate / baseline);
    for (const auto& t : {in, copy, std::string("PAID")}) (void)factory->admin().DeleteTopic(t);
    return 0;
}

// End-to-end throughput of a stateless persistent query (filter + projection over JSON) on a
// real broker, next to its baseline in the same run: a raw librdkafka consume-and-produce copy of
// the same topic. Prints "<name> <records/s> <baseline records/s> <ratio>".
//
//   stateless_bench --bootstrap 127.0.0.1:9092 [--records 1000000] [--partitions 4]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_kafka.h"
#include "engine/api/engine_factory.h"
#include "engine/common/log.h"
#include "engine/kafka/rdkafka/rdkafka_client_factory.h"

using bench::BaseConf;
using bench::Clock;
using bench::EndOffsetSum;
using bench::ProduceOrders;
using bench::RawCopy;
using bench::Seconds;

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
    ProduceOrders(bootstrap, in, records);

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

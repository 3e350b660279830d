// End-to-end throughput of aggregations on a real broker: COUNT(*) and SUM grouped by a key
// with 100k distinct values, windowed and not, at-least-once and exactly-once, next to the
// stateless CSAS and the raw librdkafka consume-and-produce copy of the same topic, all in the
// same run. Each Runnel variant runs in a child process of its own, so its peak RSS is its own.
//
//   aggregate_bench --bootstrap 127.0.0.1:9092 [--records 5000000] [--partitions 4]
//                   [--only <text>]   (variants whose name contains text)
//                   [--props k=v,...] (request properties of every variant, for experiments)
//                   [--client k=v,...] (librdkafka properties of Runnel's clients, likewise)
//
// Prints one line per variant: "<name> <records/s> <raw copy records/s> <ratio> peak_rss_mib=<n>
// cpu_cores=<c>" (c: the CPU time of the whole process, all threads, over the measured interval,
// in cores; the machine has 2 and the broker runs on them too).
// A variant's rate: input records committed by the query (its consumer group's offsets) per
// second, from the first commit seen to the last, so start-up (group join, topic creation) is
// left out. The stateless variant is measured the same way.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
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

struct Variant {
    const char* name;
    const char* sql;  // {in} and {sink} are replaced
    bool exactly_once;
};

// WITH (PARTITIONS) is left to the source's; the sink of each variant is its own topic.
constexpr const char* kSource =
    "CREATE STREAM orders (K INT KEY, ID INT, CUSTOMER STRING, ITEM STRING, AMOUNT DOUBLE, "
    "QTY BIGINT, STATUS STRING, REGION STRING) WITH (KAFKA_TOPIC='{in}', VALUE_FORMAT='JSON');";

const Variant kVariants[] = {
    {"stateless_csas_json",
     "CREATE STREAM {sink} AS SELECT K, CUSTOMER, UCASE(ITEM) AS ITEM, AMOUNT * QTY AS TOTAL, "
     "REGION FROM orders WHERE STATUS = 'PAID' AND AMOUNT >= 0;",
     false},
    {"count_sum_by_key",
     "CREATE TABLE {sink} AS SELECT K, COUNT(*) AS N, SUM(AMOUNT) AS TOTAL FROM orders GROUP BY K;",
     false},
    {"count_sum_by_key_tumbling_10m",
     "CREATE TABLE {sink} AS SELECT K, COUNT(*) AS N, SUM(AMOUNT) AS TOTAL FROM orders "
     "WINDOW TUMBLING (SIZE 10 MINUTES) GROUP BY K;",
     false},
    {"count_sum_by_key_eos",
     "CREATE TABLE {sink} AS SELECT K, COUNT(*) AS N, SUM(AMOUNT) AS TOTAL FROM orders GROUP BY K;",
     true},
    {"count_sum_by_key_tumbling_10m_eos",
     "CREATE TABLE {sink} AS SELECT K, COUNT(*) AS N, SUM(AMOUNT) AS TOTAL FROM orders "
     "WINDOW TUMBLING (SIZE 10 MINUTES) GROUP BY K;",
     true},
};

std::string Replace(std::string s, const std::string& from, const std::string& to) {
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
        s.replace(pos, from.size(), to);
    }
    return s;
}

std::map<std::string, std::string> ParsePairs(const std::string& text) {
    std::map<std::string, std::string> out;
    for (size_t pos = 0; pos < text.size();) {
        size_t end = text.find(',', pos);
        if (end == std::string::npos) end = text.size();
        const std::string kv = text.substr(pos, end - pos);
        if (size_t eq = kv.find('='); eq != std::string::npos) out[kv.substr(0, eq)] = kv.substr(eq + 1);
        pos = end + 1;
    }
    return out;
}

// Child: runs one variant over `in` and prints its line. Returns the exit code.
int RunVariant(const Variant& v, const std::string& bootstrap, const std::string& in, int64_t records,
               int partitions, double baseline, const std::string& suffix,
               const std::map<std::string, std::string>& extra_props,
               const std::map<std::string, std::string>& client_config) {
    runnel::SetLogLevel(runnel::LogLevel::kWarn);
    auto factory_r = runnel::kafka::MakeRdKafkaClientFactory(bootstrap, client_config);
    if (!factory_r.ok()) { std::fprintf(stderr, "%s\n", factory_r.status().ToString().c_str()); return 1; }
    std::shared_ptr<runnel::kafka::ClientFactory> factory = std::move(factory_r).value();
    const std::string state_dir = (std::filesystem::temp_directory_path() /
                                   ("runnel-aggbench-" + std::to_string(getpid()))).string();
    runnel::api::EngineConfig config;
    config.bootstrap_servers = bootstrap;
    config.service_id = "aggbench_" + suffix + "_" + v.name + "_";
    config.state_dir = state_dir;
    auto engine_r = runnel::api::CreateEngine(config, factory);
    if (!engine_r.ok()) { std::fprintf(stderr, "%s\n", engine_r.status().ToString().c_str()); return 1; }
    auto engine = std::move(engine_r).value();
    std::map<std::string, std::string> props = extra_props;
    if (v.exactly_once) props["processing.guarantee"] = "exactly_once_v2";
    const std::string sink = std::string("BENCH_") + v.name + "_" + suffix;
    auto r = engine->Execute(Replace(kSource, "{in}", in), {}, {});
    if (r.error) { std::fprintf(stderr, "%s\n", r.error->message.c_str()); return 1; }
    r = engine->Execute(Replace(v.sql, "{sink}", sink), props, {});
    if (r.error) { std::fprintf(stderr, "%s\n", r.error->message.c_str()); return 1; }
    const std::string query_id = *r.results.at(0).query_id;

    runnel::kafka::ConsumerConfig cc;
    cc.group_id = "_runnel_" + config.service_id + "_query_" + query_id;
    auto probe = factory->CreateConsumer(cc);
    if (!probe.ok()) { std::fprintf(stderr, "%s\n", probe.status().ToString().c_str()); return 1; }
    std::vector<runnel::kafka::TopicPartition> parts;
    for (int p = 0; p < partitions; ++p) parts.push_back({in, p});
    int64_t first_committed = -1;
    Clock::time_point first{}, last{};
    double first_cpu = 0, last_cpu = 0;
    const auto deadline = Clock::now() + std::chrono::minutes(30);
    while (Clock::now() < deadline) {
        auto committed = (*probe)->Committed(parts, 5000);
        int64_t sum = 0;
        if (committed.ok()) {
            for (const auto& tp : *committed) sum += tp.offset > 0 ? tp.offset : 0;
        }
        if (sum > 0 && first_committed < 0) {
            first_committed = sum;
            first = Clock::now();
            first_cpu = bench::CpuSeconds();
        }
        if (sum >= records) {
            last = Clock::now();
            last_cpu = bench::CpuSeconds();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    engine->Shutdown();
    (*probe)->Close();
    std::error_code ec;
    std::filesystem::remove_all(state_dir, ec);
    (void)factory->admin().DeleteTopic(sink);
    if (last == Clock::time_point{}) { std::fprintf(stderr, "%s did not finish\n", v.name); return 1; }
    const double secs = std::max(bench::Seconds(first, last), 1e-3);
    const double rate = static_cast<double>(records - first_committed) / secs;
    std::printf("%s %.0f %.0f %.2f peak_rss_mib=%.0f cpu_cores=%.2f\n", v.name, rate, baseline,
                rate / baseline, bench::PeakRssMiB(), (last_cpu - first_cpu) / secs);
    std::fflush(stdout);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::string bootstrap = "127.0.0.1:9092", only, phase, in, suffix, props_arg,
                client_arg;
    int64_t records = 5000000;
    int partitions = 4;
    double baseline = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--bootstrap") bootstrap = argv[i + 1];
        else if (a == "--records") records = std::stoll(argv[i + 1]);
        else if (a == "--partitions") partitions = std::stoi(argv[i + 1]);
        else if (a == "--only") only = argv[i + 1];
        else if (a == "--phase") phase = argv[i + 1];  // internal: child runs one variant
        else if (a == "--topic") in = argv[i + 1];
        else if (a == "--baseline") baseline = std::stod(argv[i + 1]);
        else if (a == "--suffix") suffix = argv[i + 1];
        else if (a == "--props") props_arg = argv[i + 1];
        else if (a == "--client") client_arg = argv[i + 1];
    }
    // --props k=v,k=v: request properties of every variant's statement (experiments, e.g.
    // commit.interval.ms=1000); --client k=v,...: librdkafka properties of Runnel's clients.
    const auto extra_props = ParsePairs(props_arg);
    const auto client_config = ParsePairs(client_arg);
    if (!phase.empty()) {
        for (const auto& v : kVariants) {
            if (phase == v.name) {
                return RunVariant(v, bootstrap, in, records, partitions, baseline, suffix, extra_props,
                                  client_config);
            }
        }
        std::fprintf(stderr, "unknown variant %s\n", phase.c_str());
        return 2;
    }

    runnel::SetLogLevel(runnel::LogLevel::kWarn);
    suffix = std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000000);
    in = "aggbench_in_" + suffix;
    const std::string copy = "aggbench_copy_" + suffix;
    auto factory_r = runnel::kafka::MakeRdKafkaClientFactory(bootstrap, {});
    if (!factory_r.ok()) { std::fprintf(stderr, "%s\n", factory_r.status().ToString().c_str()); return 1; }
    auto factory = std::move(factory_r).value();
    for (const auto& t : {in, copy}) {
        auto st = factory->admin().CreateTopic(t, partitions, 1, {});
        if (!st.ok()) { std::fprintf(stderr, "create %s: %s\n", t.c_str(), st.ToString().c_str()); return 1; }
    }
    // Recent timestamps (1 ms apart, ending an hour ago): old ones would be deleted by the
    // sink and changelog topics' retention as soon as written.
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count();
    std::fprintf(stderr, "producing %lld records to %s (%d partitions, 100k keys)...\n",
                 static_cast<long long>(records), in.c_str(), partitions);
    bench::ProduceOrders(bootstrap, in, records, now_ms - 3600 * 1000 - records);

    std::fprintf(stderr, "baseline: raw librdkafka copy...\n");
    bench::ResetPeakRss();
    const double cpu_before = bench::CpuSeconds();
    const double raw = bench::RawCopy(bootstrap, in, copy, records);
    std::printf("raw_librdkafka_copy %.0f %.0f 1.00 peak_rss_mib=%.0f cpu_cores=%.2f\n", raw, raw,
                bench::PeakRssMiB(), (bench::CpuSeconds() - cpu_before) / (records / raw));
    std::fflush(stdout);

    int status = 0;
    for (const auto& v : kVariants) {
        if (!only.empty() && std::string(v.name).find(only) == std::string::npos) continue;
        std::fprintf(stderr, "runnel: %s...\n", v.name);
        const std::string cmd = std::string("'") + argv[0] + "' --phase " + v.name + " --bootstrap " +
                                bootstrap + " --topic " + in + " --records " + std::to_string(records) +
                                " --partitions " + std::to_string(partitions) + " --baseline " +
                                std::to_string(raw) + " --suffix " + suffix +
                                (props_arg.empty() ? "" : " --props '" + props_arg + "'") +
                                (client_arg.empty() ? "" : " --client '" + client_arg + "'");
        if (std::system(cmd.c_str()) != 0) status = 1;
    }
    for (const auto& t : {in, copy}) (void)factory->admin().DeleteTopic(t);
    return status;
}

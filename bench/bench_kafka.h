// Helpers of the end-to-end benchmarks against a real broker (header only, bench/ only): the
// test data (~150-byte JSON orders keyed by a 4-byte INT with 100k distinct values), the raw
// librdkafka consume-and-produce copy that is every benchmark's baseline, end offsets, and the
// process's peak RSS. Not thread-safe; one benchmark thread.
#pragma once

#include <librdkafka/rdkafkacpp.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

namespace bench {

using Clock = std::chrono::steady_clock;

inline double Seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

inline std::unique_ptr<RdKafka::Conf> BaseConf(const std::string& bootstrap) {
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    std::string err;
    conf->set("bootstrap.servers", bootstrap, err);
    return conf;
}

// n records of ~150 bytes: {"ID":..,"CUSTOMER":..,"ITEM":..,"AMOUNT":..,"QTY":..,"STATUS":..,
// "REGION":..}, key = ID as a 4-byte big-endian INT, ID = i % 100000; every 10th is CANCELLED.
// Record i has timestamp base_ts + i.
inline void ProduceOrders(const std::string& bootstrap, const std::string& topic, int64_t n,
                          int64_t base_ts = 1700000000000LL) {
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
                          static_cast<size_t>(len), key, 4, base_ts + i, nullptr) ==
               RdKafka::ERR__QUEUE_FULL) {
            p->poll(10);
        }
        p->poll(0);
    }
    p->flush(60000);
}

inline int64_t EndOffsetSum(RdKafka::Handle* h, const std::string& topic, int partitions) {
    int64_t sum = 0;
    for (int p = 0; p < partitions; ++p) {
        int64_t lo = 0, hi = 0;
        if (h->query_watermark_offsets(topic, p, &lo, &hi, 5000) == RdKafka::ERR_NO_ERROR) sum += hi;
    }
    return sum;
}

// Raw librdkafka copy: consume every record and produce it unchanged (idempotent producer,
// linger 5 ms). Returns records/s from the first consumed record to the final flush.
inline double RawCopy(const std::string& bootstrap, const std::string& in, const std::string& out,
                      int64_t n) {
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
                          m->payload(), m->len(), m->key_pointer(), m->key_len(),
                          m->timestamp().timestamp, nullptr) == RdKafka::ERR__QUEUE_FULL) {
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

// CPU seconds (user + system, all threads) this process has used so far.
inline double CpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Peak resident set size of this process in MiB (VmHWM), and its reset (Linux: writing 5 to
// clear_refs), so each phase of a run reports its own peak.
inline double PeakRssMiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;  // kB
    }
    return 0;
}

inline void ResetPeakRss() {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
}

}  // namespace bench

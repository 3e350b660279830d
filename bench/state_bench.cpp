// Micro benchmark of the state layer: the per-record Get + Put of an aggregation (read the
// count of a key, write it back plus one) over 100k distinct keys, uniformly random, with a
// commit (flush + checkpoint) every 100k records. Stores are pre-filled with every key, so the
// numbers are the steady state of a running aggregation. No changelog (the Kafka client is not
// measured here).
//
//   GetPut/<backend>/<cache>  through TaskStateManager stores:
//       RocksDb/WriteThrough  cache 0: every Put is a RocksDB write ("straight RocksDB")
//       RocksDb/Cache32MB     all 100k keys fit: RocksDB sees one sorted batch per commit
//       RocksDb/Cache4MB      the cache overflows between commits (whole-store evictions)
//       Memory/...            the std::map store, for reference
//   RawRocksDb               rocksdb::DB Get + Put directly (WAL off), no layer: the floor of
//                            the write-through variant
//   WindowGetPut/RocksDb/Cache32MB  the same on a window store, 1-minute tumbling windows, time
//                            advancing 1 ms per record
//
// Run: build-X/bin/state_bench [--benchmark_filter=...]; items_per_second is records/s.
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/state/byte_codec.h"
#include "engine/state/task_state_manager.h"

namespace {

using namespace runnel;
using namespace runnel::state;

constexpr int kKeys = 100000;
constexpr int kCommitEvery = 100000;
constexpr size_t kSequence = 1 << 20;

const std::vector<std::string>& Keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k;
        k.reserve(kKeys);
        char b[32];
        for (int i = 0; i < kKeys; ++i) {
            snprintf(b, sizeof b, "customer-%06d", i);
            k.emplace_back(b);
        }
        return k;
    }();
    return keys;
}

const std::vector<uint32_t>& Sequence() {
    static const std::vector<uint32_t> seq = [] {
        std::mt19937 rng(7);
        std::uniform_int_distribution<uint32_t> dist(0, kKeys - 1);
        std::vector<uint32_t> s(kSequence);
        for (auto& x : s) x = dist(rng);
        return s;
    }();
    return seq;
}

class ScratchDir {
public:
    ScratchDir() {
        static int n = 0;
        path_ = "/tmp/runnel-state-bench-" + std::to_string(getpid()) + "-" + std::to_string(n++);
        std::filesystem::remove_all(path_);
    }
    ~ScratchDir() { std::filesystem::remove_all(path_); }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::unique_ptr<TaskStateManager> MakeManager(const std::string& dir, bool in_memory,
                                              int64_t cache_bytes) {
    TaskStateParams p;
    p.config.state_dir = dir;
    p.config.in_memory = in_memory;
    p.config.cache_max_bytes = cache_bytes;
    p.query_id = "BENCH";
    p.task_id = "0_0";
    auto m = TaskStateManager::Create(p);
    if (!m.ok()) {
        fprintf(stderr, "%s\n", m.status().ToString().c_str());
        std::abort();
    }
    return std::move(m).value();
}

void Check(const Status& s) {
    if (!s.ok()) {
        fprintf(stderr, "%s\n", s.ToString().c_str());
        std::abort();
    }
}

void Commit(TaskStateManager& m) {
    Check(m.Flush());
    Check(m.Checkpoint());
}

// Reads the count of a key (8 bytes), returns it plus one encoded in *buf.
inline void Increment(bool found, const ValueAndTimestamp& v, std::string* buf) {
    uint64_t count = 0;
    if (found && v.value.size() == 8) count = DecodeLittleEndian64(v.value.data());
    buf->clear();
    AppendLittleEndian64(*buf, count + 1);
}

void GetPut(benchmark::State& state, bool in_memory, int64_t cache_bytes) {
    ScratchDir dir;
    auto m = MakeManager(dir.path(), in_memory, cache_bytes);
    KeyValueStore* store = *m->OpenKeyValueStore("counts");
    Check(m->Restore());
    const auto& keys = Keys();
    const auto& seq = Sequence();
    std::string buf;
    ValueAndTimestamp v;
    for (int i = 0; i < kKeys; ++i) {
        Increment(false, v, &buf);
        Check(store->Put(keys[i], buf, 0));
    }
    Commit(*m);
    size_t i = 0;
    int64_t since_commit = 0;
    for (auto _ : state) {
        const std::string& key = keys[seq[i++ & (kSequence - 1)]];
        auto found = store->Get(key, &v);
        Increment(found.ok() && *found, v, &buf);
        Check(store->Put(key, buf, static_cast<int64_t>(i)));
        if (++since_commit == kCommitEvery) {
            Commit(*m);
            since_commit = 0;
        }
    }
    Commit(*m);
    state.SetItemsProcessed(state.iterations());
    Check(m->Close(true));
}

void WindowGetPut(benchmark::State& state, int64_t cache_bytes) {
    ScratchDir dir;
    auto m = MakeManager(dir.path(), false, cache_bytes);
    WindowStoreOptions o;
    o.window_size_ms = 60000;
    o.retention_ms = 10 * 60000;
    WindowStore* store = *m->OpenWindowStore("windowed", o);
    Check(m->Restore());
    const auto& keys = Keys();
    const auto& seq = Sequence();
    std::string buf;
    ValueAndTimestamp v;
    size_t i = 0;
    int64_t since_commit = 0;
    for (auto _ : state) {
        const int64_t ts = static_cast<int64_t>(i);  // 1 ms per record
        const std::string& key = keys[seq[i++ & (kSequence - 1)]];
        const int64_t start = ts - ts % o.window_size_ms;
        auto found = store->Get(key, start, &v);
        Increment(found.ok() && *found, v, &buf);
        Check(store->Put(key, start, buf, ts));
        if (++since_commit == kCommitEvery) {
            Commit(*m);
            since_commit = 0;
        }
    }
    Commit(*m);
    state.SetItemsProcessed(state.iterations());
    Check(m->Close(true));
}

void RawRocksDb(benchmark::State& state) {
    ScratchDir dir;
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    if (!rocksdb::DB::Open(options, dir.path(), &raw).ok()) std::abort();
    std::unique_ptr<rocksdb::DB> db(raw);
    rocksdb::WriteOptions wo;
    wo.disableWAL = true;
    const auto& keys = Keys();
    const auto& seq = Sequence();
    std::string buf;
    std::string value;
    for (int i = 0; i < kKeys; ++i) {
        buf.clear();
        AppendLittleEndian64(buf, 1);
        db->Put(wo, keys[i], buf);
    }
    size_t i = 0;
    for (auto _ : state) {
        const std::string& key = keys[seq[i++ & (kSequence - 1)]];
        uint64_t count = 0;
        if (db->Get(rocksdb::ReadOptions(), key, &value).ok() && value.size() == 8) {
            count = DecodeLittleEndian64(value.data());
        }
        buf.clear();
        AppendLittleEndian64(buf, count + 1);
        db->Put(wo, key, buf);
    }
    state.SetItemsProcessed(state.iterations());
    db->Close();
}

constexpr int64_t kIterations = 2000000;

// clang-format off
BENCHMARK_CAPTURE(GetPut, RocksDb/WriteThrough, false, 0)->Iterations(kIterations);
BENCHMARK_CAPTURE(GetPut, RocksDb/Cache32MB, false, int64_t{32} << 20)->Iterations(kIterations);
BENCHMARK_CAPTURE(GetPut, RocksDb/Cache4MB, false, int64_t{4} << 20)->Iterations(kIterations);
BENCHMARK_CAPTURE(GetPut, Memory/WriteThrough, true, 0)->Iterations(kIterations);
BENCHMARK_CAPTURE(GetPut, Memory/Cache32MB, true, int64_t{32} << 20)->Iterations(kIterations);
BENCHMARK(RawRocksDb)->Iterations(kIterations);
BENCHMARK_CAPTURE(WindowGetPut, RocksDb/Cache32MB, int64_t{32} << 20)->Iterations(kIterations);
// clang-format on

}  // namespace

BENCHMARK_MAIN();

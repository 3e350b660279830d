// Concurrent reads during writes (pull queries against a running task): reader threads call Get
// and iterate while the task thread writes, flushes and evicts. The writer bumps every key in key
// order once per round, so any consistent snapshot shows rounds that never increase along the
// key order and differ by at most one; a point read never goes back in time.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/unit/state/state_test_util.h"

namespace runnel::state {
namespace {

using testing::AllBackends;
using testing::Backend;
using testing::BackendName;
using testing::StateHarness;

constexpr int kKeys = 100;
constexpr int kRounds = 200;

std::string Key(int i) {
    char b[16];
    snprintf(b, sizeof b, "key%03d", i);
    return b;
}

// The value of round r: the round and a checksum, so a torn value is detected.
std::string Value(int r) { return std::to_string(r) + ":" + std::to_string(r * 7919 % 1000); }

int RoundOf(std::string_view v) {
    const size_t colon = v.find(':');
    if (colon == std::string_view::npos) return -1;
    const int r = std::stoi(std::string(v.substr(0, colon)));
    return Value(r) == v ? r : -1;
}

class ConcurrencyTest : public ::testing::TestWithParam<Backend> {};

TEST_P(ConcurrencyTest, ReadersSeeConsistentSnapshotsWhileTheTaskWrites) {
    StateHarness h(GetParam());
    auto& m = h.Open();
    KeyValueStore* store = *m.OpenKeyValueStore("table");
    ASSERT_TRUE(m.Restore().ok());
    for (int k = 0; k < kKeys; ++k) ASSERT_TRUE(store->Put(Key(k), Value(0), 0).ok());
    ASSERT_TRUE(h.Commit().ok());

    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    std::atomic<long> scans{0}, gets{0};
    auto reader = [&](int seed) {
        std::vector<int> last_seen(kKeys, 0);
        ValueAndTimestamp v;
        uint32_t i = static_cast<uint32_t>(seed);
        do {
            // Point reads never go back in time.
            for (int n = 0; n < 50; ++n) {
                i = i * 1103515245u + 12345u;
                const int key = static_cast<int>((i >> 8) % kKeys);
                auto found = store->Get(Key(key), &v);
                const int r = found.ok() && *found ? RoundOf(v.value) : -1;
                if (r < last_seen[key]) {
                    ADD_FAILURE() << "Get " << Key(key) << " went from round " << last_seen[key]
                                  << " to " << r;
                    failures++;
                }
                last_seen[key] = std::max(last_seen[key], r);
                gets++;
            }
            // A full scan is one consistent snapshot.
            auto it = store->All();
            int count = 0, max_round = -1, min_round = 1 << 30, prev = 1 << 30;
            std::string prev_key;
            bool ok = true;
            for (; it->Valid(); it->Next(), ++count) {
                const int r = RoundOf(it->value());
                const std::string key(it->key());
                if (r < 0 || r > prev || (!prev_key.empty() && key <= prev_key)) ok = false;
                prev = r;
                prev_key = key;
                max_round = std::max(max_round, r);
                min_round = std::min(min_round, r);
            }
            if (!ok || count != kKeys || max_round - min_round > 1 || !it->status().ok()) {
                ADD_FAILURE() << "inconsistent scan: count " << count << " rounds " << min_round
                              << ".." << max_round;
                failures++;
            }
            scans++;
        } while (!done.load());
    };
    std::thread r1(reader, 1), r2(reader, 2);
    // No ASSERT here: returning early would leave the readers running.
    bool writes_ok = true;
    for (int r = 1; r <= kRounds && writes_ok && failures.load() == 0; ++r) {
        for (int k = 0; k < kKeys && writes_ok; ++k) {
            writes_ok = store->Put(Key(k), Value(r), r).ok();
        }
        if (writes_ok && r % 10 == 0) writes_ok = h.Commit().ok();
    }
    done = true;
    r1.join();
    r2.join();
    EXPECT_TRUE(writes_ok);
    EXPECT_EQ(failures.load(), 0);
    EXPECT_GT(scans.load(), 0);
    EXPECT_GT(gets.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrencyTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace runnel::state

// The write-back cache seen from outside: collapsing of updates within a commit interval, sorted
// flushes, changelog records written at flush time (not before), the write-through mode, and the
// task-wide cache budget.

#include <gtest/gtest.h>

#include "tests/unit/state/state_test_util.h"

namespace runnel::state {
namespace {

using testing::Backend;
using testing::StateHarness;
using testing::Str;

struct LogRecord {
    std::string key;
    std::string value;  // "<tombstone>"
    int64_t timestamp;
    bool operator==(const LogRecord& o) const {
        return key == o.key && value == o.value && timestamp == o.timestamp;
    }
};

std::ostream& operator<<(std::ostream& os, const LogRecord& r) {
    return os << r.key << "=" << r.value << "@" << r.timestamp;
}

std::vector<LogRecord> ReadLog(kafka::MemoryBroker& broker, const std::string& topic,
                               int32_t partition) {
    std::vector<LogRecord> out;
    for (const auto& r : broker.Read(topic, partition)) {
        out.push_back({r.key.value_or("<null>"), r.value.value_or("<tombstone>"), r.timestamp});
    }
    return out;
}

class CacheTest : public ::testing::TestWithParam<bool> {  // param: in_memory
protected:
    Backend WithCache(int64_t bytes) {
        return Backend{GetParam(), bytes, GetParam() ? "memory" : "rocksdb"};
    }
};

TEST_P(CacheTest, CollapsesUpdatesAndFlushesSortedAtCommit) {
    StateHarness h(WithCache(1 << 20));
    auto& m = h.Open();
    auto s = m.OpenKeyValueStore("counts");
    ASSERT_TRUE(s.ok());
    KeyValueStore* store = *s;
    ASSERT_TRUE(m.Restore().ok());
    std::vector<std::string> emitted;
    store->SetFlushListener([&](const KeyValueChange& c) {
        emitted.push_back(Str(c.key) + "=" + (c.value ? *c.value : "<deleted>") + "@" +
                          std::to_string(c.timestamp));
        return Status::Ok();
    });
    ASSERT_TRUE(store->Put("b", "1", 10).ok());
    ASSERT_TRUE(store->Put("a", "1", 11).ok());
    ASSERT_TRUE(store->Put("b", "2", 12).ok());
    ASSERT_TRUE(store->Put("c", "1", 13).ok());
    ASSERT_TRUE(store->Put("b", "3", 14).ok());
    ASSERT_TRUE(store->Put("a", "2", 15).ok());
    ASSERT_TRUE(store->Delete("c", 16).ok());

    const std::string topic = h.Changelog("counts");
    EXPECT_TRUE(emitted.empty());
    EXPECT_TRUE(ReadLog(h.broker(), topic, 1).empty()) << "nothing is logged before the flush";
    ValueAndTimestamp v;
    ASSERT_TRUE(*store->Get("b", &v));
    EXPECT_EQ(v.value, "3");
    EXPECT_EQ(v.timestamp, 14);

    ASSERT_TRUE(h.Commit().ok());
    EXPECT_EQ(emitted, (std::vector<std::string>{"a=2@15", "b=3@14", "c=<deleted>@16"}));
    EXPECT_EQ(ReadLog(h.broker(), topic, 1),
              (std::vector<LogRecord>{{"a", "2", 15}, {"b", "3", 14}, {"c", "<tombstone>", 16}}));
    EXPECT_TRUE(ReadLog(h.broker(), topic, 0).empty()) << "partition = the task's partition";

    // Next interval: only what changed since is flushed.
    ASSERT_TRUE(store->Put("a", "3", 20).ok());
    ASSERT_TRUE(h.Commit().ok());
    EXPECT_EQ(emitted.back(), "a=3@20");
    EXPECT_EQ(emitted.size(), 4u);
    EXPECT_EQ(ReadLog(h.broker(), topic, 1).size(), 4u);
}

TEST_P(CacheTest, WriteThroughLogsAndEmitsEveryUpdateImmediately) {
    StateHarness h(WithCache(0));
    auto& m = h.Open();
    KeyValueStore* store = *m.OpenKeyValueStore("counts");
    ASSERT_TRUE(m.Restore().ok());
    int calls = 0;
    store->SetFlushListener([&](const KeyValueChange&) {
        ++calls;
        return Status::Ok();
    });
    ASSERT_TRUE(store->Put("b", "1", 1).ok());
    ASSERT_TRUE(store->Put("a", "1", 2).ok());
    ASSERT_TRUE(store->Put("b", "2", 3).ok());
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(ReadLog(h.broker(), h.Changelog("counts"), 1),
              (std::vector<LogRecord>{{"b", "1", 1}, {"a", "1", 2}, {"b", "2", 3}}));
}

TEST_P(CacheTest, OverflowingTheBudgetFlushesTheWritingStoreSorted) {
    StateHarness h(WithCache(1000));
    auto& m = h.Open();
    KeyValueStore* store = *m.OpenKeyValueStore("counts");
    ASSERT_TRUE(m.Restore().ok());
    std::vector<std::vector<std::string>> batches(1);
    store->SetFlushListener([&](const KeyValueChange& c) {
        batches.back().push_back(Str(c.key));
        return Status::Ok();
    });
    // ~100 bytes per entry: the cache overflows every ~10 new keys.
    int flushes_seen = 0;
    for (int i = 99; i >= 0; --i) {
        const size_t before = batches.back().size();
        ASSERT_TRUE(store->Put("key" + std::to_string(i), "v", i).ok());
        if (batches.back().size() != before) {
            ++flushes_seen;
            batches.emplace_back();
        }
    }
    ASSERT_TRUE(h.Commit().ok());
    EXPECT_GE(flushes_seen, 5) << "evictions happened between commits";
    size_t total = 0;
    for (const auto& b : batches) {
        EXPECT_TRUE(std::is_sorted(b.begin(), b.end())) << "each flush is sorted by key";
        total += b.size();
    }
    EXPECT_EQ(total, 100u) << "every key emitted exactly once (each was written once)";
    EXPECT_EQ(h.broker().Read(h.Changelog("counts"), 1).size(), 100u);
    ValueAndTimestamp v;
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(*store->Get("key" + std::to_string(i), &v));
}

TEST_P(CacheTest, TheBudgetIsSharedByTheTasksStores) {
    StateHarness h(WithCache(1000));
    auto& m = h.Open();
    KeyValueStore* a = *m.OpenKeyValueStore("a");
    KeyValueStore* b = *m.OpenKeyValueStore("b");
    ASSERT_TRUE(m.Restore().ok());
    int a_calls = 0, b_calls = 0;
    a->SetFlushListener([&](const KeyValueChange&) {
        ++a_calls;
        return Status::Ok();
    });
    b->SetFlushListener([&](const KeyValueChange&) {
        ++b_calls;
        return Status::Ok();
    });
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(a->Put("a" + std::to_string(i), "v", 1).ok());
    EXPECT_EQ(a_calls, 0) << "under budget";
    // b's writes push the task over its budget: b (the writer) flushes itself.
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(b->Put("b" + std::to_string(i), "v", 1).ok());
    EXPECT_EQ(a_calls, 0);
    EXPECT_GT(b_calls, 0);
}

INSTANTIATE_TEST_SUITE_P(Raw, CacheTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& i) {
                             return i.param ? std::string("Memory") : std::string("RocksDb");
                         });

}  // namespace
}  // namespace runnel::state

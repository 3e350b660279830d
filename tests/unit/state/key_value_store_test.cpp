// KeyValueStore behind the same suite for every backend: in-memory and RocksDB, each with no
// cache (write through), a large cache and a tiny cache that keeps overflowing.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "tests/unit/state/state_test_util.h"

namespace runnel::state {
namespace {

using testing::AllBackends;
using testing::Backend;
using testing::BackendName;
using testing::Drain;
using testing::StateHarness;
using testing::Str;

class KeyValueStoreTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        harness_ = std::make_unique<StateHarness>(GetParam());
        auto& m = harness_->Open();
        auto s = m.OpenKeyValueStore("Aggregate-Materialize");
        ASSERT_TRUE(s.ok()) << s.status().ToString();
        store_ = *s;
        ASSERT_TRUE(m.Restore().ok());
    }

    std::optional<std::pair<std::string, int64_t>> Get(std::string_view key) {
        ValueAndTimestamp v;
        auto found = store_->Get(key, &v);
        EXPECT_TRUE(found.ok()) << found.status().ToString();
        if (!found.ok() || !*found) return std::nullopt;
        return std::make_pair(v.value, v.timestamp);
    }

    std::unique_ptr<StateHarness> harness_;
    KeyValueStore* store_ = nullptr;
};

TEST_P(KeyValueStoreTest, PutGetOverwriteDelete) {
    EXPECT_FALSE(Get("a"));
    ASSERT_TRUE(store_->Put("a", "1", 100).ok());
    EXPECT_EQ(Get("a"), std::make_pair(std::string("1"), int64_t{100}));
    ASSERT_TRUE(store_->Put("a", "22", 200).ok());
    EXPECT_EQ(Get("a"), std::make_pair(std::string("22"), int64_t{200}));
    ASSERT_TRUE(store_->Delete("a", 300).ok());
    EXPECT_FALSE(Get("a"));
    ASSERT_TRUE(store_->Delete("never-there", 300).ok());
    EXPECT_FALSE(Get("never-there"));
    EXPECT_EQ(store_->persistent(), !GetParam().in_memory);
    EXPECT_EQ(store_->kind(), StoreKind::kKeyValue);
    EXPECT_EQ(store_->name(), "Aggregate-Materialize");
}

TEST_P(KeyValueStoreTest, ReadsSeeWritesBeforeAndAfterCommit) {
    ASSERT_TRUE(store_->Put("k", "v1", 1).ok());
    EXPECT_EQ(Get("k")->first, "v1");
    ASSERT_TRUE(harness_->Commit().ok());
    EXPECT_EQ(Get("k")->first, "v1");
    ASSERT_TRUE(store_->Put("k", "v2", 2).ok());
    EXPECT_EQ(Get("k")->first, "v2") << "a cached overwrite shadows the flushed value";
    ASSERT_TRUE(store_->Delete("k", 3).ok());
    EXPECT_FALSE(Get("k")) << "a cached delete hides the flushed value";
    ASSERT_TRUE(harness_->Commit().ok());
    EXPECT_FALSE(Get("k"));
}

TEST_P(KeyValueStoreTest, BinaryAndEmptyKeysAndValues) {
    const std::string zero_key("a\0b", 3);
    const std::string high_key("\xff\xfe", 2);
    ASSERT_TRUE(store_->Put("", "empty-key", 1).ok());
    ASSERT_TRUE(store_->Put("e", "", 2).ok());
    ASSERT_TRUE(store_->Put(zero_key, std::string("v\0", 2), 3).ok());
    ASSERT_TRUE(store_->Put(high_key, "high", 4).ok());
    ASSERT_TRUE(harness_->Commit().ok());
    EXPECT_EQ(Get("")->first, "empty-key");
    ASSERT_TRUE(Get("e"));
    EXPECT_EQ(Get("e")->first, "");
    EXPECT_EQ(Get(zero_key)->first, std::string("v\0", 2));
    auto all = Drain(*store_->All());
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all[0].first, "");
    EXPECT_EQ(all[1].first, zero_key);
    EXPECT_EQ(all[2].first, "e");
    EXPECT_EQ(all[3].first, high_key);
    auto high = Drain(*store_->Prefix(std::string("\xff", 1)));
    ASSERT_EQ(high.size(), 1u);
    EXPECT_EQ(high[0].second, "high");
}

TEST_P(KeyValueStoreTest, IterationMergesCachedAndStoredEntriesInOrder) {
    // Half the keys committed (in the local store), then updates and deletes that may still be
    // cached: every iteration must show the newest state, in key order.
    std::map<std::string, std::string> expected;
    std::mt19937 rng(42);
    std::vector<int> ids(200);
    for (int i = 0; i < 200; ++i) ids[i] = i;
    std::shuffle(ids.begin(), ids.end(), rng);
    auto key = [](int i) {
        char b[16];
        snprintf(b, sizeof b, "k%03d", i);
        return std::string(b);
    };
    for (int i : ids) {
        ASSERT_TRUE(store_->Put(key(i), "first" + std::to_string(i), i).ok());
        expected[key(i)] = "first" + std::to_string(i);
    }
    ASSERT_TRUE(harness_->Commit().ok());
    for (int i = 0; i < 200; i += 3) {
        ASSERT_TRUE(store_->Put(key(i), "second", 1000).ok());
        expected[key(i)] = "second";
    }
    for (int i = 1; i < 200; i += 7) {
        ASSERT_TRUE(store_->Delete(key(i), 1000).ok());
        expected.erase(key(i));
    }
    ASSERT_TRUE(store_->Put("k999", "new", 1000).ok());
    expected["k999"] = "new";

    auto check = [&] {
        auto all = Drain(*store_->All());
        const std::vector<std::pair<std::string, std::string>> want_all(expected.begin(),
                                                                        expected.end());
        EXPECT_EQ(all, want_all);
        auto range = Drain(*store_->Range({std::string_view("k050"), std::string_view("k100")}));
        std::vector<std::pair<std::string, std::string>> want(expected.lower_bound("k050"),
                                                              expected.lower_bound("k100"));
        EXPECT_EQ(range, want);
        auto prefix = Drain(*store_->Prefix("k19"));
        std::vector<std::pair<std::string, std::string>> want_prefix(expected.lower_bound("k19"),
                                                                     expected.lower_bound("k1:"));
        EXPECT_EQ(prefix, want_prefix);
        auto from = Drain(*store_->Range({std::string_view("k150"), std::nullopt}));
        EXPECT_EQ(from.size(),
                  static_cast<size_t>(std::distance(expected.lower_bound("k150"), expected.end())));
        EXPECT_TRUE(
            Drain(*store_->Range({std::string_view("k2"), std::string_view("k1")})).empty());
    };
    check();
    ASSERT_TRUE(harness_->Commit().ok());
    check();
}

TEST_P(KeyValueStoreTest, IteratorIsASnapshot) {
    ASSERT_TRUE(store_->Put("a", "1", 1).ok());
    ASSERT_TRUE(store_->Put("b", "1", 1).ok());
    ASSERT_TRUE(harness_->Commit().ok());
    ASSERT_TRUE(store_->Put("c", "1", 1).ok());
    auto it = store_->All();
    ASSERT_TRUE(store_->Put("a", "2", 2).ok());
    ASSERT_TRUE(store_->Delete("b", 2).ok());
    ASSERT_TRUE(store_->Put("d", "2", 2).ok());
    ASSERT_TRUE(harness_->Commit().ok());
    auto seen = Drain(*it);
    EXPECT_EQ(seen, (std::vector<std::pair<std::string, std::string>>{
                        {"a", "1"}, {"b", "1"}, {"c", "1"}}));
}

TEST_P(KeyValueStoreTest, ApproximateCount) {
    for (int i = 0; i < 500; ++i) {
        ASSERT_TRUE(store_->Put("key" + std::to_string(i), "v", i).ok());
    }
    ASSERT_TRUE(harness_->Commit().ok());
    const uint64_t n = store_->ApproximateCount();
    if (GetParam().in_memory) {
        EXPECT_EQ(n, 500u);
    } else {
        EXPECT_GE(n, 250u);
        EXPECT_LE(n, 1000u);
    }
}

// The emission contract: the listener is the only output. Write through: one call per update, in
// processing order. With a cache: intermediate updates of a key collapse. Always: the last call
// for a key carries its final value, and after a commit nothing is pending.
TEST_P(KeyValueStoreTest, FlushListenerEmitsUpdatesPerCacheMode) {
    std::vector<std::pair<std::string, std::string>> emitted;
    store_->SetFlushListener([&](const KeyValueChange& c) {
        emitted.emplace_back(Str(c.key), c.value ? *c.value : "<deleted>");
        return Status::Ok();
    });
    const std::vector<std::pair<std::string, std::string>> updates = {
        {"b", "1"}, {"a", "1"}, {"b", "2"}, {"c", "1"}, {"b", "3"}, {"a", "2"}};
    for (const auto& [k, v] : updates) ASSERT_TRUE(store_->Put(k, v, 10).ok());
    ASSERT_TRUE(store_->Delete("c", 11).ok());
    const size_t before_commit = emitted.size();
    ASSERT_TRUE(harness_->Commit().ok());

    std::map<std::string, std::string> last;
    for (const auto& [k, v] : emitted) last[k] = v;
    EXPECT_EQ(last,
              (std::map<std::string, std::string>{{"a", "2"}, {"b", "3"}, {"c", "<deleted>"}}));
    if (GetParam().cache_bytes == 0) {
        EXPECT_EQ(before_commit, 7u) << "write through emits inside each Put/Delete";
        EXPECT_EQ(emitted[0], std::make_pair(std::string("b"), std::string("1")));
        EXPECT_EQ(emitted[6], std::make_pair(std::string("c"), std::string("<deleted>")));
    } else if (GetParam().cache_bytes >= (1 << 20)) {
        EXPECT_EQ(before_commit, 0u) << "nothing leaves the cache before the commit";
        EXPECT_EQ(emitted, (std::vector<std::pair<std::string, std::string>>{
                               {"a", "2"}, {"b", "3"}, {"c", "<deleted>"}}))
            << "collapsed and sorted by key";
    } else {
        EXPECT_LE(emitted.size(), 7u);
    }
    const size_t after_commit = emitted.size();
    ASSERT_TRUE(harness_->Commit().ok());
    EXPECT_EQ(emitted.size(), after_commit) << "a commit with no new writes emits nothing";
}

TEST_P(KeyValueStoreTest, ListenerMayNotWriteToItsOwnStore) {
    store_->SetFlushListener([&](const KeyValueChange& c) { return store_->Put("x", "y", 1); });
    ASSERT_TRUE(store_->Put("a", "1", 1).ok() || GetParam().cache_bytes == 0);
    Status s = harness_->manager().Flush();
    if (GetParam().cache_bytes == 0) {
        // The write-through Put above already failed with the same error.
        EXPECT_FALSE(store_->Put("b", "1", 1).ok());
    } else {
        EXPECT_EQ(s.code(), StatusCode::kInternal) << s.ToString();
    }
    store_->SetFlushListener(nullptr);
}

TEST_P(KeyValueStoreTest, OldValuesForTheListener) {
    auto& m = harness_->manager();
    KeyValueStoreOptions o;
    o.send_old_values = true;
    auto s = m.OpenKeyValueStore("with-old-values", o);
    ASSERT_TRUE(s.ok());
    KeyValueStore* store = *s;
    std::vector<std::string> seen;
    store->SetFlushListener([&](const KeyValueChange& c) {
        seen.push_back(Str(c.key) + ":" + (c.old_value ? *c.old_value : "-") + "->" +
                       (c.value ? *c.value : "-"));
        return Status::Ok();
    });
    ASSERT_TRUE(store->Put("k", "1", 1).ok());
    ASSERT_TRUE(harness_->Commit().ok());
    ASSERT_TRUE(store->Put("k", "2", 2).ok());
    ASSERT_TRUE(store->Put("k", "3", 3).ok());
    ASSERT_TRUE(harness_->Commit().ok());
    ASSERT_TRUE(store->Delete("k", 4).ok());
    ASSERT_TRUE(harness_->Commit().ok());
    if (GetParam().cache_bytes == 0) {
        EXPECT_EQ(seen, (std::vector<std::string>{"k:-->1", "k:1->2", "k:2->3", "k:3->-"}));
    } else if (GetParam().cache_bytes >= (1 << 20)) {
        EXPECT_EQ(seen, (std::vector<std::string>{"k:-->1", "k:1->3", "k:3->-"}));
    }
}

TEST_P(KeyValueStoreTest, OpeningByNameReturnsTheSameStoreAndChecksKinds) {
    auto& m = harness_->manager();
    auto again = m.OpenKeyValueStore("Aggregate-Materialize");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, store_);
    EXPECT_EQ(m.FindStore("Aggregate-Materialize"), store_);
    EXPECT_EQ(m.FindStore("nope"), nullptr);
    WindowStoreOptions wo;
    wo.retention_ms = 1000;
    EXPECT_EQ(m.OpenWindowStore("Aggregate-Materialize", wo).status().code(),
              StatusCode::kInvalidArgument);
    EXPECT_EQ(m.OpenKeyValueStore("bad/name").status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(m.OpenKeyValueStore("").status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(m.OpenKeyValueStore("..").status().code(), StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, KeyValueStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace runnel::state

// WindowStore on every backend and both layouts: point reads, key and time-range fetches,
// retention (reads filtered exactly, whole segments dropped), the flush listener and the Kafka
// Streams changelog key format.

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "engine/state/byte_codec.h"
#include "tests/unit/state/state_test_util.h"

namespace runnel::state {
namespace {

using testing::AllBackends;
using testing::Backend;
using testing::Drain;
using testing::StateHarness;
using testing::Str;
using testing::WindowedRow;

using Param = std::tuple<Backend, WindowLayout>;

std::string ParamName(const ::testing::TestParamInfo<Param>& info) {
    return std::get<0>(info.param).label +
           (std::get<1>(info.param) == WindowLayout::kKeyFirst ? "KeyFirst" : "TimeFirst");
}

std::vector<WindowedRow> Sorted(std::vector<WindowedRow> rows) {
    std::stable_sort(rows.begin(), rows.end(), [](const WindowedRow& a, const WindowedRow& b) {
        return std::tie(a.key, a.start) < std::tie(b.key, b.start);
    });
    return rows;
}

class WindowStoreTest : public ::testing::TestWithParam<Param> {
protected:
    void SetUp() override { harness_ = std::make_unique<StateHarness>(std::get<0>(GetParam())); }

    WindowStoreOptions Options(int64_t retention = 100000, int64_t interval = 0) {
        WindowStoreOptions o;
        o.window_size_ms = 1000;
        o.retention_ms = retention;
        o.segment_interval_ms = interval;
        o.layout = std::get<1>(GetParam());
        return o;
    }

    WindowStore* Open(const WindowStoreOptions& o) {
        auto& m = harness_->Open();
        auto s = m.OpenWindowStore("Aggregate-Aggregate-Materialize", o);
        EXPECT_TRUE(s.ok()) << s.status().ToString();
        EXPECT_TRUE(m.Restore().ok());
        return s.ok() ? *s : nullptr;
    }

    std::unique_ptr<StateHarness> harness_;
};

TEST_P(WindowStoreTest, PointReadsAndFetches) {
    WindowStore* store = Open(Options());
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->observed_stream_time(), std::numeric_limits<int64_t>::min());
    // "ab" and "a\0" share a prefix with "a": fetches of "a" must not see them.
    const std::string a0("a\0", 2);
    for (int64_t start : {0, 1000, 2000})
        ASSERT_TRUE(store->Put("a", start, "a" + std::to_string(start), start + 5).ok());
    ASSERT_TRUE(store->Put("ab", 1000, "ab", 1001).ok());
    ASSERT_TRUE(store->Put(a0, 1000, "a0", 1001).ok());
    ASSERT_TRUE(store->Put("b", 1000, "b", 1002).ok());
    EXPECT_EQ(store->observed_stream_time(), 2000);

    auto check = [&] {
        ValueAndTimestamp v;
        ASSERT_TRUE(*store->Get("a", 1000, &v));
        EXPECT_EQ(v.value, "a1000");
        EXPECT_EQ(v.timestamp, 1005);
        EXPECT_FALSE(*store->Get("a", 500, &v));
        EXPECT_FALSE(*store->Get("b", 0, &v));
        EXPECT_EQ(Drain(*store->Fetch("a", 0, 1500)),
                  (std::vector<WindowedRow>{{"a", 0, 1000, "a0"}, {"a", 1000, 2000, "a1000"}}));
        EXPECT_EQ(
            Drain(*store->Fetch("a", 1, 2000)),
            (std::vector<WindowedRow>{{"a", 1000, 2000, "a1000"}, {"a", 2000, 3000, "a2000"}}));
        EXPECT_EQ(Drain(*store->Fetch("a")).size(), 3u);
        EXPECT_TRUE(Drain(*store->Fetch("a", 2001, 5000)).empty());
        EXPECT_TRUE(Drain(*store->Fetch("zz")).empty());
        EXPECT_EQ(Sorted(Drain(*store->FetchAll(1000, 1000))),
                  (std::vector<WindowedRow>{{"a", 1000, 2000, "a1000"},
                                            {a0, 1000, 2000, "a0"},
                                            {"ab", 1000, 2000, "ab"},
                                            {"b", 1000, 2000, "b"}}));
        EXPECT_EQ(Drain(*store->All()).size(), 6u);
    };
    check();
    ASSERT_TRUE(harness_->Commit().ok());
    check();

    ASSERT_TRUE(store->Delete("a", 1000, 3000).ok());
    EXPECT_EQ(Drain(*store->Fetch("a")),
              (std::vector<WindowedRow>{{"a", 0, 1000, "a0"}, {"a", 2000, 3000, "a2000"}}));
    ASSERT_TRUE(harness_->Commit().ok());
    EXPECT_EQ(Drain(*store->Fetch("a")).size(), 2u);
}

TEST_P(WindowStoreTest, TimeFirstFetchAllIsInTimeOrder) {
    if (std::get<1>(GetParam()) != WindowLayout::kTimeFirst) GTEST_SKIP() << "time-first only";
    WindowStore* store = Open(Options());
    ASSERT_TRUE(store->Put("z", 0, "1", 0).ok());
    ASSERT_TRUE(store->Put("a", 2000, "2", 0).ok());
    ASSERT_TRUE(store->Put("m", 1000, "3", 0).ok());
    ASSERT_TRUE(store->Put("b", 1000, "4", 0).ok());
    ASSERT_TRUE(harness_->Commit().ok());
    ASSERT_TRUE(store->Put("c", 1000, "5", 0).ok());
    std::vector<std::pair<int64_t, std::string>> order;
    for (auto it = store->FetchAll(0, 5000); it->Valid(); it->Next()) {
        order.emplace_back(it->window_start(), Str(it->key()));
    }
    EXPECT_EQ(order, (std::vector<std::pair<int64_t, std::string>>{
                         {0, "z"}, {1000, "b"}, {1000, "c"}, {1000, "m"}, {2000, "a"}}));
}

TEST_P(WindowStoreTest, RetentionFiltersReadsDropsLateWritesAndSegments) {
    // retention 5 s, segments of 1 s: after a window at 9000, windows starting before 4001 are
    // gone.
    WindowStore* store = Open(Options(5000, 1000));
    for (int64_t start = 0; start <= 9000; start += 1000) {
        ASSERT_TRUE(store->Put("k", start, std::to_string(start), start).ok());
        if (start == 4000) {
            ASSERT_TRUE(harness_->Commit().ok());
        }
    }
    EXPECT_EQ(store->observed_stream_time(), 9000);
    auto live = Drain(*store->Fetch("k"));
    ASSERT_EQ(live.size(), 5u);
    EXPECT_EQ(live.front().start, 5000);
    ValueAndTimestamp v;
    EXPECT_FALSE(*store->Get("k", 4000, &v));
    EXPECT_TRUE(*store->Get("k", 5000, &v));
    EXPECT_EQ(store->expired_writes(), 0u);
    ASSERT_TRUE(store->Put("k", 3000, "late", 3000).ok());
    EXPECT_EQ(store->expired_writes(), 1u);
    EXPECT_FALSE(*store->Get("k", 3000, &v));
    EXPECT_EQ(Drain(*store->FetchAll(0, 20000)).size(), 5u);
    ASSERT_TRUE(harness_->Commit().ok());

    if (std::get<0>(GetParam()).in_memory) return;
    // Physically: reopening with a long retention shows what the segments kept: only the
    // segment holding the oldest live time (4000) survives of the expired windows.
    harness_->Close(true);
    WindowStore* reopened = Open(Options(1000000, 1000));
    EXPECT_EQ(reopened->observed_stream_time(), 9000) << "kept in the checkpoint";
    auto kept = Drain(*reopened->Fetch("k"));
    ASSERT_EQ(kept.size(), 6u);
    EXPECT_EQ(kept.front().start, 4000);
    EXPECT_TRUE(harness_->manager().restore_stats().at(0).records == 0) << "clean reopen";
}

TEST_P(WindowStoreTest, ListenerAndChangelogKeys) {
    WindowStore* store = Open(Options());
    std::vector<WindowedRow> emitted;
    store->SetFlushListener([&](const WindowChange& c) {
        emitted.push_back({Str(c.key), c.window_start, c.window_end, c.value ? *c.value : "-"});
        return Status::Ok();
    });
    ASSERT_TRUE(store->Put("k", 1000, "1", 1100).ok());
    ASSERT_TRUE(store->Put("k", 1000, "2", 1200).ok());
    ASSERT_TRUE(store->Put("j", 2000, "3", 2100).ok());
    ASSERT_TRUE(harness_->Commit().ok());
    std::vector<WindowedRow> last_per_window;
    for (const auto& row : Sorted(emitted)) {
        if (!last_per_window.empty() && last_per_window.back().key == row.key &&
            last_per_window.back().start == row.start) {
            last_per_window.back() = row;
        } else {
            last_per_window.push_back(row);
        }
    }
    // Write through emits both updates of k@1000 in order; Sorted keeps their relative order.
    EXPECT_EQ(last_per_window,
              (std::vector<WindowedRow>{{"j", 2000, 3000, "3"}, {"k", 1000, 2000, "2"}}));

    // Changelog keys: Kafka Streams' window key = key + 8-byte big-endian start + 4-byte seqnum.
    auto records =
        harness_->broker().Read(harness_->Changelog("Aggregate-Aggregate-Materialize"), 1);
    ASSERT_FALSE(records.empty());
    const auto& last = records.back();
    ASSERT_TRUE(last.key.has_value());
    ASSERT_EQ(last.key->size(), 1u + 12u);
    const std::string& k = *last.key;
    EXPECT_EQ(DecodeBigEndian64(k.data() + 1), k[0] == 'j' ? 2000u : 1000u);
    EXPECT_EQ(DecodeBigEndian32(k.data() + 9), 0u);
}

TEST_P(WindowStoreTest, ObservedTimeAndWindowsSurviveReopen) {
    WindowStore* store = Open(Options());
    ASSERT_TRUE(store->Put("k", 5000, "v", 5001).ok());
    ASSERT_TRUE(harness_->Commit().ok());
    harness_->Close(true);
    WindowStore* reopened = Open(Options());
    EXPECT_EQ(reopened->observed_stream_time(), 5000);
    EXPECT_EQ(Drain(*reopened->Fetch("k")), (std::vector<WindowedRow>{{"k", 5000, 6000, "v"}}));
}

TEST(WindowStoreOptionsTest, RejectsBadRetention) {
    StateHarness h(Backend{true, 0, "m"});
    auto& m = h.Open();
    WindowStoreOptions o;
    o.retention_ms = 0;
    EXPECT_EQ(m.OpenWindowStore("w", o).status().code(), StatusCode::kInvalidArgument);
    SessionStoreOptions so;
    EXPECT_EQ(m.OpenSessionStore("s", so).status().code(), StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, WindowStoreTest,
                         ::testing::Combine(::testing::ValuesIn(AllBackends()),
                                            ::testing::Values(WindowLayout::kKeyFirst,
                                                              WindowLayout::kTimeFirst)),
                         ParamName);

}  // namespace
}  // namespace runnel::state

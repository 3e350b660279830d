// SessionStore on every backend: the overlap lookup a session aggregation merges with, a merge
// run end to end, exact session reads, retention, and the Kafka Streams changelog key format.

#include <gtest/gtest.h>

#include <limits>

#include "engine/state/byte_codec.h"
#include "tests/unit/state/state_test_util.h"

namespace runnel::state {
namespace {

using testing::AllBackends;
using testing::Backend;
using testing::BackendName;
using testing::Drain;
using testing::StateHarness;
using testing::Str;
using testing::WindowedRow;

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

class SessionStoreTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override { harness_ = std::make_unique<StateHarness>(GetParam()); }

    SessionStore* Open(int64_t retention = 1000000, int64_t interval = 0) {
        SessionStoreOptions o;
        o.retention_ms = retention;
        o.segment_interval_ms = interval;
        auto& m = harness_->Open();
        auto s = m.OpenSessionStore("Aggregate-Aggregate-Materialize", o);
        EXPECT_TRUE(s.ok()) << s.status().ToString();
        EXPECT_TRUE(m.Restore().ok());
        return s.ok() ? *s : nullptr;
    }

    // One record of a session-windowed COUNT with inactivity gap `gap`, the way the operator
    // will do it: find overlapping sessions, remove them, put the merged one.
    void Count(SessionStore* store, std::string_view key, int64_t t, int64_t gap) {
        int64_t start = t, end = t, count = 1;
        std::vector<std::pair<int64_t, int64_t>> merged;
        for (auto it = store->FindSessions(key, t - gap, t + gap); it->Valid(); it->Next()) {
            start = std::min(start, it->window_start());
            end = std::max(end, it->window_end());
            count += std::stoll(Str(it->value()));
            merged.emplace_back(it->window_start(), it->window_end());
        }
        for (auto [s, e] : merged) ASSERT_TRUE(store->Remove(key, s, e, t).ok());
        ASSERT_TRUE(store->Put(key, start, end, std::to_string(count), t).ok());
    }

    std::unique_ptr<StateHarness> harness_;
};

TEST_P(SessionStoreTest, FindSessionsReturnsTheOverlappingSessionsOfTheKey) {
    SessionStore* store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->Put("u", 0, 100, "s1", 100).ok());
    ASSERT_TRUE(store->Put("u", 500, 600, "s2", 600).ok());
    ASSERT_TRUE(harness_->Commit().ok());
    ASSERT_TRUE(store->Put("u", 1000, 1000, "s3", 1000).ok());
    ASSERT_TRUE(store->Put("u2", 50, 550, "other", 550).ok());
    ASSERT_TRUE(store->Put("uu", 550, 560, "prefix", 560).ok());
    EXPECT_EQ(store->observed_stream_time(), 1000);

    EXPECT_EQ(Drain(*store->FindSessions("u", 550, 700)),
              (std::vector<WindowedRow>{{"u", 500, 600, "s2"}}));
    EXPECT_EQ(Drain(*store->FindSessions("u", 0, 2000)),
              (std::vector<WindowedRow>{
                  {"u", 0, 100, "s1"}, {"u", 500, 600, "s2"}, {"u", 1000, 1000, "s3"}}));
    EXPECT_TRUE(Drain(*store->FindSessions("u", 101, 499)).empty());
    EXPECT_EQ(Drain(*store->FindSessions("u", 100, 100)),
              (std::vector<WindowedRow>{{"u", 0, 100, "s1"}}))
        << "bounds are inclusive";
    EXPECT_EQ(Drain(*store->Fetch("u")).size(), 3u);
    ValueAndTimestamp v;
    ASSERT_TRUE(*store->Get("u", 500, 600, &v));
    EXPECT_EQ(v.value, "s2");
    EXPECT_EQ(v.timestamp, 600);
    EXPECT_FALSE(*store->Get("u", 500, 601, &v));
    EXPECT_EQ(Drain(*store->FetchAllByEnd(550, 600)).size(), 3u);  // u2, uu and u@[500,600]
    EXPECT_EQ(Drain(*store->All()).size(), 5u);

    ASSERT_TRUE(store->Remove("u", 500, 600, 700).ok());
    EXPECT_TRUE(Drain(*store->FindSessions("u", 550, 700)).empty());
    EXPECT_EQ(store->Put("u", 10, 5, "bad", 1).code(), StatusCode::kInvalidArgument);
}

TEST_P(SessionStoreTest, SessionMergingRunsEndToEnd) {
    SessionStore* store = Open();
    std::map<std::pair<int64_t, int64_t>, std::string> emitted;  // last emission per session
    store->SetFlushListener([&](const SessionChange& c) {
        EXPECT_EQ(c.key, "user");
        emitted[{c.session_start, c.session_end}] = c.value ? *c.value : "<removed>";
        return Status::Ok();
    });
    const int64_t gap = 100;
    for (int64_t t : {0, 50, 300, 200}) Count(store, "user", t, gap);
    EXPECT_EQ(Drain(*store->Fetch("user")),
              (std::vector<WindowedRow>{{"user", 0, 50, "2"}, {"user", 200, 300, "2"}}));
    ASSERT_TRUE(harness_->Commit().ok());
    Count(store, "user", 120, gap);  // bridges both sessions
    EXPECT_EQ(Drain(*store->Fetch("user")), (std::vector<WindowedRow>{{"user", 0, 300, "5"}}));
    ASSERT_TRUE(harness_->Commit().ok());
    EXPECT_EQ(emitted[std::make_pair(int64_t{0}, int64_t{300})], "5");
    EXPECT_EQ(emitted[std::make_pair(int64_t{0}, int64_t{50})], "<removed>");
    EXPECT_EQ(emitted[std::make_pair(int64_t{200}, int64_t{300})], "<removed>");
}

TEST_P(SessionStoreTest, RetentionByEnd) {
    SessionStore* store = Open(1000, 500);
    for (int64_t end = 0; end <= 5000; end += 500) {
        ASSERT_TRUE(store->Put("k", end - 10, end, std::to_string(end), end).ok());
    }
    // observed 5000, retention 1000: sessions ending before 4001 are gone.
    auto live = Drain(*store->FindSessions("k", kMin, kMax));
    ASSERT_EQ(live.size(), 2u);
    EXPECT_EQ(live[0].end, 4500);
    ValueAndTimestamp v;
    EXPECT_FALSE(*store->Get("k", 3990, 4000, &v));
    ASSERT_TRUE(store->Put("k", 2000, 3000, "late", 3000).ok());
    EXPECT_EQ(store->expired_writes(), 1u);
    EXPECT_EQ(Drain(*store->All()).size(), 2u);
    ASSERT_TRUE(harness_->Commit().ok());
    EXPECT_EQ(Drain(*store->FetchAllByEnd(0, kMax)).size(), 2u);
}

TEST_P(SessionStoreTest, ChangelogKeyIsKeyEndStart) {
    SessionStore* store = Open();
    ASSERT_TRUE(store->Put("abc", 10, 20, "v", 20).ok());
    ASSERT_TRUE(harness_->Commit().ok());
    auto records =
        harness_->broker().Read(harness_->Changelog("Aggregate-Aggregate-Materialize"), 1);
    ASSERT_EQ(records.size(), 1u);
    const std::string& k = *records[0].key;
    ASSERT_EQ(k.size(), 3u + 16u);
    EXPECT_EQ(k.substr(0, 3), "abc");
    EXPECT_EQ(DecodeBigEndian64(k.data() + 3), 20u);
    EXPECT_EQ(DecodeBigEndian64(k.data() + 11), 10u);
    EXPECT_EQ(*records[0].value, "v");
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace runnel::state

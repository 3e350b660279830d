// Changelog topics and restore, on the in-memory broker: topic names and configs, a clean restart
// that needs no restore, a restore after the local directory is deleted, replay of the tail after
// a crash, in-memory stores restoring on every open, window/session restore, and the wipe cases
// (checkpoint past the end, exactly-once after an unclean stop, layout change).

#include <gtest/gtest.h>

#include <filesystem>

#include "engine/kafka/memory/memory_admin.h"
#include "tests/unit/state/state_test_util.h"

namespace runnel::state {
namespace {

using testing::Backend;
using testing::Drain;
using testing::StateHarness;
using testing::WindowedRow;

const Backend kRocks{false, 1 << 20, "rocksdb"};
const Backend kRocksWriteThrough{false, 0, "rocksdb-wt"};
const Backend kMemory{true, 1 << 20, "memory"};

std::string Key(int i) { return "key" + std::to_string(i); }

void WriteKeys(KeyValueStore* store, int from, int to, const std::string& tag) {
    for (int i = from; i < to; ++i) {
        ASSERT_TRUE(store->Put(Key(i), tag + std::to_string(i), i).ok());
    }
}

void ExpectKeys(KeyValueStore* store, int from, int to, const std::string& tag) {
    ValueAndTimestamp v;
    for (int i = from; i < to; ++i) {
        auto found = store->Get(Key(i), &v);
        ASSERT_TRUE(found.ok());
        ASSERT_TRUE(*found) << Key(i);
        ASSERT_EQ(v.value, tag + std::to_string(i));
        ASSERT_EQ(v.timestamp, i);
    }
}

KeyValueStore* OpenKv(StateHarness& h, const std::string& name = "counts") {
    auto& m = h.Open();
    auto s = m.OpenKeyValueStore(name);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    Status r = m.Restore();
    EXPECT_TRUE(r.ok()) << r.ToString();
    return s.ok() ? *s : nullptr;
}

TEST(ChangelogNamesTest, ApplicationIdTopicNameAndConfigs) {
    EXPECT_EQ(ApplicationId("default_", "CTAS_T_3"), "_runnel_default__query_CTAS_T_3");
    EXPECT_EQ(ChangelogTopicName("_runnel_svc_query_Q1", "Aggregate-Materialize"),
              "_runnel_svc_query_Q1-Aggregate-Materialize-changelog");
    ChangelogTopicSpec kv{"t", 4, 1, false, 0};
    EXPECT_EQ(ChangelogTopicConfigs(kv),
              (std::map<std::string, std::string>{{"cleanup.policy", "compact"}}));
    ChangelogTopicSpec windowed{"t", 4, 1, true, 90000};
    EXPECT_EQ(ChangelogTopicConfigs(windowed),
              (std::map<std::string, std::string>{{"cleanup.policy", "compact,delete"},
                                                  {"retention.ms", "90000"}}));
}

// Records CreateTopic calls on the way to a MemoryAdmin.
class RecordingAdmin final : public kafka::Admin {
public:
    explicit RecordingAdmin(std::shared_ptr<kafka::MemoryBroker> b) : inner_(std::move(b)) {}
    Status CreateTopic(const std::string& name, int32_t partitions, int32_t replication,
                       const std::map<std::string, std::string>& configs) override {
        created[name] = configs;
        partitions_of[name] = partitions;
        return inner_.CreateTopic(name, partitions, replication, configs);
    }
    Status DeleteTopic(const std::string& name) override { return inner_.DeleteTopic(name); }
    Result<std::vector<kafka::TopicInfo>> ListTopics() override { return inner_.ListTopics(); }
    Result<kafka::TopicInfo> DescribeTopic(const std::string& name) override {
        return inner_.DescribeTopic(name);
    }
    Status Ping(int t) override { return inner_.Ping(t); }

    std::map<std::string, std::map<std::string, std::string>> created;
    std::map<std::string, int32_t> partitions_of;

private:
    kafka::MemoryAdmin inner_;
};

class RecordingFactory final : public kafka::ClientFactory {
public:
    explicit RecordingFactory(std::shared_ptr<kafka::MemoryBroker> b)
        : inner_(kafka::MakeMemoryClientFactory(b)), admin_(b) {}
    Result<std::unique_ptr<kafka::Consumer>> CreateConsumer(
        const kafka::ConsumerConfig& c) override {
        return inner_->CreateConsumer(c);
    }
    Result<std::unique_ptr<kafka::Producer>> CreateProducer(
        const kafka::ProducerConfig& c) override {
        return inner_->CreateProducer(c);
    }
    kafka::Admin& admin() override { return admin_; }
    std::string_view kind() const override { return "memory"; }
    RecordingAdmin& recording() { return admin_; }

private:
    std::unique_ptr<kafka::ClientFactory> inner_;
    RecordingAdmin admin_;
};

TEST(ChangelogTopicTest, ManagerCreatesOneTopicPerStoreWithItsPolicy) {
    auto broker = std::make_shared<kafka::MemoryBroker>();
    RecordingFactory factory(broker);
    auto producer = factory.CreateProducer({});
    ASSERT_TRUE(producer.ok());
    TaskStateParams p;
    p.config.in_memory = true;
    p.application_id = ApplicationId("svc", "CTAS_X_1");
    p.query_id = "CTAS_X_1";
    p.task_id = "0_2";
    p.partition = 2;
    p.changelog_partitions = 3;
    p.kafka = &factory;
    p.producer = producer->get();
    auto m = TaskStateManager::Create(p);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    ASSERT_TRUE((*m)->OpenKeyValueStore("KsqlTopic-Reduce").ok());
    WindowStoreOptions wo;
    wo.retention_ms = 3600000;
    wo.window_size_ms = 60000;
    ASSERT_TRUE((*m)->OpenWindowStore("Aggregate-Aggregate-Materialize", wo).ok());
    KeyValueStoreOptions unlogged;
    unlogged.logging = false;
    ASSERT_TRUE((*m)->OpenKeyValueStore("scratch", unlogged).ok());

    auto& created = factory.recording().created;
    ASSERT_EQ(created.size(), 2u) << "no topic for an unlogged store";
    const std::string kv = "_runnel_svc_query_CTAS_X_1-KsqlTopic-Reduce-changelog";
    const std::string win = "_runnel_svc_query_CTAS_X_1-Aggregate-Aggregate-Materialize-changelog";
    EXPECT_EQ(created[kv].at("cleanup.policy"), "compact");
    EXPECT_EQ(created[win].at("cleanup.policy"), "compact,delete");
    EXPECT_EQ(created[win].at("retention.ms"), std::to_string(3600000 + 24 * 3600 * 1000));
    EXPECT_EQ(factory.recording().partitions_of[kv], 3);
    EXPECT_TRUE(broker->DescribeTopic(kv).ok());

    // A second task of the same query finds the topic there.
    TaskStateParams p2 = p;
    p2.task_id = "0_0";
    p2.partition = 0;
    auto m2 = TaskStateManager::Create(p2);
    ASSERT_TRUE(m2.ok());
    EXPECT_TRUE((*m2)->OpenKeyValueStore("KsqlTopic-Reduce").ok());

    // An existing topic with too few partitions is refused.
    ASSERT_TRUE(broker->CreateTopic("_runnel_svc_query_CTAS_X_1-small-changelog", 1).ok());
    EXPECT_EQ((*m)->OpenKeyValueStore("small").status().code(), StatusCode::kInvalidArgument);
}

TEST(RestoreTest, CleanRestartWithTheDirectoryKeptNeedsNoRestore) {
    StateHarness h(kRocks);
    KeyValueStore* store = OpenKv(h);
    WriteKeys(store, 0, 1000, "v");
    ASSERT_TRUE(h.Commit().ok());
    h.Close(true);

    store = OpenKv(h);
    const auto& stats = h.manager().restore_stats();
    ASSERT_EQ(stats.size(), 1u);
    EXPECT_EQ(stats[0].records, 0u);
    EXPECT_EQ(stats[0].start_offset, 1000);
    EXPECT_EQ(stats[0].end_offset, 1000);
    ExpectKeys(store, 0, 1000, "v");
    // Writing on continues the changelog where it was.
    WriteKeys(store, 0, 10, "w");
    ASSERT_TRUE(h.Commit().ok());
    EXPECT_EQ(*h.broker().EndOffset(h.Changelog("counts"), 1), 1010);
}

TEST(RestoreTest, RestoresFromTheChangelogAfterTheLocalDirectoryIsDeleted) {
    StateHarness h(kRocks);
    KeyValueStore* store = OpenKv(h);
    WriteKeys(store, 0, 3000, "v");
    ASSERT_TRUE(h.Commit().ok());
    WriteKeys(store, 0, 1000, "w");  // overwrites: the changelog holds both versions
    ASSERT_TRUE(store->Put("", "", 7).ok());
    ASSERT_TRUE(store->Delete(Key(2999), 8).ok());
    ASSERT_TRUE(h.Commit().ok());
    h.Close(true);
    const std::string dir = h.Params().config.state_dir + "/CTAS_COUNTS_7/0_1/counts";
    ASSERT_TRUE(std::filesystem::exists(dir));
    std::filesystem::remove_all(h.state_dir());

    ::testing::internal::CaptureStderr();
    store = OpenKv(h);
    const std::string log = ::testing::internal::GetCapturedStderr();
    const auto& stats = h.manager().restore_stats();
    ASSERT_EQ(stats.size(), 1u);
    EXPECT_EQ(stats[0].records, 4002u);
    EXPECT_EQ(stats[0].start_offset, -1);
    EXPECT_EQ(stats[0].end_offset, 4002);
    EXPECT_TRUE(stats[0].reached_end);
    EXPECT_NE(log.find("restoring from " + h.Changelog("counts") + "[1] offsets 0..4002"),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("restored 4002 records"), std::string::npos) << log;

    ExpectKeys(store, 0, 1000, "w");
    ExpectKeys(store, 1000, 2999, "v");
    ValueAndTimestamp v;
    EXPECT_FALSE(*store->Get(Key(2999), &v)) << "the tombstone was restored";
    ASSERT_TRUE(*store->Get("", &v)) << "an empty key and value survive the changelog";
    EXPECT_EQ(v.value, "");
    EXPECT_TRUE(std::filesystem::exists(dir));

    // The restored store checkpoints at the changelog's end: a clean restart restores nothing.
    ASSERT_TRUE(h.Commit().ok());
    h.Close(true);
    OpenKv(h);
    EXPECT_EQ(h.manager().restore_stats().at(0).records, 0u);
}

TEST(RestoreTest, ACrashReplaysTheChangelogTailAfterTheCheckpoint) {
    StateHarness h(kRocksWriteThrough);
    KeyValueStore* store = OpenKv(h);
    WriteKeys(store, 0, 100, "v");
    ASSERT_TRUE(h.Commit().ok());
    // Written to the store and the changelog, but the task dies before its next checkpoint.
    WriteKeys(store, 0, 50, "w");
    h.Close(false);

    store = OpenKv(h);
    const auto& stats = h.manager().restore_stats();
    ASSERT_EQ(stats.size(), 1u);
    EXPECT_EQ(stats[0].start_offset, 100);
    EXPECT_EQ(stats[0].records, 50u);
    ExpectKeys(store, 0, 50, "w");
    ExpectKeys(store, 50, 100, "v");
}

TEST(RestoreTest, UnflushedCacheEntriesAreLostWithTheCrashNotHalfWritten) {
    StateHarness h(kRocks);
    KeyValueStore* store = OpenKv(h);
    WriteKeys(store, 0, 10, "v");
    ASSERT_TRUE(h.Commit().ok());
    WriteKeys(store, 0, 10, "lost");  // only in the cache: input offsets were not committed
    h.Close(false);
    store = OpenKv(h);
    ExpectKeys(store, 0, 10, "v");
    EXPECT_EQ(*h.broker().EndOffset(h.Changelog("counts"), 1), 10);
}

TEST(RestoreTest, InMemoryStoresRestoreOnEveryOpen) {
    StateHarness h(kMemory);
    KeyValueStore* store = OpenKv(h);
    WriteKeys(store, 0, 500, "v");
    ASSERT_TRUE(h.Commit().ok());
    h.Close(true);
    store = OpenKv(h);
    EXPECT_EQ(h.manager().restore_stats().at(0).records, 500u);
    ExpectKeys(store, 0, 500, "v");
    EXPECT_FALSE(store->persistent());
}

TEST(RestoreTest, WindowAndSessionStoresRestoreWithTheirTime) {
    for (const Backend& backend : {kRocks, kMemory}) {
        SCOPED_TRACE(backend.label);
        StateHarness h(backend);
        WindowStoreOptions wo;
        wo.retention_ms = 10000;
        wo.window_size_ms = 1000;
        SessionStoreOptions so;
        so.retention_ms = 10000;
        {
            auto& m = h.Open();
            WindowStore* w = *m.OpenWindowStore("win", wo);
            SessionStore* s = *m.OpenSessionStore("sess", so);
            ASSERT_TRUE(m.Restore().ok());
            ASSERT_TRUE(w->Put("k", 1000, "a", 1001).ok());
            ASSERT_TRUE(w->Put("k", 5000, "b", 5001).ok());
            ASSERT_TRUE(s->Put("u", 100, 900, "s", 900).ok());
            ASSERT_TRUE(h.Commit().ok());
            h.Close(true);
        }
        std::filesystem::remove_all(h.state_dir());
        auto& m = h.Open();
        WindowStore* w = *m.OpenWindowStore("win", wo);
        SessionStore* s = *m.OpenSessionStore("sess", so);
        ASSERT_TRUE(m.Restore().ok());
        EXPECT_EQ(m.restore_stats().size(), 2u);
        EXPECT_EQ(w->observed_stream_time(), 5000);
        EXPECT_EQ(s->observed_stream_time(), 900);
        EXPECT_EQ(Drain(*w->Fetch("k")),
                  (std::vector<WindowedRow>{{"k", 1000, 2000, "a"}, {"k", 5000, 6000, "b"}}));
        EXPECT_EQ(Drain(*s->FindSessions("u", 0, 1000)),
                  (std::vector<WindowedRow>{{"u", 100, 900, "s"}}));
        // The restored time drives retention: a window older than 5000 - 10000 + 1 is late.
        ASSERT_TRUE(w->Put("k", 15000, "c", 15000).ok());
        EXPECT_TRUE(Drain(*w->Fetch("k", 0, 5000)).empty());
    }
}

TEST(RestoreTest, ACheckpointPastTheChangelogEndWipesTheStore) {
    StateHarness h(kRocks);
    KeyValueStore* store = OpenKv(h);
    WriteKeys(store, 0, 20, "v");
    ASSERT_TRUE(h.Commit().ok());
    h.Close(true);
    // The changelog topic was deleted and re-created empty (e.g. by an operator).
    ASSERT_TRUE(h.broker().DeleteTopic(h.Changelog("counts")).ok());
    ASSERT_TRUE(h.broker().CreateTopic(h.Changelog("counts"), 2).ok());
    ASSERT_TRUE(h.broker()
                    .Produce(h.Changelog("counts"), std::string("key3"), std::string("x"), 3, {}, 1)
                    .ok());
    store = OpenKv(h);
    const auto& stats = h.manager().restore_stats();
    ASSERT_EQ(stats.size(), 1u);
    EXPECT_TRUE(stats[0].wiped);
    EXPECT_EQ(stats[0].records, 1u);
    auto all = Drain(*store->All());
    EXPECT_EQ(all, (std::vector<std::pair<std::string, std::string>>{{"key3", "x"}}));
}

TEST(RestoreTest, ExactlyOnceWipesStoresThatWereNotClosedCleanly) {
    StateHarness h(kRocks);
    h.set_exactly_once(true);
    KeyValueStore* store = OpenKv(h);
    WriteKeys(store, 0, 30, "v");
    ASSERT_TRUE(h.Commit().ok());
    h.Close(true);
    OpenKv(h);
    EXPECT_EQ(h.manager().restore_stats().at(0).records, 0u) << "clean close: kept";
    h.Close(false);
    store = OpenKv(h);
    EXPECT_EQ(h.manager().restore_stats().at(0).records, 30u) << "unclean: wiped and restored";
    EXPECT_EQ(h.manager().restore_stats().at(0).start_offset, -1);
    ExpectKeys(store, 0, 30, "v");
}

TEST(RestoreTest, AChangedLayoutWipesAndRestores) {
    StateHarness h(kRocks);
    WindowStoreOptions wo;
    wo.retention_ms = 100000;
    wo.window_size_ms = 1000;
    {
        auto& m = h.Open();
        WindowStore* w = *m.OpenWindowStore("win", wo);
        ASSERT_TRUE(m.Restore().ok());
        for (int i = 0; i < 10; ++i)
            ASSERT_TRUE(w->Put("k" + std::to_string(i), 1000, "v", 1).ok());
        ASSERT_TRUE(h.Commit().ok());
        h.Close(true);
    }
    wo.layout = WindowLayout::kTimeFirst;
    auto& m = h.Open();
    WindowStore* w = *m.OpenWindowStore("win", wo);
    ASSERT_TRUE(m.Restore().ok());
    EXPECT_EQ(m.restore_stats().at(0).records, 10u);
    EXPECT_EQ(Drain(*w->FetchAll(0, 5000)).size(), 10u);
}

TEST(RestoreTest, UnloggedStoresPersistLocallyOnly) {
    StateHarness h(kRocks);
    h.set_logging(false);
    KeyValueStore* store = OpenKv(h);
    WriteKeys(store, 0, 10, "v");
    ASSERT_TRUE(h.Commit().ok());
    h.Close(true);
    EXPECT_TRUE(h.broker().ListTopics().empty());
    store = OpenKv(h);
    EXPECT_TRUE(h.manager().restore_stats().empty());
    ExpectKeys(store, 0, 10, "v");
}

TEST(RestoreTest, AStoreOpenedAfterRestoreIsRestoredOnOpen) {
    StateHarness h(kMemory);
    KeyValueStore* store = OpenKv(h, "late");
    WriteKeys(store, 0, 5, "v");
    ASSERT_TRUE(h.Commit().ok());
    h.Close(true);
    auto& m = h.Open();
    ASSERT_TRUE(m.Restore().ok());
    auto s = m.OpenKeyValueStore("late");
    ASSERT_TRUE(s.ok());
    ExpectKeys(*s, 0, 5, "v");
}

TEST(RestoreTest, ReinitializeDropsLocalStateAndRestores) {
    StateHarness h(kRocks);
    KeyValueStore* store = OpenKv(h);
    WriteKeys(store, 0, 10, "v");
    ASSERT_TRUE(h.Commit().ok());
    WriteKeys(store, 0, 10, "cached");  // never flushed: gone after Reinitialize
    ASSERT_TRUE(h.manager().Reinitialize().ok());
    EXPECT_EQ(h.manager().restore_stats().at(0).records, 10u);
    ExpectKeys(store, 0, 10, "v");
}

TEST(RestoreTest, CheckpointBeforeRestoreIsAnError) {
    StateHarness h(kMemory);
    auto& m = h.Open();
    ASSERT_TRUE(m.OpenKeyValueStore("counts").ok());
    EXPECT_EQ(m.Checkpoint().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace runnel::state

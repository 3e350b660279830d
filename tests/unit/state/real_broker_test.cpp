// The changelog round trip against a real Kafka broker: topics created through the librdkafka
// Admin, changelog records produced by the librdkafka producer, and a restore through a
// librdkafka consumer after the local state directory is deleted. Runs when
// RUNNEL_TEST_BOOTSTRAP is set (e.g. 127.0.0.1:9092 from scripts/kafka.sh start); skipped
// otherwise.

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "engine/kafka/rdkafka/rdkafka_client_factory.h"
#include "tests/unit/state/state_test_util.h"

namespace runnel::state {
namespace {

using testing::Drain;
using testing::TempDir;
using testing::WindowedRow;

class RealBrokerStateTest : public ::testing::Test {
protected:
    void SetUp() override {
        const char* bootstrap = std::getenv("RUNNEL_TEST_BOOTSTRAP");
        if (bootstrap == nullptr || *bootstrap == '\0') {
            GTEST_SKIP() << "RUNNEL_TEST_BOOTSTRAP is not set (e.g. 127.0.0.1:9092 from "
                            "scripts/kafka.sh start); real-broker tests skipped";
        }
        auto factory = kafka::MakeRdKafkaClientFactory(bootstrap, {});
        ASSERT_TRUE(factory.ok()) << factory.status().ToString();
        factory_ = std::move(factory).value();
        ASSERT_TRUE(factory_->admin().Ping(10000).ok()) << "broker at " << bootstrap;
        auto producer = factory_->CreateProducer(kafka::ProducerConfig{});
        ASSERT_TRUE(producer.ok());
        producer_ = std::move(producer).value();
        query_id_ = "CTAS_STATE_TEST_" + std::to_string(getpid()) + "_" +
                    std::to_string(std::chrono::system_clock::now().time_since_epoch().count() %
                                   1000000000);
    }

    void TearDown() override {
        manager_.reset();
        if (!factory_) return;
        for (const char* store : {"counts", "windows"}) {
            Status s = factory_->admin().DeleteTopic(
                ChangelogTopicName(ApplicationId("test", query_id_), store));
            (void)s;
        }
    }

    TaskStateManager& Open() {
        TaskStateParams p;
        p.config.state_dir = dir_.path();
        p.config.cache_max_bytes = 1 << 20;
        p.application_id = ApplicationId("test", query_id_);
        p.query_id = query_id_;
        p.task_id = "0_1";
        p.partition = 1;
        p.changelog_partitions = 2;
        p.config.changelog_replication = 1;
        p.kafka = factory_.get();
        p.producer = producer_.get();
        auto m = TaskStateManager::Create(p);
        EXPECT_TRUE(m.ok()) << m.status().ToString();
        manager_ = std::move(m).value();
        return *manager_;
    }

    Status Commit() {
        RETURN_IF_ERROR(manager_->Flush());
        RETURN_IF_ERROR(producer_->Flush(15000));
        return manager_->Checkpoint();
    }

    TempDir dir_;
    std::unique_ptr<kafka::ClientFactory> factory_;
    std::unique_ptr<kafka::Producer> producer_;
    std::unique_ptr<TaskStateManager> manager_;
    std::string query_id_;
};

TEST_F(RealBrokerStateTest, RestoresFromTheBrokerAfterTheLocalDirectoryIsDeleted) {
    // Window times near now: the windowed changelog is compact,delete, and the broker deletes
    // records whose timestamps are older than its retention.ms.
    const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    const int64_t w1 = now - now % 60000;
    const int64_t w2 = w1 + 60000;
    WindowStoreOptions wo;
    wo.retention_ms = 3600000;
    wo.window_size_ms = 60000;
    {
        auto& m = Open();
        KeyValueStore* kv = *m.OpenKeyValueStore("counts");
        WindowStore* win = *m.OpenWindowStore("windows", wo);
        Status restored = m.Restore();
        ASSERT_TRUE(restored.ok()) << restored.ToString();
        for (int i = 0; i < 2000; ++i) {
            ASSERT_TRUE(kv->Put("k" + std::to_string(i), std::to_string(i), 1000 + i).ok());
        }
        ASSERT_TRUE(win->Put("w", w1, "one", w1 + 1).ok());
        ASSERT_TRUE(win->Put("w", w2, "two", w2 + 1).ok());
        Status s = Commit();
        ASSERT_TRUE(s.ok()) << s.ToString();
        for (int i = 0; i < 100; ++i) ASSERT_TRUE(kv->Put("k" + std::to_string(i), "x", 5000).ok());
        ASSERT_TRUE(kv->Delete("k1999", 5001).ok());
        s = Commit();
        ASSERT_TRUE(s.ok()) << s.ToString();
        ASSERT_TRUE(m.Close(true).ok());
    }
    auto info = factory_->admin().DescribeTopic(
        ChangelogTopicName(ApplicationId("test", query_id_), "counts"));
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    EXPECT_EQ(info->partitions, 2);

    std::filesystem::remove_all(dir_.path());
    auto& m = Open();
    KeyValueStore* kv = *m.OpenKeyValueStore("counts");
    WindowStore* win = *m.OpenWindowStore("windows", wo);
    Status s = m.Restore();
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_EQ(m.restore_stats().size(), 2u);
    EXPECT_EQ(m.restore_stats()[0].end_offset, 2101);
    EXPECT_TRUE(m.restore_stats()[0].reached_end);
    ValueAndTimestamp v;
    for (int i = 0; i < 1999; ++i) {
        ASSERT_TRUE(*kv->Get("k" + std::to_string(i), &v)) << i;
        ASSERT_EQ(v.value, i < 100 ? "x" : std::to_string(i));
    }
    EXPECT_FALSE(*kv->Get("k1999", &v));
    EXPECT_EQ(Drain(*win->Fetch("w")), (std::vector<WindowedRow>{{"w", w1, w1 + 60000, "one"},
                                                                 {"w", w2, w2 + 60000, "two"}}));
    EXPECT_TRUE(m.restore_stats()[1].reached_end);

    ASSERT_TRUE(Commit().ok());
    ASSERT_TRUE(m.Close(true).ok());
    auto& again = Open();
    ASSERT_TRUE(again.OpenKeyValueStore("counts").ok());
    ASSERT_TRUE(again.Restore().ok());
    EXPECT_EQ(again.restore_stats().at(0).records, 0u) << "clean restart: nothing to replay";
}

}  // namespace
}  // namespace runnel::state

// processing.guarantee=exactly_once_v2 on the in-memory broker with queries on their threads:
// the recovery paths. A zombie takes the query's transactional id (its producer is fenced): the
// query aborts, replaces its producer, rebuilds its state from the committed changelog, resumes
// at the committed offsets, and the committed output still counts every input exactly once.
// (Offsets refused for a stale group member are covered by memory_transaction_test: in memory
// mode a consumer that lost its group gets no records, so a query never gets that far.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "engine/api/engine_factory.h"
#include "engine/kafka/memory/memory_broker.h"
#include "engine/kafka/memory/memory_client_factory.h"

namespace runnel::api {
namespace {

using Clock = std::chrono::steady_clock;

class ExactlyOnceTest : public ::testing::Test {
protected:
    void SetUp() override {
        state_dir_ = std::filesystem::temp_directory_path() /
                     ("runnel-eos-test-" + std::to_string(getpid()) + "-" +
                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(state_dir_);
        broker_ = std::make_shared<kafka::MemoryBroker>();
        factory_ = kafka::MakeMemoryClientFactory(broker_);
        EngineConfig config;
        config.service_id = "eos_";
        config.state_dir = state_dir_.string();
        config.properties["ksql.streams.processing.guarantee"] = "exactly_once_v2";
        auto e = CreateEngine(config, kafka::MakeMemoryClientFactory(broker_));
        ASSERT_TRUE(e.ok()) << e.status().ToString();
        engine_ = std::move(e).value();
        Ok("CREATE STREAM clicks (id INT KEY, user STRING) WITH (KAFKA_TOPIC='clicks', "
           "VALUE_FORMAT='JSON', PARTITIONS=2);");
        auto r = engine_->Execute(
            "CREATE TABLE counts AS SELECT user, COUNT(*) AS n FROM clicks GROUP BY user;", {},
            {});
        ASSERT_FALSE(r.error) << r.error->message;
        query_id_ = *r.results.at(0).query_id;
    }

    void TearDown() override {
        if (engine_) engine_->Shutdown();
        engine_.reset();
        std::filesystem::remove_all(state_dir_);
    }

    void Ok(const std::string& sql) {
        auto r = engine_->Execute(sql, {}, {});
        ASSERT_FALSE(r.error) << sql << "\n" << r.error->message;
    }

    void ProduceClicks(int rounds) {
        for (int i = 0; i < rounds; ++i) {
            for (int u = 0; u < kUsers; ++u) {
                const std::string value = R"({"USER":"u)" + std::to_string(u) + R"("})";
                ASSERT_TRUE(broker_->Produce("clicks", std::nullopt, value, 1000 + i).ok());
            }
        }
    }

    // The latest committed count of every user in the sink; also checks that each user's
    // committed counts only ever grow by one (never repeat: no input counted twice).
    std::map<std::string, int> CommittedCounts() {
        std::map<std::string, int> latest;
        for (const auto& r : broker_->ReadCommitted("COUNTS")) {
            if (!r.key || !r.value) continue;
            const auto pos = r.value->find(':');
            const int n = std::stoi(r.value->substr(pos + 1));
            auto it = latest.find(*r.key);
            const int before = it == latest.end() ? 0 : it->second;
            EXPECT_GT(n, before) << "count of " << *r.key << " went from " << before << " to " << n;
            latest[*r.key] = n;
        }
        return latest;
    }

    bool WaitForCounts(int expected, int timeout_ms = 20000) {
        const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
        while (Clock::now() < deadline) {
            auto counts = CommittedCounts();
            bool done = counts.size() == static_cast<size_t>(kUsers);
            for (const auto& [user, n] : counts) done &= n == expected;
            if (done) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }

    std::string QueryState() {
        auto r = engine_->Execute("SHOW QUERIES;", {}, {});
        for (const auto& q : r.results.at(0).queries) {
            if (q.id == query_id_) return q.state;
        }
        return "MISSING";
    }

    std::string TransactionalId() {
        std::ifstream in(state_dir_ / "runnel-instance-id");
        std::string instance;
        std::getline(in, instance);
        EXPECT_FALSE(instance.empty());
        return "_runnel_eos__query_" + query_id_ + "-" + instance + "-tx";
    }

    static constexpr int kUsers = 5;
    std::filesystem::path state_dir_;
    std::shared_ptr<kafka::MemoryBroker> broker_;
    std::unique_ptr<kafka::ClientFactory> factory_;
    std::unique_ptr<Engine> engine_;
    std::string query_id_;
};

TEST_F(ExactlyOnceTest, CountsAreExactAndTheSinkIsWrittenInTransactions) {
    ProduceClicks(20);
    ASSERT_TRUE(WaitForCounts(20)) << "committed counts never reached 20";
    // Markers in the sink: it was written transactionally (high watermark > records).
    int64_t end = 0;
    for (int32_t p = 0; p < 2; ++p) end += *broker_->EndOffset("COUNTS", p);
    EXPECT_GT(end, static_cast<int64_t>(broker_->RecordCount("COUNTS")));
    EXPECT_EQ(QueryState(), "RUNNING");
}

TEST_F(ExactlyOnceTest, AFencedProducerIsReplacedAndNothingIsCountedTwice) {
    ProduceClicks(10);
    ASSERT_TRUE(WaitForCounts(10));
    // A zombie with the query's transactional id: the query's producer is fenced.
    kafka::ProducerConfig pc;
    pc.transactional_id = TransactionalId();
    auto zombie = factory_->CreateProducer(pc);
    ASSERT_TRUE(zombie.ok());
    ASSERT_TRUE((*zombie)->InitTransactions(1000).ok());
    ProduceClicks(10);
    ASSERT_TRUE(WaitForCounts(20)) << "the query did not recover from being fenced";
    EXPECT_EQ(QueryState(), "RUNNING");
    // The query's new producer fenced the zombie in turn.
    EXPECT_FALSE((*zombie)->BeginTransaction().ok());
    ProduceClicks(5);
    EXPECT_TRUE(WaitForCounts(25));
}

TEST_F(ExactlyOnceTest, RestartAfterAnUncleanStopRestoresTheCommittedState) {
    ProduceClicks(10);
    ASSERT_TRUE(WaitForCounts(10));
    engine_->Shutdown();
    engine_.reset();
    // As after a crash: the stores' clean-shutdown markers are gone, so exactly-once wipes
    // them and restores from the changelog.
    for (const auto& e : std::filesystem::recursive_directory_iterator(state_dir_)) {
        if (e.path().filename() == "RUNNEL_CLEAN_SHUTDOWN") std::filesystem::remove(e.path());
    }
    ProduceClicks(5);
    EngineConfig config;
    config.service_id = "eos_";
    config.state_dir = state_dir_.string();
    config.properties["ksql.streams.processing.guarantee"] = "exactly_once_v2";
    auto e = CreateEngine(config, kafka::MakeMemoryClientFactory(broker_));
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    engine_ = std::move(e).value();
    // Within 5 s: each changelog partition ends with a commit marker, which the restore must
    // see past (the consumer's position) rather than wait out its 10 s idle timeout.
    ASSERT_TRUE(WaitForCounts(15, 5000)) << "counts did not continue from the restored state";
}

}  // namespace
}  // namespace runnel::api

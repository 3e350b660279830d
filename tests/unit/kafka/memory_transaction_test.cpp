// Transactions on the in-memory broker: visibility to read_committed and read_uncommitted
// consumers, markers, the last stable offset, offsets committed with a transaction, zombie
// fencing by group membership and by transactional id, and misuse errors.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "engine/kafka/kafka.h"
#include "engine/kafka/memory/memory_broker.h"
#include "engine/kafka/memory/memory_client_factory.h"

namespace runnel::kafka {
namespace {

class MemoryTransactionTest : public ::testing::Test {
protected:
    void SetUp() override {
        broker_ = std::make_shared<MemoryBroker>();
        factory_ = MakeMemoryClientFactory(broker_);
        ASSERT_TRUE(broker_->CreateTopic("out", 2).ok());
        ASSERT_TRUE(broker_->CreateTopic("in", 1).ok());
    }

    std::unique_ptr<Producer> NewTransactional(const std::string& id) {
        ProducerConfig config;
        config.transactional_id = id;
        auto p = factory_->CreateProducer(config);
        EXPECT_TRUE(p.ok()) << p.status().ToString();
        return std::move(p).value();
    }

    std::unique_ptr<Consumer> NewConsumer(bool read_committed, const std::string& group = "") {
        ConsumerConfig config;
        config.group_id = group;
        config.read_committed = read_committed;
        auto c = factory_->CreateConsumer(config);
        EXPECT_TRUE(c.ok()) << c.status().ToString();
        return std::move(c).value();
    }

    static void Send(Producer& p, int32_t partition, const std::string& value) {
        Status st = p.Produce("out", partition, "k", 1, value.data(), value.size(), 1, nullptr);
        ASSERT_TRUE(st.ok()) << st.ToString();
    }

    // Values a fresh consumer reads from the beginning of "out" (all partitions), in
    // partition then offset order.
    std::vector<std::string> ReadAll(bool read_committed) {
        auto c = NewConsumer(read_committed);
        EXPECT_TRUE(c->Assign({{"out", 0, kOffsetBeginning}, {"out", 1, kOffsetBeginning}}).ok());
        std::map<std::pair<int32_t, int64_t>, std::string> seen;
        std::vector<RecordView> out;
        for (int i = 0; i < 5; ++i) {
            EXPECT_TRUE(c->Poll(out, 100, 10).ok());
            for (const auto& r : out) {
                seen[{r.partition, r.offset}] = std::string(r.value, r.value_size);
            }
        }
        std::vector<std::string> values;
        for (const auto& [where, v] : seen) values.push_back(v);
        return values;
    }

    std::shared_ptr<MemoryBroker> broker_;
    std::unique_ptr<ClientFactory> factory_;
};

using Values = std::vector<std::string>;

TEST_F(MemoryTransactionTest, RecordsBecomeVisibleToReadCommittedAtCommit) {
    auto p = NewTransactional("tx");
    ASSERT_TRUE(p->InitTransactions(1000).ok());
    ASSERT_TRUE(p->BeginTransaction().ok());
    Send(*p, 0, "a");
    Send(*p, 1, "b");
    Send(*p, 0, "c");

    EXPECT_EQ(ReadAll(/*read_committed=*/true), Values{});
    EXPECT_EQ(ReadAll(/*read_committed=*/false), (Values{"a", "c", "b"}));
    auto c = NewConsumer(/*read_committed=*/true);
    auto lso = c->EndOffsets({{"out", 0}, {"out", 1}}, 100);
    ASSERT_TRUE(lso.ok());
    EXPECT_EQ((*lso)[0].offset, 0);  // the last stable offset: the open transaction's start
    EXPECT_EQ((*lso)[1].offset, 0);
    EXPECT_EQ(*broker_->EndOffset("out", 0), 2);  // the high watermark

    ASSERT_TRUE(p->CommitTransaction(1000).ok());
    EXPECT_EQ(ReadAll(/*read_committed=*/true), (Values{"a", "c", "b"}));
    // The commit left a marker in each partition: it takes an offset, nobody reads it.
    EXPECT_EQ(*broker_->EndOffset("out", 0), 3);
    EXPECT_EQ(*broker_->EndOffset("out", 1), 2);
    EXPECT_EQ(broker_->RecordCount("out"), 3u);
    EXPECT_EQ(broker_->Read("out").size(), 3u);
    lso = c->EndOffsets({{"out", 0}, {"out", 1}}, 100);
    EXPECT_EQ((*lso)[0].offset, 3);
    EXPECT_EQ((*lso)[1].offset, 2);

    // A consumer's position moves past the trailing marker (how a restore knows it is done).
    ASSERT_TRUE(c->Assign({{"out", 1, kOffsetBeginning}}).ok());
    std::vector<RecordView> out;
    ASSERT_TRUE(c->Poll(out, 10, 10).ok());
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(c->Poll(out, 10, 10).ok());
    EXPECT_TRUE(out.empty());
    EXPECT_EQ(c->Assignment()[0].offset, 2);
}

TEST_F(MemoryTransactionTest, AbortedRecordsAreSkippedByReadCommitted) {
    auto p = NewTransactional("tx");
    ASSERT_TRUE(p->InitTransactions(1000).ok());
    ASSERT_TRUE(p->BeginTransaction().ok());
    Send(*p, 0, "dropped-1");
    Send(*p, 0, "dropped-2");
    ASSERT_TRUE(p->AbortTransaction(1000).ok());
    ASSERT_TRUE(p->BeginTransaction().ok());
    Send(*p, 0, "kept");
    ASSERT_TRUE(p->CommitTransaction(1000).ok());
    // Abort with nothing open is fine.
    EXPECT_TRUE(p->AbortTransaction(1000).ok());

    EXPECT_EQ(ReadAll(/*read_committed=*/true), Values{"kept"});
    EXPECT_EQ(ReadAll(/*read_committed=*/false), (Values{"dropped-1", "dropped-2", "kept"}));
    auto committed = broker_->ReadCommitted("out");
    ASSERT_EQ(committed.size(), 1u);
    EXPECT_EQ(*committed[0].value, "kept");
    EXPECT_EQ(committed[0].offset, 3);  // after two records and the abort marker
}

TEST_F(MemoryTransactionTest, OpenTransactionHoldsBackLaterRecordsOfItsPartition) {
    auto p = NewTransactional("tx");
    ASSERT_TRUE(p->InitTransactions(1000).ok());
    ASSERT_TRUE(p->BeginTransaction().ok());
    Send(*p, 0, "in-txn");
    ASSERT_TRUE(broker_->Produce("out", "k", "plain-0", 1, {}, 0).ok());
    ASSERT_TRUE(broker_->Produce("out", "k", "plain-1", 1, {}, 1).ok());
    // Partition 0 stops at the open transaction; partition 1 is not held back.
    EXPECT_EQ(ReadAll(/*read_committed=*/true), Values{"plain-1"});
    ASSERT_TRUE(p->CommitTransaction(1000).ok());
    EXPECT_EQ(ReadAll(/*read_committed=*/true), (Values{"in-txn", "plain-0", "plain-1"}));
}

TEST_F(MemoryTransactionTest, OffsetsAreCommittedWithTheTransactionOnly) {
    auto consumer = NewConsumer(/*read_committed=*/true, "app");
    ASSERT_TRUE(consumer->Subscribe({"in"}).ok());
    auto md = consumer->GroupMetadata();
    ASSERT_TRUE(md.ok()) << md.status().ToString();
    EXPECT_EQ(md->group_id, "app");
    EXPECT_FALSE(md->member_id.empty());

    auto p = NewTransactional("tx");
    ASSERT_TRUE(p->InitTransactions(1000).ok());
    ASSERT_TRUE(p->BeginTransaction().ok());
    Send(*p, 0, "x");
    ASSERT_TRUE(p->SendOffsetsToTransaction({{"in", 0, 5}}, *md, 1000).ok());
    EXPECT_EQ(broker_->Committed("app", "in", 0), kOffsetInvalid);
    ASSERT_TRUE(p->AbortTransaction(1000).ok());
    EXPECT_EQ(broker_->Committed("app", "in", 0), kOffsetInvalid);

    ASSERT_TRUE(p->BeginTransaction().ok());
    Send(*p, 0, "y");
    ASSERT_TRUE(p->SendOffsetsToTransaction({{"in", 0, 7}, {"in", 0, kOffsetInvalid}}, *md, 1000)
                    .ok());
    ASSERT_TRUE(p->CommitTransaction(1000).ok());
    EXPECT_EQ(broker_->Committed("app", "in", 0), 7);

    ConsumerGroupMetadata no_group;
    ASSERT_TRUE(p->BeginTransaction().ok());
    EXPECT_EQ(p->SendOffsetsToTransaction({{"in", 0, 8}}, no_group, 1000).code(),
              StatusCode::kInvalidArgument);
    EXPECT_EQ(p->SendOffsetsToTransaction({{"nope", 0, 8}}, *md, 1000).code(),
              StatusCode::kNotFound);
    EXPECT_TRUE(p->AbortTransaction(1000).ok());
}

TEST_F(MemoryTransactionTest, OffsetsOfAFencedGroupMemberFailTheCommit) {
    auto zombie = NewConsumer(/*read_committed=*/true, "app");
    ASSERT_TRUE(zombie->Subscribe({"in"}).ok());
    auto old_md = zombie->GroupMetadata();
    ASSERT_TRUE(old_md.ok());
    auto successor = NewConsumer(/*read_committed=*/true, "app");
    ASSERT_TRUE(successor->Subscribe({"in"}).ok());  // takes the group over

    auto p = NewTransactional("tx");
    ASSERT_TRUE(p->InitTransactions(1000).ok());
    ASSERT_TRUE(p->BeginTransaction().ok());
    Send(*p, 0, "zombie output");
    ASSERT_TRUE(p->SendOffsetsToTransaction({{"in", 0, 3}}, *old_md, 1000).ok());
    Status commit = p->CommitTransaction(1000);
    EXPECT_EQ(commit.code(), StatusCode::kIoError);
    EXPECT_NE(commit.message().find("fenced"), std::string::npos) << commit.message();
    ASSERT_TRUE(p->AbortTransaction(1000).ok());
    EXPECT_EQ(broker_->Committed("app", "in", 0), kOffsetInvalid);
    EXPECT_EQ(ReadAll(/*read_committed=*/true), Values{});

    // The current member's offsets commit.
    auto md = successor->GroupMetadata();
    ASSERT_TRUE(md.ok());
    ASSERT_TRUE(p->BeginTransaction().ok());
    ASSERT_TRUE(p->SendOffsetsToTransaction({{"in", 0, 3}}, *md, 1000).ok());
    ASSERT_TRUE(p->CommitTransaction(1000).ok());
    EXPECT_EQ(broker_->Committed("app", "in", 0), 3);
}

TEST_F(MemoryTransactionTest, NewProducerWithTheSameIdAbortsAndFencesTheOldOne) {
    auto old_producer = NewTransactional("tx");
    ASSERT_TRUE(old_producer->InitTransactions(1000).ok());
    ASSERT_TRUE(old_producer->BeginTransaction().ok());
    Send(*old_producer, 0, "left open");

    auto successor = NewTransactional("tx");
    ASSERT_TRUE(successor->InitTransactions(1000).ok());
    // The open transaction was aborted: readers are not held back, its record never shows.
    EXPECT_EQ(ReadAll(/*read_committed=*/true), Values{});
    ASSERT_TRUE(successor->BeginTransaction().ok());
    Send(*successor, 0, "new");
    ASSERT_TRUE(successor->CommitTransaction(1000).ok());
    EXPECT_EQ(ReadAll(/*read_committed=*/true), Values{"new"});

    // Every call of the fenced producer fails, abort included (it must be replaced).
    EXPECT_EQ(old_producer->Produce("out", 0, "k", 1, "v", 1, 1, nullptr).code(),
              StatusCode::kIoError);
    EXPECT_EQ(old_producer->CommitTransaction(1000).code(), StatusCode::kIoError);
    EXPECT_EQ(old_producer->AbortTransaction(1000).code(), StatusCode::kIoError);
    EXPECT_EQ(old_producer->BeginTransaction().code(), StatusCode::kIoError);
    old_producer.reset();  // destroying a fenced producer touches nothing
    EXPECT_EQ(ReadAll(/*read_committed=*/true), Values{"new"});
}

TEST_F(MemoryTransactionTest, DestroyingAProducerAbortsItsOpenTransaction) {
    {
        auto p = NewTransactional("tx");
        ASSERT_TRUE(p->InitTransactions(1000).ok());
        ASSERT_TRUE(p->BeginTransaction().ok());
        Send(*p, 1, "never");
    }
    auto c = NewConsumer(/*read_committed=*/true);
    auto lso = c->EndOffsets({{"out", 1}}, 100);
    ASSERT_TRUE(lso.ok());
    EXPECT_EQ((*lso)[0].offset, 2);  // the record and the abort marker
    EXPECT_EQ(ReadAll(/*read_committed=*/true), Values{});
}

TEST_F(MemoryTransactionTest, MisuseIsRefused) {
    auto p = NewTransactional("tx");
    EXPECT_EQ(p->BeginTransaction().code(), StatusCode::kInvalidArgument);  // before Init
    ASSERT_TRUE(p->InitTransactions(1000).ok());
    EXPECT_EQ(p->InitTransactions(1000).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(p->Produce("out", 0, "k", 1, "v", 1, 1, nullptr).code(),
              StatusCode::kInvalidArgument);  // outside a transaction
    EXPECT_EQ(p->CommitTransaction(1000).code(), StatusCode::kInvalidArgument);
    ASSERT_TRUE(p->BeginTransaction().ok());
    EXPECT_EQ(p->BeginTransaction().code(), StatusCode::kInvalidArgument);
    EXPECT_TRUE(p->CommitTransaction(1000).ok());  // an empty transaction

    // A consumer without a group has no group metadata.
    auto c = NewConsumer(/*read_committed=*/false);
    EXPECT_EQ(c->GroupMetadata().status().code(), StatusCode::kInvalidArgument);
    // Plain producers have no transactions.
    auto plain = factory_->CreateProducer(ProducerConfig{});
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ((*plain)->BeginTransaction().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace runnel::kafka

// The librdkafka clients. Tests against a real broker run when RUNNEL_TEST_BOOTSTRAP is set
// (e.g. 127.0.0.1:9092, as printed by scripts/kafka.sh start) and are skipped otherwise; the
// configuration and unreachable-broker tests always run. RDK_DEBUG=<librdkafka debug contexts>
// (e.g. cgrp,fetch) turns on librdkafka's debug log for the real-broker tests.

#include "engine/kafka/rdkafka/rdkafka_client_factory.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/common/log.h"
#include "engine/kafka/kafka.h"

namespace runnel::kafka {
namespace {

using Clock = std::chrono::steady_clock;

std::string Str(const char* p, size_t n) { return std::string(p, n); }

int64_t ElapsedMs(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// ---------------------------------------------------------------- no broker needed --

TEST(RdKafkaConfigTest, RejectsBadConfiguration) {
    EXPECT_EQ(MakeRdKafkaClientFactory("", {}).status().code(), StatusCode::kInvalidArgument);
    auto unknown = MakeRdKafkaClientFactory("127.0.0.1:1", {{"no.such.property", "1"}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(unknown.status().message().find("no.such.property"), std::string::npos);
    auto bad_value = MakeRdKafkaClientFactory("127.0.0.1:1", {{"linger.ms", "soon"}});
    EXPECT_EQ(bad_value.status().code(), StatusCode::kInvalidArgument);
}

TEST(RdKafkaConfigTest, FactoryAndClientsCreateWithoutContactingTheBroker) {
    auto factory = MakeRdKafkaClientFactory("127.0.0.1:1", {});
    ASSERT_TRUE(factory.ok()) << factory.status().ToString();
    EXPECT_EQ((*factory)->kind(), "kafka");
    ConsumerConfig cc;
    cc.group_id = "g";
    EXPECT_TRUE((*factory)->CreateConsumer(cc).ok());
    EXPECT_TRUE((*factory)->CreateProducer(ProducerConfig{}).ok());
    ProducerConfig tx;
    tx.transactional_id = "tx";
    EXPECT_TRUE((*factory)->CreateProducer(tx).ok());
    ConsumerConfig bad;
    bad.extra["auto.offset.reset"] = "sometimes";
    EXPECT_EQ((*factory)->CreateConsumer(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST(RdKafkaUnreachableTest, OperationsFailWithUnavailableWithinTheirTimeout) {
    // Port 1 on localhost: connections are refused.
    auto factory = MakeRdKafkaClientFactory("127.0.0.1:1", {{"message.timeout.ms", "1000"}});
    ASSERT_TRUE(factory.ok()) << factory.status().ToString();

    auto start = Clock::now();
    Status ping = (*factory)->admin().Ping(1500);
    const int64_t ping_ms = ElapsedMs(start);
    EXPECT_EQ(ping.code(), StatusCode::kUnavailable) << ping.ToString();
    EXPECT_NE(ping.message().find("127.0.0.1:1"), std::string::npos) << ping.message();
    EXPECT_LT(ping_ms, 4000);

    // The producer queues, then the delivery fails when message.timeout.ms passes.
    auto producer = (*factory)->CreateProducer(ProducerConfig{});
    ASSERT_TRUE(producer.ok());
    ASSERT_TRUE((*producer)->Produce("t", -1, "k", 1, "v", 1, 0, nullptr).ok());
    start = Clock::now();
    Status flush = (*producer)->Flush(5000);
    EXPECT_EQ(flush.code(), StatusCode::kUnavailable) << flush.ToString();
    EXPECT_LT(ElapsedMs(start), 5500);
    EXPECT_TRUE((*producer)->Flush(100).ok()) << "the error is reported once";

    // A consumer polls nothing, without an error, and closes promptly.
    ConsumerConfig cc;
    cc.group_id = "unreachable-group";
    auto consumer = (*factory)->CreateConsumer(cc);
    ASSERT_TRUE(consumer.ok());
    ASSERT_TRUE((*consumer)->Subscribe({"t"}).ok());
    std::vector<RecordView> out;
    EXPECT_TRUE((*consumer)->Poll(out, 10, 300).ok());
    EXPECT_TRUE(out.empty());
    auto end = (*consumer)->EndOffsets({{"t", 0}}, 500);
    EXPECT_FALSE(end.ok());
    start = Clock::now();
    (*consumer)->Close();
    EXPECT_LT(ElapsedMs(start), 15000);
}

// ---------------------------------------------------------------- real broker --

class RdKafkaBrokerTest : public ::testing::Test {
protected:
    void SetUp() override {
        const char* bootstrap = std::getenv("RUNNEL_TEST_BOOTSTRAP");
        if (bootstrap == nullptr || *bootstrap == '\0') {
            GTEST_SKIP() << "RUNNEL_TEST_BOOTSTRAP is not set (e.g. 127.0.0.1:9092 from "
                            "scripts/kafka.sh start); real-broker tests skipped";
        }
        std::map<std::string, std::string> dbg;
        if (const char* debug = std::getenv("RDK_DEBUG")) {
            SetLogLevel(LogLevel::kDebug);
            dbg = {{"debug", debug}, {"log_level", "7"}};
        }
        auto factory = MakeRdKafkaClientFactory(bootstrap, dbg);
        ASSERT_TRUE(factory.ok()) << factory.status().ToString();
        factory_ = std::move(factory).value();
        ASSERT_TRUE(factory_->admin().Ping(10000).ok()) << "broker at " << bootstrap;
        prefix_ = "runnel-kt-" + std::to_string(getpid()) + "-" +
                  std::to_string(std::chrono::system_clock::now().time_since_epoch().count() %
                                 1000000000) +
                  "-";
    }

    void TearDown() override {
        if (!factory_) return;
        for (const auto& t : created_) {
            Status s = factory_->admin().DeleteTopic(t);
            (void)s;  // may already be deleted by the test
        }
    }

    std::string NewTopic(const std::string& name, int32_t partitions) {
        const std::string topic = prefix_ + name;
        Status s = factory_->admin().CreateTopic(topic, partitions, 1, {});
        EXPECT_TRUE(s.ok()) << s.ToString();
        created_.push_back(topic);
        return topic;
    }

    std::unique_ptr<Consumer> NewConsumer(const std::string& group) {
        ConsumerConfig config;
        config.group_id = group;
        auto c = factory_->CreateConsumer(config);
        EXPECT_TRUE(c.ok()) << c.status().ToString();
        return std::move(c).value();
    }

    std::unique_ptr<Producer> NewProducer() {
        auto p = factory_->CreateProducer(ProducerConfig{});
        EXPECT_TRUE(p.ok()) << p.status().ToString();
        return std::move(p).value();
    }

    struct Seen {
        int32_t partition;
        int64_t offset;
        int64_t timestamp;
        std::optional<std::string> key;
        std::optional<std::string> value;
        std::vector<std::tuple<std::string, std::string, bool>> headers;
    };

    // Polls until n records arrived or the deadline passed.
    std::vector<Seen> PollN(Consumer& c, size_t n, int deadline_ms) {
        std::vector<Seen> seen;
        std::vector<RecordView> out;
        const auto deadline = Clock::now() + std::chrono::milliseconds(deadline_ms);
        while (seen.size() < n && Clock::now() < deadline) {
            Status s = c.Poll(out, 500, 200);
            EXPECT_TRUE(s.ok()) << s.ToString();
            for (const auto& r : out) {
                Seen x{r.partition, r.offset, r.timestamp, std::nullopt, std::nullopt, {}};
                if (r.key) x.key = Str(r.key, r.key_size);
                if (r.value) x.value = Str(r.value, r.value_size);
                for (size_t i = 0; i < r.header_count; ++i) {
                    const HeaderView& h = r.headers[i];
                    x.headers.emplace_back(std::string(h.key), std::string(h.value), h.value_null);
                }
                seen.push_back(std::move(x));
            }
        }
        return seen;
    }

    std::unique_ptr<ClientFactory> factory_;
    std::string prefix_;
    std::vector<std::string> created_;
};

TEST_F(RdKafkaBrokerTest, AdminCreateDescribeListDelete) {
    const std::string topic = NewTopic("admin", 3);
    Admin& admin = factory_->admin();
    EXPECT_EQ(admin.CreateTopic(topic, 3, 1, {}).code(), StatusCode::kAlreadyExists);
    auto info = admin.DescribeTopic(topic);
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    EXPECT_EQ(info->partitions, 3);
    EXPECT_EQ(info->replication, 1);
    auto list = admin.ListTopics();
    ASSERT_TRUE(list.ok());
    bool listed = false;
    for (const auto& t : *list) listed |= t.name == topic && t.partitions == 3;
    EXPECT_TRUE(listed);
    EXPECT_EQ(admin.CreateTopic(prefix_ + "bad", 0, 1, {}).code(), StatusCode::kInvalidArgument);
    ASSERT_TRUE(admin.CreateTopic(prefix_ + "compacted", 1, 1, {{"cleanup.policy", "compact"}})
                    .ok());
    created_.push_back(prefix_ + "compacted");
    EXPECT_EQ(admin.CreateTopic(prefix_ + "badcfg", 1, 1, {{"cleanup.policy", "sometimes"}}).code(),
              StatusCode::kInvalidArgument);

    ASSERT_TRUE(admin.DeleteTopic(topic).ok());
    EXPECT_EQ(admin.DescribeTopic(topic).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(admin.DeleteTopic(topic).code(), StatusCode::kNotFound);
    // Re-creating right after a delete works (the delete waited for metadata).
    EXPECT_TRUE(admin.CreateTopic(topic, 2, 1, {}).ok());
    EXPECT_EQ(admin.DescribeTopic(topic)->partitions, 2);
}

TEST_F(RdKafkaBrokerTest, ProduceSubscribeCommitAndResume) {
    const std::string topic = NewTopic("resume", 3);
    const std::string group = prefix_ + "group";
    constexpr int kRecords = 1000;
    const int64_t base_ts = 1700000000000;
    {
        auto p = NewProducer();
        for (int i = 0; i < kRecords; ++i) {
            const std::string key = "key-" + std::to_string(i);
            const std::string value = "value-" + std::to_string(i);
            Headers headers{{"seq", std::to_string(i), false}, {"none", "", true}};
            ASSERT_TRUE(p->Produce(topic, -1, key.data(), key.size(), value.data(), value.size(),
                                   base_ts + i, &headers)
                            .ok());
        }
        Status flush = p->Flush(30000);
        ASSERT_TRUE(flush.ok()) << flush.ToString();
    }

    auto c = NewConsumer(group);
    auto end = c->EndOffsets({{topic, 0}, {topic, 1}, {topic, 2}}, 10000);
    ASSERT_TRUE(end.ok()) << end.status().ToString();
    int64_t total = 0;
    for (const auto& tp : *end) total += tp.offset;
    EXPECT_EQ(total, kRecords);

    ASSERT_TRUE(c->Subscribe({topic}).ok());
    auto seen = PollN(*c, kRecords, 60000);
    ASSERT_EQ(seen.size(), static_cast<size_t>(kRecords));
    std::set<std::string> keys;
    std::map<int32_t, int64_t> next;
    std::map<int32_t, int64_t> last_offset;
    for (const auto& r : seen) {
        ASSERT_TRUE(r.key.has_value());
        ASSERT_TRUE(r.value.has_value());
        EXPECT_TRUE(keys.insert(*r.key).second) << "duplicate " << *r.key;
        // librdkafka's murmur2_random partitioner == the Java client's == DefaultPartition.
        EXPECT_EQ(r.partition, DefaultPartition(r.key->data(), r.key->size(), 3)) << *r.key;
        const int i = std::stoi(r.key->substr(4));
        EXPECT_EQ(*r.value, "value-" + std::to_string(i));
        EXPECT_EQ(r.timestamp, base_ts + i);
        ASSERT_EQ(r.headers.size(), 2u);
        EXPECT_EQ(r.headers[0], std::make_tuple(std::string("seq"), std::to_string(i), false));
        EXPECT_EQ(std::get<0>(r.headers[1]), "none");
        EXPECT_TRUE(std::get<2>(r.headers[1]));
        auto it = last_offset.find(r.partition);
        if (it != last_offset.end()) {
            EXPECT_GT(r.offset, it->second);
        }
        last_offset[r.partition] = r.offset;
        next[r.partition] = r.offset + 1;
    }
    std::vector<TopicPartition> commit;
    for (const auto& [partition, offset] : next) commit.push_back({topic, partition, offset});
    Status committed_status = c->Commit(commit);
    ASSERT_TRUE(committed_status.ok()) << committed_status.ToString();
    auto committed = c->Committed({{topic, 0}, {topic, 1}, {topic, 2}}, 10000);
    ASSERT_TRUE(committed.ok()) << committed.status().ToString();
    for (const auto& tp : *committed) {
        EXPECT_EQ(tp.offset, next.count(tp.partition) ? next[tp.partition] : kOffsetInvalid);
    }
    EXPECT_EQ(c->Assignment().size(), 3u);
    c->Close();

    // Same group again: it resumes at the committed offsets, so nothing is re-read...
    auto again = NewConsumer(group);
    ASSERT_TRUE(again->Subscribe({topic}).ok());
    std::vector<RecordView> out;
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    size_t reread = 0;
    while (again->Assignment().size() < 3 && Clock::now() < deadline) {
        ASSERT_TRUE(again->Poll(out, 100, 200).ok());
        reread += out.size();
    }
    ASSERT_EQ(again->Assignment().size(), 3u) << "group join did not complete";
    for (int i = 0; i < 10; ++i) {
        ASSERT_TRUE(again->Poll(out, 100, 100).ok());
        reread += out.size();
    }
    EXPECT_EQ(reread, 0u);
    // ...but it does read what arrives after the commit.
    {
        auto p = NewProducer();
        for (int i = 0; i < 10; ++i) {
            const std::string key = "late-" + std::to_string(i);
            ASSERT_TRUE(p->Produce(topic, -1, key.data(), key.size(), "v", 1, base_ts, nullptr)
                            .ok());
        }
        ASSERT_TRUE(p->Flush(10000).ok());
    }
    auto late = PollN(*again, 10, 20000);
    ASSERT_EQ(late.size(), 10u);
    for (const auto& r : late) EXPECT_EQ(r.key->rfind("late-", 0), 0u) << *r.key;
    again->Close();
}

TEST_F(RdKafkaBrokerTest, NullKeysTombstonesAndEmptiesRoundTrip) {
    const std::string topic = NewTopic("nulls", 1);
    auto p = NewProducer();
    ASSERT_TRUE(p->Produce(topic, -1, nullptr, 0, "no-key", 6, 0, nullptr).ok());
    ASSERT_TRUE(p->Produce(topic, -1, "dead", 4, nullptr, 0, 1700000000001, nullptr).ok());
    ASSERT_TRUE(p->Produce(topic, -1, "", 0, "", 0, 1700000000002, nullptr).ok());
    Headers empty_header{{"e", "", false}};
    ASSERT_TRUE(p->Produce(topic, 0, "h", 1, "v", 1, 1700000000003, &empty_header).ok());
    ASSERT_TRUE(p->Flush(10000).ok());

    auto c = NewConsumer("");  // no group: manual assignment only
    ASSERT_TRUE(c->Assign({{topic, 0, kOffsetBeginning}}).ok());
    auto seen = PollN(*c, 4, 20000);
    ASSERT_EQ(seen.size(), 4u);
    EXPECT_FALSE(seen[0].key.has_value());
    EXPECT_EQ(seen[0].value, "no-key");
    EXPECT_GT(seen[0].timestamp, 0) << "timestamp 0 means now for librdkafka";
    EXPECT_EQ(seen[1].key, "dead");
    EXPECT_FALSE(seen[1].value.has_value()) << "tombstone";
    EXPECT_EQ(seen[1].timestamp, 1700000000001);
    ASSERT_TRUE(seen[2].key.has_value()) << "empty key is not a null key";
    EXPECT_EQ(*seen[2].key, "");
    ASSERT_TRUE(seen[2].value.has_value()) << "empty value is not a tombstone";
    EXPECT_EQ(*seen[2].value, "");
    ASSERT_EQ(seen[3].headers.size(), 1u);
    EXPECT_EQ(seen[3].headers[0], std::make_tuple(std::string("e"), std::string(""), false));
    EXPECT_EQ(c->Commit({{topic, 0, 4}}).code(), StatusCode::kInvalidArgument) << "no group";
    c->Close();
}

TEST_F(RdKafkaBrokerTest, AssignOffsetsAndEndOffsets) {
    const std::string topic = NewTopic("assign", 2);
    auto p = NewProducer();
    for (int i = 0; i < 10; ++i) {
        const std::string v = std::to_string(i);
        ASSERT_TRUE(p->Produce(topic, i % 2, "k", 1, v.data(), v.size(), 0, nullptr).ok());
    }
    ASSERT_TRUE(p->Flush(10000).ok());

    const std::string group = prefix_ + "assign-group";
    auto c = NewConsumer(group);
    auto end = c->EndOffsets({{topic, 0}, {topic, 1}}, 10000);
    ASSERT_TRUE(end.ok());
    EXPECT_EQ((*end)[0].offset, 5);
    EXPECT_EQ((*end)[1].offset, 5);
    EXPECT_FALSE(c->EndOffsets({{prefix_ + "missing", 0}}, 3000).ok());

    // Explicit offset 3 on partition 0 (values 6, 8), end on partition 1 (only new records).
    ASSERT_TRUE(c->Assign({{topic, 0, 3}, {topic, 1, kOffsetEnd}}).ok());
    auto seen = PollN(*c, 2, 20000);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].value, "6");
    EXPECT_EQ(seen[1].value, "8");
    // kOffsetEnd is resolved asynchronously (a ListOffsets request, retried after 500 ms while
    // the consumer has no leader metadata yet): give it time before producing.
    EXPECT_TRUE(PollN(*c, 1, 1500).empty());
    ASSERT_TRUE(p->Produce(topic, 1, "k", 1, "new", 3, 0, nullptr).ok());
    ASSERT_TRUE(p->Flush(10000).ok());
    seen = PollN(*c, 1, 20000);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].partition, 1);
    EXPECT_EQ(seen[0].value, "new");
    EXPECT_EQ(seen[0].offset, 5);

    // Commit with a manual assignment, then kOffsetStored resumes there.
    ASSERT_TRUE(c->Commit({{topic, 0, 4}, {topic, 1, 6}}).ok());
    c->Close();
    auto resumed = NewConsumer(group);
    ASSERT_TRUE(resumed->Assign({{topic, 0, kOffsetStored}, {topic, 1, kOffsetStored}}).ok());
    seen = PollN(*resumed, 1, 20000);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].value, "8");
    EXPECT_TRUE(PollN(*resumed, 1, 1000).empty());
    EXPECT_EQ(resumed->Subscribe({topic}).code(), StatusCode::kOk);
    EXPECT_EQ(resumed->Assign({{topic, 0, 0}}).code(), StatusCode::kInvalidArgument);
    resumed->Close();
}

// ------------------------------------------------------------- transactions (real broker) --

class RdKafkaTransactionTest : public RdKafkaBrokerTest {
protected:
    std::unique_ptr<Producer> NewTransactional(const std::string& id) {
        ProducerConfig config;
        config.transactional_id = prefix_ + id;
        auto p = factory_->CreateProducer(config);
        EXPECT_TRUE(p.ok()) << p.status().ToString();
        return std::move(p).value();
    }

    std::unique_ptr<Consumer> NewReader(bool read_committed) {
        ConsumerConfig config;
        config.read_committed = read_committed;
        auto c = factory_->CreateConsumer(config);
        EXPECT_TRUE(c.ok()) << c.status().ToString();
        return std::move(c).value();
    }

    // Values in partition 0 of `topic`, read from the beginning until `quiet_ms` pass without
    // a record.
    std::vector<std::string> ReadValues(const std::string& topic, bool read_committed,
                                        int64_t* position = nullptr, int quiet_ms = 1500) {
        auto c = NewReader(read_committed);
        EXPECT_TRUE(c->Assign({{topic, 0, kOffsetBeginning}}).ok());
        std::vector<std::string> values;
        std::vector<RecordView> out;
        auto last = Clock::now();
        while (ElapsedMs(last) < quiet_ms) {
            EXPECT_TRUE(c->Poll(out, 100, 100).ok());
            if (!out.empty()) last = Clock::now();
            for (const auto& r : out) values.emplace_back(r.value, r.value_size);
        }
        if (position != nullptr) *position = c->Assignment().at(0).offset;
        c->Close();
        return values;
    }
};

using Values = std::vector<std::string>;

TEST_F(RdKafkaTransactionTest, CommitAbortAndOffsetsInTheTransaction) {
    const std::string in = NewTopic("tx-in", 1);
    const std::string out = NewTopic("tx-out", 1);
    const std::string group = prefix_ + "tx-group";
    {
        auto plain = NewProducer();
        for (int i = 0; i < 3; ++i) {
            ASSERT_TRUE(plain->Produce(in, 0, "k", 1, "in", 2, 0, nullptr).ok());
        }
        ASSERT_TRUE(plain->Flush(10000).ok());
    }
    ConsumerConfig cc;
    cc.group_id = group;
    cc.read_committed = true;
    auto input = factory_->CreateConsumer(cc);
    ASSERT_TRUE(input.ok());
    ASSERT_TRUE((*input)->Subscribe({in}).ok());
    ASSERT_EQ(PollN(**input, 3, 30000).size(), 3u);
    auto md = (*input)->GroupMetadata();
    ASSERT_TRUE(md.ok()) << md.status().ToString();
    EXPECT_EQ(md->group_id, group);
    EXPECT_FALSE(md->opaque.empty());
    EXPECT_FALSE(md->member_id.empty());

    auto tx = NewTransactional("tx");
    Status st = tx->InitTransactions(30000);
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_FALSE(tx->Produce(out, 0, "k", 1, "outside", 7, 0, nullptr).ok())
        << "no produce outside a transaction";

    // Committed: the records and the input offsets, together.
    ASSERT_TRUE(tx->BeginTransaction().ok());
    ASSERT_TRUE(tx->Produce(out, 0, "k", 1, "one", 3, 0, nullptr).ok());
    ASSERT_TRUE(tx->Produce(out, 0, "k", 1, "two", 3, 0, nullptr).ok());
    st = tx->SendOffsetsToTransaction({{in, 0, 3}}, *md, 30000);
    ASSERT_TRUE(st.ok()) << st.ToString();
    st = tx->CommitTransaction(30000);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto committed = (*input)->Committed({{in, 0}}, 10000);
    ASSERT_TRUE(committed.ok());
    EXPECT_EQ((*committed)[0].offset, 3);

    // Aborted: neither the record nor the offset.
    ASSERT_TRUE(tx->BeginTransaction().ok());
    ASSERT_TRUE(tx->Produce(out, 0, "k", 1, "aborted", 7, 0, nullptr).ok());
    ASSERT_TRUE(tx->Flush(10000).ok());  // written to the log before the abort
    ASSERT_TRUE(tx->SendOffsetsToTransaction({{in, 0, 1000}}, *md, 30000).ok());
    st = tx->AbortTransaction(30000);
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_TRUE(tx->AbortTransaction(1000).ok()) << "nothing open: a no-op";
    committed = (*input)->Committed({{in, 0}}, 10000);
    EXPECT_EQ((*committed)[0].offset, 3);

    ASSERT_TRUE(tx->BeginTransaction().ok());
    ASSERT_TRUE(tx->Produce(out, 0, "k", 1, "three", 5, 0, nullptr).ok());
    ASSERT_TRUE(tx->CommitTransaction(30000).ok());

    int64_t position = 0;
    EXPECT_EQ(ReadValues(out, /*read_committed=*/true, &position),
              (Values{"one", "two", "three"}));
    EXPECT_EQ(ReadValues(out, /*read_committed=*/false), (Values{"one", "two", "aborted", "three"}));
    // Markers take offsets: 4 records + 3 markers. A read_committed reader's position ends past
    // the last marker, at the end offset (what tells a changelog restore it is done).
    auto reader = NewReader(true);
    auto end = reader->EndOffsets({{out, 0}}, 10000);
    ASSERT_TRUE(end.ok());
    EXPECT_EQ((*end)[0].offset, 7);
    EXPECT_EQ(position, 7);
    (*input)->Close();
}

TEST_F(RdKafkaTransactionTest, ANewProducerWithTheSameIdAbortsAndFencesTheOldOne) {
    const std::string out = NewTopic("tx-fence", 1);
    auto old_producer = NewTransactional("fence");
    ASSERT_TRUE(old_producer->InitTransactions(30000).ok());
    ASSERT_TRUE(old_producer->BeginTransaction().ok());
    ASSERT_TRUE(old_producer->Produce(out, 0, "k", 1, "zombie", 6, 0, nullptr).ok());
    ASSERT_TRUE(old_producer->Flush(10000).ok());

    auto successor = NewTransactional("fence");
    Status st = successor->InitTransactions(30000);
    ASSERT_TRUE(st.ok()) << st.ToString();
    ASSERT_TRUE(successor->BeginTransaction().ok());
    ASSERT_TRUE(successor->Produce(out, 0, "k", 1, "live", 4, 0, nullptr).ok());
    ASSERT_TRUE(successor->CommitTransaction(30000).ok());

    Status commit = old_producer->CommitTransaction(10000);
    EXPECT_EQ(commit.code(), StatusCode::kIoError) << commit.ToString();
    Status abort = old_producer->AbortTransaction(10000);
    EXPECT_FALSE(abort.ok()) << "a fenced producer cannot go on";
    EXPECT_NE(abort.message().find("fatal"), std::string::npos) << abort.ToString();
    old_producer.reset();
    EXPECT_EQ(ReadValues(out, /*read_committed=*/true), Values{"live"});
}

}  // namespace
}  // namespace runnel::kafka

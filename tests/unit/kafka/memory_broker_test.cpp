// MemoryBroker and its clients: topics, partitioning, produce/consume, commits and resume,
// manual assignment, end offsets, headers, tombstones, waiting and group fencing.

#include "engine/kafka/memory/memory_broker.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/kafka/kafka.h"
#include "engine/kafka/memory/memory_client_factory.h"

namespace runnel::kafka {
namespace {

std::string Str(const char* p, size_t n) { return std::string(p, n); }

class MemoryBrokerTest : public ::testing::Test {
protected:
    void SetUp() override {
        broker_ = std::make_shared<MemoryBroker>();
        factory_ = MakeMemoryClientFactory(broker_);
    }

    std::unique_ptr<Consumer> NewConsumer(const std::string& group,
                                          const std::string& reset = "earliest") {
        ConsumerConfig config;
        config.group_id = group;
        config.auto_offset_reset = reset;
        auto c = factory_->CreateConsumer(config);
        EXPECT_TRUE(c.ok()) << c.status().ToString();
        return std::move(c).value();
    }

    std::unique_ptr<Producer> NewProducer() {
        auto p = factory_->CreateProducer(ProducerConfig{});
        EXPECT_TRUE(p.ok()) << p.status().ToString();
        return std::move(p).value();
    }

    void ProduceKeyed(Producer& p, const std::string& topic, const std::string& key,
                      const std::string& value, int64_t ts = 1000) {
        ASSERT_TRUE(p.Produce(topic, -1, key.data(), key.size(), value.data(), value.size(), ts,
                              nullptr)
                        .ok());
    }

    // Polls until `n` records were seen or the deadline passes; copies them out.
    struct Seen {
        std::string topic;
        int32_t partition;
        int64_t offset;
        std::string key;
        std::string value;
    };
    std::vector<Seen> PollN(Consumer& c, size_t n, int deadline_ms = 2000, size_t max = 100) {
        std::vector<Seen> seen;
        std::vector<RecordView> out;
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(deadline_ms);
        while (seen.size() < n && std::chrono::steady_clock::now() < deadline) {
            EXPECT_TRUE(c.Poll(out, max, 50).ok());
            for (const auto& r : out) {
                seen.push_back(Seen{*r.topic, r.partition, r.offset,
                                    r.key ? Str(r.key, r.key_size) : "<null>",
                                    r.value ? Str(r.value, r.value_size) : "<null>"});
            }
        }
        return seen;
    }

    std::shared_ptr<MemoryBroker> broker_;
    std::unique_ptr<ClientFactory> factory_;
};

TEST_F(MemoryBrokerTest, TopicAdministration) {
    Admin& admin = factory_->admin();
    EXPECT_EQ(factory_->kind(), "memory");
    ASSERT_TRUE(admin.CreateTopic("orders", 3, 1, {{"cleanup.policy", "compact"}}).ok());
    EXPECT_EQ(admin.CreateTopic("orders", 3, 1, {}).code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(admin.CreateTopic("bad name", 1, 1, {}).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(admin.CreateTopic("", 1, 1, {}).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(admin.CreateTopic("zero", 0, 1, {}).code(), StatusCode::kInvalidArgument);
    ASSERT_TRUE(admin.CreateTopic("defaulted", -1, -1, {}).ok());

    auto d = admin.DescribeTopic("orders");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->partitions, 3);
    EXPECT_EQ(d->replication, 1);
    EXPECT_EQ(admin.DescribeTopic("defaulted")->partitions, 1);
    EXPECT_EQ(admin.DescribeTopic("nope").status().code(), StatusCode::kNotFound);

    auto list = admin.ListTopics();
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].name, "defaulted");
    EXPECT_EQ((*list)[1].name, "orders");

    EXPECT_TRUE(admin.DeleteTopic("orders").ok());
    EXPECT_EQ(admin.DeleteTopic("orders").code(), StatusCode::kNotFound);
    EXPECT_EQ(admin.DescribeTopic("orders").status().code(), StatusCode::kNotFound);
    EXPECT_TRUE(admin.Ping(10).ok());
}

TEST_F(MemoryBrokerTest, ProducerPartitionsByKeyAndRoundRobinsNullKeys) {
    ASSERT_TRUE(broker_->CreateTopic("t", 4).ok());
    auto p = NewProducer();
    for (int i = 0; i < 50; ++i) ProduceKeyed(*p, "t", "key-" + std::to_string(i), "v");
    for (int i = 0; i < 8; ++i) {
        ASSERT_TRUE(p->Produce("t", -1, nullptr, 0, "x", 1, 5, nullptr).ok());
    }
    ASSERT_TRUE(p->Flush(1000).ok());
    int null_keys_per_partition[4] = {0, 0, 0, 0};
    for (const auto& r : broker_->Read("t")) {
        if (r.key) {
            EXPECT_EQ(r.partition, DefaultPartition(r.key->data(), r.key->size(), 4)) << *r.key;
        } else {
            ++null_keys_per_partition[r.partition];
        }
    }
    for (int n : null_keys_per_partition) EXPECT_EQ(n, 2);
    EXPECT_EQ(broker_->RecordCount("t"), 58u);

    // Explicit partition, and errors.
    ASSERT_TRUE(p->Produce("t", 2, "k", 1, "v", 1, 7, nullptr).ok());
    EXPECT_EQ(broker_->Read("t", 2).back().key, "k");
    EXPECT_EQ(p->Produce("t", 4, "k", 1, "v", 1, 7, nullptr).code(), StatusCode::kNotFound);
    EXPECT_EQ(p->Produce("missing", -1, "k", 1, "v", 1, 7, nullptr).code(), StatusCode::kNotFound);
    EXPECT_EQ(broker_->Produce("missing", "k", "v").status().code(), StatusCode::kNotFound);
}

TEST_F(MemoryBrokerTest, RecordsKeepTimestampsHeadersNullsAndEmpties) {
    ASSERT_TRUE(broker_->CreateTopic("t", 1).ok());
    auto p = NewProducer();
    Headers headers{{"trace", "abc", false}, {"nothing", "", true}, {"empty", "", false}};
    ASSERT_TRUE(p->Produce("t", -1, "k1", 2, "v1", 2, 1234, &headers).ok());
    ASSERT_TRUE(p->Produce("t", -1, "k2", 2, nullptr, 0, 1235, nullptr).ok());  // tombstone
    ASSERT_TRUE(p->Produce("t", -1, nullptr, 0, "v3", 2, -5, nullptr).ok());    // null key
    ASSERT_TRUE(p->Produce("t", -1, "", 0, "", 0, 1237, nullptr).ok());          // empty both

    auto c = NewConsumer("g");
    ASSERT_TRUE(c->Subscribe({"t"}).ok());
    std::vector<RecordView> out;
    ASSERT_TRUE(c->Poll(out, 10, 100).ok());
    ASSERT_EQ(out.size(), 4u);

    EXPECT_EQ(*out[0].topic, "t");
    EXPECT_EQ(out[0].timestamp, 1234);
    ASSERT_EQ(out[0].header_count, 3u);
    EXPECT_EQ(out[0].headers[0].key, "trace");
    EXPECT_EQ(out[0].headers[0].value, "abc");
    EXPECT_FALSE(out[0].headers[0].value_null);
    EXPECT_EQ(out[0].headers[1].key, "nothing");
    EXPECT_TRUE(out[0].headers[1].value_null);
    EXPECT_FALSE(out[0].headers[2].value_null);
    EXPECT_EQ(out[0].headers[2].value, "");

    EXPECT_EQ(Str(out[1].key, out[1].key_size), "k2");
    EXPECT_EQ(out[1].value, nullptr);  // tombstone
    EXPECT_EQ(out[1].header_count, 0u);
    EXPECT_EQ(out[1].headers, nullptr);

    EXPECT_EQ(out[2].key, nullptr);  // null key
    EXPECT_EQ(out[2].timestamp, 0);  // negative stored as 0

    ASSERT_NE(out[3].key, nullptr);  // empty, not null
    EXPECT_EQ(out[3].key_size, 0u);
    ASSERT_NE(out[3].value, nullptr);
    EXPECT_EQ(out[3].value_size, 0u);

    // The broker's own view agrees.
    auto records = broker_->Read("t");
    ASSERT_EQ(records.size(), 4u);
    EXPECT_FALSE(records[1].value.has_value());
    EXPECT_FALSE(records[2].key.has_value());
    EXPECT_EQ(records[0].headers.size(), 3u);
}

TEST_F(MemoryBrokerTest, PollRoundRobinsPartitionsInOffsetOrder) {
    ASSERT_TRUE(broker_->CreateTopic("t", 3).ok());
    for (int p = 0; p < 3; ++p) {
        for (int i = 0; i < 4; ++i) {
            ASSERT_TRUE(broker_->Produce("t", "k", std::to_string(p * 10 + i), 0, {}, p).ok());
        }
    }
    auto c = NewConsumer("g");
    ASSERT_TRUE(c->Subscribe({"t"}).ok());
    std::vector<RecordView> out;
    // max smaller than the partition count: successive polls still cover every partition.
    std::map<int32_t, int> first_two_polls;
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(c->Poll(out, 2, 100).ok());
        ASSERT_EQ(out.size(), 2u);
        for (const auto& r : out) ++first_two_polls[r.partition];
    }
    EXPECT_EQ(first_two_polls.size(), 3u) << "all partitions served within two polls of 2";
    // One per partition per turn: the next 6 records have each partition twice.
    ASSERT_TRUE(c->Poll(out, 6, 100).ok());
    ASSERT_EQ(out.size(), 6u);
    std::map<int32_t, int> counts;
    for (const auto& r : out) ++counts[r.partition];
    for (const auto& [p, n] : counts) EXPECT_EQ(n, 2) << "partition " << p;
    // Offsets increase within each partition over the whole stream.
    ASSERT_TRUE(c->Poll(out, 100, 100).ok());
    EXPECT_EQ(out.size(), 2u);
    auto c2 = NewConsumer("other");
    ASSERT_TRUE(c2->Subscribe({"t"}).ok());
    auto all = PollN(*c2, 12, 2000, 5);
    ASSERT_EQ(all.size(), 12u);
    std::map<int32_t, int64_t> last;
    for (const auto& r : all) {
        auto it = last.find(r.partition);
        const int64_t expected = it == last.end() ? 0 : it->second + 1;
        EXPECT_EQ(r.offset, expected);
        EXPECT_EQ(r.value, std::to_string(r.partition * 10 + r.offset));
        last[r.partition] = r.offset;
    }
}

TEST_F(MemoryBrokerTest, CommitAndResumeFromCommitted) {
    ASSERT_TRUE(broker_->CreateTopic("t", 2).ok());
    auto p = NewProducer();
    for (int i = 0; i < 20; ++i) ProduceKeyed(*p, "t", "k" + std::to_string(i), std::to_string(i));

    std::set<std::string> values;
    {
        auto c = NewConsumer("g");
        ASSERT_TRUE(c->Subscribe({"t"}).ok());
        std::vector<RecordView> out;
        ASSERT_TRUE(c->Poll(out, 8, 100).ok());
        ASSERT_EQ(out.size(), 8u);
        std::map<int32_t, int64_t> next;
        for (const auto& r : out) {
            values.insert(Str(r.value, r.value_size));
            next[r.partition] = r.offset + 1;
        }
        std::vector<TopicPartition> commit;
        for (const auto& [part, off] : next) commit.push_back({"t", part, off});
        ASSERT_TRUE(c->Commit(commit).ok());
        auto committed = c->Committed({{"t", 0}, {"t", 1}}, 1000);
        ASSERT_TRUE(committed.ok());
        for (const auto& tp : *committed) EXPECT_EQ(tp.offset, next[tp.partition]);
        EXPECT_EQ(broker_->Committed("g", "t", 0), next[0]);
        // Read more without committing: it must be read again after the restart.
        ASSERT_TRUE(c->Poll(out, 2, 100).ok());
        ASSERT_EQ(out.size(), 2u);
        c->Close();
    }
    auto c = NewConsumer("g");
    ASSERT_TRUE(c->Subscribe({"t"}).ok());
    auto rest = PollN(*c, 12);
    EXPECT_EQ(rest.size(), 12u);
    for (const auto& r : rest) EXPECT_TRUE(values.insert(r.value).second) << "re-read " << r.value;
    EXPECT_EQ(values.size(), 20u);
    std::vector<RecordView> out;
    ASSERT_TRUE(c->Poll(out, 10, 50).ok());
    EXPECT_TRUE(out.empty());
}

TEST_F(MemoryBrokerTest, CommittedIsInvalidWhenNothingCommittedAndErrorsAreReported) {
    ASSERT_TRUE(broker_->CreateTopic("t", 1).ok());
    auto c = NewConsumer("g");
    auto committed = c->Committed({{"t", 0}}, 100);
    ASSERT_TRUE(committed.ok());
    EXPECT_EQ((*committed)[0].offset, kOffsetInvalid);
    EXPECT_EQ(c->Commit({{"t", 5, 1}}).code(), StatusCode::kNotFound);
    EXPECT_EQ(c->Commit({{"t", 0, -3}}).code(), StatusCode::kInvalidArgument);

    auto no_group = NewConsumer("");
    EXPECT_EQ(no_group->Subscribe({"t"}).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(no_group->Commit({{"t", 0, 1}}).code(), StatusCode::kInvalidArgument);
}

TEST_F(MemoryBrokerTest, LatestResetSeesOnlyNewRecords) {
    ASSERT_TRUE(broker_->CreateTopic("t", 2).ok());
    ASSERT_TRUE(broker_->Produce("t", "a", "old").ok());
    auto c = NewConsumer("g", "latest");
    ASSERT_TRUE(c->Subscribe({"t"}).ok());
    ASSERT_TRUE(broker_->Produce("t", "a", "new").ok());
    auto seen = PollN(*c, 1);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].value, "new");
    EXPECT_TRUE(PollN(*c, 1, 100).empty());
}

TEST_F(MemoryBrokerTest, AssignWithOffsets) {
    ASSERT_TRUE(broker_->CreateTopic("t", 2).ok());
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(broker_->Produce("t", "k", "p0-" + std::to_string(i), 0, {}, 0).ok());
        ASSERT_TRUE(broker_->Produce("t", "k", "p1-" + std::to_string(i), 0, {}, 1).ok());
    }
    ASSERT_TRUE(broker_->SetCommitted("g", "t", 1, 4).ok());
    auto c = NewConsumer("g");
    ASSERT_TRUE(c->Assign({{"t", 0, 3}, {"t", 1, kOffsetStored}}).ok());
    auto assignment = c->Assignment();
    ASSERT_EQ(assignment.size(), 2u);
    EXPECT_EQ(assignment[0].offset, 3);
    EXPECT_EQ(assignment[1].offset, 4);
    auto seen = PollN(*c, 3);
    std::set<std::string> values;
    for (const auto& r : seen) values.insert(r.value);
    EXPECT_EQ(values, (std::set<std::string>{"p0-3", "p0-4", "p1-4"}));

    ASSERT_TRUE(c->Assign({{"t", 0, kOffsetBeginning}, {"t", 1, kOffsetEnd}}).ok());
    ASSERT_TRUE(broker_->Produce("t", "k", "p1-5", 0, {}, 1).ok());
    seen = PollN(*c, 6);
    ASSERT_EQ(seen.size(), 6u);
    values.clear();
    for (const auto& r : seen) values.insert(r.value);
    EXPECT_EQ(values,
              (std::set<std::string>{"p0-0", "p0-1", "p0-2", "p0-3", "p0-4", "p1-5"}));

    // Stored offset without any commit: auto_offset_reset (earliest).
    auto fresh = NewConsumer("fresh");
    ASSERT_TRUE(fresh->Assign({{"t", 0, kOffsetStored}}).ok());
    EXPECT_EQ(PollN(*fresh, 5).size(), 5u);

    EXPECT_EQ(c->Assign({{"missing", 0, 0}}).code(), StatusCode::kNotFound);
    EXPECT_EQ(c->Assign({{"t", 2, 0}}).code(), StatusCode::kNotFound);
    EXPECT_EQ(c->Assign({{"t", 0, -7}}).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(c->Assign({{"t", 0, 0}, {"t", 0, 1}}).code(), StatusCode::kInvalidArgument);
    // Beyond the end: reset by auto_offset_reset when polled.
    ASSERT_TRUE(c->Assign({{"t", 0, 100}}).ok());
    EXPECT_EQ(PollN(*c, 5).size(), 5u);
    ASSERT_TRUE(c->Assign({}).ok());
    EXPECT_TRUE(c->Assignment().empty());

    auto subscribed = NewConsumer("s");
    ASSERT_TRUE(subscribed->Subscribe({"t"}).ok());
    EXPECT_EQ(subscribed->Assign({{"t", 0, 0}}).code(), StatusCode::kInvalidArgument);
}

TEST_F(MemoryBrokerTest, EndOffsets) {
    ASSERT_TRUE(broker_->CreateTopic("t", 3).ok());
    ASSERT_TRUE(broker_->Produce("t", "a", "1", 0, {}, 0).ok());
    ASSERT_TRUE(broker_->Produce("t", "a", "2", 0, {}, 0).ok());
    ASSERT_TRUE(broker_->Produce("t", "a", "3", 0, {}, 2).ok());
    auto c = NewConsumer("");
    auto end = c->EndOffsets({{"t", 0}, {"t", 1}, {"t", 2}}, 100);
    ASSERT_TRUE(end.ok());
    EXPECT_EQ((*end)[0].offset, 2);
    EXPECT_EQ((*end)[1].offset, 0);
    EXPECT_EQ((*end)[2].offset, 1);
    EXPECT_EQ(*broker_->EndOffset("t", 0), 2);
    EXPECT_EQ(c->EndOffsets({{"t", 3}}, 100).status().code(), StatusCode::kNotFound);
}

TEST_F(MemoryBrokerTest, PollWaitsForDataAndWakesOnProduce) {
    ASSERT_TRUE(broker_->CreateTopic("t", 1).ok());
    auto c = NewConsumer("g");
    ASSERT_TRUE(c->Subscribe({"t"}).ok());
    std::vector<RecordView> out;
    auto start = std::chrono::steady_clock::now();
    ASSERT_TRUE(c->Poll(out, 10, 150).ok());
    auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_TRUE(out.empty());
    EXPECT_GE(waited, std::chrono::milliseconds(140));

    std::thread producer([this] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        ASSERT_TRUE(broker_->Produce("t", "k", "late").ok());
    });
    start = std::chrono::steady_clock::now();
    ASSERT_TRUE(c->Poll(out, 10, 10000).ok());
    waited = std::chrono::steady_clock::now() - start;
    producer.join();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_LT(waited, std::chrono::milliseconds(5000));
    EXPECT_TRUE(broker_->WaitForRecords("t", 1, 10));
    EXPECT_FALSE(broker_->WaitForRecords("t", 2, 30));
}

TEST_F(MemoryBrokerTest, SubscribeBeforeTopicExists) {
    auto c = NewConsumer("g");
    ASSERT_TRUE(c->Subscribe({"later"}).ok());
    EXPECT_TRUE(c->Assignment().empty());
    std::thread creator([this] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        ASSERT_TRUE(broker_->CreateTopic("later", 2).ok());
        ASSERT_TRUE(broker_->Produce("later", "k", "v").ok());
    });
    auto seen = PollN(*c, 1, 3000);
    creator.join();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(c->Assignment().size(), 2u);
}

TEST_F(MemoryBrokerTest, NewestGroupMemberFencesTheOlderOne) {
    ASSERT_TRUE(broker_->CreateTopic("t", 2).ok());
    auto first = NewConsumer("g");
    ASSERT_TRUE(first->Subscribe({"t"}).ok());
    EXPECT_EQ(first->Assignment().size(), 2u);
    auto second = NewConsumer("g");
    ASSERT_TRUE(second->Subscribe({"t"}).ok());
    ASSERT_TRUE(broker_->Produce("t", "k", "v").ok());
    EXPECT_TRUE(PollN(*first, 1, 100).empty());
    EXPECT_TRUE(first->Assignment().empty());
    EXPECT_EQ(first->Commit({{"t", 0, 1}}).code(), StatusCode::kIoError);
    EXPECT_EQ(PollN(*second, 1).size(), 1u);
    EXPECT_TRUE(second->Commit({{"t", 0, 1}}).ok());
    // Closing the fenced member does not disturb the current one.
    first->Close();
    EXPECT_EQ(second->Assignment().size(), 2u);
}

TEST_F(MemoryBrokerTest, ViewsStayValidUntilNextPoll) {
    ASSERT_TRUE(broker_->CreateTopic("t", 1).ok());
    Headers h{{"hk", "hv", false}};
    ASSERT_TRUE(broker_->Produce("t", "key", "value", 5, h).ok());
    auto c = NewConsumer("g");
    ASSERT_TRUE(c->Subscribe({"t"}).ok());
    std::vector<RecordView> out;
    ASSERT_TRUE(c->Poll(out, 10, 100).ok());
    ASSERT_EQ(out.size(), 1u);
    // Many appends (deque growth) and even deleting the topic must not move the viewed bytes.
    for (int i = 0; i < 5000; ++i) ASSERT_TRUE(broker_->Produce("t", "k", "v").ok());
    ASSERT_TRUE(broker_->DeleteTopic("t").ok());
    EXPECT_EQ(*out[0].topic, "t");
    EXPECT_EQ(Str(out[0].key, out[0].key_size), "key");
    EXPECT_EQ(Str(out[0].value, out[0].value_size), "value");
    EXPECT_EQ(out[0].headers[0].value, "hv");
    // The deleted topic's partitions yield nothing more.
    ASSERT_TRUE(c->Poll(out, 10, 20).ok());
    EXPECT_TRUE(out.empty());
    // A re-created topic starts over (auto_offset_reset).
    ASSERT_TRUE(broker_->CreateTopic("t", 1).ok());
    ASSERT_TRUE(broker_->Produce("t", "k2", "v2").ok());
    auto seen = PollN(*c, 1);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].value, "v2");
    EXPECT_EQ(broker_->Committed("g", "t", 0), kOffsetInvalid);
}

TEST_F(MemoryBrokerTest, ClosedConsumerAndUnsupportedConfigs) {
    ASSERT_TRUE(broker_->CreateTopic("t", 1).ok());
    auto c = NewConsumer("g");
    ASSERT_TRUE(c->Subscribe({"t"}).ok());
    c->Close();
    std::vector<RecordView> out;
    EXPECT_EQ(c->Poll(out, 1, 0).code(), StatusCode::kInvalidArgument);
    EXPECT_TRUE(c->Assignment().empty());

    // A plain producer has no transactions.
    auto plain = NewProducer();
    EXPECT_EQ(plain->InitTransactions(100).code(), StatusCode::kInvalidArgument);
    ConsumerConfig bad;
    bad.auto_offset_reset = "sometimes";
    EXPECT_EQ(factory_->CreateConsumer(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(MemoryBrokerTest, ConcurrentProducersAndConsumer) {
    ASSERT_TRUE(broker_->CreateTopic("t", 4).ok());
    constexpr int kPerThread = 2000;
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t) {
        threads.emplace_back([this, t] {
            auto p = NewProducer();
            for (int i = 0; i < kPerThread; ++i) {
                const std::string key = std::to_string(t) + "-" + std::to_string(i);
                ASSERT_TRUE(p->Produce("t", -1, key.data(), key.size(), "v", 1, i, nullptr).ok());
            }
        });
    }
    auto c = NewConsumer("g");
    ASSERT_TRUE(c->Subscribe({"t"}).ok());
    auto seen = PollN(*c, 3 * kPerThread, 10000, 500);
    for (auto& th : threads) th.join();
    EXPECT_EQ(seen.size(), 3u * kPerThread);
    std::set<std::string> keys;
    for (const auto& r : seen) keys.insert(r.key);
    EXPECT_EQ(keys.size(), 3u * kPerThread);
}

}  // namespace
}  // namespace runnel::kafka

// MemoryConsumer: a Consumer on a MemoryBroker. Subscribe makes this consumer the group's only
// member and assigns it every partition of the subscribed topics (also of topics created later),
// each starting at the group's committed offset, else at auto_offset_reset. Poll hands out
// records round-robin over the assigned partitions, one record per partition per turn, in offset
// order within a partition. A consumer either subscribes or assigns: Assign after Subscribe is
// refused (as for the librdkafka consumer). Transaction markers are skipped; read_committed
// (ConsumerConfig) also skips records of aborted transactions and stops a partition at its
// first open transaction. Assignment() gives the positions (past skipped markers too).
// Not thread-safe: one thread at a time, as for every Consumer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/kafka/kafka.h"
#include "engine/kafka/memory/memory_broker.h"

namespace runnel::kafka {

class MemoryConsumer final : public Consumer {
public:
    MemoryConsumer(std::shared_ptr<MemoryBroker> broker, ConsumerConfig config);
    ~MemoryConsumer() override;

    Status Subscribe(const std::vector<std::string>& topics) override;
    Status Assign(const std::vector<TopicPartition>& partitions) override;
    Status Poll(std::vector<RecordView>& out, size_t max, int timeout_ms) override;
    Status Commit(const std::vector<TopicPartition>& offsets) override;
    std::vector<TopicPartition> Assignment() override;
    Result<std::vector<TopicPartition>> Committed(const std::vector<TopicPartition>& partitions,
                                                  int timeout_ms) override;
    Result<std::vector<TopicPartition>> EndOffsets(const std::vector<TopicPartition>& partitions,
                                                   int timeout_ms) override;
    // group id; member id and generation = this subscriber's member id (none after Assign).
    Result<ConsumerGroupMetadata> GroupMetadata() override;
    void Close() override;

private:
    struct Assigned {
        std::string topic;
        int32_t partition = 0;
        int64_t position = 0;      // next offset to hand out
        uint64_t incarnation = 0;  // of the topic the position belongs to
    };

    // All below require the broker mutex held.
    int64_t ResetPositionLocked(const MemoryTopic& topic, int32_t partition) const;
    Result<int64_t> StartPositionLocked(const MemoryTopic& topic, int32_t partition,
                                        int64_t requested) const;
    // Adds partitions of subscribed topics that appeared; drops everything when fenced.
    void RefreshSubscriptionLocked();
    // The next record of a's partition this consumer may see, moving a.position past markers
    // (and, read_committed, aborted records); nullptr at the end or at an open transaction.
    const StoredRecord* NextVisibleLocked(const MemoryTopic& topic, Assigned& a);
    // Moves up to `max` records into out_ (round-robin); returns true if any was added.
    bool CollectLocked(std::vector<RecordView>& out, size_t max);

    std::shared_ptr<MemoryBroker> broker_;
    ConsumerConfig config_;
    bool closed_ = false;
    bool subscribed_ = false;
    bool group_managed_ = false;  // Subscribe was called once: Assign is refused from then on
    bool fenced_logged_ = false;
    uint64_t member_id_ = 0;
    std::vector<std::string> subscription_;
    std::vector<Assigned> assigned_;
    size_t next_start_ = 0;  // partition index where the next round-robin starts
    // Topics whose records the last Poll handed out: kept alive until the next Poll.
    std::vector<std::shared_ptr<const MemoryTopic>> held_;
};

}  // namespace runnel::kafka

// MemoryProducer: a Producer on a MemoryBroker. Records are appended synchronously, so errors
// (missing topic, bad partition) come back from Produce itself and Flush has nothing to wait for.
// Keyed records go to DefaultPartition of the key; null keys rotate round-robin over the
// partitions, per producer and topic. With a transactional_id it is a transactional producer
// (see memory_broker.h for what the broker does): records and offsets belong to the open
// transaction; a producer fenced by a newer one with the same id fails every call; destroying
// it with a transaction open aborts that transaction. Not thread-safe: one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "engine/kafka/kafka.h"
#include "engine/kafka/memory/memory_broker.h"

namespace runnel::kafka {

class MemoryProducer final : public Producer {
public:
    MemoryProducer(std::shared_ptr<MemoryBroker> broker, ProducerConfig config);
    ~MemoryProducer() override;

    Status Produce(std::string_view topic, int32_t partition, const char* key, size_t key_size,
                   const char* value, size_t value_size, int64_t timestamp,
                   const Headers* headers) override;
    Status Flush(int timeout_ms) override;

    Status InitTransactions(int timeout_ms) override;
    Status BeginTransaction() override;
    Status SendOffsetsToTransaction(const std::vector<TopicPartition>& offsets,
                                    const ConsumerGroupMetadata& group, int timeout_ms) override;
    Status CommitTransaction(int timeout_ms) override;
    Status AbortTransaction(int timeout_ms) override;

private:
    bool transactional() const { return !config_.transactional_id.empty(); }
    // Requires the broker mutex: Ok while this producer's epoch is current, else the fenced
    // error (and the producer stays fenced).
    Status CheckNotFencedLocked();

    std::shared_ptr<MemoryBroker> broker_;
    ProducerConfig config_;
    std::map<std::string, uint32_t, std::less<>> round_robin_;  // topic -> next partition
    uint64_t epoch_ = 0;  // 0: InitTransactions not called (or failed)
    uint64_t txn_ = 0;    // the open transaction, 0: none
    bool fenced_ = false;
};

}  // namespace runnel::kafka

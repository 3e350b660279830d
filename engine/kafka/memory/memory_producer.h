// MemoryProducer: a Producer on a MemoryBroker. Records are appended synchronously, so errors
// (missing topic, bad partition) come back from Produce itself and Flush has nothing to wait for.
// Keyed records go to DefaultPartition of the key; null keys rotate round-robin over the
// partitions, per producer and topic. Not thread-safe: one thread at a time.
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

    Status Produce(std::string_view topic, int32_t partition, const char* key, size_t key_size,
                   const char* value, size_t value_size, int64_t timestamp,
                   const Headers* headers) override;
    Status Flush(int timeout_ms) override;

private:
    std::shared_ptr<MemoryBroker> broker_;
    ProducerConfig config_;
    std::map<std::string, uint32_t, std::less<>> round_robin_;  // topic -> next partition
};

}  // namespace runnel::kafka

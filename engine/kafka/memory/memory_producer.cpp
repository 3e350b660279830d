// MemoryProducer: synchronous appends to a MemoryBroker with the Java-compatible partitioner.

#include "engine/kafka/memory/memory_producer.h"

#include <mutex>

#include "fmt/format.h"

namespace runnel::kafka {

MemoryProducer::MemoryProducer(std::shared_ptr<MemoryBroker> broker, ProducerConfig config)
    : broker_(std::move(broker)), config_(std::move(config)) {}

Status MemoryProducer::Produce(std::string_view topic_name, int32_t partition, const char* key,
                               size_t key_size, const char* value, size_t value_size,
                               int64_t timestamp, const Headers* headers) {
    std::lock_guard<std::mutex> lock(broker_->mutex_);
    auto topic = broker_->FindLocked(topic_name);
    if (!topic) {
        return Status::NotFound(
            fmt::format("topic '{}' does not exist (topics are not auto-created)", topic_name));
    }
    const auto count = static_cast<int32_t>(topic->partitions.size());
    if (partition >= count) {
        return Status::NotFound(fmt::format("topic '{}' has no partition {} ({} partitions)",
                                            topic_name, partition, count));
    }
    if (partition < 0) {
        if (key != nullptr) {
            partition = DefaultPartition(key, key_size, count);
        } else {
            auto it = round_robin_.find(topic_name);
            if (it == round_robin_.end()) it = round_robin_.emplace(topic_name, 0).first;
            partition = static_cast<int32_t>(it->second++ % static_cast<uint32_t>(count));
        }
    }
    broker_->AppendLocked(*topic, partition, key, key_size, value, value_size, timestamp, headers);
    return Status::Ok();
}

Status MemoryProducer::Flush(int /*timeout_ms*/) { return Status::Ok(); }

}  // namespace runnel::kafka

// TopicIo: how the runner creates, feeds, reads and deletes topics: on an in-process
// MemoryBroker (deterministic, one per case) or on a real cluster through the engine's Kafka
// client interfaces. Not thread-safe: one case (one thread) uses an instance.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/row.h"
#include "engine/common/status.h"
#include "engine/kafka/kafka.h"

namespace runnel::runner {

struct TopicRecord {
    std::optional<std::string> key;
    std::optional<std::string> value;
    int64_t timestamp = 0;
    Headers headers;
    bool has_headers = false;  // the record carried a header list (possibly empty)
    int32_t partition = 0;
    int64_t offset = 0;
};

class TopicIo {
public:
    virtual ~TopicIo() = default;
    // AlreadyExists when it is there.
    virtual Status CreateTopic(const std::string& name, int32_t partitions) = 0;
    // Deletes the topic and waits until it is gone; Ok when it did not exist.
    virtual Status DeleteTopic(const std::string& name) = 0;
    // NotFound when the topic does not exist.
    virtual Result<int32_t> Partitions(const std::string& name) = 0;
    // partition < 0: the default partitioner (murmur2 of the key; round-robin for null keys).
    virtual Status Produce(const std::string& topic, const std::optional<std::string>& key,
                           const std::optional<std::string>& value, int64_t timestamp,
                           const Headers& headers, int32_t partition) = 0;
    // Every record of every partition, each partition in offset order (empty when missing).
    virtual Result<std::vector<TopicRecord>> Read(const std::string& topic) = 0;
    virtual std::shared_ptr<kafka::ClientFactory> factory() = 0;
    virtual bool is_memory() const = 0;
};

// A fresh in-memory broker.
std::unique_ptr<TopicIo> MakeMemoryTopicIo();
// A real cluster through `factory` (shared between cases).
std::unique_ptr<TopicIo> MakeKafkaTopicIo(std::shared_ptr<kafka::ClientFactory> factory);

}  // namespace runnel::runner

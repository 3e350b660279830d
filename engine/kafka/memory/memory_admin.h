// MemoryAdmin: the Admin interface over a MemoryBroker (topic create/delete/list/describe; Ping
// always succeeds). Topic configs are recorded but have no effect.
// Thread-safe, as MemoryBroker is.
#pragma once

#include <memory>

#include "engine/kafka/kafka.h"
#include "engine/kafka/memory/memory_broker.h"

namespace runnel::kafka {

class MemoryAdmin final : public Admin {
public:
    explicit MemoryAdmin(std::shared_ptr<MemoryBroker> broker) : broker_(std::move(broker)) {}

    Status CreateTopic(const std::string& name, int32_t partitions, int32_t replication,
                       const std::map<std::string, std::string>& configs) override;
    Status DeleteTopic(const std::string& name) override;
    Result<std::vector<TopicInfo>> ListTopics() override;
    Result<TopicInfo> DescribeTopic(const std::string& name) override;
    Status Ping(int timeout_ms) override;

private:
    std::shared_ptr<MemoryBroker> broker_;
};

}  // namespace runnel::kafka

// MemoryAdmin: forwards to MemoryBroker.

#include "engine/kafka/memory/memory_admin.h"

namespace runnel::kafka {

Status MemoryAdmin::CreateTopic(const std::string& name, int32_t partitions, int32_t replication,
                                const std::map<std::string, std::string>& configs) {
    return broker_->CreateTopic(name, partitions, replication, configs);
}

Status MemoryAdmin::DeleteTopic(const std::string& name) { return broker_->DeleteTopic(name); }

Result<std::vector<TopicInfo>> MemoryAdmin::ListTopics() { return broker_->ListTopics(); }

Result<TopicInfo> MemoryAdmin::DescribeTopic(const std::string& name) {
    return broker_->DescribeTopic(name);
}

Status MemoryAdmin::Ping(int /*timeout_ms*/) { return Status::Ok(); }

}  // namespace runnel::kafka

// RdKafkaAdmin: Admin on a dedicated librdkafka producer handle. CreateTopic/DeleteTopic use the
// Admin API and then wait (up to 10 s) until metadata shows the change, so a producer or a
// re-create right after does not trip over propagation. ListTopics/DescribeTopic read cluster
// metadata (every topic, internal ones too: callers filter); Ping is a metadata request.
// An unreachable broker gives Unavailable after the operation's timeout (15 s for create/delete
// and metadata, the given timeout for Ping).
// Thread-safe: calls are serialized by a mutex.
#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>
#include <mutex>
#include <string>

#include "engine/kafka/kafka.h"
#include "engine/kafka/rdkafka/rdkafka_conf.h"

namespace runnel::kafka {

class RdKafkaAdmin final : public Admin {
public:
    static Result<std::unique_ptr<RdKafkaAdmin>> Create(const std::string& bootstrap_servers,
                                                        const ConfigMap& factory_extra);
    ~RdKafkaAdmin() override;

    Status CreateTopic(const std::string& name, int32_t partitions, int32_t replication,
                       const std::map<std::string, std::string>& configs) override;
    Status DeleteTopic(const std::string& name) override;
    Result<std::vector<TopicInfo>> ListTopics() override;
    Result<TopicInfo> DescribeTopic(const std::string& name) override;
    Status Ping(int timeout_ms) override;

private:
    struct MetadataDeleter {
        void operator()(const rd_kafka_metadata_t* md) const { rd_kafka_metadata_destroy(md); }
    };
    using MetadataPtr = std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter>;

    explicit RdKafkaAdmin(std::string bootstrap_servers);

    // All below require mutex_ held.
    Result<MetadataPtr> AllTopicsLocked(int timeout_ms);
    // Waits until `name` is present with `partitions` partitions (-1: any) that all have leaders,
    // or (present == false) until it is gone. Logs and returns false on timeout.
    bool WaitForTopicLocked(const std::string& name, int32_t partitions, bool present,
                            int timeout_ms);
    Status UnavailableOr(Status s) const;

    std::mutex mutex_;
    std::string bootstrap_servers_;
    HandleContext context_;
    rd_kafka_t* rk_ = nullptr;
};

}  // namespace runnel::kafka

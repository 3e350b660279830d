// RdKafkaConsumer: Consumer on librdkafka's high-level consumer. Subscribe joins the group with
// the cooperative-sticky assignor (incremental assign/unassign in the rebalance callback; an
// eager strategy set through `extra` works too); offsets are only ever committed explicitly and
// synchronously. Poll drains rd_kafka_consumer_poll (waiting only for the first record) and keeps
// the messages of the last batch alive until the next Poll, so RecordViews point straight into
// librdkafka's buffers. A consumer without a group id gets a private group id that is never used
// for commits (librdkafka needs one to fetch). A consumer either subscribes or assigns: Assign
// after Subscribe is refused. Partition EOF and transient errors are logged (rate-limited), not
// returned; fatal and authorization errors are returned by Poll.
// Not thread-safe: one thread at a time, as for every Consumer.
#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/kafka/kafka.h"
#include "engine/kafka/rdkafka/rdkafka_conf.h"

namespace runnel::kafka {

class RdKafkaConsumer final : public Consumer {
public:
    // Configuration layers: our defaults < factory_extra < the fields of config < config.extra.
    static Result<std::unique_ptr<Consumer>> Create(const std::string& bootstrap_servers,
                                                    const ConfigMap& factory_extra,
                                                    const ConsumerConfig& config);
    // The librdkafka properties Create uses (exposed for tests and diagnostics).
    static ConfigMap Properties(const std::string& bootstrap_servers,
                                const ConfigMap& factory_extra, const ConsumerConfig& config);
    ~RdKafkaConsumer() override;

    Status Subscribe(const std::vector<std::string>& topics) override;
    Status Assign(const std::vector<TopicPartition>& partitions) override;
    Status Poll(std::vector<RecordView>& out, size_t max, int timeout_ms) override;
    Status Commit(const std::vector<TopicPartition>& offsets) override;
    // Offsets are the consumer's positions (next offset to read), kOffsetInvalid before the
    // first record of a partition was read.
    std::vector<TopicPartition> Assignment() override;
    Result<std::vector<TopicPartition>> Committed(const std::vector<TopicPartition>& partitions,
                                                  int timeout_ms) override;
    Result<std::vector<TopicPartition>> EndOffsets(const std::vector<TopicPartition>& partitions,
                                                   int timeout_ms) override;
    // librdkafka's rd_kafka_consumer_group_metadata, serialized into `opaque` (group id,
    // generation, member id), plus the group and member ids for logs.
    Result<ConsumerGroupMetadata> GroupMetadata() override;
    void Close() override;

private:
    explicit RdKafkaConsumer(ConsumerConfig config);

    static void RebalanceCallback(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                  rd_kafka_topic_partition_list_t* partitions, void* opaque);
    void OnRebalance(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions);
    void ReleaseBatch();
    const std::string* InternTopic(const rd_kafka_message_t* message);
    // Handles an error event from the consumer queue: a Status for fatal errors, else logs.
    Status HandleErrorMessage(const rd_kafka_message_t* message);

    ConsumerConfig config_;
    HandleContext context_;
    rd_kafka_t* rk_ = nullptr;
    bool subscribed_ = false;
    // Subscribe was called once: Assign is refused from then on (a late revoke from the group
    // could otherwise undo a manual assignment).
    bool group_managed_ = false;
    Status fatal_;  // sticky once set
    std::vector<rd_kafka_message_t*> batch_;  // owned; destroyed at the next Poll or Close
    std::vector<HeaderView> header_views_;    // headers of the whole batch, reused
    std::set<std::string, std::less<>> topic_names_;  // interned, node-stable
    const rd_kafka_topic_t* last_rkt_ = nullptr;     // cache within one Poll
    const std::string* last_topic_ = nullptr;
};

}  // namespace runnel::kafka

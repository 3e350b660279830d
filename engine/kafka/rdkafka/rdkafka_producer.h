// RdKafkaProducer: Producer on librdkafka. Defaults: idempotent, acks=all, linger.ms=5 and the
// murmur2_random partitioner (Java-compatible, so keyed records land where DefaultPartition puts
// them; null keys go to a random partition). Delivery reports are served inside Produce and
// Flush on the caller's thread; the first failure since the last Flush is returned by Flush.
// A timestamp <= 0 lets librdkafka stamp the current time (librdkafka cannot send 0).
// With a transactional_id: librdkafka's transactional producer (transaction.timeout.ms 10 s by
// default, as Kafka Streams under exactly-once). The transaction calls retry librdkafka's
// retriable errors (coordinator moves, timeouts) until their timeout and map the rest to
// IoError, saying whether the transaction must be aborted or the producer replaced.
// Destroying it with a transaction open aborts the transaction.
// Not thread-safe: one thread at a time, as for every Producer.
#pragma once

#include <librdkafka/rdkafka.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/kafka/kafka.h"
#include "engine/kafka/rdkafka/rdkafka_conf.h"

namespace runnel::kafka {

class RdKafkaProducer final : public Producer {
public:
    // Configuration layers: our defaults < factory_extra < the fields of config < config.extra.
    static Result<std::unique_ptr<Producer>> Create(const std::string& bootstrap_servers,
                                                    const ConfigMap& factory_extra,
                                                    const ProducerConfig& config);
    static ConfigMap Properties(const std::string& bootstrap_servers,
                                const ConfigMap& factory_extra, const ProducerConfig& config);
    // Waits up to 5 s for queued records, then drops what is left (logged).
    ~RdKafkaProducer() override;

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
    RdKafkaProducer() = default;

    static void DeliveryCallback(rd_kafka_t* rk, const rd_kafka_message_t* message, void* opaque);
    Result<rd_kafka_topic_t*> TopicHandle(std::string_view topic);
    Status FatalStatus();
    // Runs a transactional call (given the time left), retrying retriable errors until
    // timeout_ms has passed; maps the error (see the header comment).
    Status TransactionCall(std::string_view what, int timeout_ms,
                           const std::function<rd_kafka_error_t*(int)>& call);

    HandleContext context_;
    rd_kafka_t* rk_ = nullptr;
    std::map<std::string, rd_kafka_topic_t*, std::less<>> topics_;
    std::vector<rd_kafka_vu_t> args_;  // produceva arguments, reused
    Status first_error_;               // first delivery failure since the last Flush
    uint64_t failures_since_flush_ = 0;
    std::string transactional_id_;  // empty: not transactional
    bool in_transaction_ = false;
};

}  // namespace runnel::kafka

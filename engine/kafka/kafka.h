// Topic I/O behind small interfaces: Consumer, Producer, Admin, and a ClientFactory that makes
// them for one cluster. Two implementations: rdkafka/ (librdkafka, a real broker) and memory/
// (in-process topics for fast deterministic engine tests). Engine code depends on these
// interfaces only. Each client object is used by one thread at a time; a ClientFactory and the
// Admin it hands out are thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/row.h"
#include "engine/common/status.h"

namespace runnel::kafka {

inline constexpr int64_t kOffsetBeginning = -2;
inline constexpr int64_t kOffsetEnd = -1;
inline constexpr int64_t kOffsetStored = -1000;  // the group's committed offset, else auto.offset.reset
inline constexpr int64_t kOffsetInvalid = -1001;  // "no offset", e.g. nothing committed yet

struct TopicPartition {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = kOffsetStored;  // meaning depends on the call
};

struct HeaderView {
    std::string_view key;
    std::string_view value;
    bool value_null = false;
};

// A consumed record, viewed in place. Valid until the next Poll() or Close() on its consumer.
struct RecordView {
    const std::string* topic = nullptr;
    int32_t partition = 0;
    int64_t offset = 0;
    int64_t timestamp = 0;
    const char* key = nullptr;  // nullptr: null key
    size_t key_size = 0;
    const char* value = nullptr;  // nullptr: tombstone
    size_t value_size = 0;
    const HeaderView* headers = nullptr;
    size_t header_count = 0;
};

// Who a consumer is in its group, as a transactional producer needs it to commit the consumer's
// offsets inside a transaction (Producer::SendOffsetsToTransaction): the broker accepts them only
// while that member is still in the group's current generation, which fences a zombie
// instance of the same application. A plain value; `opaque` is the client's own encoding.
struct ConsumerGroupMetadata {
    std::string group_id;
    std::string member_id;       // empty when unknown
    int32_t generation_id = -1;  // -1 when unknown
    std::string opaque;          // client-specific (librdkafka's serialized group metadata)
};

struct ConsumerConfig {
    std::string group_id;             // empty: no group (Assign only, nothing committed)
    std::string client_id;
    std::string auto_offset_reset = "earliest";  // "earliest" | "latest"
    // isolation.level: false = read_uncommitted (every record, also of open and aborted
    // transactions); true = read_committed (records of a transaction only once it committed,
    // never those of an aborted one; a partition is read up to its first open transaction, and
    // EndOffsets gives that point, the last stable offset).
    bool read_committed = false;
    std::map<std::string, std::string> extra;  // passed through to the client
};

class Consumer {
public:
    virtual ~Consumer() = default;
    // Group-managed subscription (needs a group_id).
    virtual Status Subscribe(const std::vector<std::string>& topics) = 0;
    // Manual assignment; offset per partition: >= 0, kOffsetBeginning, kOffsetEnd or kOffsetStored.
    virtual Status Assign(const std::vector<TopicPartition>& partitions) = 0;
    // Appends up to `max` records to `out` (cleared first), waiting at most timeout_ms for the first.
    // Views stay valid until the next Poll(). An empty result is not an error.
    virtual Status Poll(std::vector<RecordView>& out, size_t max, int timeout_ms) = 0;
    // Commits, synchronously, the next offset to read for each partition.
    virtual Status Commit(const std::vector<TopicPartition>& offsets) = 0;
    // Partitions currently assigned (group or manual).
    virtual std::vector<TopicPartition> Assignment() = 0;
    // Committed offsets of the group for these partitions (kOffsetInvalid when none).
    virtual Result<std::vector<TopicPartition>> Committed(const std::vector<TopicPartition>& partitions,
                                                          int timeout_ms) = 0;
    // End offsets of the partitions: high watermarks; for a read_committed consumer the last
    // stable offsets.
    virtual Result<std::vector<TopicPartition>> EndOffsets(const std::vector<TopicPartition>& partitions,
                                                           int timeout_ms) = 0;
    // The consumer's current group membership, for Producer::SendOffsetsToTransaction (needs a
    // group id). Taken after the records whose offsets go into the transaction were polled.
    virtual Result<ConsumerGroupMetadata> GroupMetadata() {
        return Status::NotImplemented("this consumer gives no group metadata");
    }
    virtual void Close() = 0;
};

struct ProducerConfig {
    std::string client_id;
    // Non-empty: a transactional producer (Kafka's transactional.id). Every record then belongs
    // to a transaction (see the transaction calls below). The id must be stable across restarts
    // of the same instance (a new producer with the id aborts the old one's open transaction
    // and fences it) and unique among the instances running at the same time.
    std::string transactional_id;
    std::map<std::string, std::string> extra;
};

class Producer {
public:
    virtual ~Producer() = default;
    // Queues one record. partition < 0: the default partitioner (murmur2 of the key, as the Java
    // client does, so keys land where Kafka Streams would put them). key nullptr: null key;
    // value nullptr: tombstone. Blocks briefly when the local queue is full.
    virtual Status Produce(std::string_view topic, int32_t partition, const char* key,
                           size_t key_size, const char* value, size_t value_size,
                           int64_t timestamp, const Headers* headers) = 0;
    // Waits until every queued record is acknowledged; returns the first delivery error since the
    // last Flush.
    virtual Status Flush(int timeout_ms) = 0;

    // --- Transactions (ProducerConfig::transactional_id set; NotImplemented otherwise) ---
    // InitTransactions once, before anything else; then per transaction: BeginTransaction,
    // Produce..., optionally SendOffsetsToTransaction, then CommitTransaction or
    // AbortTransaction. Produce outside a transaction fails.
    //
    // Errors: Unavailable means the call timed out and may be called again. Any other error
    // from Produce, SendOffsetsToTransaction or CommitTransaction leaves the transaction
    // needing an AbortTransaction. When AbortTransaction fails as well (e.g. the producer was
    // fenced by a newer one with the same transactional id), the producer is unusable: destroy
    // it; a new one's InitTransactions cleans up after it.
    //
    // Registers the transactional id with the broker: waits for, or aborts, what a previous
    // producer with the same id left open, and fences that producer.
    virtual Status InitTransactions(int timeout_ms) {
        (void)timeout_ms;
        return Status::NotImplemented("this producer has no transactions");
    }
    virtual Status BeginTransaction() {
        return Status::NotImplemented("this producer has no transactions");
    }
    // Commits, as part of the transaction, the next offset to read of each partition for the
    // consumer group in `group` (from the consumer the records came from). Offsets < 0 are
    // ignored.
    virtual Status SendOffsetsToTransaction(const std::vector<TopicPartition>& offsets,
                                            const ConsumerGroupMetadata& group, int timeout_ms) {
        (void)offsets;
        (void)group;
        (void)timeout_ms;
        return Status::NotImplemented("this producer has no transactions");
    }
    // Delivers every queued record, then commits the transaction: its records become visible
    // to read_committed consumers and its offsets are committed, all at once.
    virtual Status CommitTransaction(int timeout_ms) {
        (void)timeout_ms;
        return Status::NotImplemented("this producer has no transactions");
    }
    // Drops queued records and aborts the transaction: read_committed consumers never see its
    // records and its offsets are not committed. Ok when no transaction is open.
    virtual Status AbortTransaction(int timeout_ms) {
        (void)timeout_ms;
        return Status::NotImplemented("this producer has no transactions");
    }
};

struct TopicInfo {
    std::string name;
    int32_t partitions = 0;
    int32_t replication = 0;
};

class Admin {
public:
    virtual ~Admin() = default;
    // AlreadyExists when the topic is there.
    virtual Status CreateTopic(const std::string& name, int32_t partitions, int32_t replication,
                               const std::map<std::string, std::string>& configs) = 0;
    virtual Status DeleteTopic(const std::string& name) = 0;
    virtual Result<std::vector<TopicInfo>> ListTopics() = 0;
    // NotFound when the topic is not there.
    virtual Result<TopicInfo> DescribeTopic(const std::string& name) = 0;
    // Reachability check, e.g. for /healthcheck.
    virtual Status Ping(int timeout_ms) = 0;
};

class ClientFactory {
public:
    virtual ~ClientFactory() = default;
    virtual Result<std::unique_ptr<Consumer>> CreateConsumer(const ConsumerConfig& config) = 0;
    virtual Result<std::unique_ptr<Producer>> CreateProducer(const ProducerConfig& config) = 0;
    virtual Admin& admin() = 0;
    // "kafka" or "memory", for logs.
    virtual std::string_view kind() const = 0;
};

// Java client's default partitioner: murmur2 of the serialized key, positive, mod partitions.
int32_t DefaultPartition(const char* key, size_t key_size, int32_t partitions);

}  // namespace runnel::kafka

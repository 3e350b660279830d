// MemoryBroker: in-process Kafka-like topics for fast, deterministic engine tests. Topics hold
// partitions of records (offsets from 0, nothing is ever trimmed), the broker keeps committed
// offsets per (group, topic, partition) and wakes waiting consumers when records arrive.
// MakeMemoryClientFactory (memory_client_factory.h) gives Consumer/Producer/Admin on it; the
// Produce/Read/Committed helpers below let tests feed and inspect topics directly.
//
// Transactions (memory_producer.h) work as Kafka's: records of a transaction are appended at
// once but read_committed consumers see them only after the commit (and never after an abort);
// the commit or abort leaves a marker record in every partition the transaction wrote (it takes
// an offset, as in Kafka, and no consumer sees it); offsets sent to a transaction are committed
// with it, and only while the consumer that sent them is still the group's member. A new
// producer with the same transactional id aborts what the old one left open and fences it.
//
// Differences from Kafka, by design: topics are never auto-created; a consumer group has ONE
// member at a time (the newest subscriber owns every partition of its topics; an older member of
// the same group is fenced: it gets no more records and its commits fail); transactions never
// time out (a producer destroyed with an open transaction aborts it).
// Thread-safe: every method may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "engine/common/row.h"
#include "engine/common/status.h"
#include "engine/kafka/kafka.h"
#include "engine/kafka/memory/memory_topic.h"

namespace runnel::kafka {


class MemoryBroker {
public:
    MemoryBroker() = default;
    MemoryBroker(const MemoryBroker&) = delete;
    MemoryBroker& operator=(const MemoryBroker&) = delete;

    // --- topics ---
    // partitions: >= 1, or -1 for the broker default (1). replication is only recorded
    // (-1: 1). AlreadyExists / InvalidArgument (bad name or count).
    Status CreateTopic(const std::string& name, int32_t partitions, int32_t replication = 1,
                       const std::map<std::string, std::string>& configs = {});
    // NotFound when missing. Also forgets the committed offsets of the topic. Consumers that
    // still view its records keep them alive until their next Poll.
    Status DeleteTopic(const std::string& name);
    std::vector<TopicInfo> ListTopics() const;  // sorted by name
    Result<TopicInfo> DescribeTopic(const std::string& name) const;  // NotFound when missing

    // --- test helpers ---
    // Appends one record. partition < 0: DefaultPartition of the key, or round-robin over the
    // partitions for a null key. A negative timestamp is stored as 0. Returns where it landed.
    Result<TopicPartition> Produce(const std::string& topic, std::optional<std::string> key,
                                   std::optional<std::string> value, int64_t timestamp = 0,
                                   Headers headers = {}, int32_t partition = -1);
    // Copies of all records of a topic, partition by partition, each in offset order
    // (empty when the topic does not exist), as a read_uncommitted consumer sees them: records
    // of open and aborted transactions included, transaction markers left out (their offsets
    // are gaps).
    std::vector<MemoryRecord> Read(const std::string& topic) const;
    std::vector<MemoryRecord> Read(const std::string& topic, int32_t partition) const;
    // As a read_committed consumer sees them: only records outside transactions or of
    // committed ones, each partition up to its first open transaction.
    std::vector<MemoryRecord> ReadCommitted(const std::string& topic) const;
    // The high watermark of a partition (markers count); NotFound when missing.
    Result<int64_t> EndOffset(const std::string& topic, int32_t partition) const;
    // Total records over all partitions of a topic, markers left out (0 when missing).
    size_t RecordCount(const std::string& topic) const;
    // Waits until the topic holds at least `count` records; false on timeout.
    bool WaitForRecords(const std::string& topic, size_t count, int timeout_ms) const;
    // The group's committed offset, kOffsetInvalid when none.
    int64_t Committed(const std::string& group, const std::string& topic, int32_t partition) const;
    // Sets a committed offset directly (e.g. to start a query from the middle).
    Status SetCommitted(const std::string& group, const std::string& topic, int32_t partition,
                        int64_t offset);

private:
    friend class MemoryConsumer;
    friend class MemoryProducer;

    using OffsetKey = std::tuple<std::string, std::string, int32_t>;  // group, topic, partition

    enum class TxnState : uint8_t { kOpen, kCommitted, kAborted };
    struct Txn {
        std::string transactional_id;
        TxnState state = TxnState::kOpen;
        // Partitions written (topic, incarnation, partition), for the markers.
        std::vector<std::tuple<std::string, uint64_t, int32_t>> partitions;
        // Offsets sent to the transaction, and the consumer-group member that sent them.
        std::map<OffsetKey, int64_t> offsets;
        std::map<std::string, uint64_t> offset_members;  // group -> member id (0: none)
    };
    struct TransactionalId {
        uint64_t epoch = 0;
        uint64_t open_txn = 0;  // 0: none
    };

    // Transactions; all below require mutex_ held.
    // Bumps the id's epoch (fencing older producers) and aborts its open transaction.
    uint64_t InitTransactionsLocked(const std::string& transactional_id);
    bool IsCurrentEpochLocked(const std::string& transactional_id, uint64_t epoch) const;
    uint64_t BeginTransactionLocked(const std::string& transactional_id);
    // Commits (when every sender of offsets is still its group's member; else FailedPrecondition-
    // like IoError and the transaction stays open) or aborts; writes the markers.
    Status EndTransactionLocked(uint64_t txn, bool commit);
    TxnState TxnStateLocked(uint64_t txn) const;
    // First offset of an open transaction in the partition, else its end.
    static int64_t LastStableOffset(const MemoryPartition& partition);

    // All below require mutex_ held.
    std::shared_ptr<MemoryTopic> FindLocked(std::string_view name) const;
    // Appends to an explicit, valid partition and wakes pollers.
    // txn != 0: the record belongs to that (open) transaction.
    int64_t AppendLocked(MemoryTopic& topic, int32_t partition, const char* key, size_t key_size,
                         const char* value, size_t value_size, int64_t timestamp,
                         const Headers* headers, uint64_t txn = 0);
    Status CommitLocked(const std::string& group, const std::string& topic, int32_t partition,
                        int64_t offset);
    int64_t CommittedLocked(const std::string& group, const std::string& topic,
                            int32_t partition) const;
    // Makes member the only member of group; returns its member id.
    uint64_t JoinGroupLocked(const std::string& group);
    bool IsCurrentMemberLocked(const std::string& group, uint64_t member) const;
    void LeaveGroupLocked(const std::string& group, uint64_t member);

    mutable std::mutex mutex_;
    mutable std::condition_variable data_cv_;  // notified on every append and topic change
    std::map<std::string, std::shared_ptr<MemoryTopic>, std::less<>> topics_;
    std::map<OffsetKey, int64_t> committed_;
    std::map<std::string, uint64_t> group_members_;  // group -> current member id
    uint64_t next_incarnation_ = 1;
    uint64_t next_member_id_ = 1;
    std::map<uint64_t, Txn> txns_;  // every transaction ever begun (records refer to them)
    std::map<std::string, TransactionalId, std::less<>> transactional_ids_;
    uint64_t next_txn_ = 1;
};

}  // namespace runnel::kafka

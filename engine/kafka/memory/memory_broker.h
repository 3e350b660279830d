// MemoryBroker: in-process Kafka-like topics for fast, deterministic engine tests. Topics hold
// partitions of records (offsets from 0, nothing is ever trimmed), the broker keeps committed
// offsets per (group, topic, partition) and wakes waiting consumers when records arrive.
// MakeMemoryClientFactory (memory_client_factory.h) gives Consumer/Producer/Admin on it; the
// Produce/Read/Committed helpers below let tests feed and inspect topics directly.
//
// Differences from Kafka, by design: topics are never auto-created; a consumer group has ONE
// member at a time (the newest subscriber owns every partition of its topics; an older member of
// the same group is fenced: it gets no more records and its commits fail); there are no
// transactions.
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
    // (empty when the topic does not exist).
    std::vector<MemoryRecord> Read(const std::string& topic) const;
    std::vector<MemoryRecord> Read(const std::string& topic, int32_t partition) const;
    // Number of records in a partition (the high watermark); NotFound when missing.
    Result<int64_t> EndOffset(const std::string& topic, int32_t partition) const;
    // Total records over all partitions of a topic (0 when missing).
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

    // All below require mutex_ held.
    std::shared_ptr<MemoryTopic> FindLocked(std::string_view name) const;
    // Appends to an explicit, valid partition and wakes pollers.
    int64_t AppendLocked(MemoryTopic& topic, int32_t partition, const char* key, size_t key_size,
                         const char* value, size_t value_size, int64_t timestamp,
                         const Headers* headers);
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
};

}  // namespace runnel::kafka

// Changelog topics of state stores: their names, their topic configuration, creating them, and
// ChangelogWriter, which sends a store's flushed updates to its partition.
//
// Names: application id = "_runnel_<service id>_query_<query id>" (ApplicationId); changelog
// topic = "<application id>-<store name>-changelog" (ChangelogTopicName). Store names come from
// the operator's step context, so the names are the same on every server and every restart.
// Topic: one partition per input partition (a task writes partition == its input partition);
// cleanup.policy=compact for key-value stores, compact,delete with retention.ms = store
// retention + the additional retention for window and session stores.
// Thread-safety: the free functions are thread-safe (Admin is); a ChangelogWriter belongs to
// its task's thread, as the Producer it writes to.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "engine/common/status.h"
#include "engine/kafka/kafka.h"

namespace runnel::state {

std::string ApplicationId(std::string_view service_id, std::string_view query_id);
std::string ChangelogTopicName(std::string_view application_id, std::string_view store_name);

// InvalidArgument unless the name is 1..200 characters of [A-Za-z0-9._-] (legal in a topic
// name and a directory name).
Status ValidateStoreName(std::string_view name);

struct ChangelogTopicSpec {
    std::string name;
    int32_t partitions = 1;
    int32_t replication = -1;  // broker default
    bool windowed = false;
    int64_t retention_ms = 0;  // windowed: the topic's retention.ms
};

std::map<std::string, std::string> ChangelogTopicConfigs(const ChangelogTopicSpec& spec);

// Creates the topic, or accepts an existing one that has at least spec.partitions partitions
// (an existing topic with fewer is an InvalidArgument: the task's partition would be missing).
Status EnsureChangelogTopic(kafka::Admin& admin, const ChangelogTopicSpec& spec);

class ChangelogWriter {
public:
    ChangelogWriter(kafka::Producer* producer, std::string topic, int32_t partition)
        : producer_(producer), topic_(std::move(topic)), partition_(partition) {}

    // Queues one record; value nullptr: a tombstone.
    Status Send(std::string_view key, const std::string* value, int64_t timestamp);

    // After a restore: the partition's end offset, the base of EndOffsetLowerBound.
    void Rebase(int64_t end_offset) {
        base_ = end_offset;
        sent_ = 0;
    }
    // A lower bound of the partition's end offset once every Send so far is acknowledged
    // (base + records sent): exact without transactions; transaction markers only make the
    // true end larger. It is what a checkpoint records, so a restore may replay a few records
    // twice (harmless: they are the newest values of their keys) but never skips one.
    int64_t EndOffsetLowerBound() const { return base_ + sent_; }
    bool rebased() const { return base_ >= 0; }

    const std::string& topic() const { return topic_; }
    int32_t partition() const { return partition_; }
    uint64_t sent() const { return sent_; }

private:
    kafka::Producer* producer_;
    std::string topic_;
    int32_t partition_;
    int64_t base_ = -1;
    int64_t sent_ = 0;
};

}  // namespace runnel::state

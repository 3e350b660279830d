// Storage of one in-process topic for the memory broker: partitions of records that never move
// once appended, so consumers can view them in place. Internal to engine/kafka/memory.
// Not thread-safe on its own: every access happens under MemoryBroker's mutex (the bytes of an
// appended record are immutable, so a consumer may read them after releasing the lock).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/row.h"
#include "engine/kafka/kafka.h"

namespace runnel::kafka {

// One record as tests see it (MemoryBroker::Read returns copies of these).
struct MemoryRecord {
    std::optional<std::string> key;    // nullopt: null key
    std::optional<std::string> value;  // nullopt: tombstone
    int64_t timestamp = 0;
    Headers headers;
    int32_t partition = 0;
    int64_t offset = 0;
};

// A record as stored: the record plus header views into its own header strings, built once at
// append time so a Poll allocates nothing per record. A transactional record names its
// transaction (its state lives in the broker); a control record is the commit or abort marker
// a transaction leaves in each partition it wrote, as Kafka's: it takes an offset and is never
// handed to a consumer.
struct StoredRecord {
    MemoryRecord record;
    std::vector<HeaderView> header_views;
    uint64_t txn = 0;  // 0: not transactional
    bool control = false;
};

struct MemoryPartition {
    std::deque<StoredRecord> records;  // offset == index (no retention, no compaction)
    // Open transactions with records here: transaction id -> offset of its first record. The
    // smallest is the last stable offset (read_committed consumers stop there).
    std::map<uint64_t, int64_t> open_txns;
    int64_t control_records = 0;  // markers among `records`
};

struct MemoryTopic {
    std::string name;
    int32_t replication = 1;
    uint64_t incarnation = 0;  // differs between a deleted topic and a re-created one
    std::map<std::string, std::string> configs;
    std::vector<MemoryPartition> partitions;  // sized at creation, never resized
    uint32_t next_round_robin = 0;            // MemoryBroker::Produce with a null key
};

}  // namespace runnel::kafka

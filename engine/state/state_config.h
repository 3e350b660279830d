// StateConfig: the settings of the state layer (where stores live, in-memory switch, write-back
// cache budget, changelog and restore settings, RocksDB tuning). Plain values, filled by the
// runner from server and query properties.
// Thread-safe: immutable value once built.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace runnel::state {

struct RocksDbConfig {
    // Shared by every RocksDB store of the process that uses the same RocksDbResources.
    size_t block_cache_bytes = size_t{64} << 20;
    // Bound on the memtables of all stores together (charged to the block cache).
    size_t write_buffer_manager_bytes = size_t{64} << 20;
    size_t write_buffer_size = size_t{8} << 20;  // per store
    int max_write_buffer_number = 3;
    int max_background_jobs = 2;
    // The changelog topic is the durable log (as Kafka Streams): no RocksDB WAL. After a crash a
    // store reopens at its last memtable flush, whose checkpoint offset (written atomically with
    // the data: atomic_flush) tells the restore where to resume.
    bool disable_wal = true;
    bool compression = true;  // LZ4, ZSTD for the bottommost level
};

struct StateConfig {
    // Root of the RocksDB stores: <state_dir>/<query id>/<task id>/<store name>/.
    std::string state_dir = "/tmp/runnel-state";
    // In-memory stores (tests): nothing on disk; logged stores restore from the changelog on
    // every open.
    bool in_memory = false;
    // Write-back cache budget of one task, shared by its stores; 0: write through (every update
    // reaches the store, the changelog and the flush listener at once).
    int64_t cache_max_bytes = int64_t{10} << 20;
    // Changelog topics. replication -1: the broker default.
    int32_t changelog_replication = -1;
    // Windowed changelogs keep records retention + this long (Kafka Streams'
    // windowstore.changelog.additional.retention.ms).
    int64_t windowed_changelog_additional_retention_ms = 24 * 3600 * 1000;
    // Restore: records per RocksDB batch, poll timeout, and how long the restore waits without
    // progress before it gives up on reaching the end offset (transaction markers at the end of
    // a partition are never delivered; see docs/state.md).
    size_t restore_batch_records = 1000;
    int restore_poll_timeout_ms = 200;
    int restore_idle_timeout_ms = 10000;
    // Progress line every this many milliseconds of a long restore.
    int restore_log_interval_ms = 5000;
    // processing.guarantee=exactly_once_v2: a store that was not closed cleanly may hold
    // writes of an aborted transaction, so it is wiped on open and restored from the changelog,
    // which the restore reads read_committed.
    bool exactly_once = false;
    RocksDbConfig rocksdb;
};

}  // namespace runnel::state

// RestoreFromChangelog: replays one changelog partition into a store, from the store's
// checkpointed offset (or the beginning) to the end offset measured before the restore, in
// batches that move the checkpoint with the data (a crash mid-restore resumes where it was).
// Logs the start, progress every StateConfig::restore_log_interval_ms, and the result
// (records, time) with RLOG_INFO.
// Thread-safety: runs on the task thread; the consumer is used by that thread only.
#pragma once

#include <cstdint>
#include <string>

#include "engine/common/status.h"
#include "engine/kafka/kafka.h"
#include "engine/state/state_config.h"
#include "engine/state/store_core.h"

namespace runnel::state {

struct RestoreStats {
    std::string store;
    std::string topic;
    int32_t partition = 0;
    int64_t start_offset = -1;  // first offset asked for (-1: the beginning)
    int64_t end_offset = 0;     // end offset when the restore began
    uint64_t records = 0;       // records applied
    int64_t millis = 0;
    bool wiped = false;       // the local data was dropped first (see TaskStateManager)
    bool reached_end = true;  // false: gave up after restore_idle_timeout_ms without progress
};

// The end offset of a changelog partition. Retries Unavailable errors (e.g. "not leader" right
// after the topic was created, or a leader moving) with backoff until timeout_ms has passed.
Result<int64_t> ChangelogEndOffset(kafka::Consumer& consumer, const std::string& topic,
                                   int32_t partition, int timeout_ms);

// Restores `core` from its changelog (core.changelog() names topic and partition) using
// `consumer` (no group; re-assigned here). `end_offset` is the partition's current end.
Result<RestoreStats> RestoreFromChangelog(kafka::Consumer& consumer, StoreCore& core,
                                          int64_t end_offset, const StateConfig& config,
                                          const std::string& task_id);

}  // namespace runnel::state

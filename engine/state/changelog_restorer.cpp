// RestoreFromChangelog: the poll loop.

#include "engine/state/changelog_restorer.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "engine/common/log.h"

namespace runnel::state {
namespace {

constexpr std::string_view kLogComponent = "state";
using SteadyClock = std::chrono::steady_clock;

int64_t MillisSince(SteadyClock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - t).count();
}

}  // namespace

Result<int64_t> ChangelogEndOffset(kafka::Consumer& consumer, const std::string& topic,
                                   int32_t partition, int timeout_ms) {
    const auto started = SteadyClock::now();
    int backoff_ms = 50;
    while (true) {
        const int remaining = std::max<int>(1, timeout_ms - static_cast<int>(MillisSince(started)));
        auto ends = consumer.EndOffsets({{topic, partition, 0}}, remaining);
        if (ends.ok()) return ends->empty() ? int64_t{0} : (*ends)[0].offset;
        if (ends.status().code() != StatusCode::kUnavailable ||
            MillisSince(started) + backoff_ms >= timeout_ms) {
            return ends.status();
        }
        RLOG_DEBUG(kLogComponent, "end offset of {}[{}]: {}; retrying", topic, partition,
                   ends.status().ToString());
        std::this_thread::sleep_for(std::chrono::milliseconds(backoff_ms));
        backoff_ms = std::min(backoff_ms * 2, 1000);
    }
}

Result<RestoreStats> RestoreFromChangelog(kafka::Consumer& consumer, StoreCore& core,
                                          int64_t end_offset, const StateConfig& config,
                                          const std::string& task_id) {
    ChangelogWriter* changelog = core.changelog();
    if (changelog == nullptr) return Status::Internal("restore of a store without changelog");
    RestoreStats stats;
    stats.store = core.name();
    stats.topic = changelog->topic();
    stats.partition = changelog->partition();
    stats.start_offset = core.checkpoint_offset();
    stats.end_offset = end_offset;
    const auto started = SteadyClock::now();
    const int64_t from = core.checkpoint_offset() >= 0 ? core.checkpoint_offset() : 0;
    if (from >= end_offset) {
        RLOG_INFO(kLogComponent, "task {} store {}: up to date with {}[{}] at offset {}", task_id,
                  core.name(), stats.topic, stats.partition, end_offset);
        return stats;
    }
    RLOG_INFO(kLogComponent, "task {} store {}: restoring from {}[{}] offsets {}..{}", task_id,
              core.name(), stats.topic, stats.partition, from, end_offset);
    kafka::TopicPartition tp{stats.topic, stats.partition,
                             core.checkpoint_offset() >= 0 ? from : kafka::kOffsetBeginning};
    RETURN_IF_ERROR(consumer.Assign({tp}));

    std::vector<kafka::RecordView> records;
    int64_t next = from;  // offset after the last record seen
    auto last_progress = SteadyClock::now();
    auto last_log = last_progress;
    while (next < end_offset) {
        RETURN_IF_ERROR(
            consumer.Poll(records, config.restore_batch_records, config.restore_poll_timeout_ms));
        if (records.empty()) {
            // Transaction markers (exactly-once changelogs end with one) and aborted records
            // are never delivered, but the consumer's position moves past them: at the end
            // offset the restore is complete.
            const auto assigned = consumer.Assignment();
            if (assigned.size() == 1 && assigned[0].offset >= end_offset) break;
            if (MillisSince(last_progress) >= config.restore_idle_timeout_ms) {
                stats.reached_end = false;
                RLOG_WARN(kLogComponent,
                          "task {} store {}: restore stopped at offset {} of {}[{}] (end {}): no "
                          "records for {} ms",
                          task_id, core.name(), next, stats.topic, stats.partition, end_offset,
                          config.restore_idle_timeout_ms);
                break;
            }
            continue;
        }
        RETURN_IF_ERROR(core.ApplyChangelog(records.data(), records.size()));
        stats.records += records.size();
        next = records.back().offset + 1;
        last_progress = SteadyClock::now();
        if (MillisSince(last_log) >= config.restore_log_interval_ms) {
            last_log = SteadyClock::now();
            RLOG_INFO(kLogComponent, "task {} store {}: restored {} records, at offset {} of {}",
                      task_id, core.name(), stats.records, next, end_offset);
        }
    }
    RETURN_IF_ERROR(consumer.Assign({}));
    stats.millis = MillisSince(started);
    if (core.malformed_restore_records() > 0) {
        RLOG_WARN(kLogComponent, "task {} store {}: skipped {} changelog records with bad keys",
                  task_id, core.name(), core.malformed_restore_records());
    }
    RLOG_INFO(kLogComponent, "task {} store {}: restored {} records from {}[{}] in {} ms", task_id,
              core.name(), stats.records, stats.topic, stats.partition, stats.millis);
    return stats;
}

}  // namespace runnel::state

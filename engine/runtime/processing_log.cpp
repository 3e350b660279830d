#include "engine/runtime/processing_log.h"

#include "engine/common/clock.h"
#include "engine/common/log.h"

namespace runnel::runtime {

void ProcessingLog::Record(std::string_view query_id, std::string_view topic, int32_t partition,
                           int64_t offset, std::string_view message) {
    count_.fetch_add(1);
    int64_t now = SystemClock::Default().NowMillis();
    std::lock_guard<std::mutex> lock(mutex_);
    if (now - window_start_ms_ > 1000) {
        window_start_ms_ = now;
        lines_in_window_ = 0;
    }
    // At most 20 lines a second: a flood of bad records must not drown the server log.
    if (++lines_in_window_ > 20) return;
    RLOG_WARN("processing-log", "query={} topic={} partition={} offset={}: {}", query_id, topic,
              partition, offset, message);
}

}  // namespace runnel::runtime

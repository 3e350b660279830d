// Processing log: where bad records go (malformed bytes, unusable timestamps, failed
// serialisation), with the query id and the record's topic/partition/offset. The query skips the
// record and goes on. Written to the server log (rate-limited per query) and counted.
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace runnel::runtime {

class ProcessingLog {
public:
    void Record(std::string_view query_id, std::string_view topic, int32_t partition,
                int64_t offset, std::string_view message);
    uint64_t count() const { return count_.load(); }

private:
    std::atomic<uint64_t> count_{0};
    std::mutex mutex_;
    int64_t window_start_ms_ = 0;
    int lines_in_window_ = 0;
};

}  // namespace runnel::runtime

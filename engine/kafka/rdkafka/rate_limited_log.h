// RateLimitedLog: lets one log line through per interval and counts the ones it held back, so a
// broker that stays down does not flood the server log. Thread-safe (a small mutex).
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

namespace runnel::kafka {

class RateLimitedLog {
public:
    explicit RateLimitedLog(std::chrono::milliseconds interval = std::chrono::seconds(5))
        : interval_(interval) {}

    // True when a line may be logged now; then *suppressed is the number of lines held back since
    // the last one that was let through.
    bool Allow(uint64_t* suppressed) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto now = std::chrono::steady_clock::now();
        if (has_logged_ && now - last_ < interval_) {
            ++suppressed_;
            return false;
        }
        has_logged_ = true;
        last_ = now;
        *suppressed = suppressed_;
        suppressed_ = 0;
        return true;
    }

private:
    std::mutex mutex_;
    const std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point last_;
    bool has_logged_ = false;
    uint64_t suppressed_ = 0;
};

}  // namespace runnel::kafka

#include "engine/common/clock.h"

#include <chrono>

namespace runnel {

int64_t SystemClock::NowMillis() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const Clock& SystemClock::Default() {
    static const SystemClock kClock;
    return kClock;
}

}  // namespace runnel

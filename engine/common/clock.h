// Clock: the only source of wall-clock time in the engine, injected so tests run on virtual time.
// SystemClock is thread-safe; ManualClock is thread-safe (atomic).
#pragma once

#include <atomic>
#include <cstdint>

namespace runnel {

class Clock {
public:
    virtual ~Clock() = default;
    virtual int64_t NowMillis() const = 0;
};

class SystemClock final : public Clock {
public:
    int64_t NowMillis() const override;
    static const Clock& Default();
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(int64_t start = 0) : now_(start) {}
    int64_t NowMillis() const override { return now_.load(); }
    void Set(int64_t t) { now_.store(t); }
    void Advance(int64_t d) { now_.fetch_add(d); }

private:
    std::atomic<int64_t> now_;
};

}  // namespace runnel

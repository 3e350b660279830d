// WindowStoreImpl: WindowStore over a StoreCore with WindowKeyCodec keys; retention by whole
// segments (range deletes) plus exact filtering of reads. Made by TaskStateManager.
// Thread-safety: as WindowStore (state_store.h).
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "engine/state/store_core.h"
#include "engine/state/window_key_codec.h"
#include "engine/state/window_store.h"

namespace runnel::state {

class WindowStoreImpl final : public WindowStore {
public:
    // InvalidArgument for a retention <= 0 or a negative size/interval.
    static Status Validate(const WindowStoreOptions& options);
    WindowStoreImpl(std::string name, const WindowStoreOptions& options, CacheBudget* budget);

    const std::string& name() const override { return core_.name(); }
    bool persistent() const override { return core_.persistent(); }
    Status Flush() override { return core_.Flush(); }
    uint64_t expired_writes() const override { return expired_writes_.load(); }

    Result<bool> Get(std::string_view key, int64_t window_start, ValueAndTimestamp* out) override;
    std::unique_ptr<WindowedIterator> Fetch(std::string_view key, int64_t time_from,
                                            int64_t time_to) override;
    std::unique_ptr<WindowedIterator> Fetch(std::string_view key) override;
    std::unique_ptr<WindowedIterator> FetchAll(int64_t time_from, int64_t time_to) override;
    std::unique_ptr<WindowedIterator> All() override;
    int64_t observed_stream_time() const override { return core_.observed_time(); }
    const WindowStoreOptions& options() const override { return options_; }

    Status Put(std::string_view key, int64_t window_start, std::string_view value,
               int64_t timestamp) override;
    Status Delete(std::string_view key, int64_t window_start, int64_t timestamp) override;
    void SetFlushListener(WindowFlushListener listener) override;

    StoreCore& core() { return core_; }

private:
    int64_t MinLive() const;
    Status ExpireSegments();
    Status Write(std::string_view key, int64_t start, const std::string_view* value,
                 int64_t timestamp);
    std::unique_ptr<WindowedIterator> Empty();

    const WindowStoreOptions options_;
    WindowKeyCodec* codec_;  // owned by core_
    StoreCore core_;
    std::string scratch_;  // writer only
    int64_t dropped_before_segment_;
    std::atomic<uint64_t> expired_writes_{0};
};

// Kafka Streams' default: max(retention / 2, 60 s).
int64_t DefaultSegmentInterval(int64_t retention_ms);

}  // namespace runnel::state

// SessionStoreImpl: SessionStore over a StoreCore with SessionKeyCodec keys; retention by whole
// segments of session end (range deletes) plus exact filtering of reads. Made by
// TaskStateManager. Thread-safety: as SessionStore (state_store.h).
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "engine/state/session_key_codec.h"
#include "engine/state/session_store.h"
#include "engine/state/store_core.h"

namespace runnel::state {

class SessionStoreImpl final : public SessionStore {
public:
    static Status Validate(const SessionStoreOptions& options);
    SessionStoreImpl(std::string name, const SessionStoreOptions& options, CacheBudget* budget);

    const std::string& name() const override { return core_.name(); }
    bool persistent() const override { return core_.persistent(); }
    Status Flush() override { return core_.Flush(); }
    uint64_t expired_writes() const override { return expired_writes_.load(); }

    std::unique_ptr<WindowedIterator> FindSessions(std::string_view key, int64_t earliest_end,
                                                   int64_t latest_start) override;
    Result<bool> Get(std::string_view key, int64_t start, int64_t end,
                     ValueAndTimestamp* out) override;
    std::unique_ptr<WindowedIterator> Fetch(std::string_view key) override;
    std::unique_ptr<WindowedIterator> FetchAllByEnd(int64_t earliest_end,
                                                    int64_t latest_end) override;
    std::unique_ptr<WindowedIterator> All() override;
    int64_t observed_stream_time() const override { return core_.observed_time(); }
    const SessionStoreOptions& options() const override { return options_; }

    Status Put(std::string_view key, int64_t start, int64_t end, std::string_view value,
               int64_t timestamp) override;
    Status Remove(std::string_view key, int64_t start, int64_t end, int64_t timestamp) override;
    void SetFlushListener(SessionFlushListener listener) override;

    StoreCore& core() { return core_; }

private:
    int64_t MinLive() const;
    Status ExpireSegments();
    Status Write(std::string_view key, int64_t start, int64_t end, const std::string_view* value,
                 int64_t timestamp);
    std::unique_ptr<WindowedIterator> Empty();

    const SessionStoreOptions options_;
    SessionKeyCodec* codec_;  // owned by core_
    StoreCore core_;
    std::string scratch_;  // writer only
    int64_t dropped_before_segment_;
    std::atomic<uint64_t> expired_writes_{0};
};

}  // namespace runnel::state

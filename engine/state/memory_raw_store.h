// MemoryRawStore: a RawStore on std::map, for tests and the in-memory stores switch. Its content
// is lost when it is destroyed, so a logged in-memory store restores from its changelog on every
// open. Iterators copy the entries of their ranges when created (a snapshot), so a reader never
// holds the lock while it iterates.
// Thread-safety: as RawStore (single writer, concurrent readers), by a shared_mutex.
#pragma once

#include <map>
#include <memory>
#include <shared_mutex>
#include <string>

#include "engine/state/raw_store.h"

namespace runnel::state {

class MemoryRawStore final : public RawStore {
public:
    MemoryRawStore() = default;

    Result<bool> Get(std::string_view key, ValueAndTimestamp* out) override;
    std::unique_ptr<RawIterator> NewIterator(std::vector<ByteRange> ranges) override;
    Result<std::optional<std::string>> GetMeta(std::string_view key) override;
    uint64_t ApproximateCount() override;
    std::unique_ptr<RawWriteBatch> NewBatch() override;
    Status Write(RawWriteBatch& batch) override;
    Status FlushToDisk() override { return Status::Ok(); }
    void Close() override {}
    bool persistent() const override { return false; }

private:
    std::shared_mutex mutex_;
    std::map<std::string, ValueAndTimestamp, std::less<>> data_;
    std::map<std::string, std::string, std::less<>> meta_;
};

}  // namespace runnel::state

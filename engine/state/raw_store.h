// RawStore: the bottom of a state store, an ordered byte map of timestamped values plus a small
// metadata map (checkpointed changelog offset, observed stream time, layout tag), written in
// atomic batches. Two implementations: MemoryRawStore (std::map) and RocksDbRawStore (one
// RocksDB instance per store with a "meta" column family). Internal to engine/state: StoreCore
// puts the write-back cache and the changelog in front of it.
// Thread-safety: one writer (NewBatch/Write/Close/FlushToDisk) and any number of concurrent
// readers (Get/GetMeta/NewIterator/ApproximateCount). A batch or iterator object belongs to one
// thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/state/state_store.h"

namespace runnel::state {

// [lower, upper) with owned bounds; empty `upper` with has_upper false: unbounded.
struct ByteRange {
    std::string lower;
    std::string upper;
    bool has_upper = true;
};

class RawWriteBatch {
public:
    virtual ~RawWriteBatch() = default;
    virtual void Put(std::string_view key, int64_t timestamp, std::string_view value) = 0;
    virtual void Delete(std::string_view key) = 0;
    virtual void DeleteRange(std::string_view lower, std::string_view upper) = 0;
    virtual void PutMeta(std::string_view key, std::string_view value) = 0;
    virtual size_t count() const = 0;
    virtual void Clear() = 0;
};

class RawIterator {
public:
    virtual ~RawIterator() = default;
    virtual bool Valid() const = 0;
    virtual void Next() = 0;
    virtual std::string_view key() const = 0;
    virtual std::string_view value() const = 0;
    virtual int64_t timestamp() const = 0;
    virtual Status status() const = 0;
};

class RawStore {
public:
    virtual ~RawStore() = default;

    virtual Result<bool> Get(std::string_view key, ValueAndTimestamp* out) = 0;
    // Entries of the ranges (ascending, disjoint) from one consistent snapshot.
    virtual std::unique_ptr<RawIterator> NewIterator(std::vector<ByteRange> ranges) = 0;
    virtual Result<std::optional<std::string>> GetMeta(std::string_view key) = 0;
    virtual uint64_t ApproximateCount() = 0;

    virtual std::unique_ptr<RawWriteBatch> NewBatch() = 0;
    // Applies the batch atomically; the batch is left as it was (Clear it to reuse it).
    virtual Status Write(RawWriteBatch& batch) = 0;
    // Makes every write durable on disk (clean shutdown); no-op in memory.
    virtual Status FlushToDisk() = 0;
    // Releases the store. Iterators still alive keep what they need (a RocksDB database stays
    // open until its last iterator is destroyed). Idempotent.
    virtual void Close() = 0;
    virtual bool persistent() const = 0;
};

}  // namespace runnel::state

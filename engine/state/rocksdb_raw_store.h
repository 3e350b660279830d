// RocksDbRawStore: a RawStore on one RocksDB database (one per store and task) with two column
// families: "default" holds the entries (value = 8-byte little-endian timestamp + value bytes),
// "meta" the checkpointed changelog offset, observed stream time and layout tag. Writes skip the
// WAL by default (RocksDbConfig::disable_wal): the changelog is the durable log.
// The database object is shared with live iterators and closed when the store AND every
// iterator are gone, so a reader can never trip the "close with live iterator" assertion of
// Debian's RocksDB build.
// Thread-safety: as RawStore (single writer, concurrent readers); RocksDB is thread-safe.
#pragma once

#include <memory>
#include <string>

#include "engine/state/raw_store.h"
#include "engine/state/rocksdb_resources.h"

namespace runnel::state {

class RocksDbRawStore final : public RawStore {
public:
    // Opens or creates the database in `path` (created with its parents when missing).
    static Result<std::unique_ptr<RocksDbRawStore>> Open(const std::string& path,
                                                         const RocksDbResources& resources);
    ~RocksDbRawStore() override;

    Result<bool> Get(std::string_view key, ValueAndTimestamp* out) override;
    std::unique_ptr<RawIterator> NewIterator(std::vector<ByteRange> ranges) override;
    Result<std::optional<std::string>> GetMeta(std::string_view key) override;
    uint64_t ApproximateCount() override;
    std::unique_ptr<RawWriteBatch> NewBatch() override;
    Status Write(RawWriteBatch& batch) override;
    Status FlushToDisk() override;
    void Close() override;
    bool persistent() const override { return true; }

    struct Db;  // the database and its column family handles (shared with iterators)

private:
    RocksDbRawStore(std::string path, std::shared_ptr<Db> db, bool disable_wal);

    std::string path_;
    std::shared_ptr<Db> db_;
    bool disable_wal_;
};

}  // namespace runnel::state

// RocksDbResources: what all RocksDB stores of a server share so that memory stays bounded no
// matter how many stores are open: one LRU block cache, one WriteBufferManager (memtables
// charged to that cache), and the base options every store database opens with.
// Thread-safe: immutable after Make; RocksDB's cache and buffer manager are thread-safe.
#pragma once

#include <rocksdb/cache.h>
#include <rocksdb/options.h>
#include <rocksdb/write_buffer_manager.h>

#include <memory>

#include "engine/state/state_config.h"

namespace runnel::state {

class RocksDbResources {
public:
    static std::shared_ptr<RocksDbResources> Make(const RocksDbConfig& config);

    const RocksDbConfig& config() const { return config_; }
    // DB + column family options for a store database (data and meta column families share
    // the table options: block cache, bloom filter).
    rocksdb::DBOptions db_options() const;
    rocksdb::ColumnFamilyOptions cf_options() const;

private:
    RocksDbConfig config_;
    std::shared_ptr<rocksdb::Cache> cache_;
    std::shared_ptr<rocksdb::WriteBufferManager> write_buffers_;
};

}  // namespace runnel::state

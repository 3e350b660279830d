// RocksDbResources: options of a store database.

#include "engine/state/rocksdb_resources.h"

#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

namespace runnel::state {

std::shared_ptr<RocksDbResources> RocksDbResources::Make(const RocksDbConfig& config) {
    auto r = std::make_shared<RocksDbResources>();
    r->config_ = config;
    r->cache_ = rocksdb::NewLRUCache(config.block_cache_bytes);
    r->write_buffers_ =
        std::make_shared<rocksdb::WriteBufferManager>(config.write_buffer_manager_bytes, r->cache_);
    return r;
}

rocksdb::DBOptions RocksDbResources::db_options() const {
    rocksdb::DBOptions o;
    o.create_if_missing = true;
    o.create_missing_column_families = true;
    // Data and meta (checkpoint offset) column families flush together, so a store reopened
    // after a crash without WAL never has a checkpoint ahead of its data.
    o.atomic_flush = true;
    o.max_background_jobs = config_.max_background_jobs;
    o.write_buffer_manager = write_buffers_;
    o.keep_log_file_num = 2;
    o.max_log_file_size = 1 << 20;
    o.max_manifest_file_size = 16 << 20;
    return o;
}

rocksdb::ColumnFamilyOptions RocksDbResources::cf_options() const {
    rocksdb::ColumnFamilyOptions o;
    o.write_buffer_size = config_.write_buffer_size;
    o.max_write_buffer_number = config_.max_write_buffer_number;
    // Point reads of keys not in the store are the common case of an aggregation (a new key or
    // a new window): a whole-key bloom filter in the memtable answers them without a search.
    o.memtable_whole_key_filtering = true;
    o.memtable_prefix_bloom_size_ratio = 0.05;
    if (config_.compression) {
        o.compression = rocksdb::kLZ4Compression;
        o.bottommost_compression = rocksdb::kZSTD;
    } else {
        o.compression = rocksdb::kNoCompression;
    }
    rocksdb::BlockBasedTableOptions t;
    t.block_cache = cache_;
    t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    t.cache_index_and_filter_blocks = true;
    t.pin_l0_filter_and_index_blocks_in_cache = true;
    o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
    return o;
}

}  // namespace runnel::state
